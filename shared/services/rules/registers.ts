/**
 * The pure part of enrolments and registers: what the plan asks for, which group a child goes to, whether a date can
 * be written in a register, which counters a save changes, and how a large save is split into transactions.
 * No I/O, no clock: `today` is always a parameter.
 */
import type { Service } from '../catalogue.js';
import type { CaseRecord } from '../../cases/index.js';
import { attendanceDelta, counterKeys, sessionDelta, type AttendanceMark, type CounterDelta, type SessionRecord } from '../model.js';
import type { CapacityCounter, EnrolmentRecord } from '../enrolment-store.js';
import { addDays, enrolledOpenDays, firstDayOf, isOpenOn, lastDayOf, monthOf, monthRange, type Period } from '../calendar.js';
import { registerPolicy, type RegisterPolicy } from '../config.js';
import { closedReason, type Closure } from '../../platform/calendar.js';

/** A refusal with a stable code, a Romanian message and the field it is about. */
export interface RuleError {
  code: string;
  message: string;
  field?: string;
}

const formatDay = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

// ── enrolments ───────────────────────────────────────────────────────────────────────────────────────────────────

export const isOpen = (e: Pick<EnrolmentRecord, 'status'>) => e.status === 'active' || e.status === 'waiting';

/** Periods in which the child held a place in the service (waiting and cancelled enrolments never did). */
export function placePeriods(enrolments: readonly EnrolmentRecord[], serviceId: string): Period[] {
  return enrolments.filter((e) => e.serviceId === serviceId && (e.status === 'active' || e.status === 'ended')).map((e) => ({ from: e.from, to: e.to }));
}

/** The ids of the services of the active enrolments: what `case.services` must hold (the access policy reads it). */
export function activeServiceIds(enrolments: readonly EnrolmentRecord[]): string[] {
  return [...new Set(enrolments.filter((e) => e.status === 'active').map((e) => e.serviceId))].sort();
}

/**
 * The periods in which the child held a place in the service on some day of the month (active or ended enrolments
 * overlapping it), as the monthly summary carries them from the month close on (`places`): the subsidy run reads
 * them there instead of querying each child's enrolments.
 */
export function placesInMonth(month: string, serviceId: string, enrolments: readonly EnrolmentRecord[]): { from: string; to?: string }[] {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  return placePeriods(enrolments, serviceId)
    .filter((p) => p.from <= last && (p.to === undefined || p.to >= first))
    .sort((a, b) => a.from.localeCompare(b.from) || (a.to ?? '').localeCompare(b.to ?? ''))
    .map((p) => ({ from: p.from, ...(p.to !== undefined ? { to: p.to } : {}) }));
}

/** Open days of the month (public holidays and the service's closures excluded) on which the child held a place. */
export function enrolledDaysIn(month: string, service: Pick<Service, 'id' | 'schedule'>, enrolments: readonly EnrolmentRecord[], closures: readonly Closure[] = []): number {
  return enrolledOpenDays(month, service.schedule.daysOpen, placePeriods(enrolments, service.id), closures);
}

/** Is the enrolment one that held the place on `date`? */
export const heldOn = (e: EnrolmentRecord, date: string) => (e.status === 'active' || e.status === 'ended') && e.from <= date && (e.to === undefined || date <= e.to);

/** When may an enrolment start? Not before the project, not before the parents' consent, not too far ahead. */
export function startDateError(from: string, ctx: { today: string; consentDate?: string | undefined }, policy: RegisterPolicy = registerPolicy): RuleError | undefined {
  if (from < policy.earliestDate.value) {
    return { code: 'START_BEFORE_PROJECT', message: `Înscrierea nu poate începe înainte de începutul proiectului (${formatDay(policy.earliestDate.value)}).`, field: 'from' };
  }
  if (ctx.consentDate && from < ctx.consentDate) {
    return { code: 'START_BEFORE_CONSENT', message: `Înscrierea nu poate începe înainte de acordul părintelui (${formatDay(ctx.consentDate)}).`, field: 'from' };
  }
  const latest = addDays(ctx.today, policy.maxDaysAheadForStart.value);
  if (from > latest) {
    return { code: 'START_TOO_FAR', message: `Data de început poate fi cel mult ${policy.maxDaysAheadForStart.value} de zile în viitor (până la ${formatDay(latest)}).`, field: 'from' };
  }
  return undefined;
}

export interface PlanEntry {
  serviceId: string;
  groupId?: string | undefined;
}

