/** api-reports GET /reports/indicators/export: Descarcă indicatorii proiectului (XLSX sau CSV), cu numerele mici suprimate. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { presentIndicators } from '../../../shared/reports/present.js';
import { CSV_CONTENT_TYPE, toCsv } from '../../../shared/reports/render/csv.js';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../../shared/reports/render/xlsx.js';
import { auditReport, currentIndicators, resolveAsOf } from '../../../shared/reports/service.js';
import { indicatorTable } from '../../../shared/reports/tables.js';
import { ctx, meta, asOfQuery } from './common.js';

const exportIndicators = operation({
  query: asOfQuery.extend({ format: z.enum(['xlsx', 'csv'], { error: 'Formatul poate fi xlsx sau csv' }).default('xlsx') }),
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const now = x.now();
    const asOf = resolveAsOf(c.query.asOf, now);
    // a file can be forwarded: always the suppressed presentation (small ethnicity counts „<5”, decision 010)
    const table = indicatorTable(presentIndicators(await currentIndicators(x, asOf), 'outside_team'));
    await auditReport(x, p, 'export.report.indicators', `indicators:${asOf}:${c.query.format}`, meta(c), { asOf, format: c.query.format, rows: table.rows.length, suppressed: true });
    if (c.query.format === 'csv') return { file: { contentType: CSV_CONTENT_TYPE, content: toCsv(table), filename: `indicatori-proiect-${asOf}.csv` } };
    return { file: { contentType: XLSX_CONTENT_TYPE, content: await toXlsx([table], { generatedAt: now }), filename: `indicatori-proiect-${asOf}.xlsx` } };
  },
});

export default exportIndicators;
