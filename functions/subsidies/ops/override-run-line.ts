/** api-subsidies POST /subsidy-runs/{runId}/lines/{caseId}/override: Include sau exclude un copil din plată, cu motivare scrisă (înainte de aprobare). */
import { operation } from '../../../shared/manifest/api.js';
import { overrideLine } from '../../../shared/subsidies/api/override.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { caseIdSchema, overrideSchema } from '../../../shared/subsidies/input.js';
import { req, runPath } from './common.js';

const overrideRunLineOp = operation({
  path: runPath.extend({ caseId: caseIdSchema }),
  body: overrideSchema,
  async handle(c) {
    return { body: await overrideLine(subsidyDeps(), c.principal!, c.path.runId, c.path.caseId, c.body, req(c)) };
  },
});

export default overrideRunLineOp;
