/** api-reports GET /reports/quarterly/{quarter}: Raportul trimestrial pentru comitetul de coordonare (HTML de tipărit sau XLSX). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { quarterSchema, type QuarterKey } from '../../../shared/reports/roma-plan/plan.js';
import { computeIndicators } from '../../../shared/reports/indicators.js';
import { presentIndicators } from '../../../shared/reports/present.js';
import { HTML_CONTENT_TYPE, quarterlyReportHtml } from '../../../shared/reports/render/html.js';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../../shared/reports/render/xlsx.js';
import { auditReport, loadReportData, quarterAsOf, romaPlanView } from '../../../shared/reports/service.js';
import { indicatorTable, romaPlanTable } from '../../../shared/reports/tables.js';
import { ctx, meta } from './common.js';

const getQuarterlyReport = operation({
  path: z.object({ quarter: quarterSchema }),
  query: z.object({ format: z.enum(['html', 'xlsx'], { error: 'Formatul poate fi html sau xlsx' }).default('html') }),
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const now = x.now();
    const quarter = c.path.quarter as QuarterKey;
    const asOf = quarterAsOf(quarter, now);
    // the official report reads every case from its sources, not from the report projection (shared/reports/service.ts)
    const data = await loadReportData(x, { from: 'sources' });
    const indicators = presentIndicators(computeIndicators(data, asOf), 'outside_team');
    const year = Number(quarter.slice(0, 4));
    const roma = x.plans.listPlanYears().includes(year)
      ? await romaPlanView(x, data, year, { asOf, upToQuarter: quarter, audience: 'outside_team' })
      : null;
    await auditReport(x, p, 'export.report.quarterly', `quarterly:${quarter}:${c.query.format}`, meta(c), { quarter, asOf, format: c.query.format, suppressed: true });
    if (c.query.format === 'xlsx') {
      const tables = [indicatorTable(indicators), ...(roma ? [romaPlanTable(roma)] : [])];
      return { file: { contentType: XLSX_CONTENT_TYPE, content: await toXlsx(tables, { generatedAt: now }), filename: `raport-trimestrial-${quarter}.xlsx` } };
    }
    const html = quarterlyReportHtml({ quarter, asOf, indicators, roma, generatedAt: now, generatedBy: p.displayName });
    return { file: { contentType: HTML_CONTENT_TYPE, content: html } };
  },
});

export default getQuarterlyReport;
