/**
 * May a coordinator close this month for registers? Pure: the API calls it with the month asked for, the current
 * month in Bucharest, the project period (shared/project) and the close already recorded, if any.
 */
import { formatDateTimeRo } from '../../platform/calendar.js';

export interface ExistingClose { closedAt: string; closedByName: string }

export interface CloseRefusal {
  status: 409 | 422;
  code: 'MONTH_OUTSIDE_PROJECT' | 'MONTH_NOT_OVER' | 'MONTH_ALREADY_CLOSED';
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
