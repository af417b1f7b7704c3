/**
 * Retention of closed cases (pure): when a closed case's personal data is due for anonymisation, and the anonymised
 * record. Anonymisation keeps what the project's statistics need (track, stages, dates, services, plan and review
 * decisions, risk factors, ethnicity and disability as categories, sex, birth year and month, locality) and removes
 * or reduces what identifies the child and the family (names → initials, CNP, IBAN, phone, address, school, identity
 * keys, free-text narratives).
 */
import type { CaseRecord } from '../cases/index.js';
import type { CaseWithConsent } from './consent.js';
import { retentionConfig, type RetentionPolicy } from './config.js';
import { addDays, bucharestDay, startOfBucharestDay } from './dates.js';

export const REDACTED = 'Text eliminat la anonimizare';


/** The instant from which the case may be anonymised, or null when it is not closed. */
export function anonymisationDueAt(c: Pick<CaseRecord, 'status' | 'closedAt'>, policy: RetentionPolicy): Date | null {
  if (c.status !== 'closed' || !c.closedAt) return null;
  const closed = new Date(c.closedAt);
  if (Number.isNaN(closed.getTime())) return null;
  const due = new Date(closed);
  if (policy.closedCaseDays !== null) due.setUTCDate(due.getUTCDate() + policy.closedCaseDays);
  else due.setUTCFullYear(due.getUTCFullYear() + policy.closedCaseYears);
  if (policy.notBefore) {
    // the floor day is kept whole: nothing before the next day starts in Bucharest
    const floor = startOfBucharestDay(addDays(policy.notBefore, 1));
    if (floor > due) return floor;
  }
  return due;
}

export function isDueForAnonymisation(c: CaseWithConsent, now: Date, policy: RetentionPolicy): boolean {
  if (c.anonymisedAt) return false;
  const due = anonymisationDueAt(c, policy);
  return due !== null && due <= now;
}

/** "Ana-Maria Pop" → "A.-M. P." style initials (letters only, upper case). */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts.map((p) => p.split('-').filter(Boolean).map((q) => `${[...q][0]!.toLocaleUpperCase('ro-RO')}.`).join('-')).join(' ') || '—';
}

function redactText<T extends string | undefined>(s: T): T {
  return (s === undefined ? undefined : REDACTED) as T;
}

/** The anonymised record. Idempotent: anonymising an anonymised case gives the same record (except the date). */
export function anonymiseCase(c: CaseWithConsent, now: Date): CaseWithConsent {
  const at = now.toISOString();
  const { cnp: _cnp, address: _address, school: _school, ...child } = c.child;
  const { phone: _phone, iban: _iban, ...rep } = c.legalRepresentative;
  const out: CaseWithConsent = {
    ...c,
    child: { ...child, firstName: initials(c.child.firstName), lastName: initials(c.child.lastName), birthDate: `${c.child.birthDate.slice(0, 7)}-01` },
    legalRepresentative: { ...rep, firstName: initials(c.legalRepresentative.firstName), lastName: initials(c.legalRepresentative.lastName) },
    referral: { ...c.referral, reason: REDACTED },
    reviews: c.reviews.map((r) => ({ ...r, summary: REDACTED })),
    identityKeys: [],
    anonymisedAt: c.anonymisedAt ?? at,
    updatedAt: at,
  };
  if (c.evaluation) {
    const { givenByName: _n, ...consent } = c.evaluation.consent ?? {};
    out.evaluation = {
      ...c.evaluation,
      familySituation: REDACTED,
      childView: REDACTED,
      needs: (c.evaluation.needs ?? []).map(() => REDACTED),
      ...(c.evaluation.consent ? { consent: consent as typeof c.evaluation.consent } : {}),
    };
  }
  if (c.consent) {
    const { givenByName: _n, ...consent } = c.consent;
    out.consent = consent;
  }
  if (c.consentWithdrawals) out.consentWithdrawals = c.consentWithdrawals.map(({ note: _note, ...w }) => w);
  if (c.plan) {
    const { notes: _notes, ...plan } = c.plan;
    out.plan = { ...plan, objectives: plan.objectives.map((o) => ({ id: o.id, text: REDACTED, ...(o.indicator !== undefined ? { indicator: REDACTED } : {}) })) };
  }
  if (c.closure) out.closure = { ...c.closure, closingEvaluation: REDACTED };
  if (c.transfer) out.transfer = { ...c.transfer, reason: redactText(c.transfer.reason) };
  return out;
}

