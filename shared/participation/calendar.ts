/** Calendar arithmetic for registers (pure). Dates are 'YYYY-MM-DD', months 'YYYY-MM', the clock is Europe/Bucharest. */
import { openDatesInMonth } from '../rules/participation.js';

const bucharest = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Timișoara at instant `now`. */
export const bucharestToday = (now: Date): string => bucharest.format(now);

const utc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => ((utc(date).getUTCDay() + 6) % 7) + 1;

export const addDays = (date: string, n: number): string => new Date(utc(date).getTime() + n * 86_400_000).toISOString().slice(0, 10);

export const monthOf = (date: string): string => date.slice(0, 7);

export const firstDayOf = (month: string): string => `${month}-01`;

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

export const isOpenOn = (daysOpen: readonly number[], date: string): boolean => daysOpen.includes(isoWeekday(date));

export interface Period {
  from: string;
  /** inclusive; absent while ongoing */
  to?: string | undefined;
}

export const periodContains = (p: Period, date: string): boolean => date >= p.from && (p.to === undefined || date <= p.to);

/** Open days of the service in `month` on which at least one of the periods holds (their union, never counted twice). */
export function enrolledOpenDays(month: string, daysOpen: readonly number[], periods: readonly Period[]): number {
  return openDatesInMonth(month, daysOpen).filter((d) => periods.some((p) => periodContains(p, d))).length;
}

/** Months a period touches, up to `until` (inclusive); a period starting after `until` touches none. */
export function monthsOfPeriod(p: Period, until: string): string[] {
  const end = p.to !== undefined && p.to < until ? p.to : until;
  if (end < p.from) return [];
  return monthsBetween(monthOf(p.from), monthOf(end));
}
