/**
 * Enrolment of children in services (application logic): from the approved plan, with capacity per group and a
 * waiting list, transfers, ends, start-date corrections. Each change is ONE transaction through
 * `cases.update`: the case (its `services` = ids of the active enrolments), one history entry, the enrolment
 * item(s), the capacity counter(s), the mails to send (outbox) and — when a closed month is touched — the
 * correction records and summary flags. A stale case (someone else wrote it) is re-read and the change re-decided.
 */
import { ulid } from 'ulid';
import { getService, type Service } from './catalogue.js';
import type { CaseRecord } from '../cases/index.js';
import { conflict, notFound, invalid, isRefusal } from '../platform/errors.js';
import { logger } from '../platform/log.js';
import type { MailMessage } from '../notifications/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { deliverOutbox, outboxItem } from '../cases/index.js';
import { CaseConflictError, TransactionConflictError, type Actor, type TransactItem } from '../cases/index.js';
import { EnrolmentStore, type CapacityCounter, type EnrolmentRecord } from './enrolment-store.js';
import { RegisterStore } from './register-store.js';
import { closuresByService } from './closures.js';
import type { Closure } from '../platform/calendar.js';
import { zeroDelta } from './model.js';
import { addDays, bucharestToday } from './calendar.js';
import { endReasonLabels, registerPolicy, type EndReason } from './config.js';
import {
  activeServiceIds, approvedPlanEntries, chooseGroup, enrolledDaysIn, placesInMonth, isOpen, monthsBetweenDates, planDecision, startDateError,
  transferTargetError, type PlanEntry,
} from './rules/registers.js';

export type EnrolmentOutcomeKind = 'enrolled' | 'waiting' | 'already_enrolled' | 'already_waiting' | 'ended_under_plan';

export interface EnrolmentOutcome {
  serviceId: string;
  groupId: string;
  enrolmentId: string;
  outcome: EnrolmentOutcomeKind;
}

export interface EnrolFromPlanResult {
  case: CaseRecord;
  results: EnrolmentOutcome[];
  /** enrolments of an earlier plan ended because the approved plan no longer has their service */
  ended: { serviceId: string; enrolmentId: string }[];
}

export interface EnrolOptions {
  /** first day in the service; default today (Europe/Bucharest) */
  from?: string | undefined;
  /** required when the start is backdated into a month already closed for the subsidy */
  correctionReason?: string | undefined;
}

const dayRo = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
const groupName = (s: Service, groupId: string) => s.groups.find((g) => g.id === groupId)?.name ?? groupId;
const placeName = (s: Service, groupId: string) => `${s.shortName}, ${groupName(s, groupId)}`;

function serviceOf(id: string): Service {
  const s = getService(id);
  if (!s) throw invalid('UNKNOWN_SERVICE', 'Serviciul nu există în catalog.', [{ path: 'serviceId', message: 'Serviciu necunoscut', code: 'UNKNOWN_SERVICE' }]);
  return s;
}

function requireOpenCase(c: CaseRecord) {
  if (c.status !== 'open') throw invalid('CASE_CLOSED', 'Cazul este închis: nu se mai fac înscrieri la servicii.');
}

function requireApprovedPlan(c: CaseRecord) {
  if (c.plan?.status !== 'approved') throw invalid('PLAN_NOT_APPROVED', 'Înscrierea la servicii se face doar după aprobarea planului.');
}

const isCancellation = (e: unknown, index: number) => e instanceof TransactionConflictError && e.reasons[index] === 'ConditionalCheckFailed';

/** Re-read the case and its enrolments and run `fn`, again if someone else changed the case meanwhile. */
async function onFreshCase<T>(d: PathwayDeps, caseId: string, fn: (c: CaseRecord, enrolments: EnrolmentRecord[]) => Promise<T>): Promise<T> {
  const store = new EnrolmentStore(d.db);
  for (let attempt = 0; ; attempt++) {
    const c = await d.cases.get(caseId);
    if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
    const enrolments = await store.forCase(caseId);
    try {
      return await fn(c, enrolments);
    } catch (e) {
      const transient = e instanceof CaseConflictError || (e instanceof TransactionConflictError && e.reasons.some((r) => r === 'TransactionConflict'));
      if (transient && attempt < 5) {
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
        continue;
      }
      if (transient) throw conflict('CASE_BUSY', 'Cazul este modificat chiar acum de altcineva. Reîncercați peste câteva secunde.');
      throw e;
    }
  }
}

interface MonthEffects {
  items: TransactItem[];
  /** open months whose summaries get their enrolled days refreshed after the commit */
  refresh: string[];
}

