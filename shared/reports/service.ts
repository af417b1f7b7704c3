/**
 * The reporting application: reads the facts once per request, calls the pure computations, shapes what each
 * reader may see and writes the audit entries. The Lambda handler (functions/reports) only parses and answers.
 */
import type { Principal } from '../platform/auth/principal.js';
import { loadRomaPlan, listPlanYears, type RomaPlanRegistry } from './roma-plan/index.js';
import { checkProgress, findAction, type ProgressForm, type QuarterKey, type RomaPlan } from './roma-plan/plan.js';
import { notFound, invalid, forbidden } from '../platform/errors.js';
import type { PathwayDeps } from '../cases/index.js';
import type { AuditLog } from '../protection/index.js';
import type { CaseStore } from '../cases/index.js';
import type { Db } from '../platform/db/db.js';
import { buildDashboard, type Dashboard } from './dashboard.js';
import { dayOf, minDay, quarterEnd, quarterStart } from './dates.js';
import { drillDown, type DrillDown } from './drilldown.js';
import { findIndicator, type IndicatorSet } from './indicators.js';
import type { ReportData } from './model.js';
import { presentIndicators, presentRomaView, type Audience, type PresentedIndicator, type PresentedRomaPlanView } from './present.js';
import { computeRomaMetrics } from './roma-metrics.js';
import { buildRomaPlanView, institutionAnswersFor, type StoredProgress } from './roma-view.js';
import { ReportReader, RomaProgressStore } from './store.js';
import { ReportAggregateStore } from './aggregate-store.js';
import { indicatorsFromCounters } from './aggregates.js';

export interface ReportsContext {
  db: Db;
  cases: CaseStore;
  audit: AuditLog;
  now(): Date;
  plans: RomaPlanRegistry;
}

export function reportsContext(d: PathwayDeps, plans: RomaPlanRegistry = { loadRomaPlan, listPlanYears }): ReportsContext {
  return { db: d.db, cases: d.cases, audit: d.audit, now: d.now, plans };
}

export interface RequestMeta {
  sourceIp?: string;
  userAgent?: string;
  requestId?: string;
}

/**
 * The caseload for a report on screen (the drill-downs, the Roma plan and its export): the projection made current
 * first (aggregate-store.ts `makeCurrent`), then every case record as read now (names, stages, risk factors, reviews)
 * with each case's enrolments, paid months and entry day from the projection (one BatchGet per 100 cases) instead of
 * two or three queries per case; a case the projection does not hold, or holds behind, is read from its sources.
 * `from: 'sources'` reads every case from its sources, as the projection's own build does — the quarterly report for
 * the steering committee, an official document read a few times a quarter, does not depend on the projection.
 */
export async function loadReportData(ctx: ReportsContext, opts: { from?: 'projection' | 'sources' } = {}): Promise<ReportData> {
  const reader = new ReportReader(ctx.db, ctx.cases);
  if (opts.from === 'sources') return reader.load();
  const store = new ReportAggregateStore(ctx.db, reader);
  // before the records: a record read after its facts is never older than them
  const behind = await store.makeCurrent();
  const [records, identityDocuments] = await Promise.all([reader.caseRecords(), reader.identityDocuments()]);
  const known = await store.storedFacts(records.map((c) => c.caseId), behind);
  return reader.assemble(records, identityDocuments, known);
}

/**
 * The indicators of a day from the maintained aggregates (aggregate-store.ts): the journal applied, then the month
 * items read — a handful of requests whatever the caseload. The figures equal `computeIndicators` on the caseload;
 * the case lists are empty (the drill-down reads the caseload).
 */
export async function currentIndicators(ctx: ReportsContext, asOf: string): Promise<IndicatorSet> {
  const { counters } = await new ReportAggregateStore(ctx.db, new ReportReader(ctx.db, ctx.cases)).countersOn(asOf);
  return indicatorsFromCounters(counters, asOf);
}

/** The report day: the one asked for, else today (Europe/Bucharest). */
export function resolveAsOf(asOf: string | undefined, now: Date): string {
  const today = dayOf(now);
  if (asOf && asOf > today) {
    throw invalid('REPORT_DATE_FUTURE', 'Data raportului nu poate fi în viitor.', [{ path: 'query.asOf', message: 'Alegeți cel mult data de azi', code: 'REPORT_DATE_FUTURE' }]);
  }
  return asOf ?? today;
}

/** Quarter → its report day: the quarter's last day, or today while the quarter runs; refused before it begins. */
export function quarterAsOf(quarter: string, now: Date): string {
  const today = dayOf(now);
  if (quarterStart(quarter) > today) {
    throw invalid('REPORT_QUARTER_FUTURE', `Trimestrul ${quarter} nu a început încă.`, [{ path: 'path.quarter', message: 'Trimestru viitor', code: 'REPORT_QUARTER_FUTURE' }]);
  }
  return minDay(quarterEnd(quarter), today);
}

export function dashboardFor(set: IndicatorSet, audience: Audience, now: Date): Dashboard {
  return buildDashboard(presentIndicators(set, audience), now.toISOString());
}

export function indicatorDrillDown(data: ReportData, set: IndicatorSet, indicatorId: string, p: Principal): { indicator: PresentedIndicator; drillDown: DrillDown; namesShown: boolean } {
  const ind = findIndicator(set, indicatorId);
  if (!ind) throw notFound(`Indicatorul „${indicatorId}” nu există.`, 'REPORT_INDICATOR_UNKNOWN');
  const presented = presentIndicators({ ...set, indicators: [ind] }, 'project_team').indicators[0]!;
  const dd = drillDown(ind.caseIds, data.cases, p);
  return { indicator: presented, drillDown: dd, namesShown: dd.rows.some((r) => r.childName !== undefined) };
}

