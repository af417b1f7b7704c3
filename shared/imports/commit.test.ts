import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseIdSchema } from '../subsidies/index.js';
import { CaseStore } from '../cases/index.js';
import { TaskStore } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { sheets } from './columns.js';
import { CaseNumbers, caseRecordOf, caseTransaction, deterministicUlid, firstExecution, IMPORTED_PAYMENTS_INDEX, importRunId, type CommitMeta } from './commit.js';
import type { ImportContext } from './model.js';
import { historyKinds, planImport, transactItemCount } from './plan.js';
import type { Cell, ParsedWorkbook } from './workbook.js';
import { syntheticCaseload, toSheetRows } from '../../test/support/import.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const meta: CommitMeta = { fileName: 'evidenta.xlsx', fileSha256: 'ab'.repeat(32), by: 'operator:test', byName: 'Operator test', at: NOW.toISOString() };

function drafts(count = 40) {
  const cases = syntheticCaseload({ now: NOW, runMonth: '2026-10', prefix: 'C', managers: { DAS: 'manager.das', DGASPC: 'manager.dgaspc' }, count });
  const rows = toSheetRows(cases);
  const wb = { children: [], plans: [], enrolments: [], participation: [], payments: [] } as ParsedWorkbook['rows'];
  for (const s of sheets) {
    (rows[s.id] ?? []).forEach((r, i) => {
      const cells: Record<string, Cell> = {};
      for (const c of s.columns) cells[c.key] = (r[c.key] ?? null) as Cell;
      wb[s.id].push({ sheet: s.id, row: i + 2, cells });
    });
  }
  const ctx: ImportContext = {
    now: NOW, by: meta.by, caseManagers: [{ userId: 'u-das', username: 'manager.das', institution: 'DAS' }, { userId: 'u-dgaspc', username: 'manager.dgaspc', institution: 'DGASPC' }],
    existingImports: new Map(), identityHits: new Map(), cohortCounts: {}, placesTaken: new Map(),
  };
  return planImport({ rows: wb, errors: [], warnings: [] }, ctx).cases;
}

/** Deps whose stores only build transaction items (no call reaches the client). */
function fakeDeps(): PathwayDeps {
  const db = { doc: { send: () => { throw new Error('no I/O expected'); } } as never, mainTable: 'vatra-main', auditTable: 'vatra-audit' };
  return {
    db, cases: new CaseStore(db), tasks: new TaskStore(db), audit: {} as never, sfn: {} as never,
    stateMachineArn: (name) => `arn:aws:states:eu-central-1:000000000000:stateMachine:${name}`, now: () => NOW, webBaseUrl: 'http://localhost',
  };
}

describe('deterministicUlid', () => {
  it('is a valid case id, the same for the same seed and different for different seeds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 44 }), fc.string(), fc.string(), (t, a, b) => {
      const x = deterministicUlid(t, a);
      expect(caseIdSchema.safeParse(x).success).toBe(true);
      expect(deterministicUlid(t, a)).toBe(x);
      if (a !== b) expect(deterministicUlid(t, b)).not.toBe(x);
    }));
  });

  it('keeps the time order of the referral dates', () => {
    expect(deterministicUlid(Date.parse('2025-03-03'), 'z') < deterministicUlid(Date.parse('2025-03-04'), 'a')).toBe(true);
  });
});