/**
 * Enrolment changes that reach back into months already closed for the subsidy need a reason and become
 * corrections: one correction record per month and service, and the month's summary is flagged (and its enrolled
 * days set) in the same transaction. Open months are refreshed after the commit.
 */
async function monthEffects(
  d: PathwayDeps,
  c: CaseRecord,
  services: readonly Service[],
  enrolmentsAfter: readonly EnrolmentRecord[],
  months: readonly string[],
  change: { before: unknown; after: unknown; reason: string | undefined },
  actor: Actor,
  at: string,
): Promise<MonthEffects> {
  const registers = new RegisterStore(d.db);
  const closed = await registers.closedAmong(months);
  if (closed.size > 0 && !change.reason) {
    throw invalid('CORRECTION_REASON_REQUIRED', `Modificarea privește luni deja închise pentru subvenție (${[...closed].sort().join(', ')}). Indicați motivul corecturii.`, [
      { path: 'correctionReason', message: 'Motivul corecturii este obligatoriu pentru o lună închisă', code: 'CORRECTION_REASON_REQUIRED' },
    ]);
  }
  const items: TransactItem[] = [];
  const unique = [...new Map(services.map((s) => [s.id, s])).values()];
  const closures = closed.size > 0 ? await closuresByService(d.db, unique.map((s) => s.id)) : new Map<string, Closure[]>();
  for (const month of [...closed].sort()) {
    for (const s of unique) {
      const delta = { ...zeroDelta(), corrections: 1 };
      items.push(registers.summaryUpdateItem({ caseId: c.caseId, month, serviceId: s.id }, delta, at, { value: enrolledDaysIn(month, s, enrolmentsAfter, closures.get(s.id) ?? []), mode: 'set' }, at, placesInMonth(month, s.id, enrolmentsAfter)));
      items.push(registers.correctionItem({
        correctionId: ulid(), kind: 'enrolment', caseId: c.caseId, serviceId: s.id, month, before: change.before, after: change.after, delta,
        reason: change.reason!, author: { userId: actor.userId, displayName: actor.displayName }, at, status: 'pending',
      }));
    }
  }
  return { items, refresh: months.filter((m) => !closed.has(m)) };
}

async function refreshSummaries(d: PathwayDeps, caseId: string, services: readonly Service[], enrolments: readonly EnrolmentRecord[], months: readonly string[], at: string) {
  const registers = new RegisterStore(d.db);
  const unique = [...new Map(services.map((s) => [s.id, s])).values()];
  try {
    const closures = months.length > 0 ? await closuresByService(d.db, unique.map((s) => s.id)) : new Map<string, Closure[]>();
    for (const month of months) {
      await Promise.all(unique.map((s) => registers.refreshSummary({ caseId, month, serviceId: s.id }, enrolledDaysIn(month, s, enrolments, closures.get(s.id) ?? []), at, placesInMonth(month, s.id, enrolments))));
    }
  } catch (e) {
    // derived data: the month close recomputes it; never fail the enrolment for it
    logger.warn('participation summary refresh deferred', { caseId, error: (e as Error).name });
  }
}

async function deliver(d: PathwayDeps, ids: readonly string[]) {
  for (const id of ids) {
    await deliverOutbox(d, id).catch((err: unknown) => logger.warn('mail delivery deferred', { outboxId: id, error: (err as Error).message }));
  }
}

function mailsToProviders(d: PathwayDeps, service: Service, message: MailMessage, dedupe: string, now: Date) {
  return service.providers.map((institution) => outboxItem(d.db, { message, recipients: { role: 'coordinator', institution }, now, dedupeKey: `${dedupe}-${institution}` }));
}

const history = (actor: Actor, at: string, action: string, summary: string, detail: Record<string, unknown>) => ({ at, actorId: actor.userId, actorName: actor.displayName, action, summary, detail });

// ── enrol ────────────────────────────────────────────────────────────────────────────────────────────────────────

