/** api-reports GET /roma-plan/{year}/progress: Istoricul raportărilor de progres. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { actionIdSchema } from '../../../shared/reports/roma-plan/plan.js';
import { progressHistory } from '../../../shared/reports/service.js';
import { ctx, yearPath, key } from './common.js';

const listRomaProgress = operation({
  path: yearPath,
  query: z.object({ actionId: actionIdSchema.optional(), breakdownKey: key.optional() }),
  async handle(c) {
    return { body: { items: await progressHistory(ctx(), c.path.year, c.query) } };
  },
});

export default listRomaProgress;
