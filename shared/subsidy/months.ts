/**
 * Month arithmetic for the monthly run, in Europe/Bucharest (pure: every function takes the instant it works on).
 * Months are keys 'YYYY-MM'; instants are ISO-8601 UTC.
 */
const monthRe = /^\d{4}-(0[1-9]|1[0-2])$/;

const bucharestParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Bucharest', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function wall(ms: number) {
  const p = Object.fromEntries(bucharestParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

export const isMonthKey = (s: string): boolean => monthRe.test(s);

function parse(month: string): [number, number] {
  if (!isMonthKey(month)) throw new RangeError(`Lună invalidă: ${month}`);
  return month.split('-').map(Number) as [number, number];
}

export function addMonths(month: string, n: number): string {
  const [y, m] = parse(month);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The Bucharest month of an instant. */
export function monthOf(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Moment invalid: ${String(instant)}`);
  const w = wall(ms);
  return `${w.y}-${String(w.m).padStart(2, '0')}`;
}

/** The month before the Bucharest month of `instant` (the month a run started on the 3rd settles). */
export const previousMonthOf = (instant: string | Date): string => addMonths(monthOf(instant), -1);

/** A month is finished when the Bucharest calendar has moved past it. */
export function isFinished(month: string, now: Date): boolean {
  parse(month);
  return month < monthOf(now);
}

/** First and last calendar day of a month. */
export function monthDays(month: string): { first: string; last: string } {
  const [y, m] = parse(month);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/** The instant of Bucharest midnight at the start of a month (offset +2 h or +3 h, never a DST switch at midnight). */
export function monthStartInstant(month: string): Date {
  const [y, m] = parse(month);
  const local = Date.UTC(y, m - 1, 1);
  for (const offsetHours of [2, 3]) {
    const ms = local - offsetHours * 3_600_000;
    const w = wall(ms);
    if (w.y === y && w.m === m && w.d === 1 && w.h === 0 && w.mi === 0) return new Date(ms);
  }
  throw new RangeError(`Nu se poate calcula începutul lunii ${month}`);
}

/** The last millisecond of a month in Bucharest. */
export const monthEndInstant = (month: string): Date => new Date(monthStartInstant(addMonths(month, 1)).getTime() - 1);
