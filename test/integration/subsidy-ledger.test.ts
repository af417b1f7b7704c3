/**
 * One write per payment (issue #21): MarkPaid on DynamoDB Local, called directly on the shared runtime's table with a
 * run and lines of this file's own (a run id and case ids no other file uses; the run item carries no list index, so
 * no listing of runs sees it).
 *
 * A payment is its ledger entry and the child's counter, in one transaction per 25 lines; the line item is not
 * written. What a line's payment is comes from the ledger when the lines are read (the lines page, the payment file,
 * the completion step): paid when THIS run wrote its entry. A month another run paid is dropped and written on the
 * line (the ledger cannot say it for this run). A retried page pays nobody twice and moves no counter again.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, inject } from 'vitest';
import { AuditLog } from '../../shared/protection/index.js';
import { paidLinesAgree, paymentFile } from '../../shared/subsidies/api/payment-download.js';
import { paymentFileReady } from '../../shared/subsidies/api/views.js';
import { paymentOf } from '../../shared/subsidies/aggregate.js';
import { budgetView } from '../../shared/subsidies/budget.js';
import type { SubsidyDeps } from '../../shared/subsidies/deps.js';
import type { Principal } from '../../shared/platform/auth/principal.js';
import { LEDGER_COUNT_SK, lineSk, newRun, type RunLine } from '../../shared/subsidies/model.js';
import type { ParticipationSource } from '../../shared/subsidies/sources.js';
import { runSettings } from '../../shared/subsidies/settings.js';
import { markPaid, recordFailure, type PayState } from '../../shared/subsidies/steps.js';
import { runKey, SubsidyStore } from '../../shared/subsidies/store.js';
import { testClock } from '../support/fixtures.js';
import { localDb } from '../support/services.js';

const db = localDb(inject('urls'));
const store = new SubsidyStore(db);
const MONTH = '2031-01';
const EARLIER = '2030-11';

const notUsed = new Proxy({}, { get: () => () => { throw new Error('MarkPaid reads no register'); } }) as ParticipationSource;
const mails: { to: string; subject: string; text: string }[] = [];
const deps: SubsidyDeps = {
  db, store, source: notUsed, audit: new AuditLog(db),
  mailer: { send: async (to, subject, _html, text) => { mails.push({ to, subject, text }); } },
  sfn: { send: () => { throw new Error('MarkPaid starts no workflow'); } } as unknown as SubsidyDeps['sfn'],
  stateMachineArn: () => '', now: () => testClock().now(), webBaseUrl: 'http://localhost',
};

function line(runId: string, caseId: string, over: Partial<RunLine> = {}): RunLine {
  return {
    runId, runMonth: MONTH, month: MONTH, kind: 'monthly', caseId, caseNumber: `T-${caseId.slice(-6)}`, institution: 'das', cohort: null,
    eligible: true, amountLei: 400, reasons: [], beneficiary: 'Reprezentant Test', iban: 'RO49AAAA1B31007593840000', ibanValid: true,
    payment: { status: 'pending' }, version: 0, ...over,
  };
}

async function approvedRun() {
  const tag = randomUUID().slice(0, 8);
  const run = { ...newRun({ month: MONTH, attempt: 1, trigger: 'api', requestedBy: { userId: 'test', name: 'Test' }, executionName: `ledger-${tag}`, now: testClock().now() }), runId: `ledger-${tag}`, status: 'approved' as const, stage: 'marking_paid' as const, approval: { decision: 'approved' as const, by: 'test', byName: 'Test', at: testClock().now().toISOString() } };
  await db.doc.send(new PutCommand({ TableName: db.mainTable, Item: { ...runKey(run.runId), entity: 'subsidy-run', ...run } }));
  // 30 payable monthly lines, an arrears line of an earlier month, a recovery, and two lines nobody pays
  const kids = Array.from({ length: 30 }, (_, i) => `case-ledger-${tag}-${String(i).padStart(2, '0')}`);
  const lines = [
    ...kids.map((id) => line(run.runId, id)),
    line(run.runId, kids[0]!, { kind: 'arrears', month: EARLIER, amountLei: 150 }),
    line(run.runId, kids[1]!, { kind: 'recovery', month: EARLIER, amountLei: -100 }),
    line(run.runId, `case-ledger-${tag}-x1`, { eligible: false, amountLei: 0, payment: { status: 'not_payable' } }),
    line(run.runId, `case-ledger-${tag}-x2`, { eligible: false, amountLei: 0, payment: { status: 'not_payable' } }),
  ];
  await store.putLines(lines);
  return { runId: run.runId, kids, lines };
}

/** The lines the payment file takes: the payable ones the ledger says this run paid. */
const allPaidLines = async (runId: string) => (await store.payableLines(runId)).filter((l) => l.payment.status === 'paid');
/** The lead institution's finance officer, as the payment file's route sees them. */
const finance = { userId: 'test-finance', username: 'financiar.test', displayName: 'Financiar Test', roles: ['finance'], institution: runSettings.leadInstitution.value, services: [] } as unknown as Principal;

