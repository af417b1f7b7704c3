/** api-reports GET /roma-plan/{year}/actions/{actionId}/cases: Cazurile numărate într-o acțiune calculată a planului. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { isoDate } from '../../../shared/cases/model.js';
import { actionIdSchema } from '../../../shared/reports/roma-plan/plan.js';
import { auditReport, loadPlan, loadReportData, planAsOf, resolveAsOf, romaLineDrillDown } from '../../../shared/reports/service.js';
import { ctx, meta, yearPath, key } from './common.js';

const getRomaActionCases = operation({
  path: yearPath.extend({ actionId: actionIdSchema }),
  query: z.object({ breakdownKey: key.optional(), asOf: isoDate.optional() }),
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const now = x.now();
    const plan = await loadPlan(x, c.path.year);
    const asOf = c.query.asOf ? resolveAsOf(c.query.asOf, now) : planAsOf(c.path.year, now);
    const dd = romaLineDrillDown(plan, await loadReportData(x), asOf, c.path.actionId, c.query.breakdownKey, p);
    await auditReport(x, p, 'report.drilldown', `roma-plan:${c.path.year}:${c.path.actionId}${c.query.breakdownKey ? `#${c.query.breakdownKey}` : ''}`, meta(c), {
      asOf, caseIds: dd.rows.map((r) => r.caseId), namesShown: dd.rows.some((r) => r.childName !== undefined),
    }, 'case');
    return { body: { asOf, items: dd.rows, hiddenOtherInstitutions: dd.hiddenOtherInstitutions } };
  },
});

export default getRomaActionCases;
