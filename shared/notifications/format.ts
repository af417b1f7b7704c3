/**
 * Romanian formatting for e-mails: dates and instants in Europe/Bucharest, months, lei amounts, counted nouns, links.
 * Inputs are already validated by the template schemas ('YYYY-MM-DD', 'YYYY-MM', ISO-8601 UTC instants).
 */
import { formatDateRo, formatDateTimeRo, formatLei as formatLeiRo, formatMonthRo } from '../platform/calendar.js';
import { integerRo, pluralRulesRo } from '../platform/i18n/intl.js';

const intFormat = { format: (n: number) => integerRo().format(n) };
const plural = { select: (n: number) => pluralRulesRo().select(n) };

/** A calendar date 'YYYY-MM-DD' → '15.03.2026'. */
export const formatDate = (date: string): string => formatDateRo(date);

/** An ISO-8601 instant → '15.03.2026, 07:00' (Bucharest wall clock). */
export const formatInstant = (instant: string): string => formatDateTimeRo(instant);

/** A month key 'YYYY-MM' → 'martie 2026'. */
export const formatMonth = (month: string): string => formatMonthRo(month);

/** 1725600 → '1.725.600,00 lei'. */
export const formatLei = (amount: number): string => formatLeiRo(amount);

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