/** The services of the approved plan (one entry per service, the first mention wins). */
export function approvedPlanEntries(c: Pick<CaseRecord, 'plan'>): PlanEntry[] {
  if (c.plan?.status !== 'approved') return [];
  const seen = new Set<string>();
  const out: PlanEntry[] = [];
  for (const s of c.plan.services) {
    if (seen.has(s.serviceId)) continue;
    seen.add(s.serviceId);
    out.push({ serviceId: s.serviceId, ...(s.groupId ? { groupId: s.groupId } : {}) });
  }
  return out;
}

export interface PlanDecision {
  /** services of the plan to enrol in now */
  enrol: PlanEntry[];
  /** services of the plan the child is already enrolled in (or waiting for) */
  keep: { entry: PlanEntry; enrolment: EnrolmentRecord }[];
  /** services of the plan whose enrolment under this plan was ended on purpose: not re-opened by a re-run */
  endedUnderPlan: { entry: PlanEntry; enrolment: EnrolmentRecord }[];
  /** open enrolments made under an earlier plan for services the current plan no longer has */
  end: EnrolmentRecord[];
}

/** What enrolling from the approved plan means for this child; running it twice changes nothing the second time. */
export function planDecision(plan: { planId: string }, entries: readonly PlanEntry[], enrolments: readonly EnrolmentRecord[]): PlanDecision {
  const d: PlanDecision = { enrol: [], keep: [], endedUnderPlan: [], end: [] };
  for (const entry of entries) {
    const open = enrolments.find((e) => e.serviceId === entry.serviceId && isOpen(e));
    if (open) { d.keep.push({ entry, enrolment: open }); continue; }
    const ended = enrolments.filter((e) => e.serviceId === entry.serviceId && e.planId === plan.planId && !isOpen(e)).at(-1);
    if (ended) { d.endedUnderPlan.push({ entry, enrolment: ended }); continue; }
    d.enrol.push(entry);
  }
  const planned = new Set(entries.map((e) => e.serviceId));
  d.end = enrolments.filter((e) => isOpen(e) && !planned.has(e.serviceId) && e.planId !== plan.planId);
  return d;
}

export interface GroupChoice {
  groupId: string;
  /** no free place (or somebody already waiting): the child goes on the waiting list */
  full: boolean;
}

/**
 * The group of a new enrolment: the plan's group when it names one; otherwise the first group with a free place
 * and nobody waiting; when all are full, the group with the shortest waiting list.
 */
export function chooseGroup(service: Pick<Service, 'groups'>, counters: readonly Pick<CapacityCounter, 'groupId' | 'enrolled' | 'waiting'>[], preferred?: string): GroupChoice {
  const of = (id: string) => counters.find((c) => c.groupId === id) ?? { groupId: id, enrolled: 0, waiting: 0 };
  const isFull = (g: { id: string; capacity: number }) => {
    const c = of(g.id);
    return c.enrolled >= g.capacity || c.waiting > 0;
  };
  if (preferred) {
    const g = service.groups.find((x) => x.id === preferred);
    if (!g) throw new RangeError(`Unknown group ${preferred}`);
    return { groupId: g.id, full: isFull(g) };
  }
  const free = service.groups.find((g) => !isFull(g));
  if (free) return { groupId: free.id, full: false };
  const shortest = [...service.groups].sort((a, b) => of(a.id).waiting - of(b.id).waiting)[0]!;
  return { groupId: shortest.id, full: true };
}

/** A transfer goes to another group of the same service, to a service of the same kind, or to a service of the plan. */
export function transferTargetError(source: Pick<Service, 'id' | 'type'>, target: Pick<Service, 'id' | 'type' | 'tracks' | 'shortName'>, targetGroupId: string, sourceGroupId: string, c: Pick<CaseRecord, 'track' | 'plan'>): RuleError | undefined {
  if (source.id === target.id && sourceGroupId === targetGroupId) {
    return { code: 'TRANSFER_SAME_PLACE', message: 'Copilul este deja în această grupă a serviciului.', field: 'groupId' };
  }
  if (!(target.tracks as readonly string[]).includes(c.track)) {
    return { code: 'SERVICE_NOT_FOR_TRACK', message: `Serviciul „${target.shortName}” nu este disponibil pe traseul cazului.`, field: 'serviceId' };
  }
  const planned = approvedPlanEntries(c).some((e) => e.serviceId === target.id);
  if (source.type !== target.type && !planned) {
    return { code: 'TRANSFER_TARGET_NOT_IN_PLAN', message: `Transferul la „${target.shortName}” (alt tip de serviciu) cere ca serviciul să fie în planul aprobat.`, field: 'serviceId' };
  }
  return undefined;
}

