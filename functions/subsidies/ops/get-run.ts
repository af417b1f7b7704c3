/** api-subsidies GET /subsidy-runs/{runId}: O rulare: etapa, progresul, totalurile, motivele de neeligibilitate, bugetul. */
import { operation } from '../../../shared/manifest/api.js';
import { getRunView } from '../../../shared/subsidies/api/runs.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { runPath } from './common.js';

const getRunOp = operation({
  path: runPath,
  async handle(c) {
    return { body: { run: await getRunView(subsidyDeps(), c.principal!, c.path.runId) } };
  },
});

export default getRunOp;