async function enrolOnce(d: PathwayDeps, c: CaseRecord, enrolments: EnrolmentRecord[], entry: PlanEntry, opts: EnrolOptions & { source: EnrolmentRecord['source'] }, actor: Actor): Promise<{ outcome: EnrolmentOutcome; case: CaseRecord }> {
  const store = new EnrolmentStore(d.db);
  const service = serviceOf(entry.serviceId);
  const open = enrolments.find((e) => e.serviceId === service.id && isOpen(e));
  if (open) return { outcome: { serviceId: service.id, groupId: open.groupId, enrolmentId: open.enrolmentId, outcome: open.status === 'active' ? 'already_enrolled' : 'already_waiting' }, case: c };

  const now = d.now();
  const at = now.toISOString();
  const today = bucharestToday(now);
  const from = opts.from ?? today;
  if (entry.groupId && !service.groups.some((g) => g.id === entry.groupId)) {
    throw invalid('UNKNOWN_GROUP', `Grupa nu există la ${service.shortName}.`, [{ path: 'groupId', message: 'Grupă necunoscută', code: 'UNKNOWN_GROUP' }]);
  }
  const counters = await store.counters(service.id);
  const choice = chooseGroup(service, counters, entry.groupId);
  const group = service.groups.find((g) => g.id === choice.groupId)!;
  const record: EnrolmentRecord = {
    enrolmentId: ulid(now.getTime()), caseId: c.caseId, caseNumber: c.caseNumber, serviceId: service.id, groupId: group.id, status: 'active', from,
    requestedAt: at, source: opts.source, planId: c.plan?.planId, planVersion: c.plan?.version, createdAt: at, createdBy: actor.userId, updatedAt: at, version: 1,
  };

  if (!choice.full) {
    const after = [...enrolments, record];
    const months = monthsBetweenDates(from, today, today);
    const effects = await monthEffects(d, c, [service], after, months, { before: null, after: { from, status: 'active', groupId: group.id }, reason: opts.correctionReason }, actor, at);
    try {
      const stored = await d.cases.update(
        c,
        { ...c, services: activeServiceIds(after), updatedAt: at },
        history(actor, at, 'enrolment.create', `Înscris la ${placeName(service, group.id)}, începând cu ${dayRo(from)}`, { enrolmentId: record.enrolmentId, serviceId: service.id, groupId: group.id, from, source: opts.source }),
        [store.putItem(record), store.takePlaceItem(service.id, group.id, group.capacity), ...effects.items],
      );
      await refreshSummaries(d, c.caseId, [service], after, effects.refresh, at);
      return { outcome: { serviceId: service.id, groupId: group.id, enrolmentId: record.enrolmentId, outcome: 'enrolled' }, case: stored };
    } catch (e) {
      // index 3 = the capacity counter: the last place went to someone else meanwhile; the child waits instead
      if (!isCancellation(e, 3)) throw e;
    }
  }

  const counter = await store.counter(service.id, group.id);
  const waiting: EnrolmentRecord = { ...record, status: 'waiting' };
  const mails = counter.enrolled >= group.capacity
    ? mailsToProviders(d, service, {
        kind: 'service_at_capacity',
        data: { service: { serviceId: service.id, name: `${service.name} — ${group.name}` }, enrolled: counter.enrolled, capacity: group.capacity, waitingCount: counter.waiting + 1 },
      }, `capacity-${waiting.enrolmentId}`, now)
    : [];
  const stored = await d.cases.update(
    c,
    { ...c, services: activeServiceIds(enrolments), updatedAt: at },
    history(actor, at, 'enrolment.waiting', `${placeName(service, group.id)} nu are locuri libere: copilul este trecut pe lista de așteptare`, { enrolmentId: waiting.enrolmentId, serviceId: service.id, groupId: group.id }),
    [store.putItem(waiting), store.joinWaitingItem(service.id, group.id), ...mails.map((m) => m.item)],
  );
  await deliver(d, mails.map((m) => m.id));
  // a place is free although someone waits (an earlier promotion did not finish): settle the queue now
  if (counter.enrolled < group.capacity) await promoteWaiting(d, service.id, group.id, actor);
  return { outcome: { serviceId: service.id, groupId: group.id, enrolmentId: waiting.enrolmentId, outcome: 'waiting' }, case: stored };
}

function checkStart(c: CaseRecord, from: string | undefined, now: Date) {
  if (from === undefined) return;
  const err = startDateError(from, { today: bucharestToday(now), consentDate: c.consent?.given ? c.consent.date : undefined });
  if (err) throw invalid(err.code, err.message, [{ path: err.field ?? 'from', message: err.message, code: err.code }]);
}

/**
 * Enrol the child in every service of the approved plan (group from the plan, or the first group with a place);
 * full groups put the child on their waiting list. Idempotent: services already enrolled in (or waited for), and
 * enrolments of this plan ended on purpose, are left alone. Open enrolments of an earlier plan whose service the
 * approved plan dropped are ended ('plan_changed').
 */
