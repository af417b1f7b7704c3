/** Calendar helpers for reports; every calendar day is read in Europe/Bucharest. */
const bucharest = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The Europe/Bucharest calendar day of an ISO instant; a plain date is returned as it is. */
export function dayOf(value: string | Date): string {
  if (typeof value === 'string' && DATE.test(value)) return value;
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid date: ${String(value)}`);
  const parts = Object.fromEntries(bucharest.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Last calendar day of a quarter 'YYYY-Qn'. */
export function quarterEnd(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`Invalid quarter: ${quarter}`);
  const month = Number(m[2]) * 3;
  const last = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** First calendar day of a quarter 'YYYY-Qn'. */
export function quarterStart(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`Invalid quarter: ${quarter}`);
  return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

export const minDay = (a: string, b: string): string => (a < b ? a : b);

/** Romanian long date: 23 noiembrie 2026 */
export function formatDayRo(day: string): string {
  const months = ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1]} ${y}`;
}
