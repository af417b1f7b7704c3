/**
 * The calendar of Vatra: the ONLY module that knows the time zone (Europe/Bucharest). Every other module asks it for
 * the day or month of an instant, month keys and ranges, open days of a service, working-day terms and ro-RO formats.
 * Zoned time comes from the tz database (a table read from it for 1970–2100, calendar/bucharest-zone.ts; Intl outside
 * those years, calendar/zone.ts), never from hand-written offset rules.
 *
 * Vocabulary: an *instant* is an ISO-8601 string with offset or a Date; a *date* is a calendar day 'YYYY-MM-DD';
 * a *month* is a key 'YYYY-MM'. Calendar arithmetic on dates and months is plain calendar arithmetic; only the
 * conversions between instants and Bucharest days/months involve the zone and its DST.
 * Pure: every function takes the moment it works on; "now" comes from an injected `Clock` (calendar/clock.ts).
 * Public holidays are data (calendar/holidays.ts); per-service closures are configuration owned by the services area
 * and passed in (`openDaysInMonth(month, { daysOpen, closures })`).
 */
import { msg } from './i18n/ro.js';
import { twoDecimalsRo } from './i18n/intl.js';
import { publicHolidayOn, type PublicHoliday } from './calendar/holidays.js';
import type { Clock } from './calendar/clock.js';
import { addMonthsClamped, instantOfWall, wallAsUtcMs, zoneOffsetMs } from './calendar/zone.js';
import { bucharestZone } from './calendar/bucharest-zone.js';
import { TIME_ZONE } from './calendar/zone-name.js';
import { offsetFromTable } from './calendar/transitions.js';

export { CLOCK_ENV, clockFromEnv, clockStartingAt, durationMs, fixedClock, offsetClock, systemClock, type Clock } from './calendar/clock.js';
export { EASTER_HOLIDAYS, FIXED_HOLIDAYS, orthodoxEaster, publicHolidayOn, publicHolidays, type PublicHoliday } from './calendar/holidays.js';

export { TIME_ZONE };

export type Instant = Date | string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

const invalid = (value: unknown): RangeError => new RangeError(msg('TIME_INVALID', { value: String(value) }));
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Is `s` an existing calendar day written 'YYYY-MM-DD'? */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Is `s` a month key 'YYYY-MM'? */
export function isMonthKey(s: string): boolean {
  const m = MONTH_RE.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toMs(instant: Instant): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(instant);
  return ms;
}

