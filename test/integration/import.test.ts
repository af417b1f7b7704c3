/**
 * Importing the caseload kept in spreadsheets (issue 10), end to end on the local runtime.
 *
 * The scenario of the whole target group (266 children, deliberately bad rows) runs on a runtime of its own: cohort
 * quotas and monthly runs are global to a database, and other test files fill both in the shared one. The first
 * bulk load goes through the command line (scripts/import-caseload.ts, as documented); the coordinators' imports
 * go through the API. Results are checked through the API and, for "nothing written", on the table itself.
 */
import { localDate } from '../../shared/platform/calendar.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, eventually } from '../support/api.js';
import { completeTask, closureForm, isoDay, referralForm, reviewForm } from '../support/fixtures.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess } from '../support/runtime.js';
import {
  addMonths, buildWorkbook, bucharestToday, download, firstDataRow, importDb, parseCsv, queryAll, rawWorkbook, runCli, runLines, snapshot,
  syntheticCaseload, toBase64, toSheetRows, waitRunStatus, type SyntheticCase,
} from '../support/import.js';
import { endOfLocalDay } from '../../shared/cases/due.js';
import { readWorkbook } from '../../shared/imports/workbook.js';
import { importKeyOf } from '../../shared/imports/parse.js';
import type { SheetId } from '../../shared/imports/columns.js';

const shared = new Api(inject('urls'));

describe('import API on the shared runtime', () => {
  it('gives coordinators and the project manager the template, and nobody else', async () => {
    const r = await download(shared, '/imports/template', 'coord.das');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    expect(r.headers.get('content-disposition')).toContain('.xlsx');
    const wb = await readWorkbook(r.bytes);
    expect(wb.errors).toEqual([]);
    expect(wb.rows.children[0]!.cells.code).toBe('EXEMPLU-1');
    expect((await shared.call('GET', '/imports/template', { as: 'manager.proiect' })).status).toBe(200);
    expect((await shared.call('GET', '/imports/template', { as: 'manager.das' })).status).toBe(403);
    expect((await shared.call('GET', '/imports/template', { as: 'financiar.das' })).status).toBe(403);
  });

  it('lets only coordinators check or import, and answers bad uploads in Romanian without writing', async () => {
    const file = { fileName: 'a.xlsx', contentBase64: toBase64(await rawWorkbook({ Foaie: [['x']] })) };
    expect((await shared.post('/imports/dry-run', 'manager.das', file)).status).toBe(403);
    expect((await shared.post('/imports', 'centru.sfnicolae', file)).status).toBe(403);
    const notXlsx = await shared.post('/imports/dry-run', 'coord.das', { fileName: 'lista.xlsx', contentBase64: Buffer.from('nume;prenume').toString('base64') });
    expect(notXlsx.status).toBe(200);
    expect(notXlsx.body.fileErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_XLSX']);
    expect(notXlsx.body.summary.children.total).toBe(0);
    const wrongName = await shared.post('/imports/dry-run', 'coord.das', { fileName: 'lista.csv', contentBase64: 'AAAA' });
    expect(wrongName.status).toBe(422);
    expect(wrongName.body.error.fields[0].path).toBe('fileName');
    expect(wrongName.body.error.fields[0].message).toContain('.xlsx');
    const tooBig = await shared.post('/imports/dry-run', 'coord.das', { fileName: 'mare.xlsx', contentBase64: 'A'.repeat(5 * 1024 * 1024 + 4) });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error.fields[0].message).toMatch(/MB/);
    const missing = await shared.post('/imports', 'coord.das', { fileName: 'gol.xlsx', contentBase64: toBase64(await rawWorkbook({ Planuri: [['Cod copil']] })) });
    expect(missing.status).toBe(200);
    expect(missing.body.fileErrors[0].message).toContain('„Copii și cazuri”');
  });
});

// ── the whole target group ───────────────────────────────────────────────────────────────────────────────────────

interface BadRow { code: string; sheet: SheetId; reason: string; column?: string }

/** The workflows of a few hundred imported cases open their tasks one after another: wait longer than waitTask does. */
async function taskOf(api: Api, caseId: string, kind: string, viewer: string): Promise<{ taskId: string; dueAt: string }> {
  return eventually(async () => {
    const r = await api.get(`/cases/${caseId}/tasks`, viewer);
    return (r.body.items as { taskId: string; kind: string; status: string; dueAt: string }[] | undefined)?.find((t) => t.kind === kind && t.status === 'open');
  }, `open ${kind} task on ${caseId}`, 300_000);
}

