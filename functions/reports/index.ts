/**
 * api-reports: the project's indicators (dashboard JSON, drill-down, XLSX/CSV), the Roma local plan (view, quarterly
 * progress, export), the quarterly report for the steering committee, and the identity-documents record (plan 6.1).
 * Parses, authorizes, calls shared/reports, answers.
 */
import { z } from 'zod';
import { apiHandler, operation, type OperationContext } from '../../shared/manifest/api.js';
import { isoDate } from '../../shared/cases/model.js';
import { actionIdSchema, progressFormSchema, quarterSchema, type QuarterKey } from '../../shared/reports/roma-plan/plan.js';
import { notFound } from '../../shared/platform/http/errors.js';
import { authorizeCase } from '../../shared/cases/access.js';
import { deps } from '../../shared/cases/deps.js';
import { identityDocumentFormSchema, recordIdentityDocument } from '../../shared/reports/identity-documents.js';
import { computeIndicators } from '../../shared/reports/indicators.js';
import { audienceOf, presentIndicators } from '../../shared/reports/present.js';
import { CSV_CONTENT_TYPE, toCsv } from '../../shared/reports/render/csv.js';
import { HTML_CONTENT_TYPE, quarterlyReportHtml } from '../../shared/reports/render/html.js';
import { toXlsx, XLSX_CONTENT_TYPE } from '../../shared/reports/render/xlsx.js';
import {
  auditReport, currentIndicators, dashboardFor, indicatorDrillDown, loadPlan, loadReportData, planAsOf, planQuarterAsOf, progressHistory, quarterAsOf,
  recordProgress, reportsContext, resolveAsOf, romaLineDrillDown, romaPlanView, type RequestMeta,
} from '../../shared/reports/service.js';
import { indicatorTable, romaPlanTable } from '../../shared/reports/tables.js';

const ctx = () => reportsContext(deps());
const meta = (c: Pick<OperationContext<unknown, unknown, unknown>, 'sourceIp' | 'userAgent' | 'requestId'>): RequestMeta => ({ sourceIp: c.sourceIp, userAgent: c.userAgent, requestId: c.requestId });

const asOfQuery = z.object({ asOf: isoDate.optional() });
const yearPath = z.object({ year: z.coerce.number({ error: 'Anul trebuie să fie un număr' }).int('Anul este un număr întreg').min(2000, 'An invalid').max(2100, 'An invalid') });
const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Cheia rândului: litere mici, cifre și cratimă');

const getIndicators = operation({
  query: asOfQuery,
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const asOf = resolveAsOf(c.query.asOf, x.now());
    const set = await currentIndicators(x, asOf);
    const audience = audienceOf(p.roles);
    await auditReport(x, p, 'report.indicators.read', `indicators:${asOf}`, meta(c), { asOf, audience });
    return { body: dashboardFor(set, audience, x.now()) };
  },
});

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

const getQuarterlyReport = operation({
  path: z.object({ quarter: quarterSchema }),
  query: z.object({ format: z.enum(['html', 'xlsx'], { error: 'Formatul poate fi html sau xlsx' }).default('html') }),
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const now = x.now();
    const quarter = c.path.quarter as QuarterKey;
    const asOf = quarterAsOf(quarter, now);
    const data = await loadReportData(x);
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

const listRomaPlans = operation({
  async handle() {
    const x = ctx();
    const years = x.plans.listPlanYears();
    const plans = await Promise.all(years.map(async (year) => {
      const plan = await loadPlan(x, year);
      return { year, title: plan.title, actions: plan.actions.length, objectives: plan.objectives.length, confidence: plan.source.confidence };
    }));
    return { body: { years, items: plans } };
  },
});

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

const listRomaProgress = operation({
  path: yearPath,
  query: z.object({ actionId: actionIdSchema.optional(), breakdownKey: key.optional() }),
  async handle(c) {
    return { body: { items: await progressHistory(ctx(), c.path.year, c.query) } };
  },
});

const recordRomaProgress = operation({
  path: yearPath,
  body: progressFormSchema,
  async handle(c) {
    const entry = await recordProgress(ctx(), c.principal!, c.path.year, c.body);
    return { status: 201, body: { entry } };
  },
});

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

const recordIdentityDocumentOp = operation({
  path: z.object({ caseId: z.string().min(10).max(40) }),
  body: identityDocumentFormSchema,
  async handle(c) {
    const d = deps();
    const found = await d.cases.get(c.path.caseId);
    if (!found) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
    await authorizeCase(d.audit, c.principal!, 'case.identity_documents.write', found, meta(c));
    const record = await recordIdentityDocument(d, c.principal!, found, c.body);
    return { status: 201, body: { record } };
  },
});

export const operations = {
  getIndicators, getIndicatorCases, exportIndicators, getQuarterlyReport,
  listRomaPlans, getRomaPlan, listRomaProgress, recordRomaProgress, exportRomaPlan, getRomaActionCases,
  recordIdentityDocument: recordIdentityDocumentOp,
};
export const handler = apiHandler('api-reports', operations);