export async function enrolFromPlan(d: PathwayDeps, caseId: string, actor: Actor, opts: EnrolOptions = {}): Promise<EnrolFromPlanResult> {
  const first = await d.cases.get(caseId);
  if (!first) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  requireOpenCase(first);
  requireApprovedPlan(first);
  checkStart(first, opts.from, d.now());
  const entries = approvedPlanEntries(first);
  for (const e of entries) serviceOf(e.serviceId);
  let latest = first;
  const results: EnrolmentOutcome[] = [];
  for (const entry of entries) {
    const r = await onFreshCase(d, caseId, async (c, enrolments) => {
      requireOpenCase(c);
      requireApprovedPlan(c);
      const dec = planDecision(c.plan!, [entry], enrolments);
      const kept = dec.keep[0];
      if (kept) return { case: c, outcome: { serviceId: entry.serviceId, groupId: kept.enrolment.groupId, enrolmentId: kept.enrolment.enrolmentId, outcome: kept.enrolment.status === 'active' ? 'already_enrolled' : 'already_waiting' } as EnrolmentOutcome };
      const ended = dec.endedUnderPlan[0];
      if (ended) return { case: c, outcome: { serviceId: entry.serviceId, groupId: ended.enrolment.groupId, enrolmentId: ended.enrolment.enrolmentId, outcome: 'ended_under_plan' } as EnrolmentOutcome };
      return enrolOnce(d, c, enrolments, entry, { ...opts, source: 'plan' }, actor);
    });
    latest = r.case;
    results.push(r.outcome);
  }
  const endedList: EnrolFromPlanResult['ended'] = [];
  const obsolete = planDecision(latest.plan!, entries, await new EnrolmentStore(d.db).forCase(caseId)).end;
  for (const e of obsolete) {
    const r = await endEnrolment(d, caseId, e.enrolmentId, { reason: 'plan_changed' }, actor);
    latest = r.case;
    endedList.push({ serviceId: e.serviceId, enrolmentId: e.enrolmentId });
  }
  return { case: latest, results, ended: endedList };
}

/** Enrol in one service of the approved plan (optionally a chosen group and start date). */
export async function enrolInService(d: PathwayDeps, caseId: string, input: { serviceId: string; groupId?: string | undefined } & EnrolOptions, actor: Actor): Promise<{ case: CaseRecord; result: EnrolmentOutcome }> {
  const service = serviceOf(input.serviceId);
  return onFreshCase(d, caseId, async (c, enrolments) => {
    requireOpenCase(c);
    requireApprovedPlan(c);
    checkStart(c, input.from, d.now());
    const planned = approvedPlanEntries(c).find((e) => e.serviceId === service.id);
    if (!planned) {
      throw invalid('SERVICE_NOT_IN_PLAN', `Serviciul „${service.shortName}” nu este în planul aprobat al copilului.`, [{ path: 'serviceId', message: 'Serviciul nu este în plan', code: 'SERVICE_NOT_IN_PLAN' }]);
    }
    const open = enrolments.find((e) => e.serviceId === service.id && isOpen(e));
    if (open && input.groupId && open.groupId !== input.groupId) {
      throw conflict('ALREADY_ENROLLED', `Copilul este deja ${open.status === 'active' ? 'înscris' : 'pe lista de așteptare'} la ${placeName(service, open.groupId)}; pentru altă grupă folosiți transferul.`, { enrolmentId: open.enrolmentId });
    }
    const r = await enrolOnce(d, c, enrolments, { serviceId: service.id, groupId: input.groupId ?? planned.groupId }, { ...input, source: 'manual' }, actor);
    return { case: r.case, result: r.outcome };
  });
}

// ── waiting list ─────────────────────────────────────────────────────────────────────────────────────────────────

