/**
 * Consent of the parent / legal representative (or of the child, where the law lets the child consent), per purpose,
 * with withdrawal (of all or some purposes) and optional expiry. Pure: the moment of the check is a parameter.
 * Times may be ISO instants or plain Bucharest dates: a date given or withdrawn counts from the start of that day,
 * an expiry date is the last day the consent is valid.
 */
import { z } from 'zod';
import { coded, msg, type CodedMessage } from '../../platform/i18n/ro.js';
import { addCalendarDays, isIsoDate, startOfLocalDay, type Instant } from '../../platform/calendar.js';

export const consentPurposes = [
  'case_management',
  'services',
  'subsidy',
  'data_processing',
  'special_categories',
  'photo',
  'contact',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentPurposeLabels: Readonly<Record<ConsentPurpose, string>> = Object.freeze({
  case_management: 'Managementul cazului',
  services: 'Participarea la serviciile proiectului',
  subsidy: 'Subvenția lunară (măsuri de acompaniere)',
  data_processing: 'Prelucrarea datelor cu caracter personal',
  special_categories: 'Prelucrarea datelor privind sănătatea, dizabilitatea și etnia declarată (art. 9 GDPR)',
  photo: 'Fotografii și înregistrări video în activitățile proiectului',
  contact: 'Contactarea prin telefon, SMS sau e-mail',
});

export const consentRelations = ['parent', 'legal_representative', 'child'] as const;
export type ConsentRelation = (typeof consentRelations)[number];

/** Purposes that must all be valid before an action (rules as data). */
export const consentRequirements = Object.freeze({
  startServices: Object.freeze(['case_management', 'services', 'data_processing'] as const),
  paySubsidy: Object.freeze(['subsidy'] as const),
});

const instantOrDate = z.string().refine((s) => isIsoDate(s) || (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))), {
  message: 'Dată sau moment invalid (AAAA-LL-ZZ sau ISO-8601)',
});

export const consentRecordSchema = z.object({
  purposes: z.array(z.enum(consentPurposes)).min(1, 'Alegeți cel puțin un scop'),
  givenAt: instantOrDate,
  givenBy: z.object({
    name: z.string().trim().min(1).max(120).optional(),
    relation: z.enum(consentRelations),
  }),
  withdrawnAt: instantOrDate.optional(),
  /** purposes withdrawn; absent = all of them */
  withdrawnPurposes: z.array(z.enum(consentPurposes)).optional(),
  expiresAt: instantOrDate.optional(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

/** The shape stored on case records by the evaluation form (shared/cases/model.ts `Consent`). */
export interface StoredConsent {
  given: boolean;
  givenByRelation?: string;
  givenByName?: string;
  date: string;
  purposes: readonly string[];
  withdrawnAt?: string;
  withdrawnPurposes?: readonly string[];
  expiresAt?: string;
}

export type ConsentInput = ConsentRecord | StoredConsent | null | undefined;
export type ConsentState = 'valid' | 'missing' | 'withdrawn' | 'expired';

const isPurpose = (p: string): p is ConsentPurpose => (consentPurposes as readonly string[]).includes(p);
const isRelation = (r: string): r is ConsentRelation => (consentRelations as readonly string[]).includes(r);

/** A stored consent as a ConsentRecord; undefined when no consent was given. */
export function toConsentRecord(c: ConsentInput): ConsentRecord | undefined {
  if (!c) return undefined;
  if ('givenAt' in c) return c;
  if (!c.given) return undefined;
  return {
    purposes: c.purposes.filter(isPurpose),
    givenAt: c.date,
    givenBy: { relation: c.givenByRelation && isRelation(c.givenByRelation) ? c.givenByRelation : 'legal_representative', ...(c.givenByName ? { name: c.givenByName } : {}) },
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
    ...(c.withdrawnPurposes ? { withdrawnPurposes: c.withdrawnPurposes.filter(isPurpose) } : {}),
    ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}),
  };
}

/** Start of the moment a value takes effect: an instant as it is, a plain date at its local midnight. */
const from = (s: string): number => Date.parse(isIsoDate(s) ? startOfLocalDay(s) : s);
/** First moment no longer covered by an expiry: after the expiry day for a plain date, the instant itself otherwise. */
const expiry = (s: string): number => Date.parse(isIsoDate(s) ? startOfLocalDay(addCalendarDays(s, 1)) : s);
const msOf = (on: Instant): number => (typeof on === 'string' ? from(on) : on.getTime());

export function consentStatus(consent: ConsentInput, purpose: ConsentPurpose, on: Instant): ConsentState {
  const c = toConsentRecord(consent);
  const t = msOf(on);
  if (Number.isNaN(t)) throw new RangeError(msg('TIME_INVALID', { value: String(on) }));
  if (!c?.purposes.includes(purpose) || !(from(c.givenAt) <= t)) return 'missing';
  // an unreadable withdrawal or expiry counts as already in effect (never pay or serve on a doubtful consent)
  if (c.withdrawnAt && !(from(c.withdrawnAt) > t) && (!c.withdrawnPurposes || c.withdrawnPurposes.includes(purpose))) return 'withdrawn';
  if (c.expiresAt && !(expiry(c.expiresAt) > t)) return 'expired';
  return 'valid';
}

export interface ConsentIssue extends CodedMessage<'CONSENT_MISSING' | 'CONSENT_WITHDRAWN' | 'CONSENT_EXPIRED'> {
  purpose: ConsentPurpose;
  status: Exclude<ConsentState, 'valid'>;
}

const issueCode = { missing: 'CONSENT_MISSING', withdrawn: 'CONSENT_WITHDRAWN', expired: 'CONSENT_EXPIRED' } as const;

/** Every purpose in `purposes` that is not validly consented at `on`, with a Romanian message for staff. */
export function consentCheck(consent: ConsentInput, purposes: readonly ConsentPurpose[], on: Instant): { ok: boolean; issues: ConsentIssue[] } {
  const issues: ConsentIssue[] = [];
  for (const purpose of purposes) {
    const status = consentStatus(consent, purpose, on);
    if (status !== 'valid') issues.push({ purpose, status, ...coded(issueCode[status], { purpose: consentPurposeLabels[purpose] }) });
  }
  return { ok: issues.length === 0, issues };
}

/** Services start only with valid consent to case management, services and data processing. */
export const canStartServices = (consent: ConsentInput, now: Instant): boolean => consentCheck(consent, consentRequirements.startServices, now).ok;

/** The monthly subsidy is paid only with valid consent to the subsidy. */
export const canPaySubsidy = (consent: ConsentInput, now: Instant): boolean => consentCheck(consent, consentRequirements.paySubsidy, now).ok;
