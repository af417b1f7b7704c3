/** api-subsidies POST /subsidy-runs/{runId}/approve: Aprobă rularea: se înregistrează plățile și se generează fișierul de plată. */
import { operation } from '../../../shared/manifest/api.js';
import { approveRun } from '../../../shared/subsidies/api/decide.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { approveSchema } from '../../../shared/subsidies/input.js';
import { req, runPath } from './common.js';

const approveRunOp = operation({
  path: runPath,
  body: approveSchema,
  async handle(c) {
    return { body: { run: await approveRun(subsidyDeps(), c.principal!, c.path.runId, c.body.expectedVersion, req(c)) } };
  },
});

export default approveRunOp;
