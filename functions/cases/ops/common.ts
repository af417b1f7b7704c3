/** What several operations of api-cases share (each operation is its own module: functions/cases/index.ts). */
import { z } from 'zod';
import { notFound } from '../../../shared/platform/http/errors.js';
import { deps } from '../../../shared/cases/deps.js';

export const caseParams = z.object({ caseId: z.string().min(10).max(40) });
export const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });

export async function load(caseId: string) {
  const c = await deps().cases.get(caseId);
  if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  return c;
}
