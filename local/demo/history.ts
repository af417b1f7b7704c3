/**
 * The demo's history: the project as it would look after running since March 2025, built through the code paths
 * staff use — nothing is written to the tables directly:
 * - the caseload kept before Vatra, through the import (shared/imports: the same service as the coordinator's upload):
 *   children referred from March 2025 on, at every stage (in evaluation, in services, reintegrated and monitored,
 *   closed), with their approved plans, enrolments from past dates (one ended by a closure), monthly participation of
 *   the last two finished months and the subsidy months paid before Vatra;
 * - then, through the HTTP API as the demo users: the last finished months closed for the registers, the monthly run of
 *   the month before last evaluated, approved by the coordinator (payment file for finance), attendance sheets and
 *   sessions of this month's past open days, transfers between the day centres, a centre's closure (CZ Kuncz's yearly
 *   disinfection next month), Roma plan progress reports.
 * The month just ended is left without a run, so a new run evaluates children.
 *
 * Deterministic: the same day gives the same data (codes DEMO-0001…; fictitious names from a fixed list; CNPs and
 * IBANs generated for tests). Idempotent: the import recognises its codes, the month close and the run are found when
 * they exist, a sheet saved again changes nothing, progress is reported once per action and quarter.
 */
import type ExcelJSNamespace from 'exceljs';
import { excel } from '../../shared/platform/files/excel.js';
import { buildTemplate } from '../../shared/imports/template.js';
import { sheets, type SheetId } from '../../shared/imports/columns.js';
import { runImport } from '../../shared/imports/service.js';
import { makeDeps } from '../../shared/cases/deps.js';
import { referralSourceLabels } from '../../shared/cases/config.js';
import { addCalendarDays, addMonthsToMonth, daysBetween, localDate, monthKey, monthRange, type Clock } from '../../shared/platform/calendar.js';
import { syntheticCnp } from '../../shared/platform/ro/cnp.js';
import { syntheticRoIban } from '../../shared/platform/ro/iban.js';
import { getService } from '../../shared/services/catalogue.js';
import { openDatesInMonth } from '../../shared/services/rules/participation.js';
import { checkProgress, manualProgressLines, quarterOf } from '../../shared/reports/roma-plan/plan.js';
import { loadRomaPlan } from '../../shared/reports/roma-plan/index.js';
import type { LocalIdentity } from '../identity.js';

export interface HistoryContext {
  identity: LocalIdentity;
  /** base URL of the local API (…/api) */
  api: string;
  /** the runtime's clock (VATRA_CLOCK / VATRA_CLOCK_OFFSET): the history ends "today" on it */
  clock: Clock;
  /** technical lines (the log file) */
  log?: ((m: string, d?: Record<string, unknown>) => void) | undefined;
  /** short Romanian lines for the console */
  progress?: ((m: string) => void) | undefined;
  /** children in the imported caseload */
  children?: number;
}

export interface HistoryResult {
  imported: number;
  closedMonths: string[];
  approvedRun: { month: string; runId: string } | null;
  openRunMonth: string;
  sheets: number;
  sessions: number;
  transfers: number;
  romaReports: number;
  /** closures entered through the API (CZ Kuncz's disinfection next month) */
  closures: number;
}

type Cell = string | number | null | undefined;
type Row = Record<string, Cell>;

const PROJECT_START = '2025-03-10';
const FIRST = ['Andra', 'Bogdan', 'Cezara', 'Darius', 'Emilia', 'Felix', 'Gelu', 'Horia', 'Ilinca', 'Jana', 'Laur', 'Mara', 'Nectarie', 'Olimpia', 'Paul', 'Rebeca', 'Sebastian', 'Teodora', 'Victor', 'Xenia'];
const LAST = ['Demoiu', 'Fictivescu', 'Închipuitu', 'Exemplaru', 'Probeanu', 'Mostreanu', 'Schițeanu', 'Machetă'];
/** services of the prevention track in the order children are given them (day centres fill first, as planned) */
const PREVENTION = ['cz-sf-nicolae', 'cz-kuncz', 'cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a', 'cz-kuncz', 'cz-sf-nicolae', 'cr-podu-lung'];