async function promoteOne(d: PathwayDeps, waiting: EnrolmentRecord, counter: CapacityCounter, actor: Actor): Promise<'promoted' | 'cancelled' | 'stop'> {
  const store = new EnrolmentStore(d.db);
  const service = serviceOf(waiting.serviceId);
  const group = service.groups.find((g) => g.id === waiting.groupId)!;
  return onFreshCase(d, waiting.caseId, async (c, enrolments) => {
    const e = enrolments.find((x) => x.enrolmentId === waiting.enrolmentId);
    if (e?.status !== 'waiting') return 'stop';
    const now = d.now();
    const at = now.toISOString();
    if (c.status !== 'open') {
      const cancelled: EnrolmentRecord = { ...e, status: 'cancelled', endReason: 'case_closed', endedAt: at, endedBy: actor.userId, updatedAt: at };
      await d.cases.update(c, { ...c, updatedAt: at }, history(actor, at, 'enrolment.cancel', `Scos de pe lista de așteptare la ${placeName(service, e.groupId)}: ${endReasonLabels.case_closed.toLowerCase()}`, { enrolmentId: e.enrolmentId }), [
        store.replaceItem(e, cancelled), store.releaseItem(e.serviceId, e.groupId, 'waiting'),
      ]);
      return 'cancelled';
    }
    const today = bucharestToday(now);
    const from = e.from > today ? e.from : today;
    const active: EnrolmentRecord = { ...e, status: 'active', from, promotedAt: at, updatedAt: at };
    const after = enrolments.map((x) => (x.enrolmentId === e.enrolmentId ? active : x));
    const mails = mailsToProviders(d, service, {
      kind: 'waiting_list',
      data: {
        service: { serviceId: service.id, name: `${service.name} — ${group.name}` },
        freePlaces: Math.max(1, group.capacity - counter.enrolled),
        waitingCount: Math.max(1, counter.waiting),
        nextCase: { caseId: c.caseId, caseNumber: c.caseNumber },
      },
    }, `waiting-${e.enrolmentId}`, now);
    try {
      await d.cases.update(
        c,
        { ...c, services: activeServiceIds(after), updatedAt: at },
        history(actor, at, 'enrolment.promote', `S-a eliberat un loc: copilul trece de pe lista de așteptare la ${placeName(service, e.groupId)}, începând cu ${dayRo(from)}`, { enrolmentId: e.enrolmentId, serviceId: e.serviceId, groupId: e.groupId, from }),
        [store.replaceItem(e, active), store.promoteItem(e.serviceId, e.groupId, group.capacity), ...mails.map((m) => m.item)],
      );
    } catch (err) {
      if (isCancellation(err, 3)) return 'stop'; // the place was taken meanwhile
      throw err;
    }
    await refreshSummaries(d, c.caseId, [service], after, monthsBetweenDates(from, today, today), at);
    await deliver(d, mails.map((m) => m.id));
    return 'promoted';
  });
}

/**
 * Fill the free places of a group from its waiting list, first come first served; each promotion tells the
 * service's coordinators (`waiting_list` mail). Returns the enrolment ids promoted.
 */
export async function promoteWaiting(d: PathwayDeps, serviceId: string, groupId: string, actor: Actor): Promise<string[]> {
  const store = new EnrolmentStore(d.db);
  const service = serviceOf(serviceId);
  const group = service.groups.find((g) => g.id === groupId);
  if (!group) return [];
  const promoted: string[] = [];
  for (let i = 0; i < group.capacity + 5; i++) {
    const counter = await store.counter(serviceId, groupId);
    if (counter.enrolled >= group.capacity || counter.waiting <= 0) break;
    const [next] = await store.waitingList(serviceId, groupId, 1);
    if (!next) break;
    const r = await promoteOne(d, next, counter, actor);
    if (r === 'stop') break;
    if (r === 'promoted') promoted.push(next.enrolmentId);
  }
  return promoted;
}

// ── end, transfer, start date ────────────────────────────────────────────────────────────────────────────────────

export interface EndInput {
  reason: EndReason;
  note?: string | undefined;
  /** last day in the service; default today; never in the future */
  date?: string | undefined;
  correctionReason?: string | undefined;
}

async function registersAfter(d: PathwayDeps, caseId: string, serviceId: string, lastDay: string, today: string): Promise<number> {
  if (lastDay >= today) return 0;
  const r = await new RegisterStore(d.db).registersOfCase(caseId, addDays(lastDay, 1), today);
  return r.marks.filter((m) => m.serviceId === serviceId).length + r.sessions.filter((s) => s.serviceId === serviceId && !s.cancelled).length;
}

function refuseRegistersAfter(n: number, lastDay: string) {
  if (n > 0) {
    throw invalid('REGISTERS_AFTER_END', `Există ${n === 1 ? 'o înregistrare' : `${n} înregistrări`} (prezențe sau ședințe) după ${dayRo(lastDay)}. Corectați-le întâi sau alegeți o dată ulterioară.`, [
      { path: 'date', message: 'Există înregistrări după această dată', code: 'REGISTERS_AFTER_END' },
    ]);
  }
}

