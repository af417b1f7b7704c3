/**
 * The monthly subsidy run on the live local runtime: 266 synthetic children seeded directly, the run through the API
 * and the `monthly-run` workflow; the eligible set against an independent expectation; include / exclude; approval;
 * the payment file parsed back (CSV and XLSX); the exactly-once ledger; a correction of a closed month becoming an
 * adjustment in the next run; duplicate starts (API and schedule). A runtime killed mid-run, then restarted:
 * subsidy-kill.test.ts (a file of its own, so that the two runtimes work in parallel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { Api, eventually } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess, type RuntimeUrls } from '../support/runtime.js';
import {
  allLines, auditOf, correctionStatus, download, expectedEligible, ledgerOf, parseCsv, population, seedChildren, seedCorrection, waitRun,
  type SeededChild,
} from '../support/subsidy.js';
import { validateRoIban } from '../../shared/platform/ro/iban.js';
import { getService } from '../../shared/services/catalogue.js';

const MAY = '2025-05';
const JUNE = '2025-06';
const amount = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

describe('monthly subsidy run', () => {
  // its own runtime: 266 children with cohorts fill the cohort quotas, which other files' plan approvals must not meet
  let rt: RuntimeProcess;
  let urls: RuntimeUrls;
  let api: Api;
  let kids: SeededChild[] = [];
  let mayRunId = '';
  const byCase = new Map<string, SeededChild>();

  beforeAll(async () => {
    rt = await startRuntimeProcess({ dataDir: tempDataDir('subsidy-run') });
    urls = rt.urls;
    api = new Api(urls);
    kids = await seedChildren(urls, population(266, 20250531), [MAY, JUNE], { paidMonth: MAY });
    for (const k of kids) byCase.set(k.caseId, k);
  });

  afterAll(async () => {
    await rt?.stop();
  });

  it('refuses a month outside the project period, an unfinished month, and callers outside the project lead', async () => {
    const outside = await api.post('/subsidy-runs', 'coord.das', { month: '2025-02' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('MONTH_OUTSIDE_PROJECT');
    const future = await api.post('/subsidy-runs', 'coord.das', { month: '2027-12' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('MONTH_NOT_FINISHED');
    expect((await api.post('/subsidy-runs', 'coord.dgaspc', { month: MAY })).status).toBe(403);
    expect((await api.post('/subsidy-runs', 'manager.das', { month: MAY })).status).toBe(403);
    expect((await api.post('/subsidy-runs', 'financiar.das', { month: MAY })).status).toBe(403);
    const bad = await api.post('/subsidy-runs', 'coord.das', { month: '2025-5' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].path).toBe('month');
  });

  it('starts once for a month even when asked twice at the same time, and evaluates every child', async () => {
    const [a, b] = await Promise.all([api.post('/subsidy-runs', 'coord.das', { month: MAY }), api.post('/subsidy-runs', 'coord.das', { month: MAY })]);
    const created = [a, b].filter((r) => r.status === 202);
    expect(created).toHaveLength(1);
    const other = [a, b].find((r) => r !== created[0])!;
    expect([200, 409]).toContain(other.status);
    mayRunId = created[0]!.body.run.runId;
    expect(mayRunId).toMatch(/^2025-05-\d+$/);
    const again = await api.post('/subsidy-runs', 'coord.das', { month: MAY });
    expect([200, 409]).toContain(again.status);
    if (again.status === 409) expect(again.body.error.code).toBe('RUN_EXISTS');
    const run = await waitRun(api, mayRunId, ['awaiting_approval']);
    expect(run.progress.total).toBeGreaterThanOrEqual(266);
    expect(run.progress.evaluated).toBe(run.progress.total);
    const runs = (await api.get(`/subsidy-runs?month=${MAY}`, 'coord.das')).body.items as { runId: string }[];
    expect(runs.map((r) => r.runId)).toEqual([mayRunId]);
    // the approval request reached the DAS coordinators (outbox, deduplicated)
    expect(run.metrics.evaluate).toBeGreaterThan(0);
  });

  it('decides exactly the eligible set an independent computation expects, with Romanian reasons', async () => {
    const lines = (await allLines(api, mayRunId)).filter((l) => byCase.has(l.caseId));
    expect(lines).toHaveLength(266);
    expect(new Set(lines.map((l) => l.caseId)).size).toBe(266);
    const expected = new Set(kids.filter((k) => expectedEligible(k, MAY)).map((k) => k.caseId));
    const actual = new Set(lines.filter((l) => l.eligible).map((l) => l.caseId));
    const wrong = [...new Set([...expected, ...actual])].filter((id) => expected.has(id) !== actual.has(id)).map((id) => ({ spec: byCase.get(id), line: lines.find((l) => l.caseId === id) }));
    expect(wrong).toEqual([]);
    expect(expected.size).toBeGreaterThan(50);
    expect(expected.size).toBeLessThan(266);
    for (const l of lines) {
      expect(l.reasons.length).toBeGreaterThan(0);
      for (const r of l.reasons) expect(r.message).toMatch(/\p{L}{3}/u);
      expect(l.amountLei).toBe(l.eligible ? 400 : 0);
    }
    const reasonsOf = (pred: (k: SeededChild) => boolean) => lines.filter((l) => pred(byCase.get(l.caseId)!)).map((l) => l.reasons.map((r: { code: string }) => r.code));
    for (const codes of reasonsOf((k) => k.iban !== 'valid')) expect(codes).toContain('IBAN_INVALID');
    for (const codes of reasonsOf((k) => k.consent === 'withdrawn')) expect(codes).toContain('CONSENT_WITHDRAWN');
    for (const codes of reasonsOf((k) => k.caseState === 'closed_before' || k.caseState === 'opened_after')) expect(codes).toContain('CASE_NOT_OPEN');
    for (const codes of reasonsOf((k) => k.alreadyPaid)) expect(codes).toContain('ALREADY_PAID');
    for (const codes of reasonsOf((k) => k.enrolment === 'waiting' || k.enrolment === 'ended_before')) expect(codes).toContain('NOT_ENROLLED');
    for (const codes of reasonsOf((k) => k.cohort === null)) expect(codes).toContain('COHORT_MISSING');
    const ibanLine = lines.find((l) => byCase.get(l.caseId)!.iban === 'invalid');
    if (ibanLine) expect(ibanLine.reasons.find((r: { code: string }) => r.code === 'IBAN_INVALID').message).toBe('IBAN lipsă sau invalid');
    // no child's name anywhere in the lines
    const text = JSON.stringify(lines);
    for (const k of kids.slice(0, 40)) expect(text).not.toContain(k.childFirstName);
    const run = (await api.get(`/subsidy-runs/${mayRunId}`, 'coord.das')).body.run;
    const everyone = await allLines(api, mayRunId);
    expect(run.summary.totals.eligible).toBe(everyone.filter((l) => l.kind === 'monthly' && l.eligible).length);
    expect(run.summary.totals.ineligible).toBe(everyone.filter((l) => l.kind === 'monthly' && !l.eligible).length);
    expect(run.summary.totals.monthlyLei).toBe(run.summary.totals.eligible * 400);
    expect(run.summary.totals.lines).toBe(run.progress.total);
    expect(run.summary.byReason.length).toBeGreaterThan(3);
    expect(run.summary.budget.minimumTotalLei).toBe(1_725_600);
  });

  it('lets the DAS coordinator include and exclude a child with a reason, never past the hard conditions', async () => {
    const lines = (await allLines(api, mayRunId)).filter((l) => byCase.has(l.caseId));
    // a page cursor that is not a key of this run's lines is a 422, never a 500
    for (const cursor of [Buffer.from('{"a":"b"}').toString('base64url'), Buffer.from(JSON.stringify({ pk: 'CASE#x', sk: 'LINE#1' })).toString('base64url'), 'nu-e-cursor']) {
      const bad = await api.get(`/subsidy-runs/${mayRunId}/lines?cursor=${cursor}`, 'coord.das');
      expect(bad.status, cursor).toBe(422);
      expect(bad.body.error.code).toBe('INVALID_CURSOR');
    }
    const before = (await api.get(`/subsidy-runs/${mayRunId}`, 'coord.das')).body.run;
    const low = lines.find((l) => { const k = byCase.get(l.caseId)!; return !l.eligible && expectedEligible(k, MAY, 'active') && k.participation !== 'active'; });
    const eligible = lines.find((l) => l.eligible);
    const noConsent = lines.find((l) => { const k = byCase.get(l.caseId)!; return k.consent === 'missing' && k.participation === 'low'; }) ?? lines.find((l) => byCase.get(l.caseId)!.consent === 'missing');
    const paid = lines.find((l) => byCase.get(l.caseId)!.alreadyPaid);
    expect(low && eligible).toBeTruthy();
    const reason = 'Copilul a fost internat în spital două săptămâni (document la dosar).';

    const short = await api.post(`/subsidy-runs/${mayRunId}/lines/${low.caseId}/override`, 'coord.das', { decision: 'include', reason: 'scurt', expectedVersion: low.version });
    expect(short.status).toBe(422);
    expect((await api.post(`/subsidy-runs/${mayRunId}/lines/${low.caseId}/override`, 'manager.das', { decision: 'include', reason, expectedVersion: low.version })).status).toBe(403);
    expect((await api.post(`/subsidy-runs/${mayRunId}/lines/${low.caseId}/override`, 'coord.dgaspc', { decision: 'include', reason, expectedVersion: low.version })).status).toBe(403);

    const inc = await api.post(`/subsidy-runs/${mayRunId}/lines/${low.caseId}/override`, 'coord.das', { decision: 'include', reason, expectedVersion: low.version });
    expect(inc.status, JSON.stringify(inc.body)).toBe(200);
    expect(inc.body.line.eligible).toBe(true);
    expect(inc.body.line.amountLei).toBe(400);
    expect(inc.body.line.override).toMatchObject({ decision: 'include', reason, byName: expect.stringContaining('coordonator DAS') });
    expect(inc.body.line.reasons.map((r: { code: string }) => r.code)).toContain('MANUAL_GRANT');
    const stale = await api.post(`/subsidy-runs/${mayRunId}/lines/${low.caseId}/override`, 'coord.das', { decision: 'clear', reason, expectedVersion: low.version });
    expect(stale.status).toBe(409);

    const exc = await api.post(`/subsidy-runs/${mayRunId}/lines/${eligible.caseId}/override`, 'coord.das', { decision: 'exclude', reason: 'Familia a cerut suspendarea plății pentru această lună.', expectedVersion: eligible.version });
    expect(exc.status).toBe(200);
    expect(exc.body.line.eligible).toBe(false);
    expect(exc.body.line.reasons.map((r: { code: string }) => r.code)).toContain('MANUAL_SUSPENSION');

    if (noConsent) {
      const r = await api.post(`/subsidy-runs/${mayRunId}/lines/${noConsent.caseId}/override`, 'coord.das', { decision: 'include', reason, expectedVersion: noConsent.version });
      expect(r.status).toBe(422);
      expect(['OVERRIDE_NOT_APPLICABLE', 'OVERRIDE_NOT_NEEDED']).toContain(r.body.error.code);
    }
    if (paid) {
      const r = await api.post(`/subsidy-runs/${mayRunId}/lines/${paid.caseId}/override`, 'coord.das', { decision: 'include', reason, expectedVersion: paid.version });
      expect(r.status).toBe(422);
      expect(r.body.error.message).toContain('Deja plătit');
    }
    const after = (await api.get(`/subsidy-runs/${mayRunId}`, 'coord.das')).body.run;
    expect(after.summary.totals.eligible).toBe(before.summary.totals.eligible); // one in, one out
    expect(after.summary.totals.overridesInclude).toBe(1);
    expect(after.summary.totals.overridesExclude).toBe(1);
    expect(after.version).toBe(before.version + 2);
    // the overrides are audited on the children's cases
    expect((await auditOf(urls, `CASE#${low.caseId}`)).some((e) => e.action === 'subsidy.line.include')).toBe(true);
    const overridden = await allLines(api, mayRunId, 'overridden');
    expect(overridden.map((l) => l.caseId).sort()).toEqual([low.caseId, eligible.caseId].sort());
  });

  it('approves the version the coordinator saw, locks the run and writes the exactly-once ledger', async () => {
    const run = (await api.get(`/subsidy-runs/${mayRunId}`, 'coord.das')).body.run;
    expect((await download(api, `/subsidy-runs/${mayRunId}/payment-file?format=csv`, 'financiar.das')).status).toBe(409);
    expect((await api.post(`/subsidy-runs/${mayRunId}/approve`, 'coord.das', { expectedVersion: run.version - 1 })).status).toBe(409);
    expect((await api.post(`/subsidy-runs/${mayRunId}/approve`, 'financiar.das', { expectedVersion: run.version })).status).toBe(403);
    // 20 coordinators' clicks at once on the same version: exactly one approval, the others told who and when
    const tries = await Promise.all(Array.from({ length: 20 }, () => api.post(`/subsidy-runs/${mayRunId}/approve`, 'coord.das', { expectedVersion: run.version })));
    expect(tries.filter((r) => r.status === 200)).toHaveLength(1);
    const lost = tries.filter((r) => r.status !== 200);
    expect(lost.map((r) => r.status)).toEqual(Array(19).fill(409));
    for (const r of lost) {
      expect(r.body.error.code).toBe('RUN_ALREADY_DECIDED');
      expect(r.body.error).toMatchObject({ decision: 'approved', decidedBy: expect.any(String), decidedAt: expect.any(String) });
      expect(r.body.error.message).toMatch(/^Rularea a fost deja aprobată de .+ la \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\.$/);
    }
    const done = await waitRun(api, mayRunId, ['completed']);
    expect(done.approval.decision).toBe('approved');
    const lines = await allLines(api, mayRunId);
    const locked = await api.post(`/subsidy-runs/${mayRunId}/lines/${lines[0].caseId}/override`, 'coord.das', { decision: 'exclude', reason: 'Încercare după aprobare (test).', expectedVersion: lines[0].version });
    expect(locked.status).toBe(409);
    const payable = lines.filter((l) => l.eligible);
    expect(done.payment.paidCount + done.payment.droppedCount).toBe(payable.length);
    expect(done.payment.droppedCount).toBe(0);
    // ledger: every eligible child of ours paid once by this run, no one else of ours by it
    for (const k of kids) {
      const l = lines.find((x) => x.caseId === k.caseId)!;
      const entries = (await ledgerOf(urls, k.caseId)).filter((e) => e.month === MAY);
      if (l.eligible) {
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatchObject({ runId: mayRunId, amount: 400, sk: MAY });
        expect(l.payment.status).toBe('paid');
      } else if (k.alreadyPaid) {
        expect(entries.map((e) => e.runId)).toEqual(['legacy-import']);
      } else {
        expect(entries).toEqual([]);
      }
    }
  });

  it('gives finance a payment file (CSV, XLSX, HTML) that matches the ledger, with valid IBANs and no child twice', async () => {
    const run = (await api.get(`/subsidy-runs/${mayRunId}`, 'financiar.das')).body.run;
    const csv = await download(api, `/subsidy-runs/${mayRunId}/payment-file?format=csv`, 'financiar.das');
    expect(csv.status).toBe(200);
    expect(csv.contentType).toContain('text/csv');
    expect(csv.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const rows = parseCsv(csv.bytes.toString('utf8')).filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['Referință plată', 'Beneficiar (reprezentant legal)', 'IBAN', 'Sumă (lei)', 'Luna', 'Nr. caz', 'Detalii']);
    const data = rows.slice(1);
    expect(data.length).toBe(run.payment.paidCount);
    expect(new Set(data.map((r) => r[5])).size).toBe(data.length);
    expect(new Set(data.map((r) => r[0])).size).toBe(data.length);
    for (const r of data) {
      expect(validateRoIban(r[2]!).ok).toBe(true);
      expect(r[0]).toMatch(/^VT-2025-05-\d+-\d{5}$/);
      expect(r[4]).toBe(MAY);
      expect(amount(r[3]!)).toBe(400);
    }
    const total = data.reduce((s, r) => s + amount(r[3]!), 0);
    expect(total).toBe(run.payment.paidAmountLei);
    const text = csv.bytes.toString('utf8');
    for (const k of kids) expect(text).not.toContain(k.childFirstName);
    const ours = data.filter((r) => kids.some((k) => k.caseNumber === r[5]));
    for (const r of ours) {
      const k = kids.find((x) => x.caseNumber === r[5])!;
      expect(r[1]).toBe(k.beneficiary);
      expect(r[2]).toBe(k.ibanValue);
    }

    const xlsx = await download(api, `/subsidy-runs/${mayRunId}/payment-file?format=xlsx`, 'coord.das');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Plăți')!;
    const xrows: { ref: string; iban: string; amount: number; caseNumber: string }[] = [];
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      const ref = String(row.getCell(1).value ?? '');
      if (ref.startsWith('VT-')) xrows.push({ ref, iban: String(row.getCell(3).value), amount: Number(row.getCell(4).value), caseNumber: String(row.getCell(6).value) });
    });
    expect(xrows.map((r) => r.ref)).toEqual(data.map((r) => r[0]));
    expect(xrows.reduce((s, r) => s + r.amount, 0)).toBe(total);
    expect(new Set(xrows.map((r) => r.caseNumber)).size).toBe(xrows.length);
    for (const r of xrows) expect(validateRoIban(r.iban).ok).toBe(true);

    const html = await download(api, `/subsidy-runs/${mayRunId}/payment-file?format=html`, 'manager.proiect');
    expect(html.status).toBe(200);
    const page = html.bytes.toString('utf8');
    expect(page).toContain('Subvenția lunară');
    expect(page).toContain('Aprobat (coordonator proiect)');
    for (const k of kids.slice(0, 30)) {
      expect(page).not.toContain(k.childFirstName);
      expect(page).not.toContain(k.beneficiary);
    }

    expect((await download(api, `/subsidy-runs/${mayRunId}/payment-file?format=csv`, 'manager.das')).status).toBe(403);
    expect((await download(api, `/subsidy-runs/${mayRunId}/payment-file?format=csv`, 'coord.dgaspc')).status).toBe(403);
    // every download is audited as an export
    const audits = await auditOf(urls, `EXPORT#payment-file:${mayRunId}:csv`);
    expect(audits.filter((a) => a.action === 'export.subsidy.payment_file').length).toBeGreaterThanOrEqual(1);
    expect((await auditOf(urls, `EXPORT#payment-file:${mayRunId}:xlsx`)).length).toBeGreaterThanOrEqual(1);
  });

  it('turns corrections of a closed month into adjustment lines of the following run', async () => {
    const mayLines = (await allLines(api, mayRunId)).filter((l) => byCase.has(l.caseId));
    const dayCentre = (k: SeededChild) => getService(k.serviceId)!.type === 'day_centre' && k.enrolment === 'full' && k.caseState === 'open' && k.consent === 'valid';
    const x = kids.find((k) => dayCentre(k) && k.participation === 'low' && expectedEligible(k, MAY, 'active') && !mayLines.find((l) => l.caseId === k.caseId).override)!;
    const y = kids.find((k) => dayCentre(k) && expectedEligible(k, MAY) && mayLines.find((l) => l.caseId === k.caseId).eligible && !mayLines.find((l) => l.caseId === k.caseId).override)!;
    expect(x && y).toBeTruthy();
    const cx = await seedCorrection(urls, x, MAY, 'active');
    const cy = await seedCorrection(urls, y, MAY, 'low');

    const start = await api.post('/subsidy-runs', 'coord.das', { month: JUNE });
    expect(start.status).toBe(202);
    const juneRunId = start.body.run.runId as string;
    const run = await waitRun(api, juneRunId, ['awaiting_approval']);
    expect(run.progress.corrections).toBeGreaterThanOrEqual(2);
    const adjustments = (await allLines(api, juneRunId, 'adjustments')).filter((l) => byCase.has(l.caseId));
    const ax = adjustments.find((l) => l.caseId === x.caseId);
    const ay = adjustments.find((l) => l.caseId === y.caseId);
    expect(ax).toMatchObject({ kind: 'arrears', month: MAY, amountLei: 400, eligible: true });
    expect(ax.reasons[0].message).toContain('Plată retroactivă pentru mai 2025');
    expect(ay).toMatchObject({ kind: 'recovery', month: MAY, amountLei: -400, eligible: true });
    expect(ay.reasons[0].message).toContain('Recuperare pentru mai 2025');
    expect(adjustments).toHaveLength(2);
    expect(run.summary.totals.arrearsCount).toBeGreaterThanOrEqual(1);
    expect(run.summary.totals.recoveryCount).toBeGreaterThanOrEqual(1);

    // June's own lines follow the independent expectation too
    const juneLines = (await allLines(api, juneRunId)).filter((l) => byCase.has(l.caseId) && l.kind === 'monthly');
    expect(juneLines).toHaveLength(266);
    for (const l of juneLines) expect(l.eligible, `${l.caseId} ${JSON.stringify(byCase.get(l.caseId))}`).toBe(expectedEligible(byCase.get(l.caseId)!, JUNE));

    const ok = await api.post(`/subsidy-runs/${juneRunId}/approve`, 'coord.das', { expectedVersion: run.version });
    expect(ok.status).toBe(200);
    await waitRun(api, juneRunId, ['completed']);
    const lx = await ledgerOf(urls, x.caseId);
    expect(lx.filter((e) => e.month === MAY)).toEqual([expect.objectContaining({ sk: MAY, amount: 400, kind: 'arrears', runId: juneRunId })]);
    const ly = await ledgerOf(urls, y.caseId);
    expect(ly.filter((e) => e.month === MAY).map((e) => [e.sk, e.amount, e.runId]).sort()).toEqual([[MAY, 400, mayRunId], [`${MAY}#RECOVERY`, -400, juneRunId]].sort());
    expect(await correctionStatus(urls, cx)).toBe('applied');
    expect(await correctionStatus(urls, cy)).toBe('applied');

    // the file nets a child's lines into one row: never the same child twice
    const csv = await download(api, `/subsidy-runs/${juneRunId}/payment-file?format=csv`, 'financiar.das');
    const rows = parseCsv(csv.bytes.toString('utf8')).filter((r) => r.length > 1).slice(1);
    expect(new Set(rows.map((r) => r[5])).size).toBe(rows.length);
    const rx = rows.find((r) => r[5] === x.caseNumber)!;
    expect(amount(rx[3]!)).toBe(expectedEligible(x, JUNE) ? 800 : 400);
    expect(rx[6]).toContain('Plată retroactivă mai 2025');
    const xlsx = await download(api, `/subsidy-runs/${juneRunId}/payment-file?format=xlsx`, 'financiar.das');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const rec: string[] = [];
    wb.getWorksheet('Recuperări')!.eachRow((row, n) => { if (n > 3 && String(row.getCell(1).value ?? '').startsWith('VT-')) rec.push(String(row.getCell(6).value)); });
    // y is either a recovery row, or compensated by June's payment (net 0): never paid as if nothing happened
    const yRow = rows.find((r) => r[5] === y.caseNumber);
    if (expectedEligible(y, JUNE)) expect(yRow).toBeUndefined();
    else expect(rec).toContain(y.caseNumber);
  });

  it('creates one run per month however often the schedule delivers, and a new attempt only after a rejection', async () => {
    const at = '2025-08-03T03:00:00.000Z'; // 06:00 in Bucharest, 3 August → the run for July
    const [f1, f2] = await Promise.all([
      api.control('POST', '/schedules/monthly-subsidy-run/fire', { at }),
      api.control('POST', '/schedules/monthly-subsidy-run/fire', { at }),
    ]);
    expect(f1.status).toBe(200);
    expect(f2.status).toBe(200);
    const run = await eventually(async () => {
      const items = (await api.get('/subsidy-runs?month=2025-07', 'coord.das')).body.items as { runId: string; status: string }[];
      return items.length === 1 && items[0]!.status === 'awaiting_approval' ? items[0] : undefined;
    }, 'July run awaiting approval', 60_000);
    // a third delivery: its execution ends without a run of its own (waited for, not guessed with a sleep)
    const third = await api.control('POST', '/schedules/monthly-subsidy-run/fire', { at });
    expect(third.status).toBe(200);
    const sfn = new SFNClient({ endpoint: urls.sfn, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const ended = await eventually(async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: third.body.result.executionArn }));
      return d.status !== 'RUNNING' ? d.status : undefined;
    }, 'the third delivery\'s execution to end', 60_000);
    expect(ended).toBe('SUCCEEDED');
    expect((await api.get('/subsidy-runs?month=2025-07', 'coord.das')).body.items).toHaveLength(1);
    expect((await api.post('/subsidy-runs', 'coord.das', { month: '2025-07' })).status).toBe(409);

    expect((await api.post(`/subsidy-runs/${run.runId}/reject`, 'coord.das', { reason: 'scurt' })).status).toBe(422);
    const rejects = await Promise.all(Array.from({ length: 20 }, () => api.post(`/subsidy-runs/${run.runId}/reject`, 'coord.das', { reason: 'Prezențele de la centrul Kuncz nu au fost încă introduse.' })));
    expect(rejects.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rejects.filter((r) => r.status === 409 && r.body.error.code === 'RUN_ALREADY_DECIDED' && r.body.error.decision === 'rejected')).toHaveLength(19);
    const rej = rejects.find((r) => r.status === 200)!;
    expect(rej.body.run.status).toBe('rejected');
    expect((await api.post(`/subsidy-runs/${run.runId}/approve`, 'coord.das', { expectedVersion: rej.body.run.version })).status).toBe(409);
    const second = await api.post('/subsidy-runs', 'coord.das', { month: '2025-07' });
    expect(second.status).toBe(202);
    expect(second.body.run.runId).toBe('2025-07-2');
    expect(second.body.run.attempt).toBe(2);
    await waitRun(api, '2025-07-2', ['awaiting_approval']);
    const first = (await api.get(`/subsidy-runs/${run.runId}`, 'coord.das')).body.run;
    expect(first.status).toBe('rejected');
    expect(first.approval.reason).toContain('Kuncz');
    const budget = (await api.get('/subsidies/budget', 'manager.proiect')).body;
    expect(budget.budget.spentLei).toBeGreaterThan(0);
    expect(budget.budget.budgetLei).toBe(1_725_600);
  });
});