const stageLabel = { evaluation: 'evaluare', services: 'servicii', monitoring: 'monitorizare', closed: 'închis' } as const;

/** The caseload as import rows; pure (the same day gives the same rows). */
export function demoCaseload(today: string, count = 40): { rows: Partial<Record<SheetId, Row[]>>; codes: string[] } {
  const current = monthKey(today);
  const lastPaid = addMonthsToMonth(current, -3); // months before it were paid before Vatra; the last two go through runs
  const latestReferral = addCalendarDays(`${addMonthsToMonth(current, -4)}-01`, 0);
  const span = Math.max(30, daysBetween(PROJECT_START, latestReferral));
  const rows: Record<SheetId, Row[]> = { children: [], plans: [], enrolments: [], participation: [], payments: [] };
  const codes: string[] = [];
  let prevention = 0;
  for (let i = 0; i < count; i++) {
    const code = `DEMO-${String(i + 1).padStart(4, '0')}`;
    codes.push(code);
    const reintegration = i % 8 === 7;
    const serviceId = reintegration ? 'int-b' : PREVENTION[prevention++ % PREVENTION.length]!;
    const stage: keyof typeof stageLabel = i === 11 || i === 29 ? 'evaluation' : i % 13 === 4 ? 'closed' : reintegration && i % 16 === 15 ? 'monitoring' : 'services';
    const referralDate = stage === 'evaluation' ? addCalendarDays(today, -(9 + i)) : addCalendarDays(PROJECT_START, Math.floor((i * span) / count));
    const sex = i % 2 ? 'M' : 'F';
    const ageYears = serviceId === 'cz-sf-nicolae' ? 7 + (i % 9) : serviceId === 'cr-podu-lung' ? 5 + (i % 10) : 9 + (i % 8);
    const birthDate = addCalendarDays(referralDate, -Math.round(ageYears * 365.25) - ((i * 41) % 300));
    const roma = !reintegration && serviceId.startsWith('cz-') && i % 3 === 1;
    const manager = reintegration ? 'manager.dgaspc' : i % 2 ? 'manager2.das' : 'manager.das';
    const consentDate = addCalendarDays(referralDate, 7);
    rows.children.push({
      code, track: reintegration ? 'reintegrare' : 'prevenire', stage: stageLabel[stage],
      firstName: FIRST[i % FIRST.length], lastName: LAST[(i * 3) % LAST.length], birthDate, sex,
      cnp: syntheticCnp(birthDate, sex, 300 + i), residenceCity: 'Timișoara',
      ethnicity: roma ? 'romă' : i % 5 === 0 ? 'alta' : 'nedeclarată', disability: serviceId === 'cr-podu-lung' ? 'da' : 'nu',
      inSpecialProtection: reintegration ? 'da' : 'nu',
      repFirstName: 'Părinte', repLastName: LAST[(i * 3) % LAST.length], repRelation: i % 7 === 0 ? 'tată' : 'mamă',
      iban: i % 17 === 3 ? null : syntheticRoIban(40_000 + i),
      source: referralSourceLabels[(['school', 'police', 'family_doctor', 'community'] as const)[i % 4]!],
      referralDate, reason: 'Sesizare fictivă pentru demonstrație: absenteism școlar și risc de separare.',
      riskFactors: reintegration ? 'Abuz sau neglijare' : 'Abandon sau risc de abandon școlar; Sărăcie severă',
      caseManager: manager,
      consentDate: stage === 'evaluation' ? null : consentDate,
      consentPurposes: stage === 'evaluation' ? null : i % 13 === 6 ? 'managementul cazului; servicii; prelucrarea datelor' : 'managementul cazului; servicii; subvenție; prelucrarea datelor',
      sharedWithGal: serviceId.startsWith('int-') ? 'da' : 'nu',
    });
    if (stage === 'evaluation') continue;
    const approvedOn = addCalendarDays(referralDate, 18);
    const from = addCalendarDays(referralDate, 21);
    rows.plans.push({
      code, approvedOn, cohort: i % 10 < 7 ? '18 luni' : '12 luni',
      // a few reviews already due: the inbox shows overdue work, as in real life
      reviewDate: addCalendarDays(today, i % 9 === 2 ? -4 : 12 + (i % 50)),
      objectives: 'Frecvență școlară regulată; Participare la activitățile centrului; Sprijin pentru părinți', services: serviceId, responsible: 'Echipa de caz (demo)',
      ...(i % 6 !== 5 ? { observatorNumber: `ONC-TM/${referralDate.slice(0, 4)}/${2000 + i}`, observatorDate: addCalendarDays(approvedOn, 3) } : {}),
    });
    let lastMonth = addMonthsToMonth(current, -1);
    if (stage === 'monitoring') rows.children[rows.children.length - 1]!.reintegrationDate = addCalendarDays(from, 150);
    if (stage === 'closed') {
      const usual = addCalendarDays(from, 240);
      const closedOn = usual < addCalendarDays(today, -20) ? usual : addCalendarDays(today, -20);
      Object.assign(rows.children[rows.children.length - 1]!, { closedOn, closureReason: i % 2 ? 'Familia s-a mutat' : 'Obiectivele planului au fost atinse', closingEvaluation: 'Evaluare finală fictivă: obiectivele urmărite au fost discutate cu familia.' });
      rows.enrolments.push({ code, service: serviceId, from, to: addCalendarDays(closedOn, -1), endReason: 'Cazul a fost închis' });
      lastMonth = addMonthsToMonth(monthKey(closedOn), -1);
    } else {
      rows.enrolments.push({ code, service: serviceId, from });
      // the two finished months that go through Vatra's own monthly runs
      for (const m of [addMonthsToMonth(current, -2), addMonthsToMonth(current, -1)]) rows.participation.push(participation(code, m, serviceId, i % 9 !== 4));
    }
    const paidTo = lastMonth < lastPaid ? lastMonth : lastPaid;
    const firstPaid = addMonthsToMonth(monthKey(from), 1);
    if (firstPaid <= paidTo) {
      for (const [k, m] of monthRange(firstPaid, paidTo).entries()) {
        const paidOn = `${addMonthsToMonth(m, 1)}-10`;
        rows.payments.push({ code, month: m, amount: 400, reference: `OP-${m}-${String(i + 1).padStart(4, '0')}-${k}`, paidOn: paidOn > today ? today : paidOn });
      }
    }
  }
  return { rows, codes };
}

