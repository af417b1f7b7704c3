/**
 * The pure rules of per-service closures (summer break, disinfection, a centre closed for a week): when a coordinator
 * may enter or cancel one, and the calendar of a service with them. No I/O, no clock: `today` is a parameter.
 *
 * The rule (docs/decisions/014-one-calendar.md):
 * - a closure is one or more whole Bucharest days, at most `maxClosureDays` long, inside the project period, planned
 *   at most `maxClosureDaysAhead` ahead; its reason has at least 3 characters;
 * - it never overlaps another active closure of the same service (cancel and re-enter instead);
 * - it is refused when a month it touches is closed for registers (the month's counts are frozen; a closure there
 *   would change expected days after the fact) — the same holds for cancelling it;
 * - it is refused when a register entry (an attendance mark or a session not cancelled) already exists on one of its
 *   days: the answer names the days, so the entries are corrected first (a closed day is never an absence nor a
 *   session).
 */
import type { Service } from '../catalogue.js';
import { registerPolicy, type RegisterPolicy } from '../config.js';
import { addCalendarDays, daysBetween, formatDateRo, monthKey, monthRange, type Closure, type ServiceCalendar } from '../../platform/calendar.js';
import type { RuleError } from './registers.js';

export interface ClosureSpan {
  from: string;
  to: string;
}

export interface ExistingClosure extends ClosureSpan {
  closureId: string;
  reason: string;
}

/** The months a closure touches ('YYYY-MM', in order). */
export const closureMonths = (c: ClosureSpan): string[] => monthRange(monthKey(c.from), monthKey(c.to));

/** Number of calendar days of a closure, both ends included. */
export const closureLength = (c: ClosureSpan): number => daysBetween(c.from, c.to) + 1;

const overlaps = (a: ClosureSpan, b: ClosureSpan) => a.from <= b.to && b.from <= a.to;

/** Dates, limits and overlap of a new closure (before anything is read about the registers). */
export function closureSpanError(c: ClosureSpan, ctx: { today: string; active: readonly ExistingClosure[] }, policy: RegisterPolicy = registerPolicy): RuleError | undefined {
  if (c.to < c.from) return { code: 'CLOSURE_ENDS_BEFORE_START', message: 'Închiderea se termină înainte să înceapă.', field: 'to' };
  if (c.from < policy.earliestDate.value) {
    return { code: 'CLOSURE_BEFORE_PROJECT', message: `Închiderea nu poate începe înainte de începutul proiectului (${formatDateRo(policy.earliestDate.value)}).`, field: 'from' };
  }
  const length = closureLength(c);
  if (length > policy.maxClosureDays.value) {
    return { code: 'CLOSURE_TOO_LONG', message: `O închidere are cel mult ${policy.maxClosureDays.value} de zile (aceasta are ${length}); introduceți perioada pe bucăți.`, field: 'to' };
  }
  const latest = addCalendarDays(ctx.today, policy.maxClosureDaysAhead.value);
  if (c.to > latest) {
    return { code: 'CLOSURE_TOO_FAR', message: `O închidere se planifică cel mult ${policy.maxClosureDaysAhead.value} de zile înainte (până la ${formatDateRo(latest)}).`, field: 'to' };
  }
  const other = ctx.active.find((x) => overlaps(x, c));
  if (other) {
    return {
      code: 'CLOSURE_OVERLAP',
      message: `Perioada se suprapune cu închiderea ${formatDateRo(other.from)}–${formatDateRo(other.to)} (${other.reason}). Anulați-o pe aceea sau alegeți alte zile.`,
      field: 'from',
    };
  }
  return undefined;
}

/** A closed month among those the closure touches: refused (counts of a closed month are frozen). */
export function closedMonthError(c: ClosureSpan, closedMonths: ReadonlySet<string>, verb: 'add' | 'cancel' = 'add'): RuleError | undefined {
  const month = closureMonths(c).find((m) => closedMonths.has(m));
  if (!month) return undefined;
  const what = verb === 'add' ? 'nu se mai pot adăuga închideri în ea' : 'închiderile ei nu se mai pot anula';
  return { code: 'MONTH_CLOSED', message: `Luna ${month} este închisă pentru registre: ${what} (zilele așteptate ale lunii sunt înghețate).`, field: 'from' };
}

/** The days of the closure that already have register entries: refused, naming the days. */
export function registerEntriesError(entryDays: readonly string[]): RuleError | undefined {
  if (entryDays.length === 0) return undefined;
  const days = [...new Set(entryDays)].sort();
  const shown = days.slice(0, 10).map(formatDateRo).join(', ');
  const more = days.length > 10 ? ` și încă ${days.length - 10}` : '';
  return {
    code: 'REGISTER_ENTRIES_ON_CLOSURE',
    message: `Există deja prezențe sau ședințe înregistrate în ${days.length === 1 ? 'ziua' : 'zilele'} ${shown}${more}. Corectați-le întâi (ștergeți marcajele sau anulați ședințele), apoi introduceți închiderea.`,
    field: 'from',
  };
}

/** The days of a closure on which a register entry could exist: past or today (the caller reads only those). */
export function daysToCheckForEntries(c: ClosureSpan, today: string): string[] {
  const out: string[] = [];
  for (let d = c.from; d <= c.to && d <= today; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

/** The calendar of a service: its weekdays, public holidays (Codul muncii art. 139) and its active closures. */
export function serviceCalendar(service: Pick<Service, 'schedule'>, closures: readonly Closure[] = []): ServiceCalendar {
  return { daysOpen: service.schedule.daysOpen, closures: closures.map((c) => ({ from: c.from, to: c.to, reason: c.reason })) };
}