function plainDate(date: string): { year: number; month: number; day: number } {
  if (!isIsoDate(date)) throw invalid(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 of a calendar date (plain calendar arithmetic, no time zone). */
function epochDay(date: string): number {
  if (!isIsoDate(date)) throw invalid(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
const fromEpochDay = (n: number): string => {
  const d = new Date(n * DAY_MS);
  return dateString(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

function parseMonth(month: string): [number, number] {
  if (!isMonthKey(month)) throw invalid(month);
  return month.split('-').map(Number) as [number, number];
}

const DAY_MS = 86_400_000;
const dateString = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/**
 * The zone's offset, from the tz database: for 1970–2100 looked up in the table read from it (calendar/bucharest-zone.ts,
 * written by `npm run gen:zone`, checked against Intl by transitions.test.ts), so computing a Bucharest day builds no
 * `Intl` object (ICU's start-up is ~20 ms of a Lambda's cold start); outside those years, Intl itself.
 */
function offsetMs(ms: number): number {
  return offsetFromTable(bucharestZone, ms) ?? zoneOffsetMs(TIME_ZONE, ms);
}

/** The Bucharest wall-clock time of an instant. */
export function wallTimeOf(instant: Instant): WallTime {
  const ms = toMs(instant);
  const w = new Date(ms + offsetMs(ms)); // read with UTC getters: the wall clock
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    millisecond: w.getUTCMilliseconds(),
  };
}

/** Offset of Bucharest from UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
export function offsetAt(instant: Instant): number {
  return offsetMs(toMs(instant));
}

/**
 * The instant at which Bucharest clocks show `wall`. A wall time repeated when clocks go back (October) resolves to its
 * first occurrence; a wall time skipped when clocks go forward (March) resolves to the moment the clocks jumped,
 * so the mapping never goes backwards as the wall time grows.
 */
export function instantOf(wall: Pick<WallTime, 'year' | 'month' | 'day'> & Partial<WallTime>): Date {
  const fields = { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour ?? 0, minute: wall.minute ?? 0, second: wall.second ?? 0, millisecond: wall.millisecond ?? 0 };
  const u = wallAsUtcMs(fields);
  if (u === null) throw invalid(JSON.stringify(wall));
  // repeated (autumn): the first occurrence; skipped by the spring jump: the moment the clocks jumped
  return new Date(instantOfWall(u, offsetMs));
}

/** Bucharest calendar day of an instant; a plain 'YYYY-MM-DD' is returned unchanged (after validation). */
export function localDate(instant: Instant): string {
  if (typeof instant === 'string' && DATE_RE.test(instant)) {
    plainDate(instant);
    return instant;
  }
  const w = wallTimeOf(instant);
  return dateString(w.year, w.month, w.day);
}

/** Bucharest month 'YYYY-MM' of an instant (or of a plain date, or a month key itself). */
export function monthKey(instant: Instant): string {
  if (typeof instant === 'string' && MONTH_RE.test(instant)) {
    parseMonth(instant);
    return instant;
  }
  return localDate(instant).slice(0, 7);
}

/** Today in Bucharest, read from the clock. */
export const today = (clock: Clock): string => localDate(clock.now());

/** This month in Bucharest, read from the clock. */
export const currentMonth = (clock: Clock): string => monthKey(clock.now());

/** First instant of a Bucharest day (local midnight), as a UTC ISO string. */
const dayStarts = new Map<string, string>();
export function startOfLocalDay(date: string): string {
  let start = dayStarts.get(date);
  if (start === undefined) {
    const d = plainDate(date);
    start = instantOf({ year: d.year, month: d.month, day: d.day }).toISOString();
    if (dayStarts.size > 100_000) dayStarts.clear();
    dayStarts.set(date, start);
  }
  return start;
}

/** Last millisecond of a Bucharest day (just before the next local midnight), as a UTC ISO string. */
export function endOfLocalDay(date: string): string {
  return new Date(Date.parse(startOfLocalDay(addCalendarDays(date, 1))) - 1).toISOString();
}

/** `{ start, end }` of a Bucharest month: local midnight of its first day and of the next month's first day (end exclusive). */
export function monthBounds(month: string): { start: string; end: string } {
  parseMonth(month);
  return { start: startOfLocalDay(`${month}-01`), end: startOfLocalDay(`${addMonthsToMonth(month, 1)}-01`) };
}

export function addMonthsToMonth(month: string, n: number): string {
  if (!Number.isInteger(n)) throw invalid(n);
  const [y, m] = parseMonth(month);
  const index = y * 12 + (m - 1) + n;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** Signed number of months from `a` to `b` ('2025-03' → '2028-02' is 35); `addMonthsToMonth(a, monthsBetween(a, b)) === b`. */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = parseMonth(a);
  const [by, bm] = parseMonth(b);
  return (by - ay) * 12 + (bm - am);
}

/** Every month from `a` to `b`, both included; empty when `b` is before `a`. */
export function monthRange(a: string, b: string): string[] {
  const n = monthsBetween(a, b);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addMonthsToMonth(a, i));
}

/** First and last calendar day of a month. */
export function monthDays(month: string): { first: string; last: string } {
  const [y, m] = parseMonth(month);
  return { first: `${month}-01`, last: `${month}-${pad(daysInMonth(y, m))}` };
}

/** Every calendar day of a month, in order. */
export function datesInMonth(month: string): string[] {
  const { first, last } = monthDays(month);
  return datesBetween(first, last);
}

/** Every calendar day from `from` to `to`, both included; empty when `to` is before `from`. */
export function datesBetween(from: string, to: string): string[] {
  const a = epochDay(from);
  const b = epochDay(to);
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(fromEpochDay(n));
  return out;
}

/** 'YYYY-Qn' → its first and last calendar day. */
export function quarterDays(quarter: string): { first: string; last: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw invalid(quarter);
  const firstMonth = `${m[1]}-${pad((Number(m[2]) - 1) * 3 + 1)}`;
  return { first: `${firstMonth}-01`, last: monthDays(addMonthsToMonth(firstMonth, 2)).last };
}

/**
 * The calendar date a date-only value carries when it arrives as a Date at 00:00 UTC of that day (spreadsheet date
 * cells read by exceljs): the date it names, never the Bucharest day of that instant. Not for timestamps.
 */
export function dateOfUtcMidnight(d: Date): string | undefined {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  return fromEpochDay(Math.floor(ms / DAY_MS));
}

export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw invalid(n);
  return fromEpochDay(epochDay(date) + n);
}

/**
 * Add calendar months to a date; when the target month has no such day the result is its last day
 * (31 Jan + 1 month = 28/29 Feb), as in Codul civil art. 2552(2).
 */
export function addCalendarMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw invalid(n);
  const d = plainDate(date);
  const t = addMonthsClamped(d.year, d.month, d.day, n);
  return dateString(t.year, t.month, t.day);
}

/** Whole calendar days from date `a` to date `b` (signed). */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/**
 * Age in whole years on a date. The birthday of someone born on 29 February is 28 February in common years
 * (the same end-of-month rule as `addCalendarMonths`). Negative when `onDate` is before the birth date.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const by = plainDate(birthDate).year;
  const oy = plainDate(onDate).year;
  let age = oy - by;
  if (onDate < addCalendarMonths(birthDate, age * 12)) age -= 1;
  return age;
}

// ---------------------------------------------------------------------------------------------------------------
// Open days, holidays, closures, working days

/** A period a service is closed (summer break, disinfection, …): both days included, with the reason given. */
export interface Closure {
  from: string;
  to: string;
  reason: string;
}

/** What decides whether a service is open on a day. */
export interface ServiceCalendar {
  /** ISO weekdays the service is open (1 = Monday … 7 = Sunday) */
  daysOpen: readonly number[];
  /** closures of this service, passed in by the services area */
  closures?: readonly Closure[];
  /** whether public holidays close the service; default true (Codul muncii art. 139) */
  closedOnPublicHolidays?: boolean;
}

export type ClosedReason =
  | { kind: 'weekday'; date: string }
  | { kind: 'holiday'; date: string; holiday: PublicHoliday }
  | { kind: 'closure'; date: string; closure: Closure };

/** Why a service is closed on `date`, or null when it is open. A holiday wins over a closure, a closure over the weekday. */
export function closedReason(date: string, cal: ServiceCalendar): ClosedReason | null {
  if (!isIsoDate(date)) throw invalid(date);
  if (cal.closedOnPublicHolidays !== false) {
    const holiday = publicHolidayOn(date);
    if (holiday) return { kind: 'holiday', date, holiday };
  }
  const closure = cal.closures?.find((c) => c.from <= date && date <= c.to);
  if (closure) return { kind: 'closure', date, closure };
  if (!cal.daysOpen.includes(isoWeekday(date))) return { kind: 'weekday', date };
  return null;
}

export const isOpenDay = (date: string, cal: ServiceCalendar): boolean => closedReason(date, cal) === null;

/** Dates 'YYYY-MM-DD' of `month` on which the service is open: its weekdays, minus public holidays and its closures. */
export function openDaysInMonth(month: string, cal: ServiceCalendar): string[] {
  return datesInMonth(month).filter((d) => isOpenDay(d, cal));
}

/** Open dates of the service from `from` to `to`, both included. */
export function openDaysBetween(from: string, to: string, cal: ServiceCalendar): string[] {
  return datesBetween(from, to).filter((d) => isOpenDay(d, cal));
}

/** The working-day calendar: Monday to Friday, public holidays excluded. */
export const WORKING_WEEK: ServiceCalendar = { daysOpen: [1, 2, 3, 4, 5] };

/** A working day: Monday–Friday and not a public holiday. */
export const isWorkingDay = (date: string): boolean => isOpenDay(date, WORKING_WEEK);

/**
 * The `n`-th working day after `date` (before it when `n` is negative); `date` itself when `n` is 0.
 * "5 zile lucrătoare de la 24.12.2026" is `addWorkingDays('2026-12-24', 5)`.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw invalid(n);
  let d = epochDay(date);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    d += step;
    if (isWorkingDay(fromEpochDay(d))) left--;
  }
  return fromEpochDay(d);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  return datesBetween(addCalendarDays(from, 1), to).filter(isWorkingDay).length;
}

/** `date` when it is a working day, otherwise the next working day. */
export const nextWorkingDayFrom = (date: string): string => (isWorkingDay(date) ? date : addWorkingDays(date, 1));

export type TermUnit = 'days' | 'workingDays' | 'months' | 'years';

export interface Term {
  unit: TermUnit;
  value: number;
  /**
   * When the last day of a term in days/months/years is not a working day the term ends on the next working day
   * (Codul civil art. 2553 alin. (3)); default false (a child-protection term in calendar days is not extended).
   */
  extendToWorkingDay?: boolean;
}

/**
 * The last day of a term that starts on `start` (the day of the event; the term runs from the next day):
 * calendar days, working days, months (end-of-month rule of `addCalendarMonths`) or years.
 */
export function termEnd(start: string, term: Term): string {
  if (!Number.isInteger(term.value) || term.value < 0) throw invalid(term.value);
  let end: string;
  switch (term.unit) {
    case 'days':
      end = addCalendarDays(start, term.value);
      break;
    case 'workingDays':
      return addWorkingDays(start, term.value);
    case 'months':
      end = addCalendarMonths(start, term.value);
      break;
    case 'years':
      end = addCalendarMonths(start, term.value * 12);
      break;
  }
  return term.extendToWorkingDay ? nextWorkingDayFrom(end) : end;
}

// ---------------------------------------------------------------------------------------------------------------
// ro-RO formatting

export const MONTH_NAMES_RO = ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'] as const;
export const WEEKDAY_NAMES_RO = ['luni', 'marți', 'miercuri', 'joi', 'vineri', 'sâmbătă', 'duminică'] as const;

/** '22.11.2026' — a plain date as it is, an instant as its Bucharest day. */
export function formatDateRo(value: Instant): string {
  const d = plainDate(localDate(value));
  return `${pad(d.day)}.${pad(d.month)}.${pad(d.year, 4)}`;
}

/** '22.11.2026, 14:05' — Bucharest wall clock, 24-hour. */
export function formatDateTimeRo(instant: Instant): string {
  const w = wallTimeOf(instant);
  return `${pad(w.day)}.${pad(w.month)}.${pad(w.year, 4)}, ${pad(w.hour)}:${pad(w.minute)}`;
}

/** '14:05' — Bucharest wall clock time of an instant. */
export function formatTimeRo(instant: Instant): string {
  const w = wallTimeOf(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** '23 noiembrie 2026' — a plain date as it is, an instant as its Bucharest day. */
export function formatDateLongRo(value: Instant): string {
  const d = plainDate(localDate(value));
  return `${d.day} ${MONTH_NAMES_RO[d.month - 1]} ${d.year}`;
}

/** 'noiembrie 2026' — a month key (or the Bucharest month of an instant). */
export function formatMonthRo(value: Instant): string {
  const [y, m] = parseMonth(monthKey(value));
  return `${MONTH_NAMES_RO[m - 1]} ${y}`;
}

/** 'luni' … 'duminică'. */
export const weekdayNameRo = (date: string): string => WEEKDAY_NAMES_RO[isoWeekday(date) - 1]!;

/** 1725600 → '1.725.600,00 lei' (ro-RO grouping and decimal comma, always two decimals). */
export function formatLei(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(msg('AMOUNT_INVALID'));
  return `${twoDecimalsRo().format(amount)} lei`;
}

/**
 * Add calendar months to an instant keeping its Bucharest wall-clock time; the day is clamped to the target month's
 * end, a wall time that does not exist on the target day (spring DST gap) moves to the moment clocks jumped.
 */
export function addMonthsKeepingWallClock(instant: Instant, n: number): Date {
  if (!Number.isInteger(n)) throw invalid(n);
  const w = wallTimeOf(instant);
  const target = addMonthsClamped(w.year, w.month, w.day, n);
  return instantOf({ ...w, year: target.year, month: target.month, day: target.day });
}
