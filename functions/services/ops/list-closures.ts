/** api-services GET /services/{serviceId}/closures: Închiderile unui serviciu într-o lună (vacanță, dezinfecție), cu zilele închise și zilele de program. */
import { z } from 'zod';
import { monthKeySchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { bucharestToday, monthOf } from '../../../shared/services/calendar.js';
import { listClosures } from '../../../shared/services/closures.js';
import { req, id } from './common.js';

const listClosuresOp = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  query: z.object({ month: monthKeySchema.optional() }),
  async handle(ctx) {
    const d = deps();
    return { body: await listClosures(d, ctx.principal!, ctx.path.serviceId, ctx.query.month ?? monthOf(bucharestToday(d.now())), req(ctx)) };
  },
});

export default listClosuresOp;
