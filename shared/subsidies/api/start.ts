/** POST /subsidy-runs: start the monthly run of a finished month (claim it, start its execution). */
import type { Principal } from '../../platform/auth/principal.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { RequestInfo } from '../../cases/index.js';
import { subsidyConfig } from '../config.js';
import type { SubsidyDeps } from '../deps.js';
import { executionNameOf, newRun, restartableStatuses, runIdOf, runStatusLabels, type RunRecord } from '../model.js';
import { isFinished } from '../months.js';
import { inProjectPeriod, monthLabel } from '../rules/eligibility.js';
import type { ClaimResult } from '../store.js';
import { auditRun, requireLead } from './common.js';

export const WORKFLOW = 'monthly-run';

/**
 * Start the run's execution. The name is the run's, and the input is always the same, so Step Functions answers a
 * repeated start of a RUNNING execution with that execution; 'ended' when an execution of that name has already
 * finished (AWS and the local service then answer ExecutionAlreadyExists).
 */
async function startExecution(d: SubsidyDeps, run: RunRecord): Promise<'running' | 'ended'> {
  try {
    await d.sfn.startExecution({
      stateMachineArn: d.stateMachineArn(WORKFLOW),
      name: executionNameOf(run.runId),
      input: JSON.stringify({ trigger: 'api', runId: run.runId, month: run.month }),
    });
    return 'running';
  } catch (e) {
    if ((e as { name?: string }).name === 'ExecutionAlreadyExists') return 'ended';
    throw e;
  }
}

/**
 * Start a run for a finished month of the project period. A month has one run at a time: another attempt only after
 * the previous one was rejected (or failed). Repeating the request while the run is starting returns the same run.
 */
export async function startRun(d: SubsidyDeps, p: Principal, month: string, req: RequestInfo): Promise<{ run: RunRecord; created: boolean }> {
  requireLead(p);
  const now = d.now();
  if (!inProjectPeriod(month)) {
    throw invalid('MONTH_OUTSIDE_PROJECT', `Luna ${monthLabel(month)} este în afara perioadei proiectului (${monthLabel(subsidyConfig.projectPeriod.from)} – ${monthLabel(subsidyConfig.projectPeriod.to)}).`, [{ path: 'month', code: 'MONTH_OUTSIDE_PROJECT', message: 'Luna este în afara perioadei proiectului' }]);
  }
  if (!isFinished(month, now)) {
    throw invalid('MONTH_NOT_FINISHED', `Rularea se poate face numai pentru o lună încheiată; ${monthLabel(month)} nu s-a încheiat.`, [{ path: 'month', code: 'MONTH_NOT_FINISHED', message: 'Luna nu s-a încheiat' }]);
  }
  const head = await d.store.getHead(month);
  if (head) {
    const existing = await d.store.getRun(head.runId);
    if (existing && !restartableStatuses.includes(existing.status)) {
      if (existing.stage === 'claimed' && existing.trigger === 'api') {
        // claimed, but the execution may never have started (a crash between the two): start it, or replace a dead one
        if ((await startExecution(d, existing)) === 'running') return { run: existing, created: false };
        await d.store.patchRun(existing.runId, { status: 'failed', stage: 'failed', failure: { stage: 'claimed', error: 'ExecutionEnded', at: now.toISOString() }, updatedAt: now.toISOString() }, { statusIn: ['evaluating'] });
        return startRun(d, p, month, req);
      }
      throw conflict('RUN_EXISTS', `Există deja o rulare pentru ${monthLabel(month)} (${runStatusLabels[existing.status].toLowerCase()}). O nouă rulare se poate porni numai după respingerea celei existente.`, { runId: existing.runId });
    }
  }
  const attempt = (head?.attempt ?? 0) + 1;
  const run = newRun({ month, attempt, trigger: 'api', requestedBy: { userId: p.userId, name: p.displayName }, executionName: executionNameOf(runIdOf(month, attempt)), now });
  const claimed: ClaimResult = await d.store.claim(run, head);
  if (!claimed.created) {
    throw conflict('RUN_EXISTS', `Există deja o rulare pentru ${monthLabel(month)}.`, { runId: claimed.head?.runId ?? null });
  }
  await startExecution(d, run);
  await auditRun(d, p, 'subsidy.run.start', 'run', run.runId, req, { month, attempt });
  return { run, created: true };
}
