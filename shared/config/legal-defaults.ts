/**
 * Legal defaults for deadlines and thresholds, each with its source and how sure we are. `confirmed: false` values
 * are Vatra's defaults until the project's legal team confirms them against the full texts (README lists them).
 */
export type Confidence = 'quoted' | 'secondary' | 'predecessor_act' | 'draft' | 'not_found';

export interface LegalDefault {
  key: string;
  value: number;
  unit: 'hours' | 'days' | 'months' | 'years';
  source: string;
  confidence: Confidence;
  confirmed: boolean;
  note?: string;
}

const table = {
  homeVisitAfterReportHours: { value: 72, unit: 'hours', source: 'HG 691/2015, modificată în iulie 2025 (anunțul ministerului)', confidence: 'secondary', confirmed: false, note: 'Vizita la domiciliu după sesizare sau fișa de observație' },
  initialEvaluationHours: { value: 72, unit: 'hours', source: 'Ordin 69/2004 standardul 3, înlocuit de Ordin 288/2006', confidence: 'predecessor_act', confirmed: false, note: 'De la înregistrarea cererii / referirii / sesizării' },
  planDrawUpDays: { value: 30, unit: 'days', source: 'Legea 272/2004 art. 54(1) (numerotarea din 2004); Ordin 286/2006 anexa 2 — termenul de finalizare nu a fost găsit', confidence: 'not_found', confirmed: false, note: 'Valoare implicită Vatra' },
  planApprovalDays: { value: 5, unit: 'days', source: 'Regulă internă Vatra (nu este termen legal)', confidence: 'not_found', confirmed: false },
  pipReviewMonths: { value: 3, unit: 'months', source: 'Legea 272/2004 art. 68(1) (numerotarea din 2004): cel puțin o dată la 3 luni', confidence: 'quoted', confirmed: true },
  psReviewMonths: { value: 3, unit: 'months', source: 'Ordin 80/2004 art. 11(2), înlocuit de Ordin 286/2006: cel puțin trimestrial', confidence: 'predecessor_act', confirmed: false },
  psMinimumDurationMonths: { value: 12, unit: 'months', source: 'Proiectul Legii 156/2023, art. 3 lit. c', confidence: 'draft', confirmed: false },
  postReintegrationMonitoringMonths: { value: 3, unit: 'months', source: 'Nu a fost găsit un termen legal', confidence: 'not_found', confirmed: false, note: 'Monitorizarea după reintegrare' },
  closingEvaluationDays: { value: 10, unit: 'days', source: 'Regulă internă Vatra (nu este termen legal)', confidence: 'not_found', confirmed: false },
  observatorRegistrationDays: { value: 5, unit: 'days', source: 'Legea 156/2023 (Observatorul Național al Copilului) — termenul nu a fost găsit', confidence: 'not_found', confirmed: false },
  childAgeLimitYears: { value: 18, unit: 'years', source: 'Legea 156/2023 art. 3 lit. a; Legea 272/2004', confidence: 'quoted', confirmed: true },
  specialProtectionStudiesAgeLimitYears: { value: 26, unit: 'years', source: 'Legea 272/2004 art. 55', confidence: 'quoted', confirmed: true },
} as const satisfies Record<string, Omit<LegalDefault, 'key'>>;

export type LegalKey = keyof typeof table;
export type LegalDefaults = Readonly<Record<LegalKey, LegalDefault>>;

export function legalDefaults(overrides: Partial<Record<LegalKey, number>> = {}): LegalDefaults {
  const out = {} as Record<LegalKey, LegalDefault>;
  for (const [k, v] of Object.entries(table) as [LegalKey, Omit<LegalDefault, 'key'>][]) {
    out[k] = Object.freeze({ key: k, ...v, ...(overrides[k] !== undefined ? { value: overrides[k]!, note: `${v.note ?? ''} (valoare configurată local)`.trim() } : {}) });
  }
  return Object.freeze(out);
}

export const unconfirmedDefaults = () => Object.values(legalDefaults()).filter((d) => !d.confirmed);
