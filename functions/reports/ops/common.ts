/** What several operations of api-reports share (each operation is its own module: functions/reports/index.ts). */
import { z } from 'zod';
import type { OperationContext } from '../../../shared/manifest/api.js';
import { isoDate } from '../../../shared/cases/model.js';
import { deps } from '../../../shared/cases/deps.js';
import { reportsContext, type RequestMeta } from '../../../shared/reports/service.js';

export const ctx = () => reportsContext(deps());
export const meta = (c: Pick<OperationContext<unknown, unknown, unknown>, 'sourceIp' | 'userAgent' | 'requestId'>): RequestMeta => ({ sourceIp: c.sourceIp, userAgent: c.userAgent, requestId: c.requestId });

export const asOfQuery = z.object({ asOf: isoDate.optional() });
export const yearPath = z.object({ year: z.coerce.number({ error: 'Anul trebuie să fie un număr' }).int('Anul este un număr întreg').min(2000, 'An invalid').max(2100, 'An invalid') });
export const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Cheia rândului: litere mici, cifre și cratimă');