describe('caseRecordOf and caseTransaction', () => {
  const d = fakeDeps();
  const list = drafts();

  it('builds exactly the planned number of items for every case, within one transaction', () => {
    for (const draft of list) {
      const caseId = deterministicUlid(0, draft.importKey);
      const execution = firstExecution(d, caseId, draft.stage);
      const record = caseRecordOf(draft, { caseId, caseNumber: 'VT-2025-00001', identityKeys: draft.identityKeys, execution }, meta);
      const tx = caseTransaction(d, draft, record, meta);
      expect(tx.extra.length + 2).toBe(transactItemCount(draft));
      expect(tx.extra.length + 2).toBeLessThanOrEqual(100);
      expect(record.version).toBe(historyKinds(draft).length);
    }
  });

  it('makes a case in services look as if it had been worked in Vatra: approved plan, cohort, active services, review date, workflow', () => {
    const draft = list.find((x) => x.stage === 'services' && x.payments.length > 0)!;
    const caseId = deterministicUlid(0, draft.importKey);
    const execution = firstExecution(d, caseId, draft.stage)!;
    const r = caseRecordOf(draft, { caseId, caseNumber: 'VT-2025-00007', identityKeys: ['cnp#h1#x'], execution }, meta);
    expect(r).toMatchObject({
      status: 'open', stage: 'services', cohort: draft.cohort, services: [draft.enrolments[0]!.serviceId], nextReviewDate: draft.plan!.plan.reviewDate,
      workflow: { seq: 1, workflow: 'review-cycle', executionArn: `arn:aws:states:eu-central-1:000000000000:execution:review-cycle:${caseId}-1` },
      origin: { kind: 'import', file: 'evidenta.xlsx', sheet: 'Copii și cazuri', row: draft.row, by: 'operator:test', at: meta.at },
      editVersion: 1,
    });
    expect(r.plan).toMatchObject({ status: 'approved', version: 1, approvedBy: 'operator:test', approvedAt: `${draft.plan!.approvedOn}T12:00:00.000Z` });
    expect(r.plan!.services[0]!.groupId).toBe(draft.enrolments[0]!.groupId);
    expect(JSON.parse(execution.input)).toEqual({ caseId, seq: 1, reviewKind: 'review' });
  });

  it('writes a closed case without identity keys or workflow, and an evaluation case into intake', () => {
    const closed = list.find((x) => x.stage === 'closed')!;
    const cid = deterministicUlid(0, closed.importKey);
    expect(firstExecution(d, cid, 'closed')).toBeUndefined();
    const r = caseRecordOf(closed, { caseId: cid, caseNumber: 'VT-2025-00002', identityKeys: ['k'] }, meta);
    expect(r).toMatchObject({ status: 'closed', stage: 'closed', services: [], workflow: { seq: 0 }, closedAt: `${closed.closure!.closedOn}T12:00:00.000Z` });
    const tx = caseTransaction(d, closed, r, meta);
    expect(tx.layout.identity![1] - tx.layout.identity![0]).toBe(0);
    expect(tx.layout.task![1] - tx.layout.task![0]).toBe(0);
    const evaluation = list.find((x) => x.stage === 'evaluation')!;
    expect(JSON.parse(firstExecution(d, 'X', evaluation.stage)!.input)).toEqual({ caseId: 'X', seq: 1 });
  });

  it('puts the origin on every item and the paid months in the exactly-once ledger, listed for the budget', () => {
    const draft = list.find((x) => x.stage === 'services' && x.payments.length > 2 && x.participation.length > 0)!;
    const caseId = deterministicUlid(0, draft.importKey);
    const record = caseRecordOf(draft, { caseId, caseNumber: 'VT-2025-00003', identityKeys: draft.identityKeys, execution: firstExecution(d, caseId, draft.stage) }, meta);
    const tx = caseTransaction(d, draft, record, meta);
    const puts = tx.extra.map((i) => i.Put?.Item).filter(Boolean) as Record<string, any>[];
    const ledger = puts.filter((i) => String(i.pk).startsWith('PAID#'));
    expect(ledger.map((i) => i.sk)).toEqual(draft.payments.map((p) => p.month));
    for (const l of ledger) {
      expect(l).toMatchObject({ caseId, kind: 'monthly', amount: 400, runId: importRunId(meta.fileSha256), gsi1pk: IMPORTED_PAYMENTS_INDEX, origin: { sheet: 'Subvenții plătite' } });
    }
    const conditional = tx.extra.filter((i) => i.Put && String(i.Put.Item!.pk).startsWith('PAID#')).every((i) => i.Put!.ConditionExpression === 'attribute_not_exists(pk)');
    expect(conditional).toBe(true);
    const summaries = puts.filter((i) => String(i.sk).startsWith('PART#'));
    expect(summaries).toHaveLength(draft.participation.length);
    expect(summaries.every((s) => s.gsi2pk === `PART#${s.month}` && s.gsi2sk === `${caseId}#${s.serviceId}` && s.origin.sheet === 'Participare lunară')).toBe(true);
    const enrolments = puts.filter((i) => String(i.sk).startsWith('ENR#'));
    expect(enrolments.every((e) => e.origin.sheet === 'Înscrieri' && e.status === 'active' && e.gsi2pk.startsWith('ENROL#'))).toBe(true);
    const history = puts.filter((i) => String(i.sk).startsWith('HIST#'));
    expect(history.map((h) => h.action)).toEqual(['case.import', 'plan.import', 'enrolment.import', 'participation.import', 'subsidy.import']);
    expect(tx.history.action).toBe('workflow.start');
    expect(history[0]!.detail.origin).toEqual(record.origin);
    const importKey = puts.find((i) => String(i.pk).startsWith('IMPORT#'))!;
    expect(importKey).toMatchObject({ caseId, fingerprint: draft.fingerprint, importKey: draft.importKey });
  });
});

describe('CaseNumbers', () => {
  it('hands out consecutive numbers from blocks taken with one update each, never the same twice', async () => {
    let value = 41;
    let calls = 0;
    const db = { mainTable: 't', auditTable: 'a', doc: { send: async () => { calls++; await new Promise((r) => setTimeout(r, 5)); value += 10; return { Attributes: { value } }; } } };
    const numbers = new CaseNumbers({ db: db as never }, 10);
    const got = await Promise.all(Array.from({ length: 25 }, () => numbers.next(2025)));
    expect(new Set(got).size).toBe(25);
    expect(got.sort()[0]).toBe('VT-2025-00042');
    expect(calls).toBe(3);
  });
});