describe('importing the caseload of the whole target group', () => {
  let rt: RuntimeProcess;
  let api: Api;
  let dir: string;
  const now = new Date();
  const today = bucharestToday(now);
  const runMonth = addMonths(today.slice(0, 7), -1);
  let cases: SyntheticCase[];
  let file: string;
  const bad: BadRow[] = [];
  let good: SyntheticCase[];
  let quotaRefused: SyntheticCase[];
  let existingCaseNumber: string;
  const imported = new Map<string, { caseId: string; caseNumber: string }>();

  beforeAll(async () => {
    rt = await startRuntimeProcess();
    api = new Api(rt.urls);
    dir = tempDataDir('import-files');
    cases = syntheticCaseload({ now, runMonth, prefix: 'IMP', managers: { DAS: 'manager.das', DGASPC: 'manager.dgaspc' } });
    // a child who already has a case in Vatra (opened from the referral form)
    const twin = cases[30]!;
    const form = referralForm({ firstName: String(twin.child.firstName), lastName: String(twin.child.lastName), birthDate: localDate(twin.child.birthDate as Date) });
    form.child.cnp = String(twin.child.cnp);
    form.child.sex = String(twin.child.sex);
    const opened = await api.post('/referrals', 'manager.das', form);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    existingCaseNumber = opened.body.case.caseNumber;

    // deliberately bad rows, each in a different child in services on the prevention track
    let next = 0;
    const pick = (from: number, ok: (c: SyntheticCase) => boolean = () => true) => {
      let i = Math.max(from, next);
      while (!(cases[i]!.stage === 'services' && cases[i]!.track === 'prevention' && i !== 30 && i !== 24 && ok(cases[i]!))) i++;
      next = i + 1;
      return cases[i]!;
    };
    const breakRow = (c: SyntheticCase, sheet: SheetId, reason: string, column: string | undefined, change: () => void) => {
      change();
      bad.push({ code: c.code, sheet, reason, ...(column ? { column } : {}) });
    };
    let c = pick(3);
    breakRow(c, 'children', 'INVALID', 'CNP', () => { c.child.cnp = String(c.child.cnp).slice(0, 12) + String((Number(String(c.child.cnp).at(-1)) + 1) % 10); });
    c = pick(8);
    breakRow(c, 'children', 'CELL_INVALID', 'Data nașterii', () => { c.child.birthDate = '2015-02-30'; });
    c = pick(12);
    breakRow(c, 'children', 'INVALID', 'IBAN reprezentant', () => { c.child.iban = 'RO49AAAA1B31007593840001'; });
    c = pick(17);
    breakRow(c, 'plans', 'CELL_INVALID', 'Servicii', () => { c.plan!.services = 'cz-inexistent'; });
    // the same child a second time under another code (the first one, cases[24], is imported)
    const first = cases[24]!;
    const second = cases[25]!;
    breakRow(second, 'children', 'DUPLICATE_IN_FILE', 'CNP', () => { second.child.firstName = first.child.firstName; second.child.birthDate = first.child.birthDate; second.child.cnp = null; });
    bad.push({ code: cases[30]!.code, sheet: 'children', reason: 'DUPLICATE_CHILD', column: 'CNP' });
    c = pick(41, (x) => x.payments.length > 2);
    breakRow(c, 'payments', 'OUTSIDE_PROJECT_PERIOD', 'Luna', () => { c.payments[0]!.month = '2025-02'; });
    c = pick(47, (x) => x.payments.length > 2);
    breakRow(c, 'payments', 'AMOUNT_MISMATCH', 'Suma (lei)', () => { c.payments[1]!.amount = 350; });
    c = pick(52, (x) => x.payments.length > 2);
    breakRow(c, 'payments', 'ALREADY_PAID_IN_FILE', 'Luna', () => { c.payments.push({ ...c.payments[0]!, reference: `${String(c.payments[0]!.reference)}-BIS` }); });
    c = pick(60);
    breakRow(c, 'participation', 'PARTICIPATION_INVALID', undefined, () => { c.participation[0]!.scheduledDays = 99; });
    c = pick(66);
    breakRow(c, 'children', 'CASE_MANAGER_UNKNOWN', 'Manager de caz', () => { c.child.caseManager = 'nimeni.inexistent'; });
    c = pick(71);
    breakRow(c, 'children', 'NOT_IN_TARGET_GROUP_RESIDENCE', 'Localitatea de domiciliu', () => { c.child.residenceCity = 'Arad'; });
    c = pick(77);
    breakRow(c, 'plans', 'REVIEW_TOO_LATE', 'Data următoarei revizuiri', () => { c.plan!.reviewDate = isoDay(200); });
    c = pick(83);
    breakRow(c, 'children', 'CONSENT_REQUIRED', 'Scopurile acordului', () => { c.child.consentPurposes = 'subvenție'; });
    c = pick(90);
    breakRow(c, 'enrolments', 'GROUP_UNKNOWN', 'Grupa', () => { c.enrolments[0]!.group = 'g9'; });
    const reint = cases.find((x) => x.track === 'reintegration' && x.stage === 'services')!;
    breakRow(reint, 'children', 'NOT_IN_TARGET_GROUP_NOT_IN_SPECIAL_PROTECTION', 'Măsură de protecție specială', () => { reint.child.inSpecialProtection = 'nu'; });

    // the 18-month cohort asked for by three children more than its quota (187): the last three are refused
    const badCodes = new Set(bad.map((b) => b.code));
    const valid = cases.filter((x) => !badCodes.has(x.code) && x.cohort !== null);
    const want18 = 187 + 3;
    let have18 = valid.filter((x) => x.cohort === '18m').length;
    for (const x of [...valid].reverse()) {
      if (have18 >= want18) break;
      if (x.cohort === '12m') { x.cohort = '18m'; x.plan!.cohort = '18 luni'; have18++; }
    }
    expect(have18).toBe(want18);
    quotaRefused = valid.filter((x) => x.cohort === '18m').slice(187);
    for (const x of quotaRefused) bad.push({ code: x.code, sheet: 'plans', reason: 'COHORT_QUOTA_FULL', column: 'Cohorta' });
    const refused = new Set(bad.map((b) => b.code));
    good = cases.filter((x) => !refused.has(x.code));

    const rows = toSheetRows(cases);
    rows.payments!.push({ code: 'NECUNOSCUT-1', month: '2025-06', amount: 400, reference: 'OP-ORFAN-1' });
    file = join(dir, 'evidenta-proiect-328741.xlsx');
    writeFileSync(file, await buildWorkbook(rows));
  });

  afterAll(async () => {
    await rt?.stop();
  });

  it('the dry run names each bad row and its reason, and writes nothing', async () => {
    const before = await api.get('/cases?scope=institution', 'coord.das');
    const out = join(dir, 'verificare.csv');
    const r = await runCli(rt, ['check', file, '--by', 'operator.test', '--report', out]);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout).toContain('VERIFICARE (nu s-a scris nimic)');
    expect(r.stdout).toContain(`acceptați ${good.length}`);
    const csv = parseCsv(readFileSync(out, 'utf8'));
    expect(csv[0]).toEqual(['Foaia', 'Rândul', 'Cod copil', 'Rezultat', 'Nr. caz', 'Motive', 'Avertismente']);
    const rows = csv.slice(1).filter((x) => x.length > 1);
    // every bad row is named by sheet and row, with its reason (and column) in Romanian
    const sheetNames: Record<SheetId, string> = { children: 'Copii și cazuri', plans: 'Planuri', enrolments: 'Înscrieri', participation: 'Participare lunară', payments: 'Subvenții plătite' };
    for (const b of bad) {
      const own = rows.filter((x) => x[2] === b.code && x[0] === sheetNames[b.sheet] && x[5]!.includes(`[${b.reason}]`));
      expect(own.length, `${b.code} ${b.sheet} ${b.reason}: ${JSON.stringify(rows.filter((x) => x[2] === b.code))}`).toBeGreaterThan(0);
      expect(own[0]![3]).toBe('respins');
      if (b.column) expect(own[0]![5]).toContain(`${b.column}: `);
    }
    const existing = rows.find((x) => x[2] === cases[30]!.code && x[0] === 'Copii și cazuri')!;
    expect(existing[5]).toContain(existingCaseNumber);
    const orphan = rows.find((x) => x[2] === 'NECUNOSCUT-1')!;
    expect(orphan[5]).toContain('[UNKNOWN_CHILD_CODE]');
    // the rows of a refused child that were fine point at the row that sank it
    const sunk = bad.find((b) => b.reason === 'AMOUNT_MISMATCH')!;
    const sibling = rows.find((x) => x[2] === sunk.code && x[0] === 'Copii și cazuri')!;
    expect(sibling[3]).toBe('respins');
    expect(sibling[5]).toContain('[CASE_REJECTED]');
    expect(sibling[5]).toMatch(/din cauza erorilor de la: Subvenții plătite, rândul \d+/);
    // every row of a good child is accepted; the template's example rows are ignored
    const goodCodes = new Set(good.map((x) => x.code));
    expect(rows.filter((x) => goodCodes.has(x[2]!)).every((x) => x[3] === 'acceptat')).toBe(true);
    expect(rows.filter((x) => x[3] === 'ignorat')).toHaveLength(5);
    // nothing was written
    const after = await api.get('/cases?scope=institution', 'coord.das');
    expect(after.body.items.length).toBe(before.body.items.length);
    const keys = cases.slice(0, 20).map((x) => importKeyOf(x.track === 'prevention' ? 'DAS' : 'DGASPC', x.code));
    expect(await snapshot(importDb(rt.urls), [], keys)).not.toContain('import-key');
  }, 600_000);

  it('the import writes exactly the good cases, each at its stage and with the origin of every record', async () => {
    const out = join(dir, 'import.csv');
    const r = await runCli(rt, ['import', file, '--by', 'operator.test', '--report', out]);
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout).toContain(`importați ${good.length}`);
    const rows = parseCsv(readFileSync(out, 'utf8')).slice(1).filter((x) => x.length > 1);
    for (const row of rows.filter((x) => x[3] === 'importat' && x[0] === 'Copii și cazuri')) imported.set(row[2]!, { caseId: '', caseNumber: row[4]! });
    expect([...imported.keys()].sort()).toEqual(good.map((x) => x.code).sort());

    const listed = [
      ...(await api.get('/cases?scope=institution', 'coord.das')).body.items,
      ...(await api.get('/cases?scope=institution', 'coord.dgaspc')).body.items,
    ] as { caseId: string; caseNumber: string; stage: string; status: string }[];
    const byNumber = new Map(listed.map((x) => [x.caseNumber, x]));
    for (const [code, v] of imported) {
      const c = byNumber.get(v.caseNumber);
      expect(c, code).toBeDefined();
      v.caseId = c!.caseId;
    }
    expect(listed.length).toBe(good.length + 1); // + the case opened from the referral form
    // stages as recorded
    const stageOf = (x: SyntheticCase) => (x.stage === 'closed' ? 'closed' : x.stage);
    for (const x of good) expect(byNumber.get(imported.get(x.code)!.caseNumber)!.stage, x.code).toBe(stageOf(x));

    // one case in detail: origin on the case, in its history and on every item written
    const sample = good.find((x) => x.stage === 'services' && x.payments.length > 3 && x.plan && !x.plan.observatorNumber)!;
    const { caseId } = imported.get(sample.code)!;
    const full = (await api.get(`/cases/${caseId}`, 'manager.das')).body.case;
    expect(full.origin).toMatchObject({ kind: 'import', file: 'evidenta-proiect-328741.xlsx', sheet: 'Copii și cazuri', by: 'operator:operator.test' });
    expect(full.origin.row).toBe(firstDataRow(true) + cases.indexOf(sample));
    expect(full.plan).toMatchObject({ status: 'approved', cohort: sample.cohort, reviewDate: sample.plan!.reviewDate });
    expect(full.services).toEqual([sample.serviceId]);
    const history = (await api.get(`/cases/${caseId}/history`, 'manager.das')).body.items as { action: string; detail?: any; version: number }[];
    expect(history.slice(0, 5).map((h) => h.action)).toEqual(['case.import', 'plan.import', 'enrolment.import', 'participation.import', 'subsidy.import']);
    expect(history.map((h) => h.version)).toEqual(history.map((_, i) => i + 1));
    const paidEntry = history.find((h) => h.action === 'subsidy.import')!;
    expect(paidEntry.detail.items.map((i: any) => i.month)).toEqual(sample.facts.importedMonths);
    expect(paidEntry.detail.items.every((i: any) => i.origin.sheet === 'Subvenții plătite' && i.origin.row > 2)).toBe(true);
    const doc = importDb(rt.urls);
    const partition = await queryAll(doc, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PAID#${caseId}` } });
    const ledger = partition.filter((l) => l.entity === 'paid');
    expect(ledger.map((l) => l.month).sort()).toEqual(sample.facts.importedMonths);
    // the child's paid-month counter counts the imported months, as the monthly run keeps it
    expect(partition.find((l) => l.entity === 'paid-count')?.months).toBe(sample.facts.importedMonths.length);
    expect(ledger.every((l) => String(l.runId).startsWith('import-') && l.amount === 400 && (l.origin as any).sheet === 'Subvenții plătite')).toBe(true);
    // every imported paid month is listed for the budget (months paid before Vatra count with what the runs pay)
    const listedPaid = await queryAll(doc, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': 'PAID#IMPORT' } });
    const months = good.reduce((n, x) => n + x.facts.importedMonths.length, 0);
    expect(listedPaid).toHaveLength(months);
    expect(listedPaid.reduce((n, l) => n + Number(l.amount), 0)).toBe(months * 400);
    expect(r.stdout).toContain(`Luni de subvenție plătite preluate: ${months} (${months * 400} lei)`);
    // its tasks: the review the workflow opened, due on the plan's review date; the Observatorul registration
    const review = await taskOf(api, caseId, 'review', 'manager.das');
    expect(review.dueAt).toBe(endOfLocalDay(sample.plan!.reviewDate as string));
    await taskOf(api, caseId, 'observator_registration', 'manager.das');
  }, 600_000);

  it('a second import of the same file writes nothing', async () => {
    const ids = [...imported.values()].map((v) => v.caseId);
    const open = good.filter((x) => x.stage !== 'closed').map((x) => imported.get(x.code)!.caseId);
    // let every started workflow open its task first (those are the workflow's writes, not the import's)
    const doc = importDb(rt.urls);
    await eventually(async () => {
      for (const id of open) {
        const items = await queryAll(doc, { KeyConditionExpression: 'pk = :p AND sk = :s', ExpressionAttributeValues: { ':p': `CASE#${id}`, ':s': 'CASE' } });
        if (!items[0]?.pendingTaskId) return false;
      }
      return true;
    }, 'every imported workflow waiting on its first task', 400_000);
    const keys = cases.map((x) => importKeyOf(x.track === 'prevention' ? 'DAS' : 'DGASPC', x.code));
    const before = await snapshot(doc, ids, keys);
    const r = await runCli(rt, ['import', file, '--by', 'operator.test']);
    expect(r.stdout).toContain('importați 0');
    expect(r.stdout).toContain(`importați anterior ${good.length}`);
    expect(await snapshot(doc, ids, keys)).toBe(before);
    // and through the API, as the coordinator who owns the cases
    const again = await api.post('/imports', 'coord.das', { fileName: 'evidenta-proiect-328741.xlsx', contentBase64: toBase64(readFileSync(file)) });
    expect(again.status).toBe(200);
    expect(again.body.summary.children.imported).toBe(0);
    expect(again.body.summary.children.alreadyImported).toBe(good.filter((x) => x.track === 'prevention').length);
    expect(again.body.rows.filter((x: any) => x.childCode === cases.find((c) => c.track === 'reintegration')!.code)[0].reasons[0].code).toBe('INSTITUTION_NOT_ALLOWED');
    expect(await snapshot(doc, ids, keys)).toBe(before);
  }, 600_000);

  it('the next monthly run pays exactly the children it should and no imported month twice', async () => {
    const start = await api.post('/subsidy-runs', 'coord.das', { month: runMonth });
    expect([200, 202], JSON.stringify(start.body)).toContain(start.status);
    const runId = start.body.run.runId as string;
    const awaiting = await waitRunStatus(api, runId, ['awaiting_approval']);
    const lines = (await runLines(api, runId)).filter((l) => l.kind === 'monthly');
    const mine = new Map([...imported.values()].map((v) => [v.caseId, v]));
    const byCase = new Map(lines.filter((l) => mine.has(l.caseId)).map((l) => [l.caseId, l]));
    const inServices = good.filter((x) => x.stage === 'services' || x.stage === 'monitoring');
    const expected = inServices.filter((x) => x.facts.participationActive && x.facts.subsidyConsent && x.facts.iban && !x.facts.runMonthPaid);
    // every child in services is in the run (none forgotten); no evaluation or closed case is paid
    for (const x of inServices) expect(byCase.has(imported.get(x.code)!.caseId), x.code).toBe(true);
    const eligible = [...byCase.values()].filter((l) => l.eligible).map((l) => l.caseId).sort();
    expect(eligible).toEqual(expected.map((x) => imported.get(x.code)!.caseId).sort());
    for (const x of inServices.filter((y) => y.facts.runMonthPaid)) {
      const l = byCase.get(imported.get(x.code)!.caseId)!;
      expect(l.eligible).toBe(false);
      expect(l.reasons.map((r: { code: string }) => r.code)).toContain('ALREADY_PAID');
    }
    const approved = await api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: awaiting.version });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await waitRunStatus(api, runId, ['completed']);
    // the ledger: every child-month at most once; imported months kept with the import's reference
    const doc = importDb(rt.urls);
    for (const x of inServices) {
      const { caseId } = imported.get(x.code)!;
      const ledger = await queryAll(doc, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PAID#${caseId}` } });
      const months = ledger.map((l) => String(l.month));
      expect(new Set(months).size).toBe(months.length);
      const run = ledger.find((l) => l.month === runMonth);
      if (x.facts.runMonthPaid) expect(String(run?.runId)).toMatch(/^import-/);
      else if (expected.includes(x)) expect(run?.runId).toBe(runId);
      else expect(run).toBeUndefined();
      for (const m of x.facts.importedMonths) expect(String(ledger.find((l) => l.month === m)?.runId)).toMatch(/^import-/);
    }
  }, 600_000);

  it('an imported case in services resumes at its review and reaches closure', async () => {
    const x = good.find((c) => c.stage === 'services' && c.track === 'prevention')!;
    const { caseId } = imported.get(x.code)!;
    await completeTask(api, caseId, 'review', 'manager.das', reviewForm('close'));
    await completeTask(api, caseId, 'closure', 'manager.das', closureForm());
    const closed = await eventually(async () => {
      const r = await api.get(`/cases/${caseId}`, 'manager.das');
      return r.body.case?.status === 'closed' ? r.body.case : undefined;
    }, 'imported case closed');
    expect(closed.stage).toBe('closed');
    const actions = ((await api.get(`/cases/${caseId}/history`, 'manager.das')).body.items as { action: string }[]).map((h) => h.action);
    expect(actions[0]).toBe('case.import');
    expect(actions).toContain('task.submit.review');
    expect(actions.at(-1)).toBe('case.close');
    // a monitored reintegration case resumes at its monitoring review
    const m = good.find((c) => c.stage === 'monitoring')!;
    await taskOf(api, imported.get(m.code)!.caseId, 'monitoring_review', 'manager.dgaspc');
    // a case imported in evaluation waits on its evaluation
    const e = good.find((c) => c.stage === 'evaluation')!;
    await taskOf(api, imported.get(e.code)!.caseId, 'evaluation', 'manager.das');
  });

  it('a coordinator checks and imports a file through the API: only its own cases, once', async () => {
    const extra = syntheticCaseload({ now, runMonth, prefix: 'API', managers: { DAS: 'manager.das', DGASPC: 'manager.dgaspc' }, count: 8 })
      .map((c, i) => ({ ...c, child: { ...c.child, firstName: `Api ${'abcdefgh'[i]}`, birthDate: new Date(Date.UTC(2016, i, 3)), cnp: null } }));
    // the 18-month cohort is full now: these children are in the 12-month one
    for (const c of extra) if (c.plan) { c.plan.cohort = '12 luni'; c.cohort = '12m'; }
    const rows = toSheetRows(extra);
    rows.children![2] = { ...rows.children![2]!, birthDate: 'mâine' };
    const upload = { fileName: 'completare.xlsx', contentBase64: toBase64(await buildWorkbook(rows)) };
    const check = await api.post('/imports/dry-run', 'coord.das', upload);
    expect(check.status).toBe(200);
    const das = extra.filter((c) => c.track === 'prevention');
    expect(check.body.dryRun).toBe(true);
    expect(check.body.summary.children.accepted).toBe(das.length - 1);
    const badRow = check.body.rows.find((r: any) => r.childCode === extra[2]!.code && r.sheet === 'children');
    expect(badRow.reasons[0]).toMatchObject({ code: 'CELL_INVALID', column: 'Data nașterii' });
    const done = await api.post('/imports', 'coord.das', upload);
    expect(done.status).toBe(201);
    expect(done.body.complete).toBe(true);
    expect(done.body.summary.children.imported).toBe(das.length - 1);
    const twice = await api.post('/imports', 'coord.das', upload);
    expect(twice.status).toBe(200);
    expect(twice.body.summary.children.imported).toBe(0);
    expect(twice.body.summary.children.alreadyImported).toBe(das.length - 1);
    const caseNumbers = done.body.cases.filter((c: any) => c.status === 'imported').map((c: any) => c.caseNumber);
    expect(twice.body.cases.filter((c: any) => c.status === 'already_imported').map((c: any) => c.caseNumber)).toEqual(caseNumbers);
  });
});