/** End an enrolment (a waiting one, or one not started yet, is cancelled); the freed place goes to the waiting list. */
export async function endEnrolment(d: PathwayDeps, caseId: string, enrolmentId: string, input: EndInput, actor: Actor): Promise<{ case: CaseRecord; enrolment: EnrolmentRecord; promoted: string[] }> {
  if (input.reason === 'other' && !(input.note && input.note.trim().length >= registerPolicy.reasonMinLength.value)) {
    throw invalid('END_NOTE_REQUIRED', 'Pentru „Alt motiv” descrieți motivul încheierii.', [{ path: 'note', message: 'Descrieți motivul', code: 'END_NOTE_REQUIRED' }]);
  }
  const store = new EnrolmentStore(d.db);
  const r = await onFreshCase(d, caseId, async (c, enrolments) => {
    const e = enrolments.find((x) => x.enrolmentId === enrolmentId);
    if (!e) throw notFound('Înscrierea nu a fost găsită.');
    if (!isOpen(e)) throw conflict('ENROLMENT_ALREADY_ENDED', 'Înscrierea este deja încheiată.', { status: e.status, to: e.to });
    const service = serviceOf(e.serviceId);
    const now = d.now();
    const at = now.toISOString();
    const today = bucharestToday(now);
    const date = input.date ?? today;
    if (date > today) throw invalid('END_IN_FUTURE', 'Data încheierii nu poate fi în viitor.', [{ path: 'date', message: 'Data este în viitor', code: 'END_IN_FUTURE' }]);
    const common = { endReason: input.reason, ...(input.note ? { endNote: input.note } : {}), endedAt: at, endedBy: actor.userId, updatedAt: at };
    const label = endReasonLabels[input.reason].toLowerCase();
    if (e.status === 'waiting' || date < e.from) {
      const cancelled: EnrolmentRecord = { ...e, ...common, status: 'cancelled' };
      const stored = await d.cases.update(
        c,
        { ...c, services: activeServiceIds(enrolments.map((x) => (x.enrolmentId === e.enrolmentId ? cancelled : x))), updatedAt: at },
        history(actor, at, 'enrolment.cancel', `${e.status === 'waiting' ? 'Scos de pe lista de așteptare' : 'Înscriere anulată înainte de început'} la ${placeName(service, e.groupId)}: ${label}`, { enrolmentId: e.enrolmentId, reason: input.reason }),
        [store.replaceItem(e, cancelled), store.releaseItem(e.serviceId, e.groupId, e.status === 'waiting' ? 'waiting' : 'active')],
      );
      return { case: stored, enrolment: cancelled, freed: e.status === 'active', service };
    }
    refuseRegistersAfter(await registersAfter(d, c.caseId, e.serviceId, date, today), date);
    const ended: EnrolmentRecord = { ...e, ...common, status: 'ended', to: date };
    const after = enrolments.map((x) => (x.enrolmentId === e.enrolmentId ? ended : x));
    const months = monthsBetweenDates(date, today, today);
    const effects = await monthEffects(d, c, [service], after, months, { before: { status: e.status, from: e.from }, after: { status: 'ended', from: e.from, to: date, reason: input.reason }, reason: input.correctionReason }, actor, at);
    const stored = await d.cases.update(
      c,
      { ...c, services: activeServiceIds(after), updatedAt: at },
      history(actor, at, 'enrolment.end', `Încheiată participarea la ${placeName(service, e.groupId)} la ${dayRo(date)}: ${label}`, { enrolmentId: e.enrolmentId, reason: input.reason, to: date }),
      [store.replaceItem(e, ended), store.releaseItem(e.serviceId, e.groupId, 'active'), ...effects.items],
    );
    await refreshSummaries(d, c.caseId, [service], after, effects.refresh, at);
    return { case: stored, enrolment: ended, freed: true, service };
  });
  const promoted = r.freed ? await promoteWaiting(d, r.enrolment.serviceId, r.enrolment.groupId, actor) : [];
  return { case: r.case, enrolment: r.enrolment, promoted };
}

/** End every open enrolment of a case (the case is closed); returns the enrolment ids ended. */
export async function endEnrolmentsOfCase(d: PathwayDeps, caseId: string, actor: Actor, reason: EndReason = 'case_closed'): Promise<string[]> {
  const open = (await new EnrolmentStore(d.db).forCase(caseId)).filter(isOpen);
  const out: string[] = [];
  for (const e of open) {
    try {
      await endEnrolment(d, caseId, e.enrolmentId, { reason }, actor);
      out.push(e.enrolmentId);
    } catch (err) {
      // ended meanwhile (a repeated delivery of the closure step, or staff ending it at the same moment): nothing to do
      if (!(isRefusal(err, 'conflict', 'ENROLMENT_ALREADY_ENDED'))) throw err;
    }
  }
  return out;
}

export interface TransferInput {
  serviceId: string;
  groupId?: string | undefined;
  /** first day in the new place; default today; the old place ends the day before */
  date?: string | undefined;
  note?: string | undefined;
  correctionReason?: string | undefined;
}

