/**
 * Issue #17, named scenario: „centre closed all of August → the month is not held against anyone”, on the live local
 * runtime (a runtime of its own: the month close is global, so no other file's children may sit in its registers).
 * Children of CZ Kuncz and CZ Sf. Nicolae are seeded as the subsidy tests seed them (cases, enrolments from March 2025,
 * Sf. Nicolae's August summaries fully marked — 15 August, a public holiday, is never marked). Through the API: the
 * month-close page lists Kuncz's registers as incomplete and a plain close is refused, writing nothing; the Kuncz
 * coordinator closes the centre for the whole of August; the list empties (closed days are never unmarked days) and
 * the month closes without accepting anything; the monthly run holds nobody back for August. What the configuration
 * says about a month with 0 expected days (`subsidyConfig.closedMonth`, default `not_counted`): never held against the
 * child, neither paid nor counted toward the cohort minimum — the run's reason says so, and the ledger has no line.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess } from '../support/runtime.js';
import { allLines, ledgerOf, seedChildren, waitRun, type ChildSpec, type SeededChild } from '../support/subsidy.js';
import { localDb } from '../support/services.js';
import { readMonthSummaries } from '../../shared/services/index.js';
import { openDaysInMonth } from '../../shared/platform/calendar.js';
import { getService } from '../../shared/services/catalogue.js';
import { subsidyConfig } from '../../shared/subsidies/config.js';

const AUGUST = '2025-08';
const kuncz = getService('cz-kuncz')!;
const days = openDaysInMonth(AUGUST, { daysOpen: kuncz.schedule.daysOpen });
const spec = (serviceId: ChildSpec['serviceId']): ChildSpec => ({
  serviceId, cohort: '18m', consent: 'valid', caseState: 'open', enrolment: 'full', participation: 'active', iban: 'valid', alreadyPaid: false,
});
type Line = { caseId: string; kind: string; eligible: boolean; amountLei: number; reasons: { code: string; message: string }[] };
type Row = { serviceId: string; groupId: string; children: number; unrecordedDays: number; caseNumbers: string[] };

describe('a centre closed all of August: the month is not held against anyone', () => {
  let rt: RuntimeProcess;
  let api: Api;
  let closedCentre: SeededChild[] = [];
  let openCentre: SeededChild[] = [];
  let runId = '';

  beforeAll(async () => {
    rt = await startRuntimeProcess({ dataDir: tempDataDir('month-completion') });
    api = new Api(rt.urls);
    // Kuncz: nobody marked anything in August (the centre was closed); Sf. Nicolae: every open day marked
    closedCentre = await seedChildren(rt.urls, [spec('cz-kuncz'), spec('cz-kuncz'), spec('cz-kuncz')], [], { tag: 'K' });
    openCentre = await seedChildren(rt.urls, [spec('cz-sf-nicolae'), spec('cz-sf-nicolae')], [AUGUST], { tag: 'N' });
  });

  afterAll(async () => {
    await rt?.stop();
  });

  it('before the closure: Kuncz\'s registers are incomplete (the holiday is not counted) and a plain close is refused, writing nothing', async () => {
    // 21 weekdays in August 2025, 15 August (Adormirea Maicii Domnului, a Friday) is a public holiday
    expect(days).toHaveLength(20);
    expect(days).not.toContain('2025-08-15');
    const page = await api.get(`/months/${AUGUST}`, 'coord.das');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.close).toBeNull();
    const rows = page.body.incomplete as Row[];
    // only Kuncz: Sf. Nicolae's 20 marks cover its open days, 15 August included in neither
    expect(rows.map((r) => r.serviceId)).toEqual(['cz-kuncz']);
    expect(rows[0]).toMatchObject({ groupId: kuncz.groups[0]!.id, children: 3, unrecordedDays: 3 * days.length });
    expect(rows[0]!.caseNumbers).toEqual(closedCentre.map((c) => c.caseNumber).sort());

    const summariesBefore = (await readMonthSummaries(localDb(rt.urls), AUGUST, undefined, 1000)).items;
    const refused = await api.post(`/months/${AUGUST}/close`, 'coord.das', { reason: 'Închiderea lunii august (test).' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REGISTERS_INCOMPLETE');
    expect(refused.body.error.message).toBe(
      `Luna 08.2025 nu se poate închide: registre incomplete (3 copii, 60 de zile programate nemarcate) — CZ Kuncz, ${kuncz.groups[0]!.name}: 3 copii, 60 de zile programate nemarcate. `
      + 'Marcați zilele (prezent, absent sau absență motivată) în foile de prezență, apoi închideți luna.',
    );
    expect((await api.get(`/months/${AUGUST}`, 'coord.das')).body.close).toBeNull();
    expect((await readMonthSummaries(localDb(rt.urls), AUGUST, undefined, 1000)).items).toEqual(summariesBefore);
  });

  it('the coordinator closes Kuncz for the whole of August: no register is incomplete and the month closes plainly', async () => {
    const closure = await api.post('/services/cz-kuncz/closures', 'coord.das', { from: '2025-08-01', to: '2025-08-31', reason: 'Vacanța de vară a centrului (test)', clientRequestId: randomUUID() });
    expect(closure.status, JSON.stringify(closure.body)).toBe(201);
    const list = await api.get(`/services/cz-kuncz/closures?month=${AUGUST}`, 'coord.das');
    expect(list.body.openDays).toEqual([]);

    const page = await api.get(`/months/${AUGUST}`, 'coord.das');
    expect(page.body.incomplete).toEqual([]);
    const close = await api.post(`/months/${AUGUST}/close`, 'coord.das', { reason: 'Închiderea lunii august (test).' });
    expect(close.status, JSON.stringify(close.body)).toBe(201);
    expect(close.body.close).toMatchObject({ month: AUGUST });
    // the close wrote every Kuncz child's enrolled days: none, the centre was closed
    const summaries = (await readMonthSummaries(localDb(rt.urls), AUGUST, undefined, 1000)).items;
    for (const c of closedCentre) expect(summaries.find((s) => s.caseId === c.caseId)).toMatchObject({ serviceId: 'cz-kuncz', enrolledDays: 0, scheduledDays: 0 });
  });

  it('the monthly run holds nobody back: Kuncz\'s children are neither refused for participation nor paid (configured: not counted); Sf. Nicolae\'s are paid', async () => {
    expect(subsidyConfig.closedMonth.treatment).toBe('not_counted');
    const start = await api.post('/subsidy-runs', 'coord.das', { month: AUGUST });
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    runId = start.body.run.runId;
    const run = await waitRun(api, runId, ['awaiting_approval'], 'coord.das', 300_000);
    expect(run.incompleteRegisters).toEqual([]);
    const lines = (await allLines(api, runId)) as Line[];
    const byCase = new Map(lines.filter((l) => l.kind === 'monthly').map((l) => [l.caseId, l]));
    for (const c of closedCentre) {
      const l = byCase.get(c.caseId)!;
      expect(l, c.caseNumber).toBeDefined();
      // not held against the child: no incomplete register, no low attendance — only the closure
      expect(l.reasons.map((r) => r.code)).toEqual(['SERVICE_CLOSED_ALL_MONTH']);
      expect(l.reasons[0]!.message).toBe('Serviciul nu a avut nicio zi de program în luna respectivă (închis); luna nu se socotește împotriva copilului (CZ Kuncz); luna nu se plătește și nu se socotește în minimul cohortei');
      expect(l).toMatchObject({ eligible: false, amountLei: 0 });
    }
    for (const c of openCentre) expect(byCase.get(c.caseId), c.caseNumber).toMatchObject({ eligible: true, amountLei: 400 });
    expect(run.summary.totals).toMatchObject({ eligible: 2, ineligible: 3 });
    expect(run.summary.byReason).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'SERVICE_CLOSED_ALL_MONTH', count: 3 })]));
  });

  it('bad input to the month close or to an override gets a Romanian message and a stable code, and writes nothing', async () => {
    // month close: a malformed month, a short reason, a confirmation that is not yes/no, and a month already closed
    const monthNow = (await api.get(`/months/${AUGUST}`, 'coord.das')).body.close;
    const malformed = await api.post('/months/2025-13/close', 'coord.das', { reason: 'Închiderea lunii (test).' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Datele trimise nu sunt valide. Verificați câmpurile marcate.' });
    expect(malformed.body.error.fields).toContainEqual(expect.objectContaining({ message: 'Luna trebuie să aibă forma AAAA-LL' }));
    const short = await api.post('/months/2025-09/close', 'coord.das', { reason: 'scurt' });
    expect(short.status).toBe(422);
    expect(short.body.error.fields).toEqual([expect.objectContaining({ path: 'reason', message: 'Motivați închiderea lunii (cel puțin 10 caractere)' })]);
    const notBool = await api.post('/months/2025-09/close', 'coord.das', { reason: 'Închiderea lunii (test).', acceptIncomplete: 'da' });
    expect(notBool.status).toBe(422);
    expect(notBool.body.error.fields).toEqual([expect.objectContaining({ path: 'acceptIncomplete', message: 'Confirmarea registrelor incomplete este da sau nu' })]);
    expect((await api.get('/months/2025-09', 'coord.das')).body.close).toBeNull();
    const twice = await api.post(`/months/${AUGUST}/close`, 'coord.das', { reason: 'A doua închidere (test).' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('MONTH_ALREADY_CLOSED');
    expect((await api.get(`/months/${AUGUST}`, 'coord.das')).body.close).toEqual(monthNow);

    // overrides: a short reason, an unknown decision, a missing version, and an include past the closed month
    const runBefore = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
    const linesBefore = (await allLines(api, runId)) as Line[];
    const k = linesBefore.find((l) => l.caseId === closedCentre[0]!.caseId)! as Line & { version: number };
    const url = `/subsidy-runs/${runId}/lines/${k.caseId}/override`;
    const reason = 'Familia a participat la activitățile de vară ale DAS (test).';
    const bad = [
      [{ decision: 'include', reason: 'scurt', expectedVersion: k.version }, 'reason', 'Motivați decizia (cel puțin 10 caractere)'],
      [{ decision: 'aproba', reason, expectedVersion: k.version }, 'decision', 'Alegeți includere, excludere sau anulare'],
    ] as const;
    for (const [body, path, message] of bad) {
      const r = await api.post(url, 'coord.das', body);
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.fields).toContainEqual(expect.objectContaining({ path, message }));
    }
    const noVersion = await api.post(url, 'coord.das', { decision: 'include', reason });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['expectedVersion']);
    // a month with no open day is not a participation failure a coordinator could set aside
    const include = await api.post(url, 'coord.das', { decision: 'include', reason, expectedVersion: k.version });
    expect(include.status, JSON.stringify(include.body)).toBe(422);
    expect(include.body.error.code).toBe('OVERRIDE_NOT_APPLICABLE');
    expect(include.body.error.message).toMatch(/^Copilul nu poate fi inclus: Serviciul nu a avut nicio zi de program în luna respectivă \(închis\).*Includerea manuală poate trece peste participare, nu peste aceste condiții\.$/);
    // nothing written: the run and every line as before
    expect((await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run.version).toBe(runBefore.version);
    expect(await allLines(api, runId)).toEqual(linesBefore);
  });

  it('after approval the ledger pays Sf. Nicolae\'s children and has no August month for Kuncz\'s (not counted toward the cohort)', async () => {
    const run = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
    const ok = await api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: run.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await waitRun(api, runId, ['completed'], 'coord.das', 300_000);
    for (const c of closedCentre) expect((await ledgerOf(rt.urls, c.caseId)).filter((e) => e.month === AUGUST)).toEqual([]);
    for (const c of openCentre) expect((await ledgerOf(rt.urls, c.caseId)).filter((e) => e.month === AUGUST)).toEqual([expect.objectContaining({ amount: 400, kind: 'monthly', runId })]);
  });

  it('a month nobody marked (September, the centres open again): the run closes it, lists the incomplete registers per centre and group, and evaluates none of those children', async () => {
    const SEPTEMBER = '2025-09';
    const open = (serviceId: string) => openDaysInMonth(SEPTEMBER, { daysOpen: getService(serviceId)!.schedule.daysOpen }).length;
    const start = await api.post('/subsidy-runs', 'coord.das', { month: SEPTEMBER });
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    const run = await waitRun(api, start.body.run.runId, ['awaiting_approval'], 'coord.das', 300_000);
    const nicolae = getService('cz-sf-nicolae')!;
    expect(run.incompleteRegisters).toEqual([
      { serviceId: 'cz-kuncz', serviceName: kuncz.shortName, groupId: kuncz.groups[0]!.id, groupName: kuncz.groups[0]!.name, children: 3, unrecordedDays: 3 * open('cz-kuncz'), caseNumbers: closedCentre.map((c) => c.caseNumber).sort() },
      { serviceId: 'cz-sf-nicolae', serviceName: nicolae.shortName, groupId: nicolae.groups[0]!.id, groupName: nicolae.groups[0]!.name, children: 2, unrecordedDays: 2 * open('cz-sf-nicolae'), caseNumbers: openCentre.map((c) => c.caseNumber).sort() },
    ]);
    // the freeze step closed the month; the month-close page shows the same list
    const page = await api.get(`/months/${SEPTEMBER}`, 'coord.das');
    expect(page.body.close).toMatchObject({ month: SEPTEMBER });
    expect(page.body.incomplete).toEqual(run.incompleteRegisters);
    const lines = (await allLines(api, run.runId)) as Line[];
    for (const c of [...closedCentre, ...openCentre]) {
      const l = lines.find((x) => x.caseId === c.caseId && x.kind === 'monthly')!;
      expect(l.reasons.map((r) => r.code), c.caseNumber).toEqual(['REGISTER_INCOMPLETE']);
      expect(l.reasons[0]!.message).toMatch(/^Registru incomplet: \d+ de zile programate nemarcate din \d+ de zile; luna nu se evaluează/);
      expect(l).toMatchObject({ eligible: false, amountLei: 0 });
    }
  });
});
