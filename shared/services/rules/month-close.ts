/**
 * May a coordinator close this month for registers? Pure: the API calls it with the month asked for, the current
 * month in Bucharest, the project period (shared/project) and the close already recorded, if any.
 */
import { formatDateTimeRo } from '../../platform/calendar.js';
import { countRo, nouns, type Noun } from '../../platform/i18n/plural.js';
import type { GroupIncompleteRegister } from './incomplete.js';

export interface ExistingClose { closedAt: string; closedByName: string }

export interface CloseRefusal {
  status: 409 | 422;
  code: 'MONTH_OUTSIDE_PROJECT' | 'MONTH_NOT_OVER' | 'MONTH_ALREADY_CLOSED' | 'REGISTERS_INCOMPLETE';
  message: string;
  details?: Record<string, unknown>;
}

const label = (month: string) => {
  const [y, m] = month.split('-');
  return `${m}.${y}`;
};

export function alreadyClosed(existing: ExistingClose): CloseRefusal {
  return {
    status: 409, code: 'MONTH_ALREADY_CLOSED',
    message: `Luna a fost deja închisă de ${existing.closedByName} la ${formatDateTimeRo(new Date(existing.closedAt))}.`,
    details: { closedBy: existing.closedByName, closedAt: existing.closedAt },
  };
}

export function monthCloseRefusal(month: string, currentMonth: string, period: { start: string; end: string }, existing?: ExistingClose): CloseRefusal | undefined {
  if (month < period.start || month > period.end) {
    return { status: 422, code: 'MONTH_OUTSIDE_PROJECT', message: `Luna ${label(month)} este în afara perioadei proiectului (${label(period.start)} – ${label(period.end)}).` };
  }
  if (month >= currentMonth) {
    return { status: 422, code: 'MONTH_NOT_OVER', message: `Se poate închide doar o lună încheiată: luna ${label(month)} nu s-a încheiat.` };
  }
  if (existing) return alreadyClosed(existing);
  return undefined;
}

const unmarkedDay: Noun = { one: 'zi programată nemarcată', many: 'zile programate nemarcate' };

/**
 * Issue #17: a coordinator's close is refused while a register of the month has unmarked expected days (a closed day
 * or a public holiday is never one), naming each centre and group, unless the close says `acceptIncomplete` — then
 * the month closes and those children stay held back (`REGISTER_INCOMPLETE`) until a correction completes them.
 */
export function incompleteRegistersRefusal(month: string, rows: readonly GroupIncompleteRegister[], acceptIncomplete = false): CloseRefusal | undefined {
  if (rows.length === 0 || acceptIncomplete) return undefined;
  const children = rows.reduce((n, r) => n + r.children, 0);
  const days = rows.reduce((n, r) => n + r.unrecordedDays, 0);
  const where = rows.map((r) => `${r.serviceName}, ${r.groupName}: ${countRo(r.children, nouns.child)}, ${countRo(r.unrecordedDays, unmarkedDay)}`).join('; ');
  return {
    status: 409, code: 'REGISTERS_INCOMPLETE',
    message: `Luna ${label(month)} nu se poate închide: registre incomplete (${countRo(children, nouns.child)}, ${countRo(days, unmarkedDay)}) — ${where}. ` +
      'Marcați zilele (prezent, absent sau absență motivată) în foile de prezență, apoi închideți luna.',
    details: { incomplete: rows.map((r) => ({ serviceId: r.serviceId, groupId: r.groupId, children: r.children, unrecordedDays: r.unrecordedDays })) },
  };
}
