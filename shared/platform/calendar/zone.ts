/**
 * Time-zone rules and plain-date arithmetic without Temporal: the zone's offsets come from the tz database through
 * `Intl.DateTimeFormat` (full ICU in Node 22 and on Lambda), which is also what `temporal-polyfill` reads them from.
 * Dropping the polyfill saves ~54 KB in every Lambda bundle and ~20 ms of import (docs/decisions/018-performance.md);
 * `zone.test.ts` checks these functions against Temporal over many instants, wall times and dates.
 *
 * Internal to the calendar: other modules use shared/platform/calendar.ts.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formats = new Map<string, Intl.DateTimeFormat>();
function formatOf(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', era: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at the instant `ms`, in milliseconds (whole seconds: the tz database's precision). */
export function zoneOffsetMs(timeZone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p: Record<string, string> = {};
  for (const part of formatOf(timeZone).formatToParts(whole)) p[part.type] = part.value;
  const year = p.era === 'BC' || p.era === 'B' ? 1 - Number(p.year) : Number(p.year);
  const wall = Date.UTC(2000, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  // Date.UTC maps years 0–99 to 1900–1999: set the year apart (from a leap year, so 29 February survives)
  const asUtc = new Date(wall);
  asUtc.setUTCFullYear(year);
  return asUtc.getTime() - whole;
}

export interface WallFields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number;
}

/** Milliseconds of a wall time read as if it were UTC; null when a field is out of range (no overflow). */
export function wallAsUtcMs(w: WallFields): number | null {
  const ints = [w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond];
  if (!ints.every(Number.isInteger)) return null;
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > daysInMonthOf(w.year, w.month)) return null;
  if (w.hour < 0 || w.hour > 23 || w.minute < 0 || w.minute > 59 || w.second < 0 || w.second > 59 || w.millisecond < 0 || w.millisecond > 999) return null;
  const d = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond));
  d.setUTCFullYear(w.year);
  return d.getTime();
}

/**
 * The instant at which clocks in the zone show the wall time `u` (read as UTC ms): a repeated wall time (clocks go
 * back) → its first occurrence; a skipped one (clocks go forward) → the moment the clocks jumped. `offset` is the
 * zone's offset function (calendar.ts passes its table lookup).
 */
export function instantOfWall(u: number, offset: (ms: number) => number): number {
  // the zone changes offset at most once in two days here: the offsets a day either side are the only candidates
  const before = offset(u - DAY_MS);
  const after = offset(u + DAY_MS);
  const candidates = [...new Set([before, after])].map((o) => u - o).filter((t) => offset(t) === u - t).sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // skipped: the first instant with the new offset lies between the two readings of the wall time
  let lo = u - after; // still the old offset
  let hi = u - before; // already the new one
  if (lo > hi) [lo, hi] = [hi, lo];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function daysInMonthOf(year: number, month: number): number {
  const d = new Date(Date.UTC(2000, month, 0));
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** Add calendar months to a plain date, the day clamped to the target month's last day. */
export function addMonthsClamped(year: number, month: number, day: number, n: number): { year: number; month: number; day: number } {
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonthOf(y, m)) };
}

const DURATION_RE = /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d{1,9})?)H)?(?:(\d+(?:[.,]\d{1,9})?)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/i;

/**
 * Milliseconds of an ISO-8601 duration with exact units only (days count as 24 h): 'P1D', '-PT2H30M', 'PT90S'.
 * Years, months and weeks are refused (their length depends on the calendar), as is anything that is not a duration.
 */
export function exactDurationMs(iso: string): number {
  const m = DURATION_RE.exec(iso);
  const bad = () => new RangeError(`Not an ISO-8601 duration of days, hours, minutes or seconds: ${iso}`);
  if (!m || iso.endsWith('T') || m.slice(2).every((x) => x === undefined)) throw bad();
  if ([m[2], m[3], m[4]].some((x) => x !== undefined && Number(x) !== 0)) throw bad();
  const num = (x: string | undefined) => (x === undefined ? 0 : Number(x.replace(',', '.')));
  // only the smallest unit given may carry a fraction
  const time = [m[6], m[7], m[8]];
  const last = time.map((x) => x !== undefined).lastIndexOf(true);
  if (time.some((x, i) => x !== undefined && /[.,]/.test(x) && i !== last)) throw bad();
  const ms = num(m[5]) * DAY_MS + num(m[6]) * HOUR_MS + num(m[7]) * 60_000 + num(m[8]) * 1000;
  return Math.round(m[1] === '-' ? -ms : ms) + 0;
}