const start: PayState = { cursor: null, page: 0, paid: 0, paidLei: 0, recoveredLei: 0, dropped: 0, marked: 0, done: false };

async function stored(runId: string, l: RunLine) {
  return (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: { pk: `SUBRUN#${runId}`, sk: lineSk(l.caseId, l.kind, l.month) }, ConsistentRead: true }))).Item;
}

async function counter(caseId: string): Promise<number | undefined> {
  const item = (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: { pk: `PAID#${caseId}`, sk: LEDGER_COUNT_SK }, ConsistentRead: true }))).Item;
  return item ? Number(item.months) : undefined;
}

describe('MarkPaid: one write per payment', () => {
  it('pays through the ledger alone, drops a month another run paid, and reads every line\'s payment back from the ledger', async () => {
    const { runId, kids, lines } = await approvedRun();
    const taken = kids[7]!;
    // another run paid this child's month between the evaluation and the approval
    expect((await store.writeLedger({ caseId: taken, month: MONTH, amount: 400, kind: 'monthly', runId: 'other-run-1', paidAt: testClock().now().toISOString(), lineSk: lineSk(taken, 'monthly', MONTH) })).outcome).toBe('written');
    const before = new Map(await Promise.all(lines.map(async (l) => [lineSk(l.caseId, l.kind, l.month), await stored(runId, l)] as const)));
    // an entry of another run does not make this run's line paid
    expect((await store.resolvePayments(runId, lines)).map((l) => l.payment.status)).toEqual(lines.map((l) => l.payment.status));

    const out = (await markPaid(deps, { runId, month: MONTH, pay: start })).pay!;
    expect(out).toMatchObject({ paid: 31, dropped: 1, paidLei: 29 * 400 + 150, recoveredLei: -100, marked: 32, done: true });

    // the paid lines' items were not written: one write per payment is the ledger's
    for (const l of lines) {
      const sk = lineSk(l.caseId, l.kind, l.month);
      const item = await stored(runId, l);
      if (l.caseId === taken && l.kind === 'monthly') expect(item!.payment).toMatchObject({ status: 'dropped', reason: { code: 'ALREADY_PAID' }, otherRunId: 'other-run-1' });
      else expect(item).toEqual(before.get(sk));
    }
    // ... and read back, each says what happened to it
    const resolved = await store.resolvePayments(runId, (await store.lines(runId, { limit: 100, consistent: true })).items);
    expect(resolved).toHaveLength(lines.length);
    const byKey = new Map(resolved.map((l) => [lineSk(l.caseId, l.kind, l.month), l.payment]));
    for (const l of lines) {
      const payment = byKey.get(lineSk(l.caseId, l.kind, l.month))!;
      if (!l.eligible) expect(payment).toEqual({ status: 'not_payable' });
      else if (l.caseId === taken && l.kind === 'monthly') expect(payment).toMatchObject({ status: 'dropped', otherRunId: 'other-run-1' });
      else expect(payment).toEqual({ status: 'paid', at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    }
    // the payment file takes exactly the lines this run paid
    const file = await allPaidLines(runId);
    expect(file.map((l) => lineSk(l.caseId, l.kind, l.month)).sort()).toEqual(
      lines.filter((l) => l.eligible && !(l.caseId === taken && l.kind === 'monthly')).map((l) => lineSk(l.caseId, l.kind, l.month)).sort(),
    );
    expect(file.every((l) => l.payment.status === 'paid')).toBe(true);
    // ... and adds up to what MarkPaid recorded on the run; a file that did not would be refused
    const run = (await store.getRun(runId))!;
    expect(run.payment).toMatchObject({ paidCount: 31, paidAmountLei: 29 * 400 + 150, recoveredAmountLei: -100, droppedCount: 1 });
    expect(paidLinesAgree(run, file)).toBe(true);
    expect(paidLinesAgree(run, file.slice(1))).toBe(false);
    expect(paidLinesAgree({ payment: { ...run.payment!, paidAmountLei: run.payment!.paidAmountLei + 400 } }, file)).toBe(false);
    // the counters: one month for every child paid (the arrears add one, the recovery takes one back), the taken
    // child's only from the other run
    expect(await counter(kids[0]!)).toBe(2);
    expect(await counter(kids[1]!)).toBe(0);
    expect(await counter(kids[2]!)).toBe(1);
    expect(await counter(taken)).toBe(1);
    // kids 23-29 were paid by a group transaction (kids 0-22, with the taken month, went one by one)
    for (const id of kids.slice(23)) expect(await counter(id)).toBe(1);
  });

  it('a retried page pays nobody twice and moves no counter again', async () => {
    const { runId, kids, lines } = await approvedRun();
    const first = (await markPaid(deps, { runId, month: MONTH, pay: start })).pay!;
    expect(first).toMatchObject({ paid: 32, dropped: 0, done: true });
    const counters = await Promise.all(kids.map(counter));
    // Step Functions delivers the same page again (the invocation timed out after the ledger was written)
    const again = (await markPaid(deps, { runId, month: MONTH, pay: start })).pay!;
    expect(again).toEqual(first);
    expect(await Promise.all(kids.map(counter))).toEqual(counters);
    const ledger = await store.ledgerEntries(lines);
    expect([...ledger.values()].every((e) => e.runId === runId)).toBe(true);
    expect(ledger.size).toBe(32);
    expect((await allPaidLines(runId)).length).toBe(32);
  });

  it('a page retried after a crash among its one-by-one writes finishes them, each counter moved once', async () => {
    const { runId, kids } = await approvedRun();
    // the earlier attempt wrote these two entries (each with its counter) one by one, and died
    for (const id of [kids[3]!, kids[24]!]) {
      expect((await store.writeLedger({ caseId: id, month: MONTH, amount: 400, kind: 'monthly', runId, paidAt: testClock().now().toISOString(), lineSk: lineSk(id, 'monthly', MONTH) })).outcome).toBe('written');
    }
    const out = (await markPaid(deps, { runId, month: MONTH, pay: start })).pay!;
    expect(out).toMatchObject({ paid: 32, dropped: 0, paidLei: 30 * 400 + 150, recoveredLei: -100, done: true });
    expect(await counter(kids[0]!)).toBe(2);
    expect(await counter(kids[1]!)).toBe(0);
    for (const id of kids.slice(2)) expect(await counter(id)).toBe(1);
    expect((await allPaidLines(runId)).length).toBe(32);
  });

  it('a run that fails for good while paying records what its ledger entries pay: its payment file has them, the budget counts them, finance is told', async () => {
    const { runId, kids } = await approvedRun();
    // approved (stage marking_paid), then the ledger written for ten months, kid 0's arrears and kid 1's recovery, and
    // MarkPaid failed after Step Functions' retries
    const paidAt = testClock().now().toISOString();
    for (const id of kids.slice(0, 10)) await store.writeLedger({ caseId: id, month: MONTH, amount: 400, kind: 'monthly', runId, paidAt, lineSk: lineSk(id, 'monthly', MONTH) });
    await store.writeLedger({ caseId: kids[0]!, month: EARLIER, amount: 150, kind: 'arrears', runId, paidAt, lineSk: lineSk(kids[0]!, 'arrears', EARLIER) });
    await store.writeLedger({ caseId: kids[1]!, month: EARLIER, amount: -100, kind: 'recovery', runId, paidAt, lineSk: lineSk(kids[1]!, 'recovery', EARLIER) });
    const mailed = mails.length;
    expect(await recordFailure(deps, { runId, error: { Error: 'States.TaskFailed' } })).toEqual({ runId, status: 'failed' });
    const run = (await store.getRun(runId))!;
    const payment = { paidCount: 12, paidAmountLei: 4_150, recoveredAmountLei: -100, droppedCount: 0 };
    expect(run).toMatchObject({ status: 'failed', failure: { stage: 'marking_paid', error: 'States.TaskFailed' }, payment });
    expect(paymentFileReady(run)).toBe(true);
    const file = await allPaidLines(runId);
    expect(file).toHaveLength(12);
    expect(paidLinesAgree(run, file)).toBe(true);
    expect(budgetView([run]).spentLei).toBe(4_050);
    // finance is told the file is ready, with the run's figures and no personal data
    expect(mails.length).toBeGreaterThan(mailed);
    expect(mails.slice(mailed).map((m) => m.text).join('\n')).toContain(runId);
    // a repeated delivery of the failure changes nothing and mails nobody again
    const after = mails.length;
    expect(await recordFailure(deps, { runId, error: { Error: 'States.TaskFailed' } })).toEqual({ runId, status: 'failed' });
    expect((await store.getRun(runId))!.payment).toEqual(payment);
    expect(mails.length).toBe(after);
    // an invocation still running when the run failed writes one more entry: the recorded figure is replaced by the
    // ledger's only while it still holds the figure counted before, and never shrinks
    await store.writeLedger({ caseId: kids[10]!, month: MONTH, amount: 400, kind: 'monthly', runId, paidAt, lineSk: lineSk(kids[10]!, 'monthly', MONTH) });
    expect(paidLinesAgree(run, await allPaidLines(runId))).toBe(false);
    const fresh = paymentOf(await store.payableLines(runId));
    expect(fresh).toEqual({ ...payment, paidCount: 13, paidAmountLei: 4_550 });
    expect(await store.recordFailedPayment(runId, fresh, { ...payment, paidCount: 11 })).toBe(false);
    // the payment file counts again and makes the file of all eleven children (kid 0's arrears and kid 1's recovery
    // netted into their rows), instead of refusing it
    const csv = await paymentFile(deps, finance, runId, 'csv', {});
    expect(String(csv.content).trim().split('\n')).toHaveLength(1 + 11);
    expect((await store.getRun(runId))!.payment).toEqual(fresh);
    expect(await store.recordFailedPayment(runId, payment)).toBe(false);
  });

  it('a run that fails after approval but before its first payment records no payment and has no payment file', async () => {
    const { runId } = await approvedRun();
    await recordFailure(deps, { runId, error: { Error: 'States.Timeout' } });
    const run = (await store.getRun(runId))!;
    expect(run).toMatchObject({ status: 'failed', failure: { stage: 'marking_paid' } });
    expect(run.payment).toBeUndefined();
    expect(paymentFileReady(run)).toBe(false);
  });

  it('never counts as paid an entry this run wrote for another line on the same key', async () => {
    const { runId, kids } = await approvedRun();
    const id = kids[5]!;
    await db.doc.send(new PutCommand({ TableName: db.mainTable, Item: { pk: `PAID#${id}`, sk: MONTH, entity: 'paid', caseId: id, month: MONTH, amount: 150, kind: 'arrears', runId, paidAt: testClock().now().toISOString(), lineSk: lineSk(id, 'arrears', MONTH) } }));
    await expect(markPaid(deps, { runId, month: MONTH, pay: start })).rejects.toThrow(/another line/);
    expect((await store.resolvePayments(runId, [line(runId, id)]))[0]!.payment.status).toBe('pending');
  });
});
