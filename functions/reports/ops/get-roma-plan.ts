/** api-reports GET /roma-plan/{year}: Planul local pentru romi cu stadiul fiecărei acțiuni. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { isoDate } from '../../../shared/cases/model.js';
import { quarterSchema, type QuarterKey } from '../../../shared/reports/roma-plan/plan.js';
import { audienceOf } from '../../../shared/reports/present.js';
import { loadPlan, loadReportData, planAsOf, planQuarterAsOf, resolveAsOf, romaPlanView } from '../../../shared/reports/service.js';
import { ctx, yearPath } from './common.js';

const getRomaPlan = operation({
  path: yearPath,
  query: z.object({ asOf: isoDate.optional(), quarter: quarterSchema.optional() }),
  async handle(c) {
    const x = ctx();
    const now = x.now();
    await loadPlan(x, c.path.year);
    const asOf = c.query.asOf ? resolveAsOf(c.query.asOf, now) : c.query.quarter ? planQuarterAsOf(c.path.year, c.query.quarter, now) : planAsOf(c.path.year, now);
    const view = await romaPlanView(x, await loadReportData(x), c.path.year, {
      asOf, upToQuarter: (c.query.quarter as QuarterKey | undefined) ?? null, audience: audienceOf(c.principal!.roles),
    });
    return { body: view };
  },
});

export default getRomaPlan;
