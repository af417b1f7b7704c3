/**
 * Reporting through the HTTP API on the live local runtime: a few dozen cases created through the pathway, then
 * every project indicator checked against what the test knows of its own cases (the runtime is shared: other files'
 * cases are there too, so memberships are checked through the drill-down and totals only where the test alone
 * writes), the Roma plan's computed actions, progress reports, exports and suppression.
 */
import { beforeAll, describe, expect, it, inject } from 'vitest';
import ExcelJS from 'exceljs';
import { Api, eventually } from '../support/api.js';
import { isoDay } from '../support/fixtures.js';
import { join } from 'node:path';
import { auditEntries, createReportCase, documentClient, inBatches, seedPaidMonth, type CreatedCase, type ReportCaseSpec } from '../support/reports.js';
import { localDb } from '../support/subsidy.js';
import { CaseStore } from '../../shared/cases/store.js';
import { FieldEncryptionCodec } from '../../shared/protection/case-codec.js';
import { LocalKeyProvider } from '../../shared/protection/keys.js';
import { computeIndicators } from '../../shared/reports/indicators.js';
import { presentIndicators } from '../../shared/reports/present.js';
import { loadReportData, type ReportsContext } from '../../shared/reports/service.js';
import type { ReportData } from '../../shared/reports/model.js';

