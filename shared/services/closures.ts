/**
 * Per-service closures (summer break, disinfection, a centre closed for a week): days a service does not work although
 * its weekday schedule says it does. They are data a coordinator of the institution providing the service enters and
 * cancels through the API (`/services/{serviceId}/closures`), stored by shared/services/closure-store.ts, and passed
 * INTO the calendar's pure functions (`openDaysInMonth(month, serviceCalendar(service, closures))`, `closedReason`):
 * the platform never reads them itself. The rules: shared/services/rules/closures.ts; the decision:
 * docs/decisions/014-one-calendar.md.
 */
import type { z } from 'zod';
import { ulid } from 'ulid';
import type { Principal } from '../platform/auth/principal.js';
import { closedReason, datesInMonth, isoWeekday, openDaysInMonth, type Closure } from '../platform/calendar.js';
import { conflict, forbidden, notFound, Refusal, type RefusalKind } from '../platform/errors.js';
import { mapLimit } from '../platform/concurrency.js';
import type { Db } from '../platform/db/db.js';
import type { PathwayDeps, RequestInfo } from '../cases/index.js';
import { authorizeService, serviceOr404 } from './access.js';
import { serviceCatalogue, type Service } from './catalogue.js';
import { bucharestToday } from './calendar.js';
import { ClosureStore, closureRequestKey, type ClosureRecord, type ClosureHistoryEntry } from './closure-store.js';
import { RegisterStore } from './register-store.js';
import { closedMonthError, closureMonths, closureSpanError, daysToCheckForEntries, registerEntriesError, serviceCalendar } from './rules/closures.js';
import type { RuleError } from './rules/registers.js';

export { serviceCalendar } from './rules/closures.js';
export type { ClosureRecord } from './closure-store.js';

export { closureInputSchema, closureCancelSchema, type ClosureInput } from './model.js';
import type { ClosureInput, closureCancelSchema } from './model.js';

/** The active closures of a service, in the calendar's shape. */
export async function closuresOf(db: Db, serviceId: string): Promise<Closure[]> {
  return (await new ClosureStore(db).activeOf(serviceId)).map(({ from, to, reason }) => ({ from, to, reason }));
}

/** The active closures of several services (one query each). */
export async function closuresByService(db: Db, serviceIds: readonly string[] = serviceCatalogue.map((s) => s.id)): Promise<Map<string, Closure[]>> {
  const unique = [...new Set(serviceIds)];
  const lists = await Promise.all(unique.map((id) => closuresOf(db, id)));
  return new Map(unique.map((id, i) => [id, lists[i]!]));
}

/**
 * Open days of each catalogue service in a month — weekdays, minus public holidays, minus the service's closures read
 * from the store — for readers that evaluate many children (the monthly subsidy run). Closures are read once.
 */
export async function serviceOpenDays(db: Db): Promise<(serviceId: string, month: string) => string[]> {
  const closures = await closuresByService(db);
  const memo = new Map<string, string[]>();
  return (serviceId, month) => {
    const key = `${serviceId}#${month}`;
    let days = memo.get(key);
    if (!days) {
      const service = serviceCatalogue.find((s) => s.id === serviceId);
      days = service ? openDaysInMonth(month, serviceCalendar(service, closures.get(serviceId) ?? [])) : [];
      memo.set(key, days);
    }
    return days;
  };
}

export interface ClosedDay {
  date: string;
  kind: 'holiday' | 'closure';
  /** the holiday's name or the closure's reason */
  reason: string;
}

export interface ClosureView extends ClosureRecord {
  /** open days of the service's schedule it takes out (weekdays, public holidays already excluded) */
  closedOpenDays: number;
}

/** What the closures page, the sheet's day chooser and the sessions page read for one service and month. */
export interface ServiceClosuresView {
  serviceId: string;
  month: string;
  version: number;
  /** the active closures that touch the month */
  items: ClosureView[];
  /** the days of the month the service would work by its weekdays but does not: holidays and closures, with why */
  closedDays: ClosedDay[];
  /** open days of the month (weekdays minus holidays and closures) */
  openDays: string[];
  /** may the caller add and cancel closures of this service */
  canEdit: boolean;
  /** the months touched by cancelled or added closures, most recent first */
  history: ClosureHistoryEntry[];
}

