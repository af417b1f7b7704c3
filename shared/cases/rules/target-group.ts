/**
 * Is the child in the project's target group? (pure; the age limit, localities and risk-factor catalogue are configuration)
 * - under the child age limit (18) on the referral date;
 * - prevention: resident in one of the configured localities (Timișoara), compared without diacritics or case;
 * - reintegration: in special protection;
 * - at least one risk factor from the catalogue (unknown codes are reported).
 */
import { legalDefaults, targetGroup, type LegalDefaults, type TargetGroupConfig } from '../../project/legal-defaults.js';
import { riskFactorCodes } from '../risk-factors.js';
import { coded, type CodedMessage } from '../../platform/i18n/ro.js';
import { normaliseName } from './duplicates.js';
import { ageOn, isIsoDate } from '../../platform/calendar.js';

export { ageOn } from '../../platform/calendar.js';

export type Track = 'prevention' | 'reintegration';

export interface TargetGroupInput {
  birthDate: string;
  /** 'YYYY-MM-DD' (Bucharest calendar day of the referral) */
  referralDate: string;
  track: Track;
  residenceCity: string;
  inSpecialProtection: boolean;
  riskFactors: readonly string[];
}

export type TargetGroupReasonCode =
  | 'DATE_INVALID'
  | 'BIRTH_AFTER_REFERRAL'
  | 'AGE_LIMIT'
  | 'RESIDENCE'
  | 'NOT_IN_SPECIAL_PROTECTION'
  | 'NO_RISK_FACTOR'
  | 'UNKNOWN_RISK_FACTOR';

export interface TargetGroupResult {
  eligible: boolean;
  reasons: CodedMessage<TargetGroupReasonCode>[];
}

export interface TargetGroupRules {
  legal?: LegalDefaults;
  targetGroup?: TargetGroupConfig;
  riskFactorCodes?: readonly string[];
}

export function checkTargetGroup(input: TargetGroupInput, cfg: TargetGroupRules = {}): TargetGroupResult {
  const legal = cfg.legal ?? legalDefaults();
  const tg = cfg.targetGroup ?? targetGroup;
  const catalogue = cfg.riskFactorCodes ?? riskFactorCodes;
  const reasons: CodedMessage<TargetGroupReasonCode>[] = [];

  const datesOk = isIsoDate(input.birthDate) && isIsoDate(input.referralDate);
  if (!isIsoDate(input.birthDate)) reasons.push(coded('DATE_INVALID', { field: 'data nașterii' }));
  if (!isIsoDate(input.referralDate)) reasons.push(coded('DATE_INVALID', { field: 'data sesizării' }));
  if (datesOk) {
    const limit = legal.childAgeLimitYears.value;
    if (input.birthDate > input.referralDate) reasons.push(coded('BIRTH_AFTER_REFERRAL'));
    else if (ageOn(input.birthDate, input.referralDate) >= limit) reasons.push(coded('AGE_LIMIT', { limit }));
  }

  const localities = input.track === 'prevention' ? tg.prevention.residenceLocalities : tg.reintegration.residenceLocalities;
  if (localities && !localities.some((l) => normaliseName(l) === normaliseName(input.residenceCity))) {
    reasons.push(coded('RESIDENCE', { track: input.track === 'prevention' ? 'de prevenire' : 'de reintegrare', localities: localities.join(', ') }));
  }
  if (input.track === 'reintegration' && tg.reintegration.requiresSpecialProtection && !input.inSpecialProtection) {
    reasons.push(coded('NOT_IN_SPECIAL_PROTECTION'));
  }

  const unknown = [...new Set(input.riskFactors.filter((r) => !catalogue.includes(r)))];
  const known = new Set(input.riskFactors.filter((r) => catalogue.includes(r)));
  if (unknown.length > 0) reasons.push(coded('UNKNOWN_RISK_FACTOR', { codes: unknown.join(', ') }));
  if (known.size < tg.minimumRiskFactors) reasons.push(coded('NO_RISK_FACTOR', { min: tg.minimumRiskFactors }));

  return { eligible: reasons.length === 0, reasons };
}
