/** What several operations of api-services share (each operation is its own module: functions/services/index.ts). */
import { z } from 'zod';
import { isoDateSchema, monthKeySchema } from '../../../shared/services/model.js';
import { notFound } from '../../../shared/platform/http/errors.js';
import type { actorOf } from '../../../shared/cases/access.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCaseForServices } from '../../../shared/services/access.js';
import { registerPolicy } from '../../../shared/services/config.js';
import { EnrolmentStore } from '../../../shared/services/enrolment-store.js';

export const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });

export const id = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${what}: identificator invalid`);
export const caseId = z.string().min(10, 'Identificator de caz invalid').max(40, 'Identificator de caz invalid');
export const reasonText = (what: string) => z.string().trim().min(registerPolicy.reasonMinLength.value, `${what}: minimum ${registerPolicy.reasonMinLength.value} caractere`).max(500, `${what}: maximum 500 de caractere`);
export const correctionReason = reasonText('Motivul corecturii').optional();

export async function loadCase(caseIdValue: string) {
  const c = await deps().cases.get(caseIdValue);
  if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  return c;
}

export const enrolmentParams = z.object({ caseId, enrolmentId: id('Înscrierea') });

/** Case-level check for a change of one enrolment (and, for a transfer, the target service). */
export async function authorizeEnrolment(ctx: { principal: Parameters<typeof actorOf>[0] | undefined; path: { caseId: string; enrolmentId: string }; sourceIp: string; userAgent: string; requestId: string }, extraServices: string[] = []) {
  const d = deps();
  const c = await loadCase(ctx.path.caseId);
  const e = await new EnrolmentStore(d.db).get(c.caseId, ctx.path.enrolmentId);
  await authorizeCaseForServices(d, ctx.principal!, 'case.enrolment.write', c, [...(e ? [e.serviceId] : []), ...extraServices], req(ctx), { detail: { enrolmentId: ctx.path.enrolmentId } });
  if (!e) throw notFound('Înscrierea nu a fost găsită.');
  return { d, c, e };
}

export const sheetParams = z.object({ serviceId: id('Serviciul'), groupId: id('Grupa'), date: isoDateSchema });

export const monthParams = z.object({ month: monthKeySchema });
