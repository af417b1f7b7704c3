/** Is the child in the project's target group? (pure; limits and localities are configuration) */
import { legalDefaults, type LegalDefaults } from '../config/legal-defaults.js';
import { riskFactorCodes } from '../config/risk-factors.js';
import { normaliseName } from './duplicates.js';

export const targetGroupConfig = {
  prevention: { residenceLocalities: ['Timișoara'] },
} as const;

export interface TargetGroupInput {
  birthDate: string;
  referralDate: string;
  track: 'prevention' | 'reintegration';
  residenceCity: string;
  inSpecialProtection: boolean;
  riskFactors: string[];
}

export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function checkTargetGroup(input: TargetGroupInput, cfg: LegalDefaults = legalDefaults(), localities: readonly string[] = targetGroupConfig.prevention.residenceLocalities) {
  const reasons: { code: string; message: string }[] = [];
  const limit = cfg.childAgeLimitYears.value;
  if (input.birthDate > input.referralDate) reasons.push({ code: 'BIRTH_AFTER_REFERRAL', message: 'Data nașterii este după data sesizării' });
  else if (ageOn(input.birthDate, input.referralDate) >= limit) reasons.push({ code: 'AGE_LIMIT', message: `Copilul avea cel puțin ${limit} ani la data sesizării` });
  if (input.track === 'prevention' && !localities.map(normaliseName).includes(normaliseName(input.residenceCity))) {
    reasons.push({ code: 'RESIDENCE', message: `Traseul de prevenire este pentru copiii cu domiciliul în ${localities.join(', ')}` });
  }
  if (input.track === 'reintegration' && !input.inSpecialProtection) reasons.push({ code: 'NOT_IN_SPECIAL_PROTECTION', message: 'Traseul de reintegrare este pentru copiii cu măsură de protecție specială' });
  const known = input.riskFactors.filter((r) => riskFactorCodes.includes(r));
  if (known.length === 0) reasons.push({ code: 'NO_RISK_FACTOR', message: 'Este necesar cel puțin un factor de risc din catalog' });
  return { eligible: reasons.length === 0, reasons };
}