export function loadPlan(ctx: ReportsContext, year: number): Promise<RomaPlan> {
  return ctx.plans.loadRomaPlan(year);
}

/** The plan with its progress and computed lines, as `audience` may see it. */
export async function romaPlanView(
  ctx: ReportsContext, data: ReportData, year: number,
  opts: { asOf: string; upToQuarter?: QuarterKey | null; audience: Audience },
): Promise<PresentedRomaPlanView> {
  const plan = await loadPlan(ctx, year);
  const entries = await new RomaProgressStore(ctx.db).list(year);
  const computed = computeRomaMetrics(plan, data, opts.asOf);
  return presentRomaView(buildRomaPlanView(plan, entries, computed, { asOf: opts.asOf, upToQuarter: opts.upToQuarter ?? null }), opts.audience);
}

/** A quarter of a plan year → its report day; a quarter of another year is refused. */
export function planQuarterAsOf(year: number, quarter: string, now: Date): string {
  if (!quarter.startsWith(`${year}-`)) {
    throw invalid('ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN', `Trimestrul ${quarter} nu aparține planului pentru anul ${year}.`, [{ path: 'query.quarter', message: 'Trimestru din alt an', code: 'ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN' }]);
  }
  return quarterAsOf(quarter, now);
}

/** The report day of a plan year: today while the year runs, else the year's last day. */
export function planAsOf(year: number, now: Date): string {
  return minDay(`${year}-12-31`, dayOf(now));
}

/**
 * Records one quarter's progress on a manual line. Refused: unknown action/row, a computed line (Vatra counts it),
 * a quarter outside the plan year or not yet begun, and — for a coordinator — a line their institution does not
 * answer for. The Roma plan officer reports on every line.
 */
export async function recordProgress(ctx: ReportsContext, p: Principal, year: number, form: ProgressForm): Promise<StoredProgress> {
  const plan = await loadPlan(ctx, year);
  const now = ctx.now();
  const check = checkProgress(plan, form, now);
  if (!check.ok) throw invalid(check.code, check.message, [{ path: check.field, message: check.message, code: check.code }]);
  if (!p.roles.includes('roma_officer')) {
    const action = findAction(plan, form.actionId)!;
    if (!institutionAnswersFor(action, form.breakdownKey, p.institution)) {
      throw forbidden(`Instituția dumneavoastră nu este responsabilă pentru acțiunea ${form.actionId}${form.breakdownKey ? ` (${check.line.structure})` : ''}; raportarea o face responsabilul planului local pentru romi.`, 'ROMA_PROGRESS_NOT_RESPONSIBLE');
    }
  }
  return new RomaProgressStore(ctx.db).record(year, {
    actionId: form.actionId,
    ...(form.breakdownKey ? { breakdownKey: form.breakdownKey } : {}),
    quarter: form.quarter,
    ...(form.value !== undefined ? { value: form.value } : {}),
    status: form.status,
    evidenceNotes: form.evidenceNotes,
    recordedBy: p.userId,
    recordedAt: now.toISOString(),
  }, { name: p.displayName, institution: p.institution });
}

export async function progressHistory(ctx: ReportsContext, year: number, filter: { actionId?: string | undefined; breakdownKey?: string | undefined }): Promise<StoredProgress[]> {
  await loadPlan(ctx, year);
  const all = await new RomaProgressStore(ctx.db).list(year);
  return all
    .filter((e) => (!filter.actionId || e.actionId === filter.actionId) && (!filter.breakdownKey || e.breakdownKey === filter.breakdownKey))
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.entryId.localeCompare(a.entryId));
}

/** The cases behind one computed line of the plan (project team only). */
export function romaLineDrillDown(plan: RomaPlan, data: ReportData, asOf: string, actionId: string, breakdownKey: string | undefined, p: Principal): DrillDown {
  const action = findAction(plan, actionId);
  if (!action) throw notFound(`Acțiunea ${actionId} nu există în planul pentru anul ${plan.year}.`);
  if (!action.computed) throw invalid('ROMA_ACTION_NOT_COMPUTED', `Acțiunea ${actionId} nu este calculată de Vatra.`);
  const line = computeRomaMetrics(plan, data, asOf).find((l) => l.actionId === actionId && l.breakdownKey === (breakdownKey ?? null));
  if (!line) throw invalid('ROMA_PROGRESS_ROW_UNKNOWN', `Rândul ales nu este calculat pentru acțiunea ${actionId}.`, [{ path: 'query.breakdownKey', message: 'Rând necalculat', code: 'ROMA_PROGRESS_ROW_UNKNOWN' }]);
  return drillDown(line.caseIds, data.cases, p);
}

/** One audit entry for aggregate reads and for every file that leaves Vatra. */
export async function auditReport(
  ctx: ReportsContext, p: Principal, action: string, subjectId: string, req: RequestMeta,
  detail: Record<string, unknown>, subjectType: 'export' | 'case' = 'export',
): Promise<void> {
  await ctx.audit.append({
    actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution,
    action, subjectType, subjectId, subjectInstitution: p.institution, outcome: 'allowed',
    sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId, detail,
  });
}
