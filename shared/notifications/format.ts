/**
 * Romanian formatting for e-mails: dates and instants in Europe/Bucharest, months, lei amounts, counted nouns, links.
 * Inputs are already validated by the template schemas ('YYYY-MM-DD', 'YYYY-MM', ISO-8601 UTC instants).
 */
const TIME_ZONE = 'Europe/Bucharest';

const dateFormat = new Intl.DateTimeFormat('ro-RO', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const instantFormat = new Intl.DateTimeFormat('ro-RO', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const monthFormat = new Intl.DateTimeFormat('ro-RO', { timeZone: TIME_ZONE, month: 'long', year: 'numeric' });
const leiFormat = new Intl.NumberFormat('ro-RO', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: 'always' });
const intFormat = new Intl.NumberFormat('ro-RO', { maximumFractionDigits: 0, useGrouping: 'always' });
const plural = new Intl.PluralRules('ro-RO');

/** A calendar date 'YYYY-MM-DD' → '15.03.2026'. Noon UTC is the same calendar day in Bucharest all year. */
export function formatDate(date: string): string {
  return dateFormat.format(new Date(`${date}T12:00:00Z`));
}

/** An ISO-8601 instant → '15.03.2026, 07:00' (Bucharest wall clock). */
export function formatInstant(instant: string): string {
  return instantFormat.format(new Date(instant));
}

/** A month key 'YYYY-MM' → 'martie 2026'. */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-15T12:00:00Z`));
}

/** 1725600 → '1.725.600,00 lei'. */
export function formatLei(amount: number): string {
  return `${leiFormat.format(amount)} lei`;
}

export function formatInt(n: number): string {
  return intFormat.format(n);
}

/**
 * A number with its noun, by the Romanian plural rules: 1 zi, 2 zile, 19 zile, 20 de zile, 101 zile, 120 de zile.
 * `one` is the singular, `many` the plural form.
 */
export function countOf(n: number, one: string, many: string): string {
  switch (plural.select(n)) {
    case 'one':
      return `${formatInt(n)} ${one}`;
    case 'few':
      return `${formatInt(n)} ${many}`;
    default:
      return `${formatInt(n)} de ${many}`;
  }
}

export const days = (n: number) => countOf(n, 'zi', 'zile');
export const months = (n: number) => countOf(n, 'lună', 'luni');
export const children = (n: number) => countOf(n, 'copil', 'copii');

/** 'astăzi', 'mâine', 'în 3 zile', 'în 20 de zile'. */
export function inDays(n: number): string {
  if (n === 0) return 'astăzi';
  if (n === 1) return 'mâine';
  return `în ${days(n)}`;
}

/** The web app's routes that e-mails link to (hash routes of the SPA). */
export const links = {
  case: (baseUrl: string, caseId: string) => `${baseUrl}/#/cazuri/${encodeURIComponent(caseId)}`,
  task: (baseUrl: string, taskId: string) => `${baseUrl}/#/sarcini/${encodeURIComponent(taskId)}`,
  run: (baseUrl: string, runId: string) => `${baseUrl}/#/subventii/${encodeURIComponent(runId)}`,
  service: (baseUrl: string, serviceId: string) => `${baseUrl}/#/servicii/${encodeURIComponent(serviceId)}`,
  preferences: (baseUrl: string) => `${baseUrl}/#/preferinte`,
} as const;
