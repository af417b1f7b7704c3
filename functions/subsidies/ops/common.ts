/** What several operations of api-subsidies share (each operation is its own module: functions/subsidies/index.ts). */
import { z } from 'zod';
import type { OperationContext } from '../../../shared/manifest/api.js';
import { runIdSchema } from '../../../shared/subsidies/input.js';

export const req = (c: Pick<OperationContext<unknown, unknown, unknown>, 'sourceIp' | 'userAgent' | 'requestId'>) => ({ sourceIp: c.sourceIp, userAgent: c.userAgent, requestId: c.requestId });
export const runPath = z.object({ runId: runIdSchema });
