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
import { enrolledDaysIn } from './rules/registers.js';
import { mapLimit } from '../platform/concurrency.js';
import { openDaysInMonth } from '../platform/calendar.js';
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


/** Close a month for registers (idempotent). `now` stamps the close; the caller decides whether the month is over. */
export async function closeMonth(db: Db, month: string, actor: Actor, now: Date = new Date(), reason?: string): Promise<CloseMonthResult> {
  const registers = new RegisterStore(db);
  const existing = await registers.monthClose(month);
  if (existing) return { close: existing, created: false, summaries: 0 };
  const store = new EnrolmentStore(db);
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const byCaseService = new Map<string, EnrolmentRecord[]>();
  await Promise.all(serviceCatalogue.flatMap((s) => s.groups.map(async (g) => {
    for (const e of await store.heldSince(s.id, g.id, first)) {
      if (e.from > last) continue;
      const k = `${e.caseId}#${e.serviceId}`;
      byCaseService.set(k, [...(byCaseService.get(k) ?? []), e]);
    }
  })));
  const at = now.toISOString();
  const entries = [...byCaseService.entries()];
  const closures = await closuresByService(db);
  await mapLimit(entries, 16, async ([, list]) => {
    const { caseId, serviceId } = list[0]!;
    const service = serviceCatalogue.find((s) => s.id === serviceId)!;
    await registers.refreshSummary({ caseId, month, serviceId }, enrolledDaysIn(month, service, list, closures.get(serviceId) ?? []), at);
  });
  const r = await registers.putMonthClose({ month, closedAt: at, closedBy: actor.userId, closedByName: actor.displayName, ...(reason ? { reason } : {}) });
  return { ...r, summaries: entries.length };
}

/** Is the month closed for registers? */
export async function isMonthClosed(db: Db, month: string): Promise<boolean> {
  return (await new RegisterStore(db).monthClose(month)) !== undefined;
}

/** Enrolments that held a place on some day of the month, grouped by child and service. */
async function heldInMonth(db: Db, month: string): Promise<EnrolmentRecord[]> {
  const store = new EnrolmentStore(db);
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const lists = await Promise.all(serviceCatalogue.flatMap((s) => s.groups.map((g) => store.heldSince(s.id, g.id, first))));
  return lists.flat().filter((e) => e.from <= last);
}

/**
 * Registers of the month with unmarked expected days (open days — public holidays and the service's closures excluded — on which the child held a
 * place, from the enrolment intervals), per centre AND group (issue #17): the monthly run lists them in its summary.
 * Read-only. The month-close page shows them (`monthStatus`) and a coordinator's close is refused while there are any.
 */
export async function incompleteRegistersOf(db: Db, month: string): Promise<GroupIncompleteRegister[]> {
  const registers = new RegisterStore(db);
  const [held, summaries] = await Promise.all([heldInMonth(db, month), (async () => {
    const out = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await registers.monthPage(month, cursor, 1000);
      for (const s of page.items) out.set(`${s.caseId}#${s.serviceId}`, s.scheduledDays);
      cursor = page.cursor;
    } while (cursor);
    return out;
  })()]);
  const places = held.map((e) => ({ caseId: e.caseId, caseNumber: e.caseNumber, serviceId: e.serviceId, groupId: e.groupId, periods: [{ from: e.from, to: e.to }] }));
  const closures = await closuresByService(db);
  const daysOpen = new Map(serviceCatalogue.map((s) => [s.id, openDaysInMonth(month, serviceCalendar(s, closures.get(s.id) ?? []))]));
  return incompleteRegistersByGroup(places, (caseId, serviceId) => summaries.get(`${caseId}#${serviceId}`) ?? 0, (id) => daysOpen.get(id) ?? [], participationRules);
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