/** Move a child from one place to another in one transaction (end the old enrolment, start the new one). */
export async function transferEnrolment(d: PathwayDeps, caseId: string, enrolmentId: string, input: TransferInput, actor: Actor): Promise<{ case: CaseRecord; ended: EnrolmentRecord; started: EnrolmentRecord; promoted: string[] }> {
  const store = new EnrolmentStore(d.db);
  const target = serviceOf(input.serviceId);
  const r = await onFreshCase(d, caseId, async (c, enrolments) => {
    requireOpenCase(c);
    const e = enrolments.find((x) => x.enrolmentId === enrolmentId);
    if (!e) throw notFound('Înscrierea nu a fost găsită.');
    if (e.status !== 'active') throw invalid('TRANSFER_NOT_ACTIVE', 'Doar o înscriere activă poate fi transferată.');
    const source = serviceOf(e.serviceId);
    const now = d.now();
    const at = now.toISOString();
    const today = bucharestToday(now);
    const date = input.date ?? today;
    if (date > today) throw invalid('TRANSFER_IN_FUTURE', 'Data transferului nu poate fi în viitor.', [{ path: 'date', message: 'Data este în viitor', code: 'TRANSFER_IN_FUTURE' }]);
    if (date <= e.from) {
      throw invalid('TRANSFER_DATE_INVALID', `Transferul trebuie să fie după începutul înscrierii (${dayRo(e.from)}); altfel încheiați înscrierea și faceți una nouă.`, [{ path: 'date', message: 'Data trebuie să fie după începutul înscrierii', code: 'TRANSFER_DATE_INVALID' }]);
    }
    if (target.id === source.id && !input.groupId) {
      throw invalid('GROUP_REQUIRED', 'Alegeți grupa în care se mută copilul.', [{ path: 'groupId', message: 'Alegeți grupa', code: 'GROUP_REQUIRED' }]);
    }
    if (input.groupId && !target.groups.some((g) => g.id === input.groupId)) {
      throw invalid('UNKNOWN_GROUP', `Grupa nu există la ${target.shortName}.`, [{ path: 'groupId', message: 'Grupă necunoscută', code: 'UNKNOWN_GROUP' }]);
    }
    const choice = chooseGroup(target, await store.counters(target.id), input.groupId);
    const targetErr = transferTargetError(source, target, choice.groupId, e.groupId, c);
    if (targetErr) throw invalid(targetErr.code, targetErr.message, [{ path: targetErr.field ?? 'serviceId', message: targetErr.message, code: targetErr.code }]);
    const other = enrolments.find((x) => x.serviceId === target.id && isOpen(x) && x.enrolmentId !== e.enrolmentId);
    if (other) throw conflict('ALREADY_ENROLLED', `Copilul este deja ${other.status === 'active' ? 'înscris' : 'pe lista de așteptare'} la ${target.shortName}.`, { enrolmentId: other.enrolmentId });
    const targetGroup = target.groups.find((g) => g.id === choice.groupId)!;
    const full = () => conflict('TARGET_FULL', `${placeName(target, targetGroup.id)} nu are locuri libere (sau are copii pe lista de așteptare). Înscrieți copilul pe lista de așteptare și încheiați înscrierea actuală când primește locul.`);
    if (choice.full) throw full();
    const lastDay = addDays(date, -1);
    refuseRegistersAfter(await registersAfter(d, c.caseId, e.serviceId, lastDay, today), lastDay);
    const started: EnrolmentRecord = {
      enrolmentId: ulid(now.getTime()), caseId: c.caseId, caseNumber: c.caseNumber, serviceId: target.id, groupId: targetGroup.id, status: 'active', from: date,
      requestedAt: at, source: 'transfer', transferredFrom: e.enrolmentId, planId: c.plan?.planId, planVersion: c.plan?.version, createdAt: at, createdBy: actor.userId, updatedAt: at, version: 1,
    };
    const ended: EnrolmentRecord = { ...e, status: 'ended', to: lastDay, endReason: 'transfer', ...(input.note ? { endNote: input.note } : {}), transferredTo: started.enrolmentId, endedAt: at, endedBy: actor.userId, updatedAt: at };
    const after = [...enrolments.map((x) => (x.enrolmentId === e.enrolmentId ? ended : x)), started];
    const months = monthsBetweenDates(lastDay, today, today);
    const effects = await monthEffects(d, c, [source, target], after, months, { before: { serviceId: e.serviceId, groupId: e.groupId }, after: { serviceId: target.id, groupId: targetGroup.id, from: date }, reason: input.correctionReason }, actor, at);
    try {
      const stored = await d.cases.update(
        c,
        { ...c, services: activeServiceIds(after), updatedAt: at },
        history(actor, at, 'enrolment.transfer', `Transfer de la ${placeName(source, e.groupId)} la ${placeName(target, targetGroup.id)}, începând cu ${dayRo(date)}`, { from: e.enrolmentId, to: started.enrolmentId, serviceId: target.id, groupId: targetGroup.id, date }),
        [store.replaceItem(e, ended), store.putItem(started), store.releaseItem(e.serviceId, e.groupId, 'active'), store.takePlaceItem(target.id, targetGroup.id, targetGroup.capacity), ...effects.items],
      );
      await refreshSummaries(d, c.caseId, [source, target], after, effects.refresh, at);
      return { case: stored, ended, started };
    } catch (err) {
      if (isCancellation(err, 5)) throw full(); // index 5 = the target's capacity counter
      throw err;
    }
  });
  const promoted = await promoteWaiting(d, r.ended.serviceId, r.ended.groupId, actor);
  return { ...r, promoted };
}

