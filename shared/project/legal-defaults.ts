/**
 * Legal defaults for deadlines and thresholds, each with its source and how sure we are (BRIEF "Legal defaults found
 * so far"). `confirmed: false` values are Vatra's defaults until the project's legal team confirms them against the
 * full texts (the README lists them). Nothing in the code repeats these numbers: read them through `legalDefaults()`.
 */
import { z } from 'zod';
import { msg } from '../platform/i18n/ro.js';

/** How the value was found: quoted from the act in force, a secondary source, a predecessor act, a draft, or not found. */
export type Confidence = 'quoted' | 'secondary' | 'predecessor_act' | 'draft' | 'not_found';
export type LegalUnit = 'hours' | 'days' | 'months' | 'years';
/**
 * What the value measures: a term counted from an event (report, request, evaluation…), the maximum interval between
 * periodic reviews, a minimum duration, or an age limit.
 */
export type LegalBasis = 'from_event' | 'periodic' | 'minimum_duration' | 'age_limit';

export interface LegalDefault {
  key: LegalKey;
  value: number;
  unit: LegalUnit;
  basis: LegalBasis;
  /** act and article */
  source: string;
  confidence: Confidence;
  confirmed: boolean;
  note: string;
}

type Entry = Omit<LegalDefault, 'key'>;

const table = {
  homeVisitAfterReportHours: {
    value: 72, unit: 'hours', basis: 'from_event',
    source: 'HG 691/2015, modificată în iulie 2025 (anunțul Ministerului Muncii, Familiei, Tineretului și Solidarității Sociale)',
    confidence: 'secondary', confirmed: false,
    note: 'Vizita la domiciliu după primirea sesizării sau a fișei de observație; confirmați în textul HG publicat în Monitorul Oficial.',
  },
  initialEvaluationHours: {
    value: 72, unit: 'hours', basis: 'from_event',
    source: 'Ordin 69/2004, standardul 3 (înlocuit de Ordin 288/2006)',
    confidence: 'predecessor_act', confirmed: false,
    note: 'De la înregistrarea cererii / referirii / sesizării; formularea actului anterior, de confirmat în Ordin 288/2006.',
  },
  planDrawUpDays: {
    value: 30, unit: 'days', basis: 'from_event',
    source: 'Legea 272/2004 art. 54 alin. (1) (numerotarea din 2004); Ordin 286/2006 anexa 2 — termenul de finalizare nu a fost găsit',
    confidence: 'not_found', confirmed: false,
    note: 'Planul individualizat de protecție (PIP) se elaborează imediat după cererea de protecție specială sau plasamentul în regim de urgență; 30 de zile este valoarea implicită Vatra pentru finalizarea lui.',
  },
  planDrawUpAfterEvaluationDays: {
    value: 30, unit: 'days', basis: 'from_event',
    source: 'Ordin 286/2006 anexa 1 (planul de servicii) și Ordin 288/2006 — termenul nu a fost găsit',
    confidence: 'not_found', confirmed: false,
    note: 'Planul de servicii (PS) întocmit după finalizarea evaluării inițiale; valoare implicită Vatra.',
  },
  planApprovalDays: {
    value: 5, unit: 'days', basis: 'from_event',
    source: 'Regulă de lucru Vatra — nu a fost găsit un termen legal',
    confidence: 'not_found', confirmed: false,
    note: 'Aprobarea planului de către coordonator după depunere.',
  },
  pipReviewMonths: {
    value: 3, unit: 'months', basis: 'periodic',
    source: 'Legea 272/2004 art. 68 alin. (1) (numerotarea din 2004): măsurile de protecție specială se revizuiesc cel puțin o dată la 3 luni',
    confidence: 'quoted', confirmed: true,
    note: 'Și ori de câte ori este necesar.',
  },
  psReviewMonths: {
    value: 3, unit: 'months', basis: 'periodic',
    source: 'Ordin 80/2004 art. 11 alin. (2) (înlocuit de Ordin 286/2006): reevaluare cel puțin trimestrială',
    confidence: 'predecessor_act', confirmed: false,
    note: 'De confirmat în Ordin 286/2006.',
  },
  psMinimumDurationMonths: {
    value: 12, unit: 'months', basis: 'minimum_duration',
    source: 'Proiectul Legii 156/2023, art. 3 lit. c)',
    confidence: 'draft', confirmed: false,
    note: 'Durata minimă de acompaniere a familiei prin planul de servicii; de confirmat în forma publicată a legii.',
  },
  postReintegrationMonitoringMonths: {
    value: 3, unit: 'months', basis: 'minimum_duration',
    source: 'Nu a fost găsit un termen legal',
    confidence: 'not_found', confirmed: false,
    note: 'Monitorizarea familiei după reintegrare, înainte de închiderea cazului; valoare implicită Vatra.',
  },
  closingEvaluationDays: {
    value: 10, unit: 'days', basis: 'from_event',
    source: 'Regulă de lucru Vatra — nu a fost găsit un termen legal (Ordin 288/2006, de verificat)',
    confidence: 'not_found', confirmed: false,
    note: 'Evaluarea finală și închiderea cazului după decizia de închidere.',
  },
  observatorRegistrationDays: {
    value: 5, unit: 'days', basis: 'from_event',
    source: 'Legea 156/2023 (Observatorul Național al Copilului) — termenul nu a fost găsit',
    confidence: 'not_found', confirmed: false,
    note: 'Înregistrarea planului aprobat în Observatorul Național al Copilului.',
  },
  childAgeLimitYears: {
    value: 18, unit: 'years', basis: 'age_limit',
    source: 'Legea 156/2023 art. 3 lit. a); Legea 272/2004 (copil = persoana sub 18 ani fără capacitate deplină de exercițiu)',
    confidence: 'quoted', confirmed: true,
    note: 'Grupul țintă cuprinde copii sub această vârstă la data sesizării.',
  },
  specialProtectionStudiesAgeLimitYears: {
    value: 26, unit: 'years', basis: 'age_limit',
    source: 'Legea 272/2004 art. 55 (numerotarea din 2004)',
    confidence: 'quoted', confirmed: true,
    note: 'Protecția specială poate continua până la această vârstă pe durata studiilor la zi.',
  },
} as const satisfies Record<string, Entry>;

