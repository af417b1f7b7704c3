/** api-services GET /cases/{caseId}/enrolments: Înscrierile copilului la servicii. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCaseForServices } from '../../../shared/services/access.js';
import { caseEnrolments } from '../../../shared/services/views.js';
import { EnrolmentStore } from '../../../shared/services/enrolment-store.js';
import { req, caseId, loadCase } from './common.js';

const getCaseEnrolments = operation({
  path: z.object({ caseId }),
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(ctx.path.caseId);
    const ids = (await new EnrolmentStore(d.db).forCase(c.caseId)).map((e) => e.serviceId);
    const role = await authorizeCaseForServices(d, ctx.principal!, 'case.enrolments.read', c, ids, req(ctx));
    return { body: await caseEnrolments(d, ctx.principal!, c, role) };
  },
});

export default getCaseEnrolments;