/**
 * Months between two dates (either order), up to today's month: where starting, ending or moving an enrolment
 * changes the enrolled days (e.g. a start backdated to March touches March … this month).
 */
export function monthsBetweenDates(a: string, b: string, today: string): string[] {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const cap = monthOf(today);
  return monthRange(monthOf(lo), monthOf(hi)).filter((m) => m <= cap);
}

// ── registers ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A register day must be past or today and one of the service's weekdays. With `calendar` (attendance sheets) it must
 * also not be a public holiday nor in one of the service's closures: nothing is written for a refused day, so a closed
 * day is never an absence nor a session. Sheets and sessions both pass it (closures read from the store).
 */
export function registerDateError(service: Pick<Service, 'schedule' | 'shortName'>, date: string, today: string, calendar?: { closures?: readonly Closure[] | undefined }): RuleError | undefined {
  if (date > today) return { code: 'DATE_IN_FUTURE', message: 'Nu se pot înregistra prezențe sau ședințe pentru zile viitoare.', field: 'date' };
  if (!isOpenOn(service.schedule.daysOpen, date)) {
    return { code: 'SERVICE_CLOSED_ON_DATE', message: `${service.shortName} nu are program în ziua de ${formatDay(date)}.`, field: 'date' };
  }
  if (!calendar) return undefined;
  const closed = closedReason(date, { daysOpen: service.schedule.daysOpen, closures: calendar.closures ?? [] });
  if (closed?.kind === 'holiday') {
    return { code: 'PUBLIC_HOLIDAY', message: `${formatDay(date)} este zi de sărbătoare legală (${closed.holiday.name}): ${service.shortName} nu lucrează, nu se înregistrează prezențe sau ședințe.`, field: 'date' };
  }
  if (closed?.kind === 'closure') {
    return { code: 'SERVICE_CLOSURE', message: `${service.shortName} este închis în ziua de ${formatDay(date)} (${closed.closure.reason}): nu se înregistrează prezențe sau ședințe.`, field: 'date' };
  }
  return undefined;
}

export const isZeroDelta = (d: CounterDelta) => counterKeys.every((k) => d[k] === 0);

/** After a month is closed every change is a correction, also a late first entry (flagged in the summary). */
export function closedMonthDelta(delta: CounterDelta, monthClosed: boolean): CounterDelta {
  return monthClosed ? { ...delta, corrections: Math.max(1, delta.corrections) } : delta;
}

export interface MarkChange {
  caseId: string;
  before?: AttendanceMark | undefined;
  after?: AttendanceMark | undefined;
  delta: CounterDelta;
}

/** The rows of a sheet save that change something, with their counter deltas (unchanged rows are left out). */
export function sheetChanges(current: ReadonlyMap<string, AttendanceMark>, requested: readonly { caseId: string; mark: AttendanceMark | null }[]): MarkChange[] {
  const out: MarkChange[] = [];
  for (const r of requested) {
    const before = current.get(r.caseId);
    const after = r.mark ?? undefined;
    const delta = attendanceDelta(before, after);
    if (isZeroDelta(delta)) continue;
    out.push({ caseId: r.caseId, before, after, delta });
  }
  return out;
}

export function sessionChangeDelta(before: SessionRecord | undefined, after: SessionRecord | undefined): CounterDelta {
  return sessionDelta(before, after);
}

/**
 * Split rows into transactions of at most `max` items: each transaction carries `fixed` items of its own (the
 * sheet's version, the month check) and the items of whole rows — a row (mark + summary + correction) is never split.
 */
export function packChunks<T>(rows: readonly { size: number; value: T }[], fixed: number, max: number = registerPolicy.maxTransactionItems.value): T[][] {
  const room = max - fixed;
  const chunks: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const r of rows) {
    if (r.size > room) throw new RangeError(`A row of ${r.size} items does not fit a transaction of ${max} with ${fixed} fixed items`);
    if (used + r.size > room) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(r.value);
    used += r.size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** How a child is named on a sheet: centre and intervention staff see the first name and the initial only. */
export function childLabel(child: { firstName: string; lastName: string }, full: boolean): string {
  if (full) return `${child.firstName} ${child.lastName}`;
  const initial = [...child.lastName.trim()][0] ?? '';
  return initial ? `${child.firstName} ${initial.toLocaleUpperCase('ro-RO')}.` : child.firstName;
}