export type LegalKey = keyof typeof table;
export type LegalDefaults = Readonly<Record<LegalKey, Readonly<LegalDefault>>>;
export type LegalOverrides = Partial<Record<LegalKey, number>>;

export const legalKeys = Object.freeze(Object.keys(table) as LegalKey[]);

const overrideValue = z.number().int().nonnegative();

/**
 * The legal defaults, frozen, with optional local overrides (for example a value the legal team confirmed differently).
 * An overridden entry keeps its source and says in its note that the value was configured locally.
 * Throws a RangeError (Romanian message) for an unknown key or a value that is not a non-negative integer.
 */
export function legalDefaults(overrides: LegalOverrides = {}): LegalDefaults {
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in table)) throw new RangeError(msg('LEGAL_DEFAULT_UNKNOWN', { key: k }));
    if (v !== undefined && !overrideValue.safeParse(v).success) throw new RangeError(msg('LEGAL_DEFAULT_INVALID', { key: k }));
  }
  const out = {} as Record<LegalKey, Readonly<LegalDefault>>;
  for (const key of legalKeys) {
    const entry: Entry = table[key];
    const value = overrides[key];
    out[key] = Object.freeze({
      key,
      ...entry,
      ...(value !== undefined && value !== entry.value ? { value, note: `${entry.note} Valoare configurată local (implicit: ${entry.value}).` } : {}),
    });
  }
  return Object.freeze(out);
}

/** Entries still to be confirmed by the legal team. */
export const unconfirmedDefaults = (cfg: LegalDefaults = legalDefaults()): Readonly<LegalDefault>[] =>
  Object.values(cfg).filter((d) => !d.confirmed);

/**
 * How terms are counted (Codul civil, art. 2551–2555, which apply whatever the term's nature or source).
 * Vatra takes the conservative side, so a reminder never comes later than the law allows:
 * - hours: exact elapsed hours from the event (art. 2555 would not count the first and last hour);
 * - days: the term ends at the end (24:00, Bucharest) of the day `n` calendar days after the event's day
 *   (art. 2553 would not count the last day either, i.e. one day later);
 * - months/years: the term ends at the end of the corresponding day of the last month, or of that month's last day
 *   when it has no such day (art. 2552 (1)–(2));
 * - no extension to the next working day (art. 2554): staff see the earlier date.
 */
export const termComputation = Object.freeze({
  source: 'Codul civil, art. 2551–2555 (calculul termenelor)',
  confidence: 'quoted' as Confidence,
  confirmed: true,
  conservative: true,
  extendsToNextWorkingDay: false,
});

/**
 * Who belongs to the project's target group, beyond the age limit above (project rules, not law).
 * Prevention is for children of Timișoara (`residenceLocalities`, compared without diacritics or case);
 * reintegration is for children with a special-protection measure; every child needs at least one risk factor.
 */
export interface TargetGroupConfig {
  prevention: { residenceLocalities: readonly string[]; source: string };
  reintegration: { requiresSpecialProtection: boolean; residenceLocalities: readonly string[] | null; source: string; note: string };
  minimumRiskFactors: number;
  riskFactorsSource: string;
}

const projectSource = 'Comunicatul de presă de lansare a proiectului 328741, secțiunea „Grupul țintă” (seeds/project-press-release.ro.txt)';

export const targetGroup: Readonly<TargetGroupConfig> = Object.freeze({
  prevention: Object.freeze({
    residenceLocalities: Object.freeze(['Timișoara']),
    source: `${projectSource}: „252 copii din Timișoara, aflați în risc de separare de familie”`,
  }),
  reintegration: Object.freeze({
    requiresSpecialProtection: true,
    residenceLocalities: null,
    source: `${projectSource}: „14 copii din sistemul de protecție specială”`,
    note: 'Reintegrarea se face în familii din Municipiul Timișoara; domiciliul copilului (locul plasamentului) nu este verificat.',
  }),
  minimumRiskFactors: 1,
  riskFactorsSource: 'Catalogul de factori de risc (shared/cases/risk-factors.ts); grupul țintă este format din copii „aflați în risc de separare”',
});
