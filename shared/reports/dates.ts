/** Calendar vocabulary of reports, over the one calendar (shared/platform/calendar.ts): every day is a Bucharest day. */
import { formatDateLongRo, isIsoDate, localDate, quarterDays } from '../platform/calendar.js';

export { isIsoDate };

/** The Europe/Bucharest calendar day of an ISO instant; a plain date is returned as it is. */
export const dayOf = (value: string | Date): string => localDate(value);

/** Last calendar day of a quarter 'YYYY-Qn'. */
export const quarterEnd = (quarter: string): string => quarterDays(quarter).last;

/** First calendar day of a quarter 'YYYY-Qn'. */
export const quarterStart = (quarter: string): string => quarterDays(quarter).first;

export const minDay = (a: string, b: string): string => (a < b ? a : b);

/** Romanian long date: 23 noiembrie 2026 */
export const formatDayRo = (day: string): string => formatDateLongRo(day);
