/**
 * Risk factors for separation from the family: the catalogue staff pick from at referral and evaluation.
 * Codes are stable (stored in cases and reports); labels are Romanian. `source` says where the factor comes from:
 * 'project' — named in the project's press release (intervention A: „comportamentul delincvent, părăsirea repetată
 * a domiciliului, consumul de alcool și droguri, tentativă de suicid și abandon școlar”); 'roma_plan' — the Roma local
 * plan 2026 (action 6.1, identity documents); 'practice' — usual factors of child-protection case management.
 */
export interface RiskFactor {
  code: string;
  label: string;
  source: 'project' | 'roma_plan' | 'practice';
}

export const riskFactors = Object.freeze([
  { code: 'delinquent_behaviour', label: 'Comportament delincvent', source: 'project' },
  { code: 'repeated_running_away', label: 'Părăsirea repetată a domiciliului', source: 'project' },
  { code: 'alcohol_drug_use', label: 'Consum de alcool sau droguri', source: 'project' },
  { code: 'suicide_attempt', label: 'Tentativă de suicid', source: 'project' },
  { code: 'school_dropout', label: 'Abandon sau risc de abandon școlar', source: 'project' },
  { code: 'abuse_neglect', label: 'Abuz sau neglijare', source: 'practice' },
  { code: 'domestic_violence', label: 'Violență în familie', source: 'practice' },
  { code: 'poverty', label: 'Sărăcie severă', source: 'practice' },
  { code: 'housing', label: 'Locuință precară sau lipsa locuinței', source: 'practice' },
  { code: 'parental_migration', label: 'Părinți plecați la muncă în străinătate', source: 'practice' },
  { code: 'parental_addiction', label: 'Dependențe ale părinților (alcool, droguri, jocuri de noroc)', source: 'practice' },
  { code: 'disability', label: 'Dizabilitate a copilului', source: 'practice' },
  { code: 'missing_documents', label: 'Lipsa actelor de identitate', source: 'roma_plan' },
] as const satisfies readonly RiskFactor[]);

export type RiskFactorCode = (typeof riskFactors)[number]['code'];
export const riskFactorCodes: readonly string[] = Object.freeze(riskFactors.map((r) => r.code));

export const isRiskFactorCode = (code: string): code is RiskFactorCode => riskFactorCodes.includes(code);

export const riskFactorLabel = (code: string): string | undefined => riskFactors.find((r) => r.code === code)?.label;