function closedDaysOf(service: Pick<Service, 'schedule'>, month: string, closures: readonly Closure[]): ClosedDay[] {
  const cal = serviceCalendar(service, closures);
  const out: ClosedDay[] = [];
  for (const d of datesInMonth(month)) {
    const r = closedReason(d, cal);
    if (r?.kind === 'holiday' && service.schedule.daysOpen.includes(isoWeekday(d))) out.push({ date: d, kind: 'holiday', reason: r.holiday.name });
    else if (r?.kind === 'closure') out.push({ date: d, kind: 'closure', reason: r.closure.reason });
  }
  return out;
}

/** Closures of a service touching a month, with the month's closed and open days. Staff and coordinators of the service. */
export async function listClosures(d: PathwayDeps, p: Principal, serviceId: string, month: string, req: RequestInfo): Promise<ServiceClosuresView> {
  const service = serviceOr404(serviceId);
  const role = await authorizeService(d, p, service, 'service.closure.read', `closures:${serviceId}`, req);
  const all = await new ClosureStore(d.db).ofService(serviceId);
  const active = all.closures.filter((c) => c.status === 'active');
  const first = `${month}-01`;
  const last = datesInMonth(month).at(-1)!;
  const weekdayOnly = { daysOpen: service.schedule.daysOpen };
  const items = active
    .filter((c) => c.from <= last && c.to >= first)
    .map((c) => ({ ...c, closedOpenDays: closureMonths(c).flatMap((m) => openDaysInMonth(m, weekdayOnly)).filter((x) => x >= c.from && x <= c.to).length }));
  return {
    serviceId, month, version: all.version, items,
    closedDays: closedDaysOf(service, month, active),
    openDays: openDaysInMonth(month, serviceCalendar(service, active)),
    canEdit: role === 'coordinator',
    history: all.history.filter((h) => h.from <= last && h.to >= first).sort((a, b) => b.at.localeCompare(a.at)),
  };
}

const refuse = (e: RuleError, kind: RefusalKind = 'invalid') => new Refusal(kind, e.code, e.message, [{ path: e.field ?? 'from', message: e.message, code: e.code }]);

async function coordinatorOf(d: PathwayDeps, p: Principal, service: Service, action: string, req: RequestInfo) {
  const role = await authorizeService(d, p, service, action, `closures:${service.id}`, req);
  if (role !== 'coordinator') throw forbidden(`Închiderile ${service.shortName} se stabilesc de coordonatorul instituției care oferă serviciul.`);
}

/** Days of the span with register entries (attendance marks or sessions not cancelled), read for past days only. */
async function daysWithEntries(db: Db, service: Service, days: readonly string[]): Promise<string[]> {
  const registers = new RegisterStore(db);
  const hits = await mapLimit(days, 8, async (date) => {
    const sheets = service.type === 'day_centre' ? await Promise.all(service.groups.map((g) => registers.sheet(service.id, g.id, date))) : [];
    if (sheets.some((s) => s.marks.length > 0)) return date;
    const sessions = await registers.sessionsOfServiceDay(service.id, date);
    return sessions.some((s) => !s.cancelled) ? date : null;
  });
  return hits.filter((x): x is string => x !== null);
}

async function audit(d: PathwayDeps, p: Principal, service: Service, action: string, req: RequestInfo, detail: Record<string, unknown>) {
  await d.audit.append({
    actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action, subjectType: 'service', subjectId: service.id,
    subjectInstitution: service.providers[0] ?? p.institution, outcome: 'allowed', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId, detail,
  });
}

/**
 * Enter a closure: a coordinator of the providing institution; refused (422, nothing written) when the dates are
 * out of bounds, overlap another closure, touch a closed month or days that already have register entries.
 * The closure and its history entry are written in one transaction; a repeated request (same clientRequestId)
 * answers with the closure it made (200, `duplicate: true`).
 */
