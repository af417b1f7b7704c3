/** What several operations of api-admin share (each operation is its own module: functions/admin/index.ts). */
import { z } from 'zod';
import { institutionIds } from '../../../shared/platform/auth/principal.js';
import type { OperationContext } from '../../../shared/manifest/api.js';
import { forbidden } from '../../../shared/platform/http/errors.js';
import { monthKey } from '../../../shared/platform/calendar.js';

export const caseParams = z.object({ caseId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Identificator de caz invalid') });
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Luna trebuie să aibă forma AAAA-LL');
export const cursor = z.string().max(2000, 'Cursor prea lung').regex(/^[A-Za-z0-9_-]+$/, 'Cursor invalid');
export const limit = z.coerce.number({ error: 'Numărul de rânduri trebuie să fie un număr' }).int().min(1, 'Minimum 1 rând').max(200, 'Maximum 200 de rânduri').default(50);

export type Ctx = Pick<OperationContext<unknown, unknown, unknown>, 'sourceIp' | 'userAgent' | 'requestId'>;
export const req = (c: Ctx) => ({ sourceIp: c.sourceIp, userAgent: c.userAgent, requestId: c.requestId });

/** Coordinators read their own institution's log; asking for another one is refused, not silently narrowed. */
export function institutionOf(ctx: { principal?: { institution: string } | undefined }, asked: string | undefined): string {
  const own = ctx.principal!.institution;
  if (asked && asked !== own) throw forbidden('Puteți consulta doar jurnalul de audit al instituției dumneavoastră.');
  return own;
}

/** The audit table's institution index is partitioned by the Bucharest month of each entry (shared/protection/audit-store.ts). */
export const auditMonth = (now: Date) => monthKey(now);

export const auditQuery = z.object({ month: month.optional(), institution: z.enum(institutionIds).optional() });
