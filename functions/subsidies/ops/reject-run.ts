/** api-subsidies POST /subsidy-runs/{runId}/reject: Respinge rularea (cu motiv); se poate porni o nouă rulare pentru lună. */
import { operation } from '../../../shared/manifest/api.js';
import { rejectRun } from '../../../shared/subsidies/api/decide.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { rejectSchema } from '../../../shared/subsidies/input.js';
import { req, runPath } from './common.js';

const rejectRunOp = operation({
  path: runPath,
  body: rejectSchema,
  async handle(c) {
    return { body: { run: await rejectRun(subsidyDeps(), c.principal!, c.path.runId, c.body.reason, req(c)) } };
  },
});

export default rejectRunOp;
