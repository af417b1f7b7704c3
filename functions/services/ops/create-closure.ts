/** api-services POST /services/{serviceId}/closures: Adaugă o închidere a serviciului (de la, până la, motiv). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { closureInputSchema, createClosure } from '../../../shared/services/closures.js';
import { req, id } from './common.js';

const createClosureOp = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  body: closureInputSchema,
  async handle(ctx) {
    const r = await createClosure(deps(), ctx.principal!, ctx.path.serviceId, ctx.body, req(ctx));
    return { status: r.duplicate ? 200 : 201, body: r };
  },
});

export default createClosureOp;
