/**
 * Data-protection configuration: which case fields are sealed (field-level encryption), how long a closed case keeps
 * its personal data, and what happens on consent withdrawal. Values carry their source and how sure we are, like
 * shared/project/legal-defaults.ts; nothing in the code repeats them.
 */
import type { Confidence } from '../project/legal-defaults.js';

/**
 * Case fields sealed with AES-256-GCM inside the case item (GDPR art. 9 data and identifiers): the CNP, the self-declared
 * ethnicity, disability and the health-revealing risk factors (suicide attempt, alcohol or drug use, disability), and
 * the free-text narratives where staff describe the family's health and situation. Dotted paths into CaseRecord.
 * Everything not listed stays readable by the queries that need it (stage, status, dates, services, institution).
 */
export const sealedCaseFields = [
  'child.cnp',
  'child.ethnicity',
  'child.disability',
  'referral.reason',
  'referral.riskFactors',
  'evaluation.riskFactors',
  'evaluation.familySituation',
  'evaluation.needs',
  'evaluation.childView',
] as const;
export type SealedCaseField = (typeof sealedCaseFields)[number];

export interface RetentionSetting<T> {
  value: T;
  source: string;
  confidence: Confidence;
  confirmed: boolean;
  note: string;
}

export interface RetentionConfig {
  /** personal data of a closed case is kept this many years after closure, then anonymised */
  closedCaseYears: RetentionSetting<number>;
  /**
   * never anonymise before this day: documents of an ESF+ operation are kept for five years from 31 December of the
   * year of the last payment to the beneficiary (project ends 2028-02 → last payment expected in 2028)
   */
  keepProjectRecordsUntil: RetentionSetting<string>;
}

export const retentionConfig: Readonly<RetentionConfig> = Object.freeze({
  closedCaseYears: Object.freeze({
    value: 5,
    source: 'Legea 16/1996 a Arhivelor Naționale (termenele de păstrare din nomenclatorul arhivistic al instituției); Legea 272/2004 și Ordin 288/2006 (dosarul de caz); GDPR art. 5 alin. (1) lit. e) (limitarea stocării)',
    confidence: 'not_found' as Confidence,
    confirmed: false,
    note: 'Termenul de păstrare a dosarului de caz după închidere nu a fost găsit în textele consultate; 5 ani este valoarea implicită Vatra până la confirmarea din nomenclatorul arhivistic al DAS / DGASPC.',
  }),
  keepProjectRecordsUntil: Object.freeze({
    value: '2033-12-31',
    source: 'Regulamentul (UE) 2021/1060, art. 82 alin. (1): documentele operațiunii se păstrează 5 ani de la 31 decembrie a anului ultimei plăți către beneficiar',
    confidence: 'quoted' as Confidence,
    confirmed: false,
    note: 'Data derivă din ultima plată presupusă în 2028 (proiectul se încheie în februarie 2028); se actualizează când se cunoaște data ultimei plăți.',
  }),
});

export interface RetentionPolicy {
  /** days after closure; derived from closedCaseYears unless overridden */
  closedCaseDays: number | null;
  closedCaseYears: number;
  /** no anonymisation before this day (YYYY-MM-DD), or null */
  notBefore: string | null;
}

/**
 * The policy in force. Operations (and the tests) may shorten it through the environment:
 * VATRA_RETENTION_DAYS replaces the period in days, VATRA_RETENTION_NOT_BEFORE=none lifts the project-records floor.
 */
export function retentionPolicy(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  const days = env.VATRA_RETENTION_DAYS;
  const floor = env.VATRA_RETENTION_NOT_BEFORE;
  const parsedDays = days !== undefined && /^\d{1,5}$/.test(days) ? Number(days) : null;
  return {
    closedCaseYears: retentionConfig.closedCaseYears.value,
    closedCaseDays: parsedDays,
    notBefore: floor === 'none' ? null : floor && /^\d{4}-\d{2}-\d{2}$/.test(floor) ? floor : retentionConfig.keepProjectRecordsUntil.value,
  };
}

/** What each consent purpose's withdrawal stops (shown to staff and documented in docs/decisions/009). */
export const withdrawalEffects = {
  case_management: 'Managementul cazului se oprește: cazul trebuie închis (nu se mai deschid sarcini noi fără un nou acord).',
  services: 'Nu se mai fac înscrieri noi la servicii și nu se mai înregistrează prezența copilului.',
  subsidy: 'Subvenția lunară nu se mai acordă pentru perioada de după data retragerii.',
  data_processing: 'Prelucrarea datelor este restricționată: datele se păstrează, dar nu se mai folosesc în exporturi și rapoarte nominale.',
} as const;
