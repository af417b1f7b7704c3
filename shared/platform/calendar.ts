/**
 * Calendar helpers for Europe/Bucharest, built on Intl only. Pure: every function takes the moment it works on.
 * Vocabulary: an *instant* is an ISO-8601 UTC string or a Date; a *date* is a calendar day 'YYYY-MM-DD';
 * a *month* is a key 'YYYY-MM'. Calendar arithmetic on dates and months ignores time zones (it is plain calendar
 * arithmetic); only the conversions between instants and Bucharest days/months involve the zone and its DST.
 */
import { msg } from './i18n/ro.js';

export const TIME_ZONE = 'Europe/Bucharest';

export type Instant = Date | string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const leiFormat = new Intl.NumberFormat('ro-RO', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: 'always' });

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

function parseDate(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw invalid(date);
  return date.split('-').map(Number) as [number, number, number];
}

function parseMonth(month: string): [number, number] {
  if (!isMonthKey(month)) throw invalid(month);
  return month.split('-').map(Number) as [number, number];
}

const formatDate = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** The Bucharest wall-clock time of an instant. */
export function wallTimeOf(instant: Instant): WallTime {
  const ms = toMs(instant);
  const p = Object.fromEntries(wallClock.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** Offset of Bucharest from UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
export function offsetAt(instant: Instant): number {
  const ms = toMs(instant);
  const w = wallTimeOf(new Date(ms));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - ms;
}

/**
 * The instant at which Bucharest clocks show `wall`. A wall time repeated when clocks go back (October) resolves to its
 * first occurrence; a wall time skipped when clocks go forward (March) resolves to the moment the clocks jumped,
 * so the mapping never goes backwards as the wall time grows.
 */
export function instantOf(wall: Pick<WallTime, 'year' | 'month' | 'day'> & Partial<WallTime>): Date {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, wall.millisecond ?? 0);
  if (Number.isNaN(local)) throw invalid(JSON.stringify(wall));
  const before = offsetAt(new Date(local - DAY_MS));
  const after = offsetAt(new Date(local + DAY_MS));
  const candidates = [...new Set([local - before, local - after])].sort((a, b) => a - b).filter((t) => t + offsetAt(new Date(t)) === local);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In the gap: find the transition between the instant still on the old offset and the one already on the new one.
  let lo = local - after; // old offset here
  let hi = local - before; // new offset here
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(new Date(mid)) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** Bucharest calendar day of an instant; a plain 'YYYY-MM-DD' is returned unchanged (after validation). */
export function localDate(instant: Instant): string {
  if (typeof instant === 'string' && DATE_RE.test(instant)) {
    parseDate(instant);
    return instant;
  }
  const w = wallTimeOf(instant);
  return formatDate(w.year, w.month, w.day);
}

/** Bucharest month 'YYYY-MM' of an instant (or of a plain date). */
export function monthKey(instant: Instant): string {
  return localDate(instant).slice(0, 7);
}

/** First instant of a Bucharest day (local midnight), as a UTC ISO string. */
export function startOfLocalDay(date: string): string {
  const [y, m, d] = parseDate(date);
  return instantOf({ year: y, month: m, day: d }).toISOString();
}

/** Last millisecond of a Bucharest day (just before the next local midnight), as a UTC ISO string. */
export function endOfLocalDay(date: string): string {
  return new Date(Date.parse(startOfLocalDay(addCalendarDays(date, 1))) - 1).toISOString();
}

/** `{ start, end }` of a Bucharest month: local midnight of its first day and of the next month's first day (end exclusive). */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = parseMonth(month);
  const next = addMonthsToMonth(month, 1);
  return { start: startOfLocalDay(formatDate(y, m, 1)), end: startOfLocalDay(`${next}-01`) };
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

export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw invalid(n);
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Add calendar months to a date; when the target month has no such day the result is its last day
 * (31 Jan + 1 month = 28/29 Feb), as in Codul civil art. 2552(2).
 */
export function addCalendarMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw invalid(n);
  const [y, m, d] = parseDate(date);
  const [ty, tm] = parseMonth(addMonthsToMonth(formatDate(y, m, 1).slice(0, 7), n));
  return formatDate(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/** Whole calendar days from date `a` to date `b` (signed). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parseDate(a);
  const [by, bm, bd] = parseDate(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY_MS);
}

/**
 * Age in whole years on a date. The birthday of someone born on 29 February is 28 February in common years
 * (the same end-of-month rule as `addCalendarMonths`). Negative when `onDate` is before the birth date.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by] = parseDate(birthDate);
  const [oy] = parseDate(onDate);
  let age = oy - by;
  if (onDate < addCalendarMonths(birthDate, age * 12)) age -= 1;
  return age;
}

/** '22.11.2026' — a plain date as it is, an instant as its Bucharest day. */
export function formatDateRo(value: Instant): string {
  const [y, m, d] = parseDate(localDate(value));
  return `${pad(d)}.${pad(m)}.${pad(y, 4)}`;
}

/** '22.11.2026, 14:05' — Bucharest wall clock, 24-hour. */
export function formatDateTimeRo(instant: Instant): string {
  const w = wallTimeOf(instant);
  return `${pad(w.day)}.${pad(w.month)}.${pad(w.year, 4)}, ${pad(w.hour)}:${pad(w.minute)}`;
}

/** 1725600 → '1.725.600,00 lei' (ro-RO grouping and decimal comma, always two decimals). */
export function formatLei(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(msg('AMOUNT_INVALID'));
  return `${leiFormat.format(amount)} lei`;
}

/**
 * Add calendar months to an instant keeping its Bucharest wall-clock time; the day is clamped to the target month's
 * end, a wall time that does not exist on the target day (spring DST gap) moves to the moment clocks jumped.
 */
export function addMonthsKeepingWallClock(instant: Instant, n: number): Date {
  const w = wallTimeOf(instant);
  const [y, m, d] = parseDate(addCalendarMonths(formatDate(w.year, w.month, w.day), n));
  return instantOf({ ...w, year: y, month: m, day: d });
}
