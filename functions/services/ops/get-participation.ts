/** api-services GET /cases/{caseId}/participation: Participarea copilului într-o lună: rezumat, evaluare, prezențe și ședințe. */
import { z } from 'zod';
import { monthKeySchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCaseForServices } from '../../../shared/services/access.js';
import { bucharestToday, monthOf } from '../../../shared/services/calendar.js';
import { caseParticipation } from '../../../shared/services/views.js';
import { EnrolmentStore } from '../../../shared/services/enrolment-store.js';
import { req, caseId, loadCase } from './common.js';

const getParticipation = operation({
  path: z.object({ caseId }),
  query: z.object({ month: monthKeySchema.optional() }),
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(ctx.path.caseId);
    const month = ctx.query.month ?? monthOf(bucharestToday(d.now()));
    const ids = (await new EnrolmentStore(d.db).forCase(c.caseId)).map((e) => e.serviceId);
    const role = await authorizeCaseForServices(d, ctx.principal!, 'participation.read', c, ids, req(ctx), { detail: { month } });
    return { body: await caseParticipation(d, ctx.principal!, c, month, role) };
  },
});

export default getParticipation;
