/**
 * Month arithmetic for the monthly run, in Europe/Bucharest — the run's vocabulary over the shared calendar helpers
 * of `shared/platform/calendar.ts` (pure: every function takes the instant it works on). Months are keys 'YYYY-MM'.
 */
import { addMonthsToMonth, isMonthKey, monthBounds, monthDays, monthKey } from '../platform/calendar.js';

export { isMonthKey };

export const addMonths = (month: string, n: number): string => addMonthsToMonth(month, n);

/** The Bucharest month of an instant. */
export const monthOf = (instant: string | Date): string => monthKey(instant);

/** The month before the Bucharest month of `instant` (the month a run started on the 3rd settles). */
export const previousMonthOf = (instant: string | Date): string => addMonths(monthOf(instant), -1);

/** A month is finished when the Bucharest calendar has moved past it. */
export function isFinished(month: string, now: Date): boolean {
  return addMonths(month, 0) < monthOf(now); // addMonths validates the key
}

/** First and last calendar day of a month. */
export { monthDays };

/** The instant of Bucharest midnight at the start of a month. */
export const monthStartInstant = (month: string): Date => new Date(monthBounds(month).start);

/** The last millisecond of a month in Bucharest. */
export const monthEndInstant = (month: string): Date => new Date(Date.parse(monthBounds(month).end) - 1);
