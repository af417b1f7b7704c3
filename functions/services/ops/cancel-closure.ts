/** api-services POST /services/{serviceId}/closures/{closureId}/cancel: Anulează o închidere a serviciului (zilele redevin zile de program). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { cancelClosure, closureCancelSchema } from '../../../shared/services/closures.js';
import { req, id } from './common.js';

const cancelClosureOp = operation({
  path: z.object({ serviceId: id('Serviciul'), closureId: id('Închiderea') }),
  body: closureCancelSchema,
  async handle(ctx) {
    return { body: await cancelClosure(deps(), ctx.principal!, ctx.path.serviceId, ctx.path.closureId, ctx.body, req(ctx)) };
  },
});

export default cancelClosureOp;
