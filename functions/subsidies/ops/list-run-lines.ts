/** api-subsidies GET /subsidy-runs/{runId}/lines: Liniile rulării (copii eligibili / neeligibili, ajustări) cu motivele, pe pagini. */
import { operation } from '../../../shared/manifest/api.js';
import { listLines } from '../../../shared/subsidies/api/lines.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { listLinesQuery } from '../../../shared/subsidies/input.js';
import { req, runPath } from './common.js';

const listRunLinesOp = operation({
  path: runPath,
  query: listLinesQuery,
  async handle(c) {
    return { body: await listLines(subsidyDeps(), c.principal!, c.path.runId, c.query, req(c)) };
  },
});

export default listRunLinesOp;