export interface RetentionStatusRow {
  institution: string;
  closed: number;
  anonymised: number;
  dueNow: number;
  dueWithin30Days: number;
}

/** Counts for the retention page (no case ids, no names). */
export function retentionStatus(cases: readonly CaseWithConsent[], now: Date, policy: RetentionPolicy) {
  const rows = new Map<string, RetentionStatusRow>();
  const soon = new Date(now.getTime() + 30 * 86_400_000);
  for (const c of cases) {
    if (c.status !== 'closed') continue;
    const row = rows.get(c.institution) ?? { institution: c.institution, closed: 0, anonymised: 0, dueNow: 0, dueWithin30Days: 0 };
    row.closed += 1;
    if (c.anonymisedAt) row.anonymised += 1;
    else {
      const due = anonymisationDueAt(c, policy);
      if (due && due <= now) row.dueNow += 1;
      else if (due && due <= soon) row.dueWithin30Days += 1;
    }
    rows.set(c.institution, row);
  }
  return {
    asOf: bucharestDay(now),
    policy: {
      closedCaseYears: policy.closedCaseDays === null ? policy.closedCaseYears : null,
      closedCaseDays: policy.closedCaseDays,
      notBefore: policy.notBefore,
    },
    legalBasis: [retentionConfig.closedCaseYears, retentionConfig.keepProjectRecordsUntil].map((s) => ({ value: s.value, source: s.source, confidence: s.confidence, confirmed: s.confirmed, note: s.note })),
    institutions: [...rows.values()].sort((a, b) => a.institution.localeCompare(b.institution)),
  };
}

// ── retention runs ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface RetentionRunResult {
  asOf: string;
  closedCases: number;
  due: number;
  anonymised: number;
  failed: number;
}

/** Where a retention run is recorded: one append-only audit entry per run under this subject (newest first). */
export const RETENTION_RUN_SUBJECT = { type: 'run', id: 'retention' } as const;

/** What a run records (counts only: no case id, no name): per institution and in total. */
export interface RetentionRunDetail {
  closedCases: number;
  due: number;
  anonymised: number;
  failed: number;
  /** identity-key items (hashes that found a child again) erased with the anonymised cases */
  identityKeysErased: number;
  institutions: { institution: string; due: number; anonymised: number; failed: number }[];
}

export function retentionRunDetail(closedCases: number, outcomes: readonly { institution: string; anonymised: boolean; failed: boolean; identityKeys: number }[]): RetentionRunDetail {
  const rows = new Map<string, RetentionRunDetail['institutions'][number]>();
  for (const o of outcomes) {
    const r = rows.get(o.institution) ?? { institution: o.institution, due: 0, anonymised: 0, failed: 0 };
    r.due += 1;
    if (o.anonymised) r.anonymised += 1;
    if (o.failed) r.failed += 1;
    rows.set(o.institution, r);
  }
  const institutions = [...rows.values()].sort((a, b) => a.institution.localeCompare(b.institution));
  return {
    closedCases,
    due: outcomes.length,
    anonymised: outcomes.filter((o) => o.anonymised).length,
    failed: outcomes.filter((o) => o.failed).length,
    identityKeysErased: outcomes.reduce((n, o) => n + o.identityKeys, 0),
    institutions,
  };
}

export interface RetentionRunView extends RetentionRunDetail {
  /** when the run ran (its schedule time) */
  at: string;
}

const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.trunc(v) : 0);

/**
 * The runs as the administrator's page lists them, from their audit entries (newest first). Only the counts are read
 * back, field by field, so nothing else an entry might hold reaches the answer.
 */
export function retentionRunsView(entries: readonly { at: string; action: string; detail?: Record<string, unknown> | undefined }[]): RetentionRunView[] {
  return entries
    .filter((e) => e.action === 'retention.run')
    .map((e) => {
      const d = e.detail ?? {};
      const inst = Array.isArray(d.institutions) ? (d.institutions as Record<string, unknown>[]) : [];
      return {
        at: e.at,
        closedCases: count(d.closedCases),
        due: count(d.due),
        anonymised: count(d.anonymised),
        failed: count(d.failed),
        identityKeysErased: count(d.identityKeysErased),
        institutions: inst.filter((r) => typeof r.institution === 'string').map((r) => ({ institution: String(r.institution), due: count(r.due), anonymised: count(r.anonymised), failed: count(r.failed) })),
      };
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}