/** Correct the first day of an enrolment (e.g. the child attended before the paperwork was done). */
export async function changeEnrolmentStart(d: PathwayDeps, caseId: string, enrolmentId: string, input: { from: string; reason: string }, actor: Actor): Promise<{ case: CaseRecord; enrolment: EnrolmentRecord }> {
  const store = new EnrolmentStore(d.db);
  return onFreshCase(d, caseId, async (c, enrolments) => {
    const e = enrolments.find((x) => x.enrolmentId === enrolmentId);
    if (!e) throw notFound('Înscrierea nu a fost găsită.');
    if (e.status !== 'active' && e.status !== 'ended') throw invalid('START_NOT_CHANGEABLE', 'Data de început se poate corecta doar la o înscriere activă sau încheiată.');
    if (e.from === input.from) return { case: c, enrolment: e };
    const service = serviceOf(e.serviceId);
    const now = d.now();
    const at = now.toISOString();
    const today = bucharestToday(now);
    checkStart(c, input.from, now);
    if (e.to !== undefined && input.from > e.to) throw invalid('START_AFTER_END', `Data de început nu poate fi după sfârșitul înscrierii (${dayRo(e.to)}).`, [{ path: 'from', message: 'După sfârșitul înscrierii', code: 'START_AFTER_END' }]);
    const clash = enrolments.find((x) => x.enrolmentId !== e.enrolmentId && x.serviceId === e.serviceId && (x.status === 'active' || x.status === 'ended')
      && x.from <= (e.to ?? '9999-12-31') && (x.to ?? '9999-12-31') >= input.from);
    if (clash) throw invalid('ENROLMENTS_OVERLAP', `Perioada s-ar suprapune cu altă înscriere la ${service.shortName} (din ${dayRo(clash.from)}).`, [{ path: 'from', message: 'Suprapunere cu altă înscriere', code: 'ENROLMENTS_OVERLAP' }]);
    if (input.from > e.from) {
      const r = await new RegisterStore(d.db).registersOfCase(c.caseId, e.from, addDays(input.from, -1));
      const n = r.marks.filter((m) => m.serviceId === e.serviceId).length + r.sessions.filter((s) => s.serviceId === e.serviceId && !s.cancelled).length;
      if (n > 0) throw invalid('REGISTERS_BEFORE_START', `Există înregistrări (prezențe sau ședințe) înainte de ${dayRo(input.from)}. Corectați-le întâi.`, [{ path: 'from', message: 'Există înregistrări înainte de această dată', code: 'REGISTERS_BEFORE_START' }]);
    }
    const changed: EnrolmentRecord = { ...e, from: input.from, updatedAt: at };
    const after = enrolments.map((x) => (x.enrolmentId === e.enrolmentId ? changed : x));
    const months = monthsBetweenDates(e.from, input.from, today);
    const effects = await monthEffects(d, c, [service], after, months, { before: { from: e.from }, after: { from: input.from }, reason: input.reason }, actor, at);
    const stored = await d.cases.update(
      c,
      { ...c, services: activeServiceIds(after), updatedAt: at },
      history(actor, at, 'enrolment.start_changed', `Data de început la ${placeName(service, e.groupId)} corectată: ${dayRo(e.from)} → ${dayRo(input.from)} (${input.reason})`, { enrolmentId: e.enrolmentId, before: e.from, after: input.from }),
      [store.replaceItem(e, changed), ...effects.items],
    );
    await refreshSummaries(d, c.caseId, [service], after, effects.refresh, at);
    return { case: stored, enrolment: changed };
  });
}
