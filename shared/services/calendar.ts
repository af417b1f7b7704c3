/** Calendar vocabulary of registers, over the one calendar (shared/platform/calendar.ts). Dates 'YYYY-MM-DD', months 'YYYY-MM'. */
import { openDatesInMonth } from './rules/participation.js';
import { isoWeekday, localDate, monthDays, monthKey, type Closure } from '../platform/calendar.js';

/** The calendar day in Timișoara at instant `now`. */
export const bucharestToday = (now: Date): string => localDate(now);

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export { isoWeekday };

export { addCalendarDays as addDays, monthRange } from '../platform/calendar.js';

/** The month of a calendar day. */
export const monthOf = (date: string): string => monthKey(date);

export const firstDayOf = (month: string): string => monthDays(month).first;

export const lastDayOf = (month: string): string => monthDays(month).last;

export const isOpenOn = (daysOpen: readonly number[], date: string): boolean => daysOpen.includes(isoWeekday(date));

export interface Period {
  from: string;
  /** inclusive; absent while ongoing */
  to?: string | undefined;
}

export const periodContains = (p: Period, date: string): boolean => date >= p.from && (p.to === undefined || date <= p.to);

/**
 * Open days of the service in `month` (weekdays minus public holidays and the service's closures) on which at least
 * one of the periods holds (their union, never counted twice).
 */
export function enrolledOpenDays(month: string, daysOpen: readonly number[], periods: readonly Period[], closures: readonly Closure[] = []): number {
  return openDatesInMonth(month, daysOpen, closures).filter((d) => periods.some((p) => periodContains(p, d))).length;
}
