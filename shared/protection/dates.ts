/** Calendar vocabulary of data protection, over the one calendar (shared/platform/calendar.ts). */
import { addCalendarDays, localDate, startOfLocalDay } from '../platform/calendar.js';

/** The calendar day (YYYY-MM-DD) of an instant in Bucharest. */
export const bucharestDay = (d: Date): string => localDate(d);

/** `day` plus `n` calendar days. */
export const addDays = (day: string, n: number): string => addCalendarDays(day, n);

/** The instant of 00:00 Europe/Bucharest on `day` (UTC+2 in winter, UTC+3 in summer). */
export const startOfBucharestDay = (day: string): Date => new Date(startOfLocalDay(day));
