/** Calendar helpers in Europe/Bucharest (the time zone of every calendar rule in Vatra). */

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' });
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Bucharest', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The calendar day (YYYY-MM-DD) of an instant in Bucharest. */
export const bucharestDay = (d: Date): string => dayFormat.format(d);

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The UTC instant of 00:00 Europe/Bucharest on `day` (UTC+2 in winter, UTC+3 in summer). */
export function startOfBucharestDay(day: string): Date {
  for (const offset of [3, 2]) {
    const t = new Date(`${day}T00:00:00Z`);
    t.setUTCHours(t.getUTCHours() - offset);
    if (bucharestDay(t) === day && hourFormat.format(t) === '00:00') return t;
  }
  throw new RangeError(`Ziua ${day} nu este o dată validă`);
}
