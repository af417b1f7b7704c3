/**
 * Helpers for the services integration test and the attendance benchmark: a child taken through the pathway to an
 * approved plan with a chosen service and group, enrolment from a chosen day, the open days of a month, and a Db
 * handle on the local tables for the functions the subsidy run calls (readMonthSummaries, pendingCorrections…).
 */
import { openDatesInMonth } from '../../shared/services/rules/participation.js';
import type { Db } from '../../shared/platform/db/db.js';
import { eventually, type Api } from './api.js';
import { evaluationForm, isoDay, referralForm, testClock } from './fixtures.js';
import { addCalendarDays, addMonthsToMonth, isOpenDay, monthKey } from '../../shared/platform/calendar.js';
import type { RuntimeUrls } from './runtime.js';
import { AUDIT, documentClient, MAIN, submitForm } from './security.js';

export interface ServiceCase {
  caseId: string;
  caseNumber: string;
  manager: string;
  coordinator: string;
  firstName: string;
  lastName: string;
}

export interface ServiceCaseSpec {
  serviceId: string;
  groupId?: string;
  track?: 'prevention' | 'reintegration';
  /** the parents' consent date (an enrolment cannot start before it); default today */
  consentDate?: string;
  roma?: boolean;
}

/** Referral → evaluation → plan with one service (and group) → approval by the coordinator. */
export async function caseWithApprovedPlan(api: Api, spec: ServiceCaseSpec): Promise<ServiceCase> {
  const track = spec.track ?? (spec.serviceId === 'int-b' ? 'reintegration' : 'prevention');
  const manager = track === 'prevention' ? 'manager.das' : 'manager.dgaspc';
  const coordinator = track === 'prevention' ? 'coord.das' : 'coord.dgaspc';
  const form = referralForm({ track });
  if (spec.roma) form.child.ethnicity = 'roma';
  const r = await api.post('/referrals', manager, form);
  if (r.status !== 201) throw new Error(`referral failed: ${r.status} ${JSON.stringify(r.body)}`);
  const caseId = r.body.case.caseId as string;
  const evaluation = evaluationForm();
  if (spec.consentDate) evaluation.consent.date = spec.consentDate;
  await submitForm(api, caseId, 'evaluation', manager, evaluation);
  await submitForm(api, caseId, 'plan', manager, {
    objectives: [{ id: 'O1', text: 'Participare regulată la serviciu (test)' }],
    services: [{ serviceId: spec.serviceId, ...(spec.groupId ? { groupId: spec.groupId } : {}), responsible: 'Echipa de test' }],
    cohort: '18m',
    reviewDate: isoDay(60),
  });
  await submitForm(api, caseId, 'plan_approval', coordinator, { decision: 'approved' }, coordinator);
  // the approval enrols the child (workflow step EnrolFromPlan): wait for it, so tests start from a settled case
  await eventually(async () => {
    const e = await api.get(`/cases/${caseId}/enrolments`, coordinator);
    return e.status === 200 && (e.body.items as { serviceId: string }[]).some((x) => x.serviceId === spec.serviceId);
  }, 'enrolment from the approved plan');
  return { caseId, caseNumber: r.body.case.caseNumber, manager, coordinator, firstName: form.child.firstName, lastName: form.child.lastName };
}

export interface EnrolmentView {
  enrolmentId: string;
  serviceId: string;
  groupId: string;
  status: 'active' | 'waiting' | 'ended' | 'cancelled';
  from: string;
  to?: string;
}

/**
 * Enrol the child from its approved plan (POST /cases/{id}/enrolments, idempotent) and make the enrolment start on
 * `from` — directly when the enrolment is created here, through the start-date correction when the plan approval
 * had already enrolled the child from today.
 */
export async function enrolFrom(api: Api, c: ServiceCase, from?: string): Promise<EnrolmentView> {
  const r = await api.post(`/cases/${c.caseId}/enrolments`, c.coordinator, from ? { from } : {});
  if (r.status !== 200 && r.status !== 201) throw new Error(`enrol failed: ${r.status} ${JSON.stringify(r.body)}`);
  const result = r.body.results[0] as { enrolmentId: string };
  let e = (r.body.enrolments as EnrolmentView[]).find((x) => x.enrolmentId === result.enrolmentId)!;
  if (from && e.status === 'active' && e.from !== from) {
    const s = await api.post(`/enrolments/${c.caseId}/${e.enrolmentId}/start`, c.coordinator, { from, reason: 'Copilul frecventează centrul de la această dată (test)' });
    if (s.status !== 200) throw new Error(`start change failed: ${s.status} ${JSON.stringify(s.body)}`);
    e = s.body.enrolment;
  }
  return e;
}

/** 'YYYY-MM' of n months before the current month. */
export function monthsAgo(n: number, now = testClock().now()): string {
  return addMonthsToMonth(monthKey(now), -n);
}

export const openDays = (month: string, daysOpen: readonly number[]) => openDatesInMonth(month, daysOpen);

/** The most recent day on or before today on which a service with these weekdays is open. */
export function lastOpenDay(daysOpen: readonly number[], today = isoDay(0)): string {
  for (let i = 0; i < 8; i++) {
    const d = addCalendarDays(today, -i);
    if (isOpenDay(d, { daysOpen })) return d; // an open weekday that is not a public holiday
  }
  throw new Error('no open day in a week');
}

/** The local tables as the shared code sees them (for the functions the subsidy run calls directly). */
export function localDb(urls: RuntimeUrls): Db {
  return { doc: documentClient(urls), mainTable: MAIN, auditTable: AUDIT };
}

/** Create `n` cases, `parallel` at a time. */
export async function manyCases(api: Api, n: number, spec: ServiceCaseSpec, parallel = 6): Promise<ServiceCase[]> {
  const out: ServiceCase[] = [];
  for (let i = 0; i < n; i += parallel) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, () => caseWithApprovedPlan(api, spec)))));
  }
  return out;
}
