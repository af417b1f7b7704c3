/** api-subsidies GET /subsidy-runs: Rulările lunare (stare, totaluri) și bugetul subvenției. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { listRuns } from '../../../shared/subsidies/api/runs.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { monthSchema } from '../../../shared/subsidies/input.js';

const listRunsOp = operation({
  query: z.object({ month: monthSchema.optional() }),
  async handle(c) {
    return { body: await listRuns(subsidyDeps(), c.principal!, c.query.month) };
  },
});

export default listRunsOp;
