/**
 * Month close. The subsidy run's freeze step (and a coordinator, through the API) closes a month: from then on any
 * register change for that month needs a reason and is stored as a correction that the next run settles.
 * Before the marker is written, every child who held a place in the month gets a summary carrying its enrolled days,
 * so the run finds every enrolled child of the month in the summaries, even one with no register entry at all.
 */
import { serviceCatalogue } from './catalogue.js';
import type { Actor } from '../cases/index.js';
import type { Db } from '../platform/db/db.js';
import { EnrolmentStore, type EnrolmentRecord } from './enrolment-store.js';
import { RegisterStore, type MonthClose } from './register-store.js';
import { firstDayOf, lastDayOf } from './calendar.js';
import { enrolledDaysIn, placesInMonth } from './rules/registers.js';
import { openDaysInMonth, type Closure } from '../platform/calendar.js';
import { closuresByService, serviceCalendar } from './closures.js';
import { participationRules } from './participation-rules.js';
import { incompleteRegistersByGroup, type GroupIncompleteRegister } from './rules/incomplete.js';

export interface CloseMonthResult {
  close: MonthClose;
  /** false when the month was already closed (the first close holds) */
  created: boolean;
  /** summaries written or refreshed with their enrolled days */
  summaries: number;
}


/** Where the month close stands: the service (index in the catalogue) and how many of its children are done. */
export interface FreezePosition {
  segment: number;
  offset: number;
}

/** Summaries refreshed per page of the month close (100 per TransactWriteItems). */
export const FREEZE_PAGE_SIZE = 1000;

/**
 * ONE page of the month close, for the subsidy run's Freeze loop: the enrolments of one service that held a place in
 * the month (all its groups: a child moved between groups counts once, with every period), the children of the page in
 * case order from `offset`, and their summaries refreshed (enrolled days and places) in transactions of 100.
 * Idempotent (a repeated page writes the same values); `next` is null after the last service.
 */
export async function freezeMonthPage(db: Db, month: string, at: string, position: FreezePosition, limit = FREEZE_PAGE_SIZE, places?: MonthPlaces): Promise<{ summaries: number; next: FreezePosition | null }> {
  const service = serviceCatalogue[position.segment];
  if (!service) return { summaries: 0, next: null };
  const byCase = new Map<string, EnrolmentRecord[]>();
  const { held, closures } = places
    ? { held: places.held.filter((e) => e.serviceId === service.id), closures: places.closures }
    : await Promise.all([heldInMonth(db, month, [service]), closuresByService(db, [service.id])]).then(([h, c]) => ({ held: h, closures: c }));
  for (const e of held) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const caseIds = [...byCase.keys()].sort();
  const page = caseIds.slice(position.offset, position.offset + limit);
  await new RegisterStore(db).refreshSummaries(page.map((caseId) => {
    const list = byCase.get(caseId)!;
    return { key: { caseId, month, serviceId: service.id }, enrolledDays: enrolledDaysIn(month, service, list, closures.get(service.id) ?? []), places: placesInMonth(month, service.id, list) };
  }), at);
  const end = position.offset + page.length;
  const next = end < caseIds.length ? { segment: position.segment, offset: end } : position.segment + 1 < serviceCatalogue.length ? { segment: position.segment + 1, offset: 0 } : null;
  return { summaries: page.length, next };
}

/** Write the close marker once (after every page of `freezeMonthPage`); the first close holds. */
export async function markMonthClosed(db: Db, month: string, actor: Actor, now: Date, reason?: string): Promise<{ close: MonthClose; created: boolean }> {
  return new RegisterStore(db).putMonthClose({ month, closedAt: now.toISOString(), closedBy: actor.userId, closedByName: actor.displayName, ...(reason ? { reason } : {}), places: true });
}

/** Close a month for registers (idempotent). `now` stamps the close; the caller decides whether the month is over. */
export async function closeMonth(db: Db, month: string, actor: Actor, now: Date = new Date(), reason?: string, places?: MonthPlaces): Promise<CloseMonthResult> {
  const registers = new RegisterStore(db);
  const existing = await registers.monthClose(month);
  if (existing) return { close: existing, created: false, summaries: 0 };
  const at = now.toISOString();
  const reading = places ?? (await readMonthPlaces(db, month));
  let summaries = 0;
  for (let position: FreezePosition | null = { segment: 0, offset: 0 }; position;) {
    const r = await freezeMonthPage(db, month, at, position, FREEZE_PAGE_SIZE, reading);
    summaries += r.summaries;
    position = r.next;
  }
  const r = await markMonthClosed(db, month, actor, now, reason);
  return { ...r, summaries };
}

