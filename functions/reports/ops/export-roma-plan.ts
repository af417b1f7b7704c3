/** api-reports GET /roma-plan/{year}/export: Descarcă stadiul planului local pentru romi (XLSX, CSV sau HTML de tipărit). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { quarterSchema, type QuarterKey } from '../../../shared/reports/roma-plan/plan.js';
import { CSV_CONTENT_TYPE, toCsv } from '../../../shared/reports/render/csv.js';
import { HTML_CONTENT_TYPE, quarterlyReportHtml } from '../../../shared/reports/render/html.js';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../../shared/reports/render/xlsx.js';
import { auditReport, loadPlan, loadReportData, planAsOf, planQuarterAsOf, romaPlanView } from '../../../shared/reports/service.js';
import { romaPlanTable } from '../../../shared/reports/tables.js';
import { ctx, meta, yearPath } from './common.js';

const exportRomaPlan = operation({
  path: yearPath,
  query: z.object({ format: z.enum(['xlsx', 'csv', 'html'], { error: 'Formatul poate fi xlsx, csv sau html' }).default('xlsx'), quarter: quarterSchema.optional() }),
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const now = x.now();
    const year = c.path.year;
    await loadPlan(x, year);
    const quarter = (c.query.quarter as QuarterKey | undefined) ?? null;
    const asOf = quarter ? planQuarterAsOf(year, quarter, now) : planAsOf(year, now);
    // a file can be forwarded: always the suppressed presentation (decision 010)
    const view = await romaPlanView(x, await loadReportData(x), year, { asOf, upToQuarter: quarter, audience: 'outside_team' });
    const table = romaPlanTable(view);
    await auditReport(x, p, 'export.report.roma_plan', `roma-plan:${year}:${quarter ?? 'all'}:${c.query.format}`, meta(c), { year, quarter, asOf, format: c.query.format, rows: table.rows.length, suppressed: true });
    const base = `plan-local-romi-${year}${quarter ? `-${quarter}` : ''}`;
    if (c.query.format === 'csv') return { file: { contentType: CSV_CONTENT_TYPE, content: toCsv(table), filename: `${base}.csv` } };
    if (c.query.format === 'html') {
      const html = quarterlyReportHtml({ quarter: quarter ?? (`${asOf.slice(0, 4)}-Q${Math.ceil(Number(asOf.slice(5, 7)) / 3)}` as QuarterKey), asOf, indicators: null, roma: view, generatedAt: now, generatedBy: p.displayName });
      return { file: { contentType: HTML_CONTENT_TYPE, content: html } };
    }
    return { file: { contentType: XLSX_CONTENT_TYPE, content: await toXlsx([table], { generatedAt: now }), filename: `${base}.xlsx` } };
  },
});

export default exportRomaPlan;
