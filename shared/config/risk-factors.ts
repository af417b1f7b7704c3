/** Risk factors for separation from the family (catalogue as data; codes are stable, labels Romanian). */
export const riskFactors = [
  { code: 'abuse_neglect', label: 'Abuz sau neglijare' },
  { code: 'domestic_violence', label: 'Violență în familie' },
  { code: 'delinquent_behaviour', label: 'Comportament delincvent' },
  { code: 'repeated_running_away', label: 'Fugă repetată de acasă' },
  { code: 'alcohol_drug_use', label: 'Consum de alcool sau droguri' },
  { code: 'suicide_attempt', label: 'Tentativă de suicid' },
  { code: 'school_dropout', label: 'Abandon sau risc de abandon școlar' },
  { code: 'poverty', label: 'Sărăcie severă' },
  { code: 'housing', label: 'Locuire precară sau lipsa locuinței' },
  { code: 'parental_migration', label: 'Părinți plecați la muncă în străinătate' },
  { code: 'parental_addiction', label: 'Dependențe ale părinților' },
  { code: 'disability', label: 'Dizabilitate a copilului' },
  { code: 'missing_documents', label: 'Lipsa actelor de identitate' },
] as const;

export type RiskFactorCode = (typeof riskFactors)[number]['code'];
export const riskFactorCodes = riskFactors.map((r) => r.code) as readonly string[];