/** The month's close marker, if the month is closed. */
export async function monthCloseOf(db: Db, month: string): Promise<MonthClose | undefined> {
  return new RegisterStore(db).monthClose(month);
}

/** Is the month closed for registers? */
export async function isMonthClosed(db: Db, month: string): Promise<boolean> {
  return (await new RegisterStore(db).monthClose(month)) !== undefined;
}

/** Enrolments of `services` (all by default) that held a place on some day of the month. */
async function heldInMonth(db: Db, month: string, services: readonly (typeof serviceCatalogue)[number][] = serviceCatalogue): Promise<EnrolmentRecord[]> {
  const store = new EnrolmentStore(db);
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const lists = await Promise.all(services.flatMap((s) => s.groups.map((g) => store.heldSince(s.id, g.id, first))));
  return lists.flat().filter((e) => e.from <= last);
}

/**
 * What a month close reads: every enrolment that held a place in the month and every service's closures. The
 * coordinator's close reads it once for the incomplete-register check and the freeze, so both see the same places
 * (before, each service's freeze page read its groups again: the close route's requests over the services and
 * month-completion test files were 1,325, now 755). The subsidy run's Freeze step, one page per invocation, reads its
 * service's share itself.
 */
export interface MonthPlaces {
  held: EnrolmentRecord[];
  closures: Map<string, Closure[]>;
}

export async function readMonthPlaces(db: Db, month: string): Promise<MonthPlaces> {
  const [held, closures] = await Promise.all([heldInMonth(db, month), closuresByService(db)]);
  return { held, closures };
}

/**
 * Registers of the month with unmarked expected days (open days — public holidays and the service's closures excluded — on which the child held a
 * place, from the enrolment intervals), per centre AND group (issue #17): the monthly run lists them in its summary.
 * Read-only. The month-close page shows them (`monthStatus`) and a coordinator's close is refused while there are any.
 */
export async function incompleteRegistersOf(db: Db, month: string, places?: MonthPlaces): Promise<GroupIncompleteRegister[]> {
  const registers = new RegisterStore(db);
  const [{ held, closures }, summaries] = await Promise.all([places ?? readMonthPlaces(db, month), (async () => {
    const out = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await registers.monthPage(month, cursor, 1000);
      for (const s of page.items) out.set(`${s.caseId}#${s.serviceId}`, s.scheduledDays);
      cursor = page.cursor;
    } while (cursor);
    return out;
  })()]);
  const heldPlaces = held.map((e) => ({ caseId: e.caseId, caseNumber: e.caseNumber, serviceId: e.serviceId, groupId: e.groupId, periods: [{ from: e.from, to: e.to }] }));
  const daysOpen = new Map(serviceCatalogue.map((s) => [s.id, openDaysInMonth(month, serviceCalendar(s, closures.get(s.id) ?? []))]));
  return incompleteRegistersByGroup(heldPlaces, (caseId, serviceId) => summaries.get(`${caseId}#${serviceId}`) ?? 0, (id) => daysOpen.get(id) ?? [], participationRules);
}

/**
 * A month as the month-close page shows it: closed or not (by whom, when) and the incomplete registers per centre and
 * group — the same list the close checks and the run records (`incompleteRegistersOf`: the one calendar's open days,
 * public holidays and closures out, on which the child held a place), limited to `services`.
 */
export async function monthStatus(db: Db, month: string, services: readonly string[] | 'all'): Promise<{ month: string; close: MonthClose | null; incomplete: GroupIncompleteRegister[] }> {
  const [close, rows] = await Promise.all([new RegisterStore(db).monthClose(month), incompleteRegistersOf(db, month)]);
  return { month, close: close ?? null, incomplete: services === 'all' ? rows : rows.filter((r) => services.includes(r.serviceId)) };
}
