/** api-services POST /cases/{caseId}/enrolments: Înscrie copilul la serviciile din planul aprobat (sau la unul dintre ele). */
import { z } from 'zod';
import { isoDateSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { actorOf } from '../../../shared/cases/access.js';
import { deps } from '../../../shared/cases/deps.js';
import { clearAttention } from '../../../shared/cases/workflow.js';
import { logger } from '../../../shared/platform/log.js';
import { authorizeCaseForServices } from '../../../shared/services/access.js';
import { enrolFromPlan, enrolInService } from '../../../shared/services/enrolments.js';
import { approvedPlanEntries } from '../../../shared/services/rules/registers.js';
import { enrolmentView } from '../../../shared/services/views.js';
import { EnrolmentStore } from '../../../shared/services/enrolment-store.js';
import { req, id, caseId, correctionReason, loadCase } from './common.js';

const enrolCase = operation({
  path: z.object({ caseId }),
  body: z.object({
    serviceId: id('Serviciul').optional(),
    groupId: id('Grupa').optional(),
    from: isoDateSchema.optional(),
    correctionReason,
  }).refine((b) => !b.groupId || b.serviceId, { path: ['groupId'], message: 'Grupa se alege împreună cu serviciul' }),
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    const c = await loadCase(ctx.path.caseId);
    const services = ctx.body.serviceId ? [ctx.body.serviceId] : approvedPlanEntries(c).map((e) => e.serviceId);
    await authorizeCaseForServices(d, p, 'case.enrolment.write', c, services, req(ctx), { detail: { serviceId: ctx.body.serviceId ?? 'plan' } });
    const opts = { from: ctx.body.from, correctionReason: ctx.body.correctionReason };
    const r = ctx.body.serviceId
      ? await enrolInService(d, c.caseId, { serviceId: ctx.body.serviceId, groupId: ctx.body.groupId, ...opts }, actorOf(p)).then((x) => ({ case: x.case, results: [x.result], ended: [] }))
      : await enrolFromPlan(d, c.caseId, actorOf(p), opts);
    const created = r.results.some((x) => x.outcome === 'enrolled' || x.outcome === 'waiting');
    // the whole plan enrolled by a person: the workflow's failed EnrolFromPlan no longer needs attention (best effort:
    // the enrolment is done whatever happens to the flag). It reads the case again rather than trusting the copy
    // written above: the workflow's FlagEnrolment may have landed since
    if (!ctx.body.serviceId) {
      await clearAttention(d, c.caseId, 'enrol_from_plan').catch((err: unknown) => logger.warn('attention flag not cleared', { caseId: c.caseId, error: (err as Error)?.name }));
    }
    const enrolments = (await new EnrolmentStore(d.db).forCase(c.caseId)).map(enrolmentView);
    return { status: created ? 201 : 200, body: { results: r.results, ended: r.ended, services: r.case.services, enrolments } };
  },
});

export default enrolCase;
