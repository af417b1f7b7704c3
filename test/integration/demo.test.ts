/**
 * The demo story: a runtime of its own started with the demo on (every other test runs with VATRA_DEMO_CASES=0) shows
 * the project's history through the pages' own API: a past weekday's attendance sheet has children, the finished
 * months are closed, the month before last was paid by an approved run with its payment file, the Roma plan has
 * progress reports, and a new monthly run for the month just ended has children to evaluate. The inbox and the case
 * list name the children (with their age), the demo's e-mails do not. A restart on the same data adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, eventually, inbox } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess } from '../support/runtime.js';
import { addMonthsToMonth, localDate, monthKey, openDaysInMonth } from '../../shared/platform/calendar.js';
import { getService } from '../../shared/services/catalogue.js';
import { demoCaseload } from '../../local/demo/history.js';

const BOOT_MS = 600_000;

describe('the demo story (npm start with the demo on)', () => {
  let rt: RuntimeProcess;
  let api: Api;
  const dataDir = tempDataDir('demo');
  const today = localDate(new Date());
  const current = monthKey(today);
  const lastMonth = addMonthsToMonth(current, -1);
  const paidMonth = addMonthsToMonth(current, -2);

  beforeAll(async () => {
    const started = Date.now();
    rt = await startRuntimeProcess({ dataDir, durable: true, env: { VATRA_DEMO_CASES: '1' }, readyTimeoutMs: BOOT_MS });
    console.log(`demo: first start with the demo history ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    api = new Api(rt.urls);
  }, BOOT_MS + 10_000);

  afterAll(async () => {
    await rt?.stop();
  });

  it('has children on the attendance sheet of a past weekday, and the finished months closed', async () => {
    const s = getService('cz-sf-nicolae')!;
    // the last day the centre was open (public holidays excluded: a sheet on a holiday is refused)
    const day = openDaysInMonth(lastMonth, { daysOpen: s.schedule.daysOpen }).at(-1)!;
    let children = 0;
    for (const g of s.groups) {
      const r = await api.get(`/services/cz-sf-nicolae/groups/${g.id}/attendance/${day}`, 'centru.sfnicolae');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      children += r.body.rows.length;
    }
    expect(children).toBeGreaterThan(0);
    const closedDay = openDaysInMonth(paidMonth, { daysOpen: s.schedule.daysOpen }).at(-1)!;
    const closed = await api.get(`/services/cz-sf-nicolae/groups/g1/attendance/${closedDay}`, 'centru.sfnicolae');
    expect(closed.body.monthClosed).toBe(true);
    const open = await api.get(`/services/cz-sf-nicolae/groups/g1/attendance/${day}`, 'centru.sfnicolae');
    expect(open.body.monthClosed).toBe(false);
    // the two months before the paid one were closed by the coordinator (decision 015), accepting incomplete registers
    for (const m of [addMonthsToMonth(current, -4), addMonthsToMonth(current, -3)]) {
      const r = await api.get(`/months/${m}`, 'coord.das');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.close, m).toMatchObject({ month: m, reason: 'Închiderea lunii din istoricul demonstrativ.' });
    }
  });

  it('paid the month before last through an approved monthly run with a payment file for finance', async () => {
    const runs = await api.get(`/subsidy-runs?month=${paidMonth}`, 'coord.das');
    expect(runs.status).toBe(200);
    const run = (runs.body.items as { runId: string; month: string; status: string; summary?: { totals: { eligible: number } } }[]).find((r) => r.month === paidMonth);
    expect(run?.status).toBe('completed');
    const full = await api.get(`/subsidy-runs/${run!.runId}`, 'coord.das');
    expect(full.body.run.summary.totals.eligible).toBeGreaterThan(0);
    const token = await api.token('financiar.das');
    const file = await fetch(`${rt.urls.api}/subsidy-runs/${run!.runId}/payment-file?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).toBe(200);
    const lines = (await file.text()).trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('shows a centre closure entered by the coordinator: CZ Kuncz\'s disinfection next month, not offered on the sheets', async () => {
    const next = addMonthsToMonth(current, 1);
    const r = await api.get(`/services/cz-kuncz/closures?month=${next}`, 'centru.kuncz');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const closure = (r.body.items as { from: string; to: string; reason: string; closedOpenDays: number }[]).find((c) => c.reason.includes('Dezinfecție'));
    expect(closure?.closedOpenDays).toBe(3);
    expect(r.body.openDays).not.toContain(closure!.from);
    expect(r.body.closedDays).toContainEqual({ date: closure!.from, kind: 'closure', reason: closure!.reason });
  });

  it('shows Roma plan progress reported by the plan officer', async () => {
    const r = await api.get(`/roma-plan/${today.slice(0, 4)}/progress`, 'romi.das');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
  });

  it('has children to evaluate in a new monthly run for the month just ended', async () => {
    const start = await api.post('/subsidy-runs', 'coord.das', { month: lastMonth });
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    const run = await eventually(async () => {
      const r = await api.get(`/subsidy-runs/${start.body.run.runId}`, 'coord.das');
      return r.body.run.status === 'awaiting_approval' ? r.body.run : undefined;
    }, 'the new run to finish evaluating', 180_000);
    expect(run.progress.total).toBeGreaterThan(0);
    expect(run.summary.totals.eligible).toBeGreaterThan(0);
  });

  it('names the children with their age in the inbox and the case list, never in the e-mails', async () => {
    const tasks = await api.get('/tasks?scope=mine', 'manager.das');
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.length).toBeGreaterThan(0);
    for (const t of tasks.body.items) {
      expect(t.childName).toMatch(/^\p{Lu}/u);
      expect(t.childAge).toBeGreaterThanOrEqual(0);
      expect(t.childAge).toBeLessThan(18);
    }
    const team = await api.get('/tasks?scope=team', 'coord.dgaspc');
    expect(team.body.items.every((t: { childName: string | null }) => typeof t.childName === 'string')).toBe(true);
    const cases = await api.get('/cases?scope=institution', 'coord.das');
    expect(cases.body.items.length).toBeGreaterThan(20);
    expect(cases.body.items.every((c: { childName: string | null; childAge: number | null }) => typeof c.childName === 'string' && typeof c.childAge === 'number')).toBe(true);
    // the names the demo gave its children appear in no e-mail the demo caused
    const { rows } = demoCaseload(today);
    const lastNames = [...new Set((rows.children ?? []).map((c) => String(c.lastName)))];
    const mails = await inbox(rt.urls);
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) for (const n of lastNames) expect(`${m.subject} ${m.body.text ?? ''} ${m.body.html ?? ''}`).not.toContain(n);
  });

  it('adds nothing when started again on the same data', async () => {
    const before = (await api.get('/cases?scope=institution&status=open', 'coord.das')).body.items.length + (await api.get('/cases?scope=institution&status=closed', 'coord.das')).body.items.length;
    await rt.stop({ keepDatabase: true });
    const started = Date.now();
    rt = await startRuntimeProcess({ dataDir, durable: true, ports: rt.ports, env: { VATRA_DEMO_CASES: '1' }, readyTimeoutMs: 120_000 });
    console.log(`demo: second start ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    api = new Api(rt.urls);
    const after = (await api.get('/cases?scope=institution&status=open', 'coord.das')).body.items.length + (await api.get('/cases?scope=institution&status=closed', 'coord.das')).body.items.length;
    expect(after).toBe(before);
  }, 180_000);
});
