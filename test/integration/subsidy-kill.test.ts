/**
 * The monthly subsidy run survives its runtime being killed (SIGKILL) while it evaluates the children and again while
 * it writes the ledger: after each restart it resumes, and no child is paid twice or missed. A runtime and data of
 * its own (600 synthetic children seeded directly); a file of its own so that it runs beside subsidy.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Api, eventually } from '../support/api.js';
import { startRuntimeProcess, tempDataDir } from '../support/runtime.js';
import { allLines, download, expectedEligible, ledgerOf, parseCsv, population, seedChildren, waitRun } from '../support/subsidy.js';

const MAY = '2025-05';

describe('monthly run killed mid-way', () => {
  it('resumes after a SIGKILL during EvaluateBatch and during MarkPaid: no child paid twice, none missed', async () => {
    const dataDir = tempDataDir('subsidy-kill');
    const env = { VATRA_SUBSIDY_PAGE_SIZE: '40', VATRA_SUBSIDY_MARK_PAGE_SIZE: '20' };
    let rt = await startRuntimeProcess({ dataDir, durable: true, env });
    try {
      let api = new Api(rt.urls);
      const kids = await seedChildren(rt.urls, population(600, 42), [MAY], { paidMonth: MAY });
      const start = await api.post('/subsidy-runs', 'coord.das', { month: MAY });
      expect(start.status).toBe(202);
      const runId = start.body.run.runId as string;
      await eventually(async () => {
        const run = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
        return run.stage === 'evaluating' && run.progress.evaluated >= 80 && run.progress.evaluated < run.progress.total ? run : undefined;
      }, 'evaluation under way', 180_000);
      await rt.kill();
      rt = await startRuntimeProcess({ dataDir, durable: true, ports: rt.ports, env });
      api = new Api(rt.urls);
      const evaluated = await waitRun(api, runId, ['awaiting_approval'], 'coord.das', 180_000);
      expect(evaluated.progress.evaluated).toBe(600);
      const lines = await allLines(api, runId);
      expect(lines).toHaveLength(600);
      const expected = new Set(kids.filter((k) => expectedEligible(k, MAY)).map((k) => k.caseId));
      expect(new Set(lines.filter((l) => l.eligible).map((l) => l.caseId))).toEqual(expected);
      expect(evaluated.summary.totals.eligible).toBe(expected.size);
      expect(evaluated.summary.totals.lines).toBe(600);

      expect((await api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: evaluated.version })).status).toBe(200);
      const marking = await eventually(async () => {
        const run = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
        return run.status === 'completed' || (run.stage === 'marking_paid' && run.progress.marked >= 20) ? run : undefined;
      }, 'ledger being written', 180_000);
      await rt.kill();
      // 20 lines per MarkPaid page: the kill lands while the ledger is being written
      expect(marking.status).toBe('approved');
      rt = await startRuntimeProcess({ dataDir, durable: true, ports: rt.ports, env });
      api = new Api(rt.urls);
      const done = await waitRun(api, runId, ['completed'], 'coord.das', 180_000);
      expect(done.payment.paidCount).toBe(expected.size);
      expect(done.payment.paidAmountLei).toBe(expected.size * 400);
      expect(done.payment.droppedCount).toBe(0);
      for (const k of kids) {
        const entries = (await ledgerOf(rt.urls, k.caseId)).filter((e) => e.month === MAY);
        if (expected.has(k.caseId)) expect(entries.map((e) => e.runId)).toEqual([runId]);
        else if (k.alreadyPaid) expect(entries.map((e) => e.runId)).toEqual(['legacy-import']);
        else expect(entries).toEqual([]);
      }
      const csv = await download(api, `/subsidy-runs/${runId}/payment-file?format=csv`, 'financiar.das');
      const rows = parseCsv(csv.bytes.toString('utf8')).filter((r) => r.length > 1).slice(1);
      expect(rows).toHaveLength(expected.size);
      expect(new Set(rows.map((r) => r[5])).size).toBe(expected.size);
    } finally {
      await rt.stop();
    }
  }, 900_000); // three runtime starts and a 600-child run: 5–10 minutes when the 2 cores are shared
});
