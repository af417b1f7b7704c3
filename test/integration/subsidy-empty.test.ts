/**
 * A monthly run that evaluated no child cannot be approved (issue #20): the run view says why before anyone tries,
 * an approval — one or twenty at once — is refused 409 RUN_NOTHING_EVALUATED with a Romanian message and writes
 * nothing (whole tables compared), and the run can still be rejected so that a new one can start.
 * A runtime of its own: the run covers the whole caseload and the whole tables are compared around the refused
 * approvals, so no other file may write beside it (the integration files run in parallel on the shared runtime).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess } from '../support/runtime.js';
import { documentClient } from '../support/security.js';
import { waitRun } from '../support/subsidy.js';
import { NO_CHANGES, diffTables, settledSnapshot, snapshotTables } from '../support/table-diff.js';

const MONTH = '2025-03';
let rt: RuntimeProcess;
let api: Api;
let doc: DynamoDBDocumentClient;
beforeAll(async () => {
  rt = await startRuntimeProcess({ dataDir: tempDataDir('subsidy-empty') });
  api = new Api(rt.urls);
  doc = documentClient(rt.urls);
});
afterAll(async () => { await rt?.stop(); });

describe('a monthly run with 0 children evaluated', () => {
  it('cannot be approved, says why, writes nothing, and can be rejected', async () => {
    const start = await api.post('/subsidy-runs', 'coord.das', { month: MONTH });
    expect(start.status, JSON.stringify(start.body)).toBe(202);
    const runId = start.body.run.runId as string;
    const run = await waitRun(api, runId, ['awaiting_approval']);
    expect(run.progress.evaluated).toBe(0);
    expect(run.progress.total).toBe(0);

    // the view says why before anyone tries (the month page shows it by the disabled button)
    expect(run.approvalBlocked).toEqual({ code: 'RUN_NOTHING_EVALUATED', message: expect.stringMatching(/^Rularea nu a găsit niciun copil cu participare în lună/) });

    const before = await settledSnapshot(doc); // the approval request mailed, the workflow waiting
    const one = await api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: run.version });
    expect(one.status).toBe(409);
    expect(one.body.error).toMatchObject({ code: 'RUN_NOTHING_EVALUATED', evaluated: 0, total: 0 });
    expect(one.body.error.message).toBe(run.approvalBlocked.message);
    expect(one.body.error.message).toContain('nu există nimic de aprobat');
    const many = await Promise.all(Array.from({ length: 20 }, () => api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: run.version })));
    expect(many.map((r) => `${r.status} ${r.body.error?.code}`)).toEqual(Array(20).fill('409 RUN_NOTHING_EVALUATED'));
    // nothing written anywhere: no approval, no version bump, no ledger line, no audit entry, no notification
    expect(diffTables(before, await snapshotTables(doc))).toEqual(NO_CHANGES);
    const after = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;
    expect(after).toMatchObject({ status: 'awaiting_approval', version: run.version, approval: null });

    // rejecting stays possible, and then the run is decided: no longer blocked, a new attempt may start
    const rejected = await api.post(`/subsidy-runs/${runId}/reject`, 'coord.das', { reason: 'Nu există participare înregistrată în martie 2025.' });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.run).toMatchObject({ status: 'rejected', approvalBlocked: null });
    const late = await api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: rejected.body.run.version });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('RUN_ALREADY_DECIDED');
  });
});
