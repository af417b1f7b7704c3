/**
 * Parental consent on a case: recording it (purposes, date, who gave it) and withdrawing purposes of it — pure
 * functions over the case record. Each withdrawal is kept with its own date (`consentWithdrawals`), so a purpose
 * withdrawn later does not stop earlier months; the legacy fields `consent.withdrawnAt` / `withdrawnPurposes` that
 * shared/protection/rules/consent.ts reads are kept in step (earliest withdrawal, all withdrawn purposes: never more permissive).
 *
 * What a withdrawal stops (config `withdrawalEffects`):
 * - subsidy → no subsidy for the time after the withdrawal (canPaySubsidy / consentStateAt);
 * - services → no new enrolment, no attendance (canStartServices / consentStateAt);
 * - data_processing → the case is flagged for restricted processing (GDPR art. 18): `processingRestricted`;
 * - case_management → the case must be closed; no new plan without a new consent.
 */
import { z } from 'zod';
import { consentPurposes, isoDate, type CaseRecord, type Consent } from '../cases/model.js';
import { conflict, invalid } from '../platform/errors.js';
import { consentPurposeLabels, consentStatus, type ConsentPurpose, type ConsentState } from './rules/consent.js';
import type { Actor } from '../cases/index.js';
import { withdrawalEffects } from './config.js';
import { bucharestDay, startOfBucharestDay } from './dates.js';

