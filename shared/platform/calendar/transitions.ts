/**
 * A time zone's offset changes read from the tz database (through Intl, zone.ts) and kept as a table: the instants at
 * which the offset changes and the offset from each one on. `scripts/gen-zone.ts` writes the calendar's table
 * (bucharest-zone.ts) with `readTransitions`; the calendar looks offsets up in it with `offsetFromTable` and so builds
 * no `Intl` object to compute a Bucharest day (~20 ms of ICU start-up in a fresh Lambda, decision 018).
 * `transitions.test.ts` reads the tz database again and fails when the table no longer matches it.
 *
 * Internal to the calendar: other modules use shared/platform/calendar.ts.
 */
import { zoneOffsetMs } from './zone.js';

const DAY_MS = 86_400_000;

export interface ZoneTable {
  zone: string;
  /** the tz database release the table was read from (process.versions.tz), for the reader of a failing test */
  tzVersion: string;
  /** the table answers for instants in [from, until) (UTC ms); outside, the calendar asks Intl */
  from: number;
  until: number;
  /** the offset at `from`, in minutes */
  initialOffsetMinutes: number;
  /** the offset changes in order: [the instant of the change in UTC seconds, the offset from then on in minutes] */
  changes: ReadonlyArray<readonly [number, number]>;
}

/**
 * The table of `zone` over [from, until), read from the tz database: the offset at each UTC midnight, and where two
 * midnights differ, the second of the change found by bisection. A zone that changes its offset twice within one UTC
 * day would be missed: refused (the calendar's zone.ts assumes at most one change in two days as well).
 */
export function readTransitions(zone: string, from: number, until: number, tzVersion: string): ZoneTable {
  if (from % DAY_MS !== 0 || until % DAY_MS !== 0 || until <= from) throw new RangeError('from and until are UTC midnights, from < until');
  const offset = (ms: number) => zoneOffsetMs(zone, ms);
  const changes: Array<readonly [number, number]> = [];
  let before = offset(from);
  const initial = before;
  for (let day = from; day < until; day += DAY_MS) {
    const after = offset(day + DAY_MS);
    if (after === before) continue;
    // the offset at day is `before`, at day + 1 d `after`: the first second with the new offset
    let lo = day / 1000;
    let hi = (day + DAY_MS) / 1000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offset(mid * 1000) === before) lo = mid;
      else hi = mid;
    }
    if (offset(hi * 1000 + DAY_MS / 2) !== after || offset(hi * 1000 - 1000) !== before) {
      throw new RangeError(`${zone} changes its offset more than once around ${new Date(hi * 1000).toISOString()}`);
    }
    changes.push([hi, after / 60_000]);
    before = after;
  }
  return { zone, tzVersion, from, until, initialOffsetMinutes: initial / 60_000, changes };
}

/** The offset (ms) at `ms` by the table, or undefined outside [from, until). Binary search over the changes. */
export function offsetFromTable(table: ZoneTable, ms: number): number | undefined {
  if (!(ms >= table.from && ms < table.until)) return undefined;
  const s = Math.floor(ms / 1000);
  const { changes } = table;
  // the last change at or before s
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changes[mid]![0] <= s) lo = mid + 1;
    else hi = mid;
  }
  return (lo === 0 ? table.initialOffsetMinutes : changes[lo - 1]![1]) * 60_000;
}
