/** api-reports POST /roma-plan/{year}/progress: Raportează progresul trimestrial al unei acțiuni. */
import { operation } from '../../../shared/manifest/api.js';
import { progressFormSchema } from '../../../shared/reports/roma-plan/plan.js';
import { recordProgress } from '../../../shared/reports/service.js';
import { ctx, yearPath } from './common.js';

const recordRomaProgress = operation({
  path: yearPath,
  body: progressFormSchema,
  async handle(c) {
    const entry = await recordProgress(ctx(), c.principal!, c.path.year, c.body);
    return { status: 201, body: { entry } };
  },
});

export default recordRomaProgress;
