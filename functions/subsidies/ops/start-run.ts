/** api-subsidies POST /subsidy-runs: Pornește rularea lunară a subvenției pentru o lună încheiată. */
import { operation } from '../../../shared/manifest/api.js';
import { startRun } from '../../../shared/subsidies/api/start.js';
import { runView } from '../../../shared/subsidies/api/views.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { startRunSchema } from '../../../shared/subsidies/input.js';
import { req } from './common.js';

const startRunOp = operation({
  body: startRunSchema,
  async handle(c) {
    const d = subsidyDeps();
    const r = await startRun(d, c.principal!, c.body.month, req(c));
    return { status: r.created ? 202 : 200, body: { run: runView(r.run), created: r.created } };
  },
});

export default startRunOp;