export async function createClosure(d: PathwayDeps, p: Principal, serviceId: string, input: ClosureInput, req: RequestInfo): Promise<{ closure: ClosureRecord; duplicate: boolean }> {
  const service = serviceOr404(serviceId);
  await coordinatorOf(d, p, service, 'service.closure.write', req);
  const store = new ClosureStore(d.db);
  const requestKey = input.clientRequestId ? closureRequestKey(p.userId, serviceId, input.clientRequestId) : undefined;
  const current = await store.ofService(serviceId);
  if (requestKey) {
    const previous = await store.requested(requestKey);
    const found = previous && current.closures.find((c) => c.closureId === previous);
    if (found) return { closure: found, duplicate: true };
  }
  const now = d.now();
  const today = bucharestToday(now);
  const span = { from: input.from, to: input.to };
  const active = current.closures.filter((c) => c.status === 'active');
  const spanErr = closureSpanError(span, { today, active });
  if (spanErr) throw refuse(spanErr);
  const months = closureMonths(span);
  const closed = await new RegisterStore(d.db).closedAmong(months);
  const monthErr = closedMonthError(span, closed);
  if (monthErr) throw refuse(monthErr);
  const entriesErr = registerEntriesError(await daysWithEntries(d.db, service, daysToCheckForEntries(span, today)));
  if (entriesErr) throw refuse(entriesErr);

  const record: ClosureRecord = {
    closureId: ulid(now.getTime()), serviceId, from: input.from, to: input.to, reason: input.reason, status: 'active',
    createdBy: p.userId, createdByName: p.displayName, createdAt: now.toISOString(),
  };
  const r = await store.create(record, months, current.version, requestKey);
  if (r.outcome === 'duplicate') {
    const found = (await store.ofService(serviceId)).closures.find((c) => c.closureId === r.closureId);
    if (found) return { closure: found, duplicate: true };
  }
  if (r.outcome === 'month_closed') throw refuse(closedMonthError(span, new Set([r.month]))!, 'conflict');
  if (r.outcome !== 'written') throw conflict('CLOSURES_CHANGED', 'Închiderile serviciului au fost modificate de altcineva între timp. Reîncărcați pagina și încercați din nou.');
  await audit(d, p, service, 'service.closure.create', req, { closureId: record.closureId, from: record.from, to: record.to, reason: record.reason });
  return { closure: record, duplicate: false };
}

/** Cancel a closure (kept, with who and why): its days become open days again. Repeating it is harmless (200). */
export async function cancelClosure(d: PathwayDeps, p: Principal, serviceId: string, closureId: string, input: z.infer<typeof closureCancelSchema>, req: RequestInfo): Promise<{ closure: ClosureRecord; changed: boolean }> {
  const service = serviceOr404(serviceId);
  await coordinatorOf(d, p, service, 'service.closure.write', req);
  const store = new ClosureStore(d.db);
  const current = await store.ofService(serviceId);
  const before = current.closures.find((c) => c.closureId === closureId);
  if (!before) throw notFound('Închiderea nu a fost găsită.');
  if (before.status === 'cancelled') return { closure: before, changed: false };
  const months = closureMonths(before);
  const monthErr = closedMonthError(before, await new RegisterStore(d.db).closedAmong(months), 'cancel');
  if (monthErr) throw refuse(monthErr);
  const now = d.now();
  const after: ClosureRecord = { ...before, status: 'cancelled', cancelledBy: p.userId, cancelledByName: p.displayName, cancelledAt: now.toISOString(), ...(input.reason ? { cancelReason: input.reason } : {}) };
  const r = await store.cancel(before, after, months, current.version);
  if (r.outcome === 'month_closed') throw refuse(closedMonthError(before, new Set([r.month]), 'cancel')!, 'conflict');
  if (r.outcome !== 'written') throw conflict('CLOSURES_CHANGED', 'Închiderile serviciului au fost modificate de altcineva între timp. Reîncărcați pagina și încercați din nou.');
  await audit(d, p, service, 'service.closure.cancel', req, { closureId, from: before.from, to: before.to, ...(input.reason ? { reason: input.reason } : {}) });
  return { closure: after, changed: true };
}
