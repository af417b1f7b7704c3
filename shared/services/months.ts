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
import { RegisterStore, type MonthClose, type StoredSummary } from './register-store.js';
import { incompleteRegisters, type IncompleteRegister } from './rules/incomplete-registers.js';
import { firstDayOf, lastDayOf } from './calendar.js';
import { enrolledDaysIn } from './rules/registers.js';
import { mapLimit } from '../platform/concurrency.js';

export interface CloseMonthResult {
  close: MonthClose;
  /** false when the month was already closed (the first close holds) */
  created: boolean;
  /** summaries written or refreshed with their enrolled days */
  summaries: number;
}


/** Close a month for registers (idempotent). `now` stamps the close; the caller decides whether the month is over. */
export async function closeMonth(db: Db, month: string, actor: Actor, now: Date = new Date()): Promise<CloseMonthResult> {
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
  await mapLimit(entries, 16, async ([, list]) => {
    const { caseId, serviceId } = list[0]!;
    const service = serviceCatalogue.find((s) => s.id === serviceId)!;
    await registers.refreshSummary({ caseId, month, serviceId }, enrolledDaysIn(month, service, list), at);
  });
  const r = await registers.putMonthClose({ month, closedAt: at, closedBy: actor.userId, closedByName: actor.displayName });
  return { ...r, summaries: entries.length };
}

/** Is the month closed for registers? */
export async function isMonthClosed(db: Db, month: string): Promise<boolean> {
  return (await new RegisterStore(db).monthClose(month)) !== undefined;
}

/** A month as the month-close page shows it: closed or not (by whom, when) and the centres' incomplete registers. */
export async function monthStatus(db: Db, month: string, services: readonly string[] | 'all'): Promise<{ month: string; close: MonthClose | null; incomplete: IncompleteRegister[] }> {
  const registers = new RegisterStore(db);
  const summaries: StoredSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await registers.monthPage(month, cursor, 500);
    summaries.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const catalogue = services === 'all' ? serviceCatalogue : serviceCatalogue.filter((s) => services.includes(s.id));
  return { month, close: (await registers.monthClose(month)) ?? null, incomplete: incompleteRegisters(summaries, catalogue) };
}
