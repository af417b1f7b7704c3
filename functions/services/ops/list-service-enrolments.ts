/** api-services GET /services/{serviceId}/enrolments: Copiii înscriși la un serviciu și lista de așteptare. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { serviceEnrolments } from '../../../shared/services/views.js';
import { enrolmentStatuses } from '../../../shared/services/enrolment-store.js';
import { req, id } from './common.js';

const listServiceEnrolments = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  query: z.object({
    status: z.string().optional().transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [])).pipe(z.array(z.enum(enrolmentStatuses, { error: 'Stare necunoscută (active, waiting, ended, cancelled)' }))),
  }),
  async handle(ctx) {
    return { body: await serviceEnrolments(deps(), ctx.principal!, ctx.path.serviceId, ctx.query.status, req(ctx)) };
  },
});

export default listServiceEnrolments;
