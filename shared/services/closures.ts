/**
 * Per-service closures (summer break, disinfection, a centre closed for a week): days a service does not work although
 * its weekday schedule says it does. They are passed INTO the calendar's pure functions
 * (`openDaysInMonth(month, serviceCalendar(service))`, `closedReason`), never read by the platform itself.
 * Today this is configuration in code, validated at load; editing it through the API/UI is not built yet (see
 * docs/decisions/014-one-calendar.md).
 */
import { z } from 'zod';
import { isIsoDate, type Closure, type ServiceCalendar } from '../platform/calendar.js';
import type { Service } from './catalogue.js';

const day = z.string().refine(isIsoDate, { message: 'Data trebuie să fie o zi din calendar, AAAA-LL-ZZ.' });

export const closureSchema = z
  .object({ from: day, to: day, reason: z.string().trim().min(3, 'Motivul închiderii are cel puțin 3 caractere.').max(300) })
  .refine((c) => c.from <= c.to, { message: 'Închiderea se termină înainte să înceapă.', path: ['to'] });

export const closuresSchema = z.record(z.string(), z.array(closureSchema));

/** serviceId → its closures. Empty: no closure has been decided for the project's services yet. */
export const serviceClosures: Readonly<Record<string, readonly Closure[]>> = closuresSchema.parse({});

/** The calendar of a service: its weekdays, public holidays (Codul muncii art. 139) and its closures. */
export function serviceCalendar(service: Pick<Service, 'id' | 'schedule'>, closures: Readonly<Record<string, readonly Closure[]>> = serviceClosures): ServiceCalendar {
  return { daysOpen: service.schedule.daysOpen, closures: closures[service.id] ?? [] };
}
