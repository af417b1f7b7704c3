/**
 * Dates and amounts for staff: ro-RO, calendar logic in Europe/Bucharest whatever the device's own time zone.
 * A thin layer over the shared calendar helpers (shared/platform/calendar.ts) so the UI and the server agree on every day.
 */
import { addCalendarDays, formatDateRo, formatDateTimeRo, formatLei, instantOf, localDate, TIME_ZONE, wallTimeOf } from '../../../shared/platform/calendar.js';
export { formatLei, TIME_ZONE };

const monthFormat = new Intl.DateTimeFormat('ro-RO', { timeZone: TIME_ZONE, month: 'long', year: 'numeric' });
/** 'YYYY-MM' → 'martie 2026' (as the e-mails write it; kept here so no mail module reaches the browser). */
export const formatMonth = (month: string): string => monthFormat.format(new Date(`${month}-15T12:00:00Z`));

/** 'YYYY-MM-DD' → '15.03.2026'. */
export const formatDate = (date: string): string => formatDateRo(date);

/** An ISO-8601 instant → '15.03.2026, 07:00' (Bucharest wall clock). */
export const formatInstant = (instant: string): string => formatDateTimeRo(instant);

/** The calendar day 'YYYY-MM-DD' of an instant, in Bucharest. */
export const bucharestDay = (at: Date): string => localDate(at);

/** 'YYYY-MM-DD' plus n calendar days. */
export const addDays = (date: string, n: number): string => addCalendarDays(date, n);

const pad = (n: number) => String(n).padStart(2, '0');

/** Bucharest wall clock of an instant as 'YYYY-MM-DDTHH:mm' (the value of an <input type="datetime-local">). */
export function toBucharestLocal(at: Date): string {
  const w = wallTimeOf(at);
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * A Bucharest wall-clock time 'YYYY-MM-DDTHH:mm' → ISO-8601 UTC instant, or undefined when it is not a valid value.
 * In the autumn hour that happens twice the first occurrence is taken; a time skipped in spring becomes the moment
 * the clocks jumped.
 */
export function bucharestLocalToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return instantOf({ year, month, day, hour, minute }).toISOString();
}