const urls = inject('urls');
const api = new Api(urls);
const doc = documentClient(urls);
const PM = 'manager.proiect';
const today = isoDay(0);
const year = Number(today.slice(0, 4));
const quarter = `${year}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
// the Roma plan in the data set is the 2026 one: its computed actions count 2026 only, its progress is reported for 2026
const PLAN = 2026;
const planQuarter = year === PLAN ? quarter : `${PLAN}-Q4`;
/** what a computed action should hold of this test's cases: nothing when the test runs outside the plan year */
const inPlanYear = (ids: Set<string>) => (year === PLAN ? ids : new Set<string>());

const spec = (label: string, over: Partial<ReportCaseSpec>): ReportCaseSpec => ({ label, track: 'prevention', roma: false, service: 'cz-sf-nicolae', ...over });
const specs: ReportCaseSpec[] = [
  spec('roma-sfn-1', { roma: true, observator: true }),
  spec('roma-sfn-2', { roma: true, cohort: '12m' }),
  spec('roma-sfn-3', { roma: true, close: 'objectives_met' }),
  spec('roma-sfn-4', { roma: true }),
  spec('roma-kuncz-1', { roma: true, service: 'cz-kuncz', observator: true }),
  spec('roma-kuncz-2', { roma: true, service: 'cz-kuncz', cohort: '12m' }),
  spec('roma-kuncz-3', { roma: true, service: 'cz-kuncz', close: 'separated' }),
  spec('roma-podu-lung', { roma: true, service: 'cr-podu-lung' }),
  spec('roma-int-a-1', { roma: true, service: 'int-a' }),
  spec('roma-int-a-2', { roma: true, service: 'int-a', cohort: '12m' }),
  spec('sfn-1', { observator: true }),
  spec('sfn-2', { cohort: '12m' }),
  spec('sfn-3', { close: 'moved_away' }),
  spec('kuncz-1', { service: 'cz-kuncz' }),
  spec('kuncz-2', { service: 'cz-kuncz', observator: true }),
  spec('podu-lung-1', { service: 'cr-podu-lung' }),
  spec('podu-lung-2', { service: 'cr-podu-lung', cohort: '12m' }),
  spec('int-a-1', { service: 'int-a' }),
  spec('int-a-2', { service: 'int-a' }),
  spec('int-a-3', { service: 'int-a', close: 'separated' }),
  spec('roma-int-b-1', { track: 'reintegration', roma: true, service: 'int-b', observator: true }),
  spec('roma-int-b-2', { track: 'reintegration', roma: true, service: 'int-b', cohort: '12m' }),
  spec('int-b-1', { track: 'reintegration', service: 'int-b' }),
  spec('int-b-reintegrated', { track: 'reintegration', service: 'int-b', reintegrate: true }),
  spec('roma-evaluation-only', { roma: true, service: null }),
  spec('not-eligible', { notEligible: true }),
];

let cases: CreatedCase[] = [];
const byLabel = (l: string) => cases.find((c) => c.label === l)!;
const mine = (ids: string[]) => new Set(ids.filter((id) => cases.some((c) => c.caseId === id)));
const idsOf = (pred: (c: CreatedCase) => boolean) => new Set(cases.filter(pred).map((c) => c.caseId));
/** the services each case was in (open cases: the case file's active services; closed ones: the approved plan's) */
const servicesOf = new Map<string, string[]>();

/**
 * The reports' context over the runtime's own tables and field key: the code the runtime runs (loadReportData, the
 * full computation), read from this process.
 */
function reportsContext(): ReportsContext {
  const db = localDb(urls);
  const store = new CaseStore(db, new FieldEncryptionCodec(new LocalKeyProvider({ file: join(inject('dataDir'), 'identity', 'field-key') })));
  return { db, cases: store, audit: {} as never, now: () => new Date(), plans: { loadRomaPlan: () => { throw new Error('not read'); }, listPlanYears: () => [] } };
}

async function drill(indicatorId: string, as = PM, asOf?: string) {
  const r = await api.get(`/reports/indicators/${indicatorId}/cases${asOf ? `?asOf=${asOf}` : ''}`, as);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.asOf).toBe(asOf ?? today);
  return r.body as { items: { caseId: string; caseNumber: string; stage: string; stageLabel: string; institution: string; childName?: string }[]; hiddenOtherInstitutions: number; indicator: { value: number } };
}

async function romaLine(actionId: string, breakdownKey?: string, as = PM) {
  const r = await api.get(`/roma-plan/${PLAN}/actions/${actionId}/cases${breakdownKey ? `?breakdownKey=${breakdownKey}` : ''}`, as);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.map((i: { caseId: string }) => i.caseId) as string[];
}

beforeAll(async () => {
  cases = await inBatches(specs, 9, (s) => createReportCase(api, s));
  for (const c of cases) {
    const file = (await api.get(`/cases/${c.caseId}`, c.manager)).body.case as { status: string; services: string[]; plan?: { status: string; services: { serviceId: string }[] } };
    servicesOf.set(c.caseId, file.status === 'open' ? file.services : file.plan?.status === 'approved' ? file.plan.services.map((s) => s.serviceId) : []);
  }
}, 240_000);

describe('project indicators through the API', () => {
  it('lists every case behind each figure: target group, Roma, tracks', async () => {
    const participants = idsOf((c) => c.service !== null && !c.notEligible);
    expect(participants.size).toBe(24);
    expect(mine((await drill('participants')).items.map((i) => i.caseId))).toEqual(participants);
    expect(mine((await drill('participants_roma')).items.map((i) => i.caseId))).toEqual(idsOf((c) => participants.has(c.caseId) && c.roma));
    expect(mine((await drill('track_prevention')).items.map((i) => i.caseId))).toEqual(idsOf((c) => participants.has(c.caseId) && c.track === 'prevention'));
    expect(mine((await drill('track_reintegration')).items.map((i) => i.caseId))).toEqual(idsOf((c) => c.track === 'reintegration'));
  });

  it('counts the children of each service target and the Roma children of the day centres', async () => {
    const inAny = (list: string[]) => idsOf((c) => (servicesOf.get(c.caseId) ?? []).some((s) => list.includes(s)) && c.service !== null && !c.notEligible);
    expect(mine((await drill('service_day-centres')).items.map((i) => i.caseId))).toEqual(inAny(['cz-sf-nicolae', 'cz-kuncz']));
    expect(inAny(['cz-sf-nicolae', 'cz-kuncz']).size).toBeGreaterThanOrEqual(8);
    expect(mine((await drill('service_day-centres_roma')).items.map((i) => i.caseId))).toEqual(new Set([...inAny(['cz-sf-nicolae', 'cz-kuncz'])].filter((id) => cases.find((c) => c.caseId === id)!.roma)));
    expect(mine((await drill('service_podu-lung')).items.map((i) => i.caseId))).toEqual(inAny(['cr-podu-lung']));
    expect(mine((await drill('service_int-a')).items.map((i) => i.caseId))).toEqual(inAny(['int-a']));
    expect(mine((await drill('service_int-b')).items.map((i) => i.caseId))).toEqual(inAny(['int-b']));
  });

  it('counts plans registered in the Observatorul, cohorts and outcomes', async () => {
    expect(mine((await drill('plans_registered')).items.map((i) => i.caseId))).toEqual(idsOf((c) => !!c.observator));
    const unregistered = await drill('plans_unregistered');
    expect(mine(unregistered.items.map((i) => i.caseId))).toEqual(idsOf((c) => c.service !== null && !c.notEligible && !c.observator));
    expect(mine((await drill('cohort_12m')).items.map((i) => i.caseId))).toEqual(idsOf((c) => c.cohort === '12m'));
    expect(mine((await drill('cohort_18m')).items.map((i) => i.caseId))).toEqual(idsOf((c) => c.service !== null && !c.notEligible && c.cohort !== '12m'));
    expect(mine((await drill('separation_prevented')).items.map((i) => i.caseId))).toEqual(idsOf((c) => c.close === 'objectives_met' || c.close === 'moved_away'));
    expect(mine((await drill('separated')).items.map((i) => i.caseId))).toEqual(idsOf((c) => c.close === 'separated'));
    expect(mine((await drill('reintegrated')).items.map((i) => i.caseId))).toEqual(idsOf((c) => !!c.reintegrate));
    expect(mine((await drill('reintegration_sustained')).items.map((i) => i.caseId))).toEqual(idsOf((c) => !!c.reintegrate));
    expect(mine((await drill('cases_closed')).items.map((i) => i.caseId))).toEqual(idsOf((c) => !!c.close || !!c.reintegrate));
  });

  it('counts child-months and lei paid from the subsidy ledger', async () => {
    const before = (await api.get('/reports/indicators', PM)).body;
    const yesterdayBefore = (await api.get(`/reports/indicators?asOf=${isoDay(-1)}`, PM)).body;
    const val = (body: { indicators: { id: string; value: number }[] }, id: string) => body.indicators.find((i) => i.id === id)!.value;
    const a = byLabel('roma-sfn-1').caseId;
    const b = byLabel('kuncz-1').caseId;
    const c = byLabel('roma-kuncz-2').caseId; // cohort 12m
    for (const [id, month] of [[a, '2026-08'], [a, '2026-09'], [b, '2026-09'], [c, '2026-09'], [c, '2026-10']] as const) await seedPaidMonth(doc, id, month);
    const after = (await api.get('/reports/indicators', PM)).body;
    expect(val(after, 'subsidies_paid') - val(before, 'subsidies_paid')).toBe(2000);
    expect(val(after, 'child_months_paid') - val(before, 'child_months_paid')).toBe(5);
    expect(val(after, 'child_months_paid_12m') - val(before, 'child_months_paid_12m')).toBe(2);
    expect(val(after, 'child_months_paid_18m') - val(before, 'child_months_paid_18m')).toBe(3);
    expect(mine((await drill('subsidies_paid')).items.map((i) => i.caseId))).toEqual(new Set([a, b, c]));
    // as of a day before the payments were recorded, none of them counts
    const yesterday = (await api.get(`/reports/indicators?asOf=${isoDay(-1)}`, PM)).body;
    expect(val(yesterday, 'subsidies_paid')).toBe(val(yesterdayBefore, 'subsidies_paid'));
  });

  it('reads the dashboard from the maintained aggregates, figure for figure as the full computation over the caseload', async () => {
    // GET /reports/indicators reads the month counters of the aggregates (shared/reports/aggregate-store.ts); the
    // drill-down computes every indicator in full over the caseload (loadReportData: the case records, with each
    // case's enrolments and paid months from the projection the same journal keeps; then computeIndicators) and
    // answers one indicator beside its cases. The two must agree exactly, after a change made straight in the table
    // too (a ledger line, journalled by the document client). The full computation is the drill-down's code run here
    // on the runtime's tables, once per attempt for every indicator (a drill-down per indicator read the whole
    // caseload ~25 times per attempt: 45 % of the bytes DynamoDB Local served the integration and e2e files); the route
    // itself is checked by the drill-downs above and below. What the projection holds is checked against the test's
    // own cases by the drill-downs above, and against the sources by the next test.
    await seedPaidMonth(doc, byLabel('sfn-2').caseId, '2026-11', 123.45);
    const x = reportsContext();
    for (const asOf of [today, isoDay(-40)]) {
      await eventually(async () => {
        const agg = (await api.get(`/reports/indicators?asOf=${asOf}`, PM)).body as { audience: string; indicators: { id: string }[] };
        expect(agg.audience).toBe('project_team');
        const full = presentIndicators(computeIndicators(await loadReportData(x), asOf), 'project_team').indicators;
        expect(agg.indicators).toEqual(full);
        return true;
      }, `aggregate indicators on ${asOf} equal to the full computation`, 150_000);
    }
    // the drill-down's own answer agrees too, today and on an earlier day, for indicators the other files change as well
    for (const asOf of [today, isoDay(-40)]) {
      await eventually(async () => {
        const agg = (await api.get(`/reports/indicators?asOf=${asOf}`, PM)).body as { indicators: { id: string }[] };
        for (const id of ['participants', 'subsidies_paid']) expect((await drill(id, PM, asOf)).indicator).toEqual(agg.indicators.find((i) => i.id === id));
        return true;
      }, `the drill-downs on ${asOf} equal to the dashboard`, 150_000);
    }
  }, 360_000);

  it('reads from the projection what the sources say: every case of the test, its enrolments, paid months and entry day', async () => {
    // the drill-downs and the Roma plan take each case's enrolments, paid months and entry day from the report
    // projection (shared/reports/service.ts loadReportData); the projection's own build, and the quarterly report,
    // read them from the sources. The same code the runtime runs, with the runtime's tables and field key: both
    // readings must agree on this file's cases (other files change theirs meanwhile), after a ledger line written
    // straight into the table as well
    await seedPaidMonth(doc, byLabel('kuncz-1').caseId, '2026-10', 250);
    const ctx = reportsContext();
    const mineIds = new Set(cases.map((c) => c.caseId));
    const ours = (d: ReportData) => {
      const keep = <T extends { caseId: string }>(xs: readonly T[]) => xs.filter((x) => mineIds.has(x.caseId)).map((x) => JSON.stringify(x)).sort();
      return { cases: keep(d.cases), enrolments: keep(d.enrolments), paid: keep(d.paid) };
    };
    const fromProjection = ours(await loadReportData(ctx));
    expect(fromProjection.cases).toHaveLength(cases.length);
    expect(fromProjection.enrolments.length).toBeGreaterThan(cases.length / 2);
    expect(fromProjection.paid.some((p) => p.includes(byLabel('kuncz-1').caseId) && p.includes('2026-10'))).toBe(true);
    expect(fromProjection).toEqual(ours(await loadReportData(ctx, { from: 'sources' })));
  });

  it('serves the dashboard with charts, exact for the project team and suppressed for nobody else', async () => {
    const r = await api.get('/reports/indicators', PM);
    expect(r.status).toBe(200);
    expect(r.body.audience).toBe('project_team');
    expect(r.body.asOf).toBe(today);
    expect(r.body.charts.map((c: { id: string }) => c.id)).toContain('targets');
    const p = r.body.indicators.find((i: { id: string }) => i.id === 'participants');
    expect(p).toMatchObject({ target: 266, drillDown: true });
    expect(p.value).toBeGreaterThanOrEqual(24);
    expect(JSON.stringify(r.body)).not.toContain('caseIds');
    expect((await api.get('/reports/indicators', 'romi.das')).status).toBe(403);
    expect((await api.get('/reports/indicators', 'manager.das')).status).toBe(403);
    expect((await api.get('/reports/indicators', 'financiar.das')).status).toBe(403);
    const future = await api.get(`/reports/indicators?asOf=${isoDay(5)}`, PM);
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('REPORT_DATE_FUTURE');
    expect((await api.get('/reports/indicators?asOf=2026-02-30', PM)).status).toBe(422);
  });

  it('drills down without names for the project manager, with names only for the coordinator of the case\'s institution', async () => {
    const pm = await drill('participants');
    expect(pm.items.every((i) => i.childName === undefined)).toBe(true);
    const row = pm.items.find((i) => i.caseId === byLabel('int-b-1').caseId)!;
    expect(row).toMatchObject({ caseNumber: byLabel('int-b-1').caseNumber, institution: 'DGASPC', stage: 'services' });
    const coord = await drill('participants', 'coord.dgaspc');
    expect(coord.items.every((i) => i.institution === 'DGASPC' && typeof i.childName === 'string')).toBe(true);
    expect(mine(coord.items.map((i) => i.caseId))).toEqual(idsOf((c) => c.institution === 'DGASPC'));
    expect(coord.hiddenOtherInstitutions).toBeGreaterThanOrEqual(20);
    const unknown = await api.get('/reports/indicators/nu_exista/cases', PM);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('REPORT_INDICATOR_UNKNOWN');
    const audit = await auditEntries(doc, 'case', `report:participants:${today}`);
    expect(audit.some((e) => e.actorInstitution === 'DGASPC' && (e.detail as { namesShown: boolean }).namesShown)).toBe(true);
  });
});

describe('downloads', () => {
  it('exports XLSX that opens back with one row per indicator, ethnicity small counts suppressed, and audits it', async () => {
    type Indicators = { indicators: { id: string; label: string; value: number; target: number | null; involvesEthnicity: boolean }[] };
    const values = (j: Indicators) => j.indicators.map((i) => `${i.id}=${i.value}`).join(',');
    // other files write cases into the same runtime in parallel: compare the export with the JSON read on either side
    // of it, and read again until no case was written in between
    let json: Indicators | undefined;
    let r!: Response;
    for (let attempt = 0; attempt < 10 && !json; attempt++) {
      const before = (await api.get('/reports/indicators', PM)).body as Indicators;
      r = await fetch(`${urls.api}/reports/indicators/export?format=xlsx`, { headers: { authorization: `Bearer ${await api.token(PM)}` } });
      const after = (await api.get('/reports/indicators', PM)).body as Indicators;
      if (values(before) === values(after)) json = after;
    }
    if (!json) throw new Error('the indicators kept changing under the export for 10 attempts');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(r.headers.get('content-disposition')).toContain(`indicatori-proiect-${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const ws = wb.getWorksheet('Indicatori')!;
    const rows = new Map<string, unknown>();
    for (let i = 4; i < 4 + json.indicators.length; i++) rows.set(String(ws.getRow(i).getCell(2).value), ws.getRow(i).getCell(4).value);
    expect(rows.size).toBe(json.indicators.length);
    for (const ind of json.indicators) {
      const expected = ind.involvesEthnicity && ind.value < 5 ? '<5' : ind.value;
      expect(rows.get(ind.label), ind.id).toEqual(expected);
    }
    const audit = await auditEntries(doc, 'export', `indicators:${today}:xlsx`);
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]).toMatchObject({ action: 'export.report.indicators', outcome: 'allowed', detail: { suppressed: true } });
  });

  it('exports CSV for Romanian Excel', async () => {
    const r = await fetch(`${urls.api}/reports/indicators/export?format=csv`, { headers: { authorization: `Bearer ${await api.token('coord.das')}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Grupa;Indicator;Unitate;Valoare;Ținta;Realizare (%);DAS Timișoara;DGASPC Timiș;GAL Colinele Recaș;Observații');
    expect(lines.find((l) => l.startsWith('Grupul țintă;Copii în grupul țintă;copii;'))).toBeDefined();
  });

  it('prints the quarterly report for the steering committee', async () => {
    const r = await api.call('GET', `/reports/quarterly/${quarter}`, { as: PM });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    const html = r.body as string;
    expect(html).toContain(`Raport trimestrial pentru comitetul de coordonare — trimestrul ${['I', 'II', 'III', 'IV'][Number(quarter.slice(-1)) - 1]} ${quarter.slice(0, 4)}`);
    // no raw timestamps in what is printed
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    if (year === PLAN) for (const id of ['1.1', '2.3', '2.5', '6.1', '6.7']) expect(html).toContain(`<td>${id}</td>`);
    for (const c of cases) expect(html).not.toContain(c.caseNumber);
    const next = await api.get(`/reports/quarterly/${year + 1}-Q4`, PM);
    expect(next.status).toBe(422);
    expect(next.body.error.code).toBe('REPORT_QUARTER_FUTURE');
    expect((await api.get(`/reports/quarterly/${quarter}`, 'romi.das')).status).toBe(403);
  });
});

describe('the Roma local plan', () => {
  it('lists the plan years and holds every action of the plan', async () => {
    const list = await api.get('/roma-plan', 'romi.das');
    expect(list.status).toBe(200);
    expect(list.body.years).toContain(2026);
    expect(list.body.items.find((p: { year: number }) => p.year === 2026)).toMatchObject({ actions: 42, objectives: 6 });
    const plan = await api.get('/roma-plan/2026', 'romi.das');
    expect(plan.status).toBe(200);
    const actions = plan.body.objectives.flatMap((o: { actions: { id: string }[] }) => o.actions);
    expect(actions).toHaveLength(42);
    const a23 = actions.find((a: { id: string }) => a.id === '2.3');
    expect(a23.lines.map((l: { breakdownKey: string }) => l.breakdownKey)).toEqual(['sf-nicolae', 'kuncz', 'gal', 'dgaspc', 'speranta', 'salvati-copiii', 'chosen', 'scop', 'parohia-fabric-vest']);
    expect(actions.find((a: { id: string }) => a.id === '6.1').lines.find((l: { breakdownKey: string }) => l.breakdownKey === 'das-management-caz').target).toBe('20 copii/persoane sprijinite');
    const missing = await api.get('/roma-plan/2031', 'romi.das');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROMA_PLAN_NOT_FOUND');
  });

  it('computes 2.3, 2.4 and 2.5 from the case data', async () => {
    const roma = (pred: (c: CreatedCase) => boolean) => idsOf((c) => c.roma && c.service !== null && !c.notEligible && pred(c));
    const inSvc = (c: CreatedCase, ...s: string[]) => (servicesOf.get(c.caseId) ?? []).some((x) => s.includes(x));
    expect(mine(await romaLine('2.3', 'sf-nicolae'))).toEqual(inPlanYear(roma((c) => inSvc(c, 'cz-sf-nicolae'))));
    expect(mine(await romaLine('2.3', 'kuncz'))).toEqual(inPlanYear(roma((c) => inSvc(c, 'cz-kuncz'))));
    expect(mine(await romaLine('2.3', 'gal'))).toEqual(inPlanYear(roma((c) => inSvc(c, 'int-a'))));
    expect(mine(await romaLine('2.3', 'dgaspc'))).toEqual(inPlanYear(roma((c) => inSvc(c, 'int-b'))));
    expect(mine(await romaLine('2.4', 'podu-lung'))).toEqual(inPlanYear(roma((c) => inSvc(c, 'cr-podu-lung'))));
    // every Roma child of a DAS case evaluated this year; the one still waiting for its evaluation does not count
    expect(mine(await romaLine('2.5'))).toEqual(inPlanYear(roma((c) => c.institution === 'DAS')));
    expect(mine(await romaLine('2.5')).has(byLabel('roma-evaluation-only').caseId)).toBe(false);
  });

  it('shows computed Roma counts exactly to the project team and suppressed below 5 to everyone else', async () => {
    const line = (body: { objectives: { actions: { id: string; lines: { breakdownKey: string | null; computed: { value: number | null; display: string; suppressed: boolean } | null }[] }[] }[] }, id: string, key: string | null) =>
      body.objectives.flatMap((o) => o.actions).find((a) => a.id === id)!.lines.find((l) => l.breakdownKey === key)!.computed!;
    // other files add cases to the same runtime in parallel: take the officer's view between two equal team reads
    const computedOf = (body: { objectives: { actions: { lines: { computed: unknown }[] }[] }[] }) => JSON.stringify(body.objectives.flatMap((o) => o.actions.flatMap((a) => a.lines.map((l) => l.computed))));
    let team: Parameters<typeof line>[0] | undefined;
    let officer!: Parameters<typeof line>[0] & { audience: string };
    for (let attempt = 0; attempt < 10 && !team; attempt++) {
      const before = (await api.get('/roma-plan/2026', PM)).body;
      officer = (await api.get('/roma-plan/2026', 'romi.das')).body;
      const after = (await api.get('/roma-plan/2026', PM)).body;
      if (computedOf(before) === computedOf(after)) team = after;
    }
    if (!team) throw new Error('the Roma plan counts kept changing for 10 attempts');
    expect(officer.audience).toBe('outside_team');
    for (const [id, key] of [['2.3', 'sf-nicolae'], ['2.3', 'kuncz'], ['2.3', 'gal'], ['2.3', 'dgaspc'], ['2.4', 'podu-lung'], ['2.5', null]] as const) {
      const exact = line(team, id, key);
      const shown = line(officer, id, key);
      expect(exact.suppressed).toBe(false);
      if (exact.value! < 5) expect(shown).toMatchObject({ value: null, display: '<5', suppressed: true });
      else expect(shown.value).toBe(exact.value);
    }
    expect(line(team, '2.4', 'podu-lung').value).toBeGreaterThanOrEqual(year === PLAN ? 1 : 0);
    // the officer's file leaves with the same suppression
    const csv = await api.call('GET', '/roma-plan/2026/export?format=csv', { as: 'romi.das' });
    expect(csv.status).toBe(200);
    const podu = (csv.body as string).split('\r\n').find((l) => l.startsWith('OS2;2.4;') && l.includes('Podul Lung'))!;
    const exact24 = line(team, '2.4', 'podu-lung').value!;
    expect(podu).toContain(exact24 < 5 ? ';<5;' : `;${exact24};`);
    expect((await api.get('/roma-plan/2026/actions/2.3/cases?breakdownKey=kuncz', 'romi.das')).status).toBe(403);
  });

  it('counts 6.1 from identity documents recorded on DAS cases, each person once', async () => {
    const d1 = byLabel('sfn-1');
    const d2 = byLabel('kuncz-1');
    const dg = byLabel('int-b-1');
    const post = (c: CreatedCase, as: string, body: unknown) => api.post(`/cases/${c.caseId}/identity-documents`, as, body);
    expect((await post(d1, 'manager.das', { person: 'child', document: 'birth_certificate', obtainedOn: today })).status).toBe(201);
    const again = await post(d1, 'manager.das', { person: 'child', document: 'birth_certificate', obtainedOn: today });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('IDENTITY_DOCUMENT_DUPLICATE');
    expect((await post(d1, 'manager.das', { person: 'child', document: 'identity_card', obtainedOn: today })).status).toBe(201);
    expect((await post(d1, 'coord.das', { person: 'legal_representative', document: 'identity_card', obtainedOn: today })).status).toBe(201);
    expect((await post(d2, 'manager.das', { person: 'legal_representative', document: 'identity_card', obtainedOn: today })).status).toBe(201);
    expect((await post(dg, 'manager.dgaspc', { person: 'child', document: 'identity_card', obtainedOn: today })).status).toBe(201);
    // not the case's institution: the case does not exist for this caller; nothing written
    expect((await post(d2, 'manager.dgaspc', { person: 'child', document: 'identity_card', obtainedOn: today })).status).toBe(404);
    const bad = await post(d2, 'manager.das', { person: 'vecin', document: 'pasaport', obtainedOn: isoDay(3) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['document', 'person']);
    const future = await post(d2, 'manager.das', { person: 'child', document: 'identity_card', obtainedOn: isoDay(3) });
    expect(future.body.error.code).toBe('IDENTITY_DOCUMENT_DATE_FUTURE');

    expect(mine(await romaLine('6.1', 'das-management-caz'))).toEqual(inPlanYear(new Set([d1.caseId, d2.caseId])));
    const team = (await api.get('/roma-plan/2026', PM)).body;
    const six = team.objectives[5].actions.find((a: { id: string }) => a.id === '6.1').lines.find((l: { breakdownKey: string }) => l.breakdownKey === 'das-management-caz');
    expect(six.computed.value).toBeGreaterThanOrEqual(year === PLAN ? 3 : 0); // d1's child, d1's and d2's representatives
    const history = (await api.get(`/cases/${d1.caseId}/history`, 'manager.das')).body.items as { action: string; summary: string }[];
    expect(history.filter((h) => h.action === 'case.identity_document')).toHaveLength(3);
    expect(history.find((h) => h.action === 'case.identity_document')!.summary).toContain('certificat de naștere');
  });

  it('records quarterly progress with evidence, keeps the history and shows the latest per line', async () => {
    const first = await api.post('/roma-plan/2026/progress', 'romi.das', { actionId: '1.1', quarter: planQuarter, status: 'in_progress', value: 4, evidenceNotes: 'Fișe de evaluare pentru 4 familii (test).' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.entry).toMatchObject({ actionId: '1.1', quarter: planQuarter, recordedByName: expect.stringContaining('Mihai') });
    const correction = await api.post('/roma-plan/2026/progress', 'coord.das', { actionId: '1.1', quarter: planQuarter, status: 'at_risk', value: 3, evidenceNotes: 'Corectură: una dintre fișe este incompletă (test).' });
    expect(correction.status).toBe(201);
    const ngo = await api.post('/roma-plan/2026/progress', 'romi.das', { actionId: '2.3', breakdownKey: 'speranta', quarter: planQuarter, status: 'done', value: 21, evidenceNotes: 'Raportul fundației (test).' });
    expect(ngo.status).toBe(201);

    const history = await api.get('/roma-plan/2026/progress?actionId=1.1', 'romi.das');
    expect(history.body.items.slice(0, 2).map((e: { status: string }) => e.status)).toEqual(['at_risk', 'in_progress']);
    const view = (await api.get('/roma-plan/2026', 'romi.das')).body;
    const a11 = view.objectives[0].actions.find((a: { id: string }) => a.id === '1.1').lines[0];
    expect(a11.latest).toMatchObject({ status: 'at_risk', value: 3 });
    expect(a11.quarters[planQuarter]).toMatchObject({ status: 'at_risk' });

    const xlsx = await fetch(`${urls.api}/roma-plan/2026/export?format=xlsx&quarter=${planQuarter}`, { headers: { authorization: `Bearer ${await api.token('romi.das')}` } });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    let found = false;
    ws.eachRow((row) => { if (row.getCell(2).value === '1.1') { found = true; expect(row.getCell(9).value).toBe('Risc de nerealizare'); expect(row.getCell(11).value).toContain('Corectură'); } });
    expect(found).toBe(true);
    expect((await auditEntries(doc, 'export', `roma-plan:2026:${planQuarter}:xlsx`)).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses progress typed by hand for computed actions, and reports outside one\'s remit', async () => {
    const post = (as: string, body: Record<string, unknown>) => api.post('/roma-plan/2026/progress', as, { quarter: planQuarter, status: 'done', evidenceNotes: 'Test.', ...body });
    for (const body of [{ actionId: '2.5', value: 150 }, { actionId: '2.3', breakdownKey: 'kuncz', value: 30 }, { actionId: '6.1', breakdownKey: 'das-management-caz', value: 20 }]) {
      const r = await post('romi.das', body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.code).toBe('ROMA_PROGRESS_COMPUTED');
    }
    const notMine = await post('coord.gal', { actionId: '1.1' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('ROMA_PROGRESS_NOT_RESPONSIBLE');
    expect((await post('manager.das', { actionId: '1.1' })).status).toBe(403);
    expect((await post('romi.das', { actionId: '9.9' })).body.error.code).toBe('ROMA_ACTION_UNKNOWN');
    expect((await post('romi.das', { actionId: '2.1' })).body.error.code).toBe('ROMA_PROGRESS_ROW_REQUIRED');
    expect((await post('romi.das', { actionId: '1.1', quarter: '2025-Q4' })).body.error.code).toBe('ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN');
    const invalid = await post('romi.das', { actionId: '1.1', status: 'gata', value: -2 });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['status', 'value']);
    // none of the refused reports was stored
    const all = (await api.get('/roma-plan/2026/progress', 'romi.das')).body.items as { actionId: string; evidenceNotes: string }[];
    expect(all.filter((e) => e.evidenceNotes === 'Test.')).toEqual([]);
  });
});
