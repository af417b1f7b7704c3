/** api-reports GET /reports/indicators/{indicatorId}/cases: Cazurile din spatele unui indicator. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { computeIndicators } from '../../../shared/reports/indicators.js';
import { auditReport, indicatorDrillDown, loadReportData, resolveAsOf } from '../../../shared/reports/service.js';
import { ctx, meta, asOfQuery } from './common.js';

const getIndicatorCases = operation({
  path: z.object({ indicatorId: z.string().regex(/^[a-z0-9_-]{1,60}$/, 'Identificator de indicator invalid') }),
  query: asOfQuery,
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const asOf = resolveAsOf(c.query.asOf, x.now());
    const data = await loadReportData(x);
    const r = indicatorDrillDown(data, computeIndicators(data, asOf), c.path.indicatorId, p);
    await auditReport(x, p, 'report.drilldown', `report:${c.path.indicatorId}:${asOf}`, meta(c), {
      asOf, caseIds: r.drillDown.rows.map((row) => row.caseId), namesShown: r.namesShown,
    }, 'case');
    return { body: { asOf, indicator: r.indicator, items: r.drillDown.rows, hiddenOtherInstitutions: r.drillDown.hiddenOtherInstitutions, namesShown: r.namesShown } };
  },
});

export default getIndicatorCases;