export interface ConsentWithdrawal {
  /** day the parent / legal representative withdrew (YYYY-MM-DD) */
  date: string;
  /** instant the withdrawal takes effect: start of that day, Europe/Bucharest */
  effectiveAt: string;
  purposes: ConsentPurpose[];
  note?: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ProcessingRestriction {
  since: string;
  reason: 'consent_withdrawn';
  recordedBy: string;
}

/** Fields this module adds to a case record (carried through CaseStore like any other field). */
export interface ConsentExtension {
  consentWithdrawals?: ConsentWithdrawal[];
  processingRestricted?: ProcessingRestriction;
  anonymisedAt?: string;
}
export type CaseWithConsent = CaseRecord & ConsentExtension;

const noteText = z.string().trim().max(500, 'Observația: maximum 500 de caractere (fără date personale)');
const personName = z.string().trim().min(1, 'Numele persoanei: minimum 1 caracter').max(120, 'Numele persoanei: maximum 120 de caractere')
  .regex(/^[\p{L}][\p{L}' .-]*$/u, 'Numele poate conține doar litere, spații, apostrof și cratimă');
const purposes = z.array(z.enum(consentPurposes)).min(1, 'Alegeți cel puțin un scop').max(consentPurposes.length)
  .refine((a) => new Set(a).size === a.length, 'Un scop apare de mai multe ori');

export const recordConsentSchema = z.object({
  /** the case version the form was loaded at (GET /cases/{id} `version`) */
  expectedVersion: z.number().int().nonnegative(),
  given: z.literal(true, { error: 'Se înregistrează doar un acord dat; pentru refuz sau retragere folosiți retragerea acordului' }),
  givenByRelation: z.enum(['parent', 'legal_representative', 'child']),
  givenByName: personName.optional(),
  date: isoDate,
  purposes,
}).strict();
export type RecordConsentForm = z.infer<typeof recordConsentSchema>;

export const withdrawConsentSchema = z.object({
  expectedVersion: z.number().int().nonnegative(),
  purposes,
  date: isoDate,
  note: noteText.optional(),
}).strict();
export type WithdrawConsentForm = z.infer<typeof withdrawConsentSchema>;

function ensureWritable(c: CaseWithConsent) {
  if (c.anonymisedAt) throw conflict('CASE_ANONYMISED', 'Cazul a fost anonimizat după termenul de păstrare; acordul nu mai poate fi modificat.');
}

export interface ConsentChange {
  after: CaseWithConsent;
  action: 'case.consent.record' | 'case.consent.withdraw';
  summary: string;
  detail: Record<string, unknown>;
}

/** A new consent replaces the previous one (kept in the case history) and clears its withdrawals. */
export function recordConsent(c: CaseWithConsent, form: Omit<RecordConsentForm, 'expectedVersion'>, _actor: Actor, now: Date): ConsentChange {
  ensureWritable(c);
  if (c.status === 'closed') throw conflict('CASE_CLOSED', 'Cazul este închis; nu se mai înregistrează un acord nou.');
  const today = bucharestDay(now);
  if (form.date > today) throw invalid('CONSENT_DATE_FUTURE', 'Data acordului nu poate fi în viitor.', [{ path: 'date', message: 'Data este în viitor', code: 'CONSENT_DATE_FUTURE' }]);
  const consent: Consent = {
    given: true,
    givenByRelation: form.givenByRelation,
    date: form.date,
    purposes: [...form.purposes],
    ...(form.givenByName ? { givenByName: form.givenByName } : {}),
  };
  const at = now.toISOString();
  const after: CaseWithConsent = { ...c, consent, consentWithdrawals: [], updatedAt: at };
  if (form.purposes.includes('data_processing')) delete after.processingRestricted;
  return {
    after,
    action: 'case.consent.record',
    summary: `Acord înregistrat la ${form.date} pentru: ${form.purposes.map((p) => consentPurposeLabels[p]).join(', ')}`,
    // no names in history details: relation, date, purposes only
    detail: { purposes: form.purposes, date: form.date, givenByRelation: form.givenByRelation, replaced: c.consent ? { date: c.consent.date, purposes: c.consent.purposes, withdrawnPurposes: c.consent.withdrawnPurposes ?? [] } : null },
  };
}

/** Withdraw some purposes from the consent in force, from `form.date`. */
export function withdrawConsent(c: CaseWithConsent, form: Omit<WithdrawConsentForm, 'expectedVersion'>, actor: Actor, now: Date): ConsentChange {
  ensureWritable(c);
  const consent = c.consent;
  if (!consent?.given) throw conflict('NO_CONSENT', 'Cazul nu are un acord înregistrat; nu există nimic de retras.');
  const today = bucharestDay(now);
  if (form.date > today) throw invalid('WITHDRAWAL_DATE_FUTURE', 'Data retragerii nu poate fi în viitor.', [{ path: 'date', message: 'Data este în viitor', code: 'WITHDRAWAL_DATE_FUTURE' }]);
  if (form.date < consent.date) throw invalid('WITHDRAWAL_BEFORE_CONSENT', `Retragerea nu poate fi anterioară acordului (${consent.date}).`, [{ path: 'date', message: 'Data este înainte de acord', code: 'WITHDRAWAL_BEFORE_CONSENT' }]);
  const effectiveAt = startOfBucharestDay(form.date).toISOString();
  const inactive = form.purposes.filter((p) => !consent.purposes.includes(p) || consentStateAt(c, p, now) !== 'valid');
  if (inactive.length) {
    throw invalid('CONSENT_NOT_ACTIVE', `Acordul nu este în vigoare pentru: ${inactive.map((p) => consentPurposeLabels[p]).join(', ')}.`,
      inactive.map((p) => ({ path: 'purposes', message: `${consentPurposeLabels[p]}: fără acord în vigoare`, code: 'CONSENT_NOT_ACTIVE' })));
  }
  const at = now.toISOString();
  const withdrawal: ConsentWithdrawal = { date: form.date, effectiveAt, purposes: [...form.purposes], recordedBy: actor.userId, recordedAt: at, ...(form.note ? { note: form.note } : {}) };
  const withdrawals = [...(c.consentWithdrawals ?? []), withdrawal];
  const all = [...new Set(withdrawals.flatMap((w) => w.purposes))];
  const earliest = withdrawals.map((w) => w.effectiveAt).sort()[0]!;
  const after: CaseWithConsent = {
    ...c,
    consent: { ...consent, withdrawnAt: earliest, withdrawnPurposes: all },
    consentWithdrawals: withdrawals,
    updatedAt: at,
  };
  if (form.purposes.includes('data_processing') && !c.processingRestricted) {
    after.processingRestricted = { since: effectiveAt, reason: 'consent_withdrawn', recordedBy: actor.userId };
  }
  return {
    after,
    action: 'case.consent.withdraw',
    summary: `Acord retras la ${form.date} pentru: ${form.purposes.map((p) => consentPurposeLabels[p]).join(', ')}`,
    detail: { purposes: form.purposes, date: form.date, effects: form.purposes.map((p) => withdrawalEffects[p]) },
  };
}

/**
 * The state of one purpose on a day, honouring each withdrawal's own date. Without a withdrawal log (consents
 * recorded before it existed) it is exactly shared/protection/rules/consent.ts `consentStatus`.
 */
export function consentStateAt(c: Pick<CaseWithConsent, 'consent' | 'consentWithdrawals'>, purpose: ConsentPurpose, on: Date): ConsentState {
  const log = c.consentWithdrawals;
  if (!log || log.length === 0) return consentStatus(c.consent, purpose, on);
  const base = consentStatus(c.consent ? { ...c.consent, withdrawnAt: undefined, withdrawnPurposes: undefined } : undefined, purpose, on);
  if (base !== 'valid') return base;
  return log.some((w) => w.purposes.includes(purpose) && new Date(w.effectiveAt) <= on) ? 'withdrawn' : 'valid';
}

export const canPaySubsidyOn = (c: Pick<CaseWithConsent, 'consent' | 'consentWithdrawals'>, on: Date) => consentStateAt(c, 'subsidy', on) === 'valid';

export const canEnrolOrRecordAttendanceOn = (c: Pick<CaseWithConsent, 'consent' | 'consentWithdrawals'>, on: Date) =>
  (['case_management', 'services', 'data_processing'] as const).every((p) => consentStateAt(c, p, on) === 'valid');

/** GDPR art. 18: the case's data is kept but must not be used for exports, nominal reports or new processing. */
export const isProcessingRestricted = (c: Pick<CaseWithConsent, 'processingRestricted'>, on?: Date) =>
  !!c.processingRestricted && (!on || new Date(c.processingRestricted.since) <= on);

/** What staff see on the consent page: per purpose its state today and what a withdrawal stops. */
export function consentView(c: CaseWithConsent, now: Date) {
  const consent = c.consent;
  return {
    caseId: c.caseId,
    version: c.editVersion ?? 1,
    consent: consent ? { given: consent.given, givenByRelation: consent.givenByRelation, givenByName: consent.givenByName ?? null, date: consent.date, purposes: consent.purposes } : null,
    purposes: consentPurposes.map((p) => ({ purpose: p, label: consentPurposeLabels[p], state: consentStateAt(c, p, now), withdrawalStops: withdrawalEffects[p] })),
    withdrawals: (c.consentWithdrawals ?? []).map((w) => ({ date: w.date, purposes: w.purposes, note: w.note ?? null, recordedBy: w.recordedBy, recordedAt: w.recordedAt })),
    processingRestricted: c.processingRestricted ? { since: c.processingRestricted.since, reason: c.processingRestricted.reason } : null,
    anonymisedAt: c.anonymisedAt ?? null,
  };
}
