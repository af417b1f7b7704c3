/** Calendar arithmetic for registers (pure). Dates are 'YYYY-MM-DD', months 'YYYY-MM', the clock is Europe/Bucharest. */
import { openDatesInMonth } from './rules/participation.js';
import { daysInMonth, localDate } from '../platform/calendar.js';

/** The calendar day in Timișoara at instant `now`. */
export const bucharestToday = (now: Date): string => localDate(now);

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export { addCalendarDays as addDays, monthRange } from '../platform/calendar.js';

export const monthOf = (date: string): string => date.slice(0, 7);

export const firstDayOf = (month: string): string => `${month}-01`;

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
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