function participation(code: string, month: string, serviceId: string, active: boolean): Row {
  const s = getService(serviceId)!;
  if (s.type === 'day_centre') {
    const days = Math.min(20, openDatesInMonth(month, s.schedule.daysOpen).length);
    return active ? { code, month, service: serviceId, presentDays: days - 3, absentDays: 2, excusedDays: 1 } : { code, month, service: serviceId, presentDays: 2, absentDays: days - 3, excusedDays: 1 };
  }
  if (s.type === 'recovery_centre') return { code, month, service: serviceId, sessions: active ? 6 : 1 };
  if (serviceId === 'int-b') return { code, month, service: serviceId, sessions: active ? 3 : 1, parentSessions: active ? 1 : 0 };
  return { code, month, service: serviceId, sessions: active ? 3 : 0 };
}

/** The import template filled with the rows (the same workbook a coordinator would upload). */
export async function demoWorkbook(rows: Partial<Record<SheetId, Row[]>>): Promise<Uint8Array> {
  // exceljs on first use (the runtime's start does not load it unless it seeds the demo history)
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await buildTemplate()) as unknown as ExcelJSNamespace.Buffer);
  for (const spec of sheets) {
    const ws = wb.getWorksheet(spec.name)!;
    ws.spliceRows(2, 1); // the template's example row
    let r = 2;
    for (const values of rows[spec.id] ?? []) {
      const row = ws.getRow(r++);
      spec.columns.forEach((c, i) => { row.getCell(i + 1).value = values[c.key] ?? null; });
      row.commit();
    }
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A small API client acting as a demo user (tokens from the local identity provider, as after a sign-in). */
class DemoApi {
  private tokens = new Map<string, string>();
  constructor(private readonly identity: LocalIdentity, private readonly base: string) {}

  // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field by the demo story
  async call(method: string, path: string, as: string, body?: unknown): Promise<{ status: number; body: any }> {
    let token = this.tokens.get(as);
    if (!token) {
      const user = this.identity.userByUsername(as);
      if (!user) throw new Error(`demo: no user ${as}`);
      token = await this.identity.issue(user);
      this.tokens.set(as, token);
    }
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* a file */ }
    return { status: r.status, body: parsed };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// biome-ignore lint/suspicious/noExplicitAny: the run's JSON as the API answers it
async function waitRun(api: DemoApi, runId: string, statuses: readonly string[], timeoutMs = 120_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api.call('GET', `/subsidy-runs/${runId}`, 'coord.das');
    const run = r.body?.run;
    if (run && statuses.includes(run.status)) return run;
    if (run?.status === 'failed' || run?.status === 'rejected') throw new Error(`demo: run ${runId} ${run.status}`);
    if (Date.now() > until) throw new Error(`demo: run ${runId} still ${run?.status ?? r.status}`);
    await sleep(250);
  }
}

export async function seedDemoHistory(ctx: HistoryContext): Promise<HistoryResult> {
  const log = ctx.log ?? (() => undefined);
  const say = ctx.progress ?? (() => undefined);
  const now = ctx.clock.now();
  const today = localDate(now);
  const current = monthKey(today);
  const api = new DemoApi(ctx.identity, ctx.api);
  const result: HistoryResult = { imported: 0, closedMonths: [], approvedRun: null, openRunMonth: addMonthsToMonth(current, -1), sheets: 0, sessions: 0, transfers: 0, romaReports: 0, closures: 0 };

  // 1. the caseload kept before Vatra, through the import
  const { rows } = demoCaseload(today, ctx.children ?? 40);
  const bytes = await demoWorkbook(rows);
  const admin = ctx.identity.userByUsername('admin')!;
  const report = await runImport(makeDeps({ now: () => ctx.clock.now() }), { userId: admin.sub, displayName: admin.name, roles: admin.groups }, { fileName: 'demo-istoric.xlsx', bytes }, { concurrency: 4 }, { requestId: 'demo-seed' });
  result.imported = report.summary.children.imported + report.summary.children.alreadyImported;
  const rejected = report.cases.filter((c) => c.status === 'rejected');
  if (rejected.length) log('demo.import.rejected', { cases: rejected.map((c) => ({ code: c.childCode, reasons: c.reasons.map((r) => r.code) })), rows: report.rows.filter((r) => r.status === 'rejected').slice(0, 10).map((r) => ({ sheet: r.sheet, row: r.row, reasons: r.reasons })) });
  say(`istoric importat: ${result.imported} copii din martie 2025 (${report.summary.paidMonths} luni plătite înainte de Vatra)`);

  // 2. the finished months closed for the registers, the month before last through a monthly run approved by the coordinator
  const runMonth = addMonthsToMonth(current, -2);
  for (const m of [addMonthsToMonth(current, -4), addMonthsToMonth(current, -3), runMonth]) {
    // the imported registers keep counters, not every day: the coordinator closes accepting incomplete registers
    // (those children's months stay held back until corrected, as the run's own close would leave them)
    const r = await api.call('POST', `/months/${m}/close`, 'coord.das', { reason: 'Închiderea lunii din istoricul demonstrativ.', acceptIncomplete: true });
    if (r.status === 200 || r.status === 201) result.closedMonths.push(m);
    else log('demo.month_close.failed', { month: m, status: r.status, error: r.body?.error?.code });
  }
  const start = await api.call('POST', '/subsidy-runs', 'coord.das', { month: runMonth });
  let runId: string | undefined = start.body?.run?.runId ?? start.body?.error?.details?.runId ?? start.body?.error?.runId;
  if (!runId) {
    const list = await api.call('GET', `/subsidy-runs?month=${runMonth}`, 'coord.das');
    runId = (list.body?.items ?? list.body?.runs ?? []).find((x: { month: string }) => x.month === runMonth)?.runId;
  }
  if (runId) {
    let run = await waitRun(api, runId, ['awaiting_approval', 'approved', 'completed']);
    if (run.status === 'awaiting_approval') {
      const ok = await api.call('POST', `/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: run.version });
      if (ok.status !== 200) log('demo.run.approve_failed', { status: ok.status, error: ok.body?.error?.code });
      run = await waitRun(api, runId, ['completed']);
    }
    if (run.status === 'completed') result.approvedRun = { month: runMonth, runId };
    say(`rularea lunară pentru ${runMonth}: aprobată, fișier de plată generat`);
  } else {
    log('demo.run.start_failed', { status: start.status, error: start.body?.error?.code });
  }

  // 2b. a centre's closure, entered by its coordinator through the API (the same path as the closures page): CZ Kuncz
  // is closed for its yearly disinfection on the first three open days of next month, so the closures page, the
  // day choosers and next month's expected days show it. Idempotent: the same request id answers with the first.
  const nextMonth = addMonthsToMonth(current, 1);
  const kunczDays = openDatesInMonth(nextMonth, getService('cz-kuncz')!.schedule.daysOpen);
  if (kunczDays.length >= 3) {
    const r = await api.call('POST', '/services/cz-kuncz/closures', 'coord.das', {
      from: kunczDays[0], to: kunczDays[2], reason: 'Dezinfecție și igienizare anuală a spațiilor (demo)',
      clientRequestId: `00000000-0000-4000-9000-${nextMonth.replace('-', '').padStart(12, '0')}`,
    });
    if (r.status === 200 || r.status === 201) result.closures++;
    else log('demo.closure.failed', { status: r.status, error: r.body?.error?.code });
  }
  say(`închideri ale centrelor: ${result.closures} (CZ Kuncz, dezinfecție în ${nextMonth})`);

  // 3. two transfers between the day centres on this month's first open day (before its registers, no correction needed)
  const moveOn = openDatesInMonth(current, getService('cz-kuncz')!.schedule.daysOpen).find((d) => d < today);
  if (moveOn) {
    const listed = await api.call('GET', '/services/cz-sf-nicolae/enrolments?status=active', 'coord.das');
    const candidates = ((listed.body?.items ?? []) as { caseId: string; enrolmentId: string; from: string; status?: string }[]).filter((e) => (!e.status || e.status === 'active') && e.from < moveOn).slice(0, 2);
    for (const e of candidates) {
      const r = await api.call('POST', `/enrolments/${e.caseId}/${e.enrolmentId}/transfer`, 'coord.das', { serviceId: 'cz-kuncz', date: moveOn, note: 'Familia s-a mutat mai aproape de centrul Kuncz (demo).' });
      if (r.status === 200) result.transfers++;
      else log('demo.transfer.failed', { status: r.status, error: r.body?.error?.code });
    }
  }

  // 4. this month's registers: attendance sheets of the day centres and sessions, for the open days already past
  const pastDays = (daysOpen: readonly number[]) => openDatesInMonth(current, daysOpen).filter((d) => d < today).slice(-5);
  const staffOf: Record<string, string> = { 'cz-sf-nicolae': 'centru.sfnicolae', 'cz-kuncz': 'centru.kuncz', 'cr-podu-lung': 'centru.podulung', 'int-a': 'interventie.gal', 'int-b': 'interventie.gal' };
  for (const serviceId of ['cz-sf-nicolae', 'cz-kuncz']) {
    const s = getService(serviceId)!;
    for (const date of pastDays(s.schedule.daysOpen)) {
      for (const g of s.groups) {
        const sheet = await api.call('GET', `/services/${serviceId}/groups/${g.id}/attendance/${date}`, staffOf[serviceId]!);
        const list = (sheet.body?.rows ?? []) as { caseId: string }[];
        if (sheet.status !== 200 || list.length === 0) continue;
        const marks = list.map((row, k) => ({ caseId: row.caseId, mark: (k + date.charCodeAt(9)) % 7 === 3 ? { status: 'absent' } : (k + date.charCodeAt(9)) % 11 === 5 ? { status: 'excused', excuseReason: 'medical' } : { status: 'present' } }));
        const saved = await api.call('PUT', `/services/${serviceId}/groups/${g.id}/attendance/${date}`, staffOf[serviceId]!, { version: sheet.body.version, marks });
        if (saved.status === 200) result.sheets++;
        else log('demo.sheet.failed', { serviceId, group: g.id, date, status: saved.status, error: saved.body?.error?.code });
      }
    }
  }
  for (const serviceId of ['cr-podu-lung', 'int-a', 'int-b']) {
    const s = getService(serviceId)!;
    const enrolled = await api.call('GET', `/services/${serviceId}/enrolments?status=active`, staffOf[serviceId]!);
    const items = ((enrolled.body?.items ?? enrolled.body?.enrolments ?? []) as { caseId: string; groupId: string; status?: string; from?: string }[]).filter((e) => !e.status || e.status === 'active');
    const activity = s.activities.find((a) => !a.parentSession) ?? s.activities[0]!;
    for (const [k, date] of pastDays(s.schedule.daysOpen).slice(-2).entries()) {
      for (const g of s.groups) {
        const participants = items.filter((e) => e.groupId === g.id && (!e.from || e.from <= date)).map((e) => ({ caseId: e.caseId, childPresent: true, parentPresent: serviceId === 'int-b' }));
        if (participants.length === 0) continue;
        const r = await api.call('POST', `/services/${serviceId}/sessions`, staffOf[serviceId]!, {
          date, kind: 'group', activityType: activity.code, durationMinutes: 60, groupId: g.id, note: 'Ședință demonstrativă (date fictive).',
          participants, clientRequestId: `00000000-0000-4000-9000-${String(k).padStart(4, '0')}${date.replaceAll('-', '')}`,
        });
        if (r.status === 200 || r.status === 201) result.sessions++;
        else log('demo.session.failed', { serviceId, group: g.id, date, status: r.status, error: r.body?.error?.code, details: r.body?.error?.details });
      }
    }
  }
  say(`registrele lunii curente: ${result.sheets} foi de prezență, ${result.sessions} ședințe`);

  // 5. Roma plan progress for the quarters already begun (once per action and quarter)
  const year = Number(today.slice(0, 4));
  const plan = await loadRomaPlan(year);
  if (plan) {
    const existing = await api.call('GET', `/roma-plan/${year}/progress`, 'romi.das');
    const done = new Set(((existing.body?.items ?? existing.body?.entries ?? []) as { actionId: string; breakdownKey: string | null; quarter: string }[]).map((e) => `${e.actionId}|${e.breakdownKey ?? ''}|${e.quarter}`));
    const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`).filter((q) => q <= quarterOf(now));
    let n = 0;
    for (const a of plan.actions) {
      for (const l of manualProgressLines(a)) {
        if (n >= 6) break;
        for (const [qi, quarter] of quarters.entries()) {
          const form = { actionId: a.id, ...(l.breakdownKey ? { breakdownKey: l.breakdownKey } : {}), quarter };
          if (!checkProgress(plan, form as never, now).ok || done.has(`${a.id}|${l.breakdownKey ?? ''}|${quarter}`)) continue;
          const r = await api.call('POST', `/roma-plan/${year}/progress`, 'romi.das', {
            ...form, value: 2 + qi * 3 + (n % 4), status: qi === quarters.length - 1 && n % 3 === 2 ? 'at_risk' : 'in_progress',
            evidenceNotes: qi === quarters.length - 1 && n % 3 === 2 ? 'Întârzieri la partener; se reprogramează activitățile (date fictive).' : 'Raportare demonstrativă: liste de prezență și procese-verbale (date fictive).',
          });
          if (r.status === 201) result.romaReports++;
          else log('demo.roma.failed', { actionId: a.id, quarter, status: r.status, error: r.body?.error?.code });
        }
        n++;
      }
    }
  }
  say(`planul local pentru romi: ${result.romaReports} raportări de progres`);
  log('demo.history', { ...result });
  return result;
}
