/** What several operations of api-tasks share (each operation is its own module: functions/tasks/index.ts). */
import { z } from 'zod';

export const taskParams = z.object({ taskId: z.string().regex(/^T[0-9A-F]{24}$/, 'Identificator de sarcină invalid') });
export const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });
