/** POST /subsidy-runs/{runId}/approve and /reject: the coordinator's decision, handed to the waiting workflow. */
import type { Principal } from '../../platform/auth/principal.js';
import { conflict } from '../../platform/errors.js';
import { logger } from '../../platform/log.js';
import type { RequestInfo } from '../../cases/index.js';
import type { SubsidyDeps } from '../deps.js';
import { runStatusLabels } from '../model.js';
import { notify } from '../notify.js';
import { alreadyDecided, approvalRefusal, rejectionRefusal, type Refusal } from '../rules/approval.js';
import { auditRun, lead, loadRun, requireLead } from './common.js';
import { runView } from './views.js';

async function sendToWorkflow(d: SubsidyDeps, runId: string, decision: 'approved' | 'rejected'): Promise<boolean> {
  const approval = await d.store.getApproval(runId);
  if (!approval) return false;
  try {
    await d.sfn.sendTaskSuccess({ taskToken: approval.taskToken, output: JSON.stringify({ decision }) });
  } catch (e) {
    // a used or replaced token: the approval step hands the recorded decision to the workflow itself
    logger.warn('subsidy decision not sent to the workflow', { runId, error: (e as Error).name });
    return false;
  }
  await d.store.patchRun(runId, { 'approval.sentToWorkflow': true });
  return true;
}

const refuse = (r: Refusal) => conflict(r.code, r.message, r.details);

/**
 * The run a decision is about, as long as nobody has decided it: the lead institution only; a decision already
 * recorded answers 409 RUN_ALREADY_DECIDED (and is handed to the workflow again if a crash kept it from it).
 */
async function undecidedRun(d: SubsidyDeps, p: Principal, runId: string) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (run.approval) {
    if (!run.approval.sentToWorkflow) await sendToWorkflow(d, runId, run.approval.decision);
    throw refuse(alreadyDecided(run.approval));
  }
  if (run.status !== 'awaiting_approval') throw conflict('RUN_NOT_AWAITING_APPROVAL', `Rularea nu așteaptă aprobarea (${runStatusLabels[run.status].toLowerCase()}).`);
  return run;
}

/**
 * Approve what the coordinator saw (the run's version): the run is locked and the ledger is written. Exactly one
 * caller gets 200; any other (at the same time or later) gets 409 RUN_ALREADY_DECIDED naming who decided and when.
 * A decision recorded but not yet handed to the workflow (a crash in between) is handed over again on any later call.
 */
export async function approveRun(d: SubsidyDeps, p: Principal, runId: string, expectedVersion: number, req: RequestInfo) {
  const run = await undecidedRun(d, p, runId);
  if (run.version !== expectedVersion) throw conflict('RUN_CHANGED', 'Rularea a fost modificată între timp (includeri sau excluderi). Verificați totalurile și aprobați din nou.', { version: run.version });
  const refusal = approvalRefusal(run);
  if (refusal) throw refuse(refusal);
  const at = d.now().toISOString();
  const ok = await d.store.patchRun(runId, {
    status: 'approved', stage: 'marking_paid', updatedAt: at,
    approval: { decision: 'approved', by: p.userId, byName: p.displayName, at, sentToWorkflow: false },
  }, { statusIn: ['awaiting_approval'], expectedVersion, bumpVersion: true });
  if (!ok) throw await lostRace(d, runId, 'RUN_CHANGED', 'Rularea a fost modificată între timp. Reîncărcați și aprobați din nou.');
  await auditRun(d, p, 'subsidy.run.approve', 'run', runId, req, { month: run.month, version: expectedVersion, netLei: run.summary?.netLei ?? null });
  await sendToWorkflow(d, runId, 'approved');
  const t = run.summary?.totals;
  const message = {
    kind: 'monthly_run_approved' as const,
    data: { runId, month: run.month, approvedAt: at, paymentCount: t ? t.eligible + t.arrearsCount + t.recoveryCount : 0, totalAmountLei: Math.max(0, run.summary?.netLei ?? 0) },
  };
  await notify(d, message, { role: 'project_manager', institution: lead() }, `subsidy-approved-${runId}-pm`);
  return runView(await loadRun(d, runId));
}

/** The conditional write lost: say who decided meanwhile, or that the run changed. */
async function lostRace(d: SubsidyDeps, runId: string, code: string, message: string) {
  const fresh = await d.store.getRun(runId); // a consistent read
  if (fresh?.approval) return refuse(alreadyDecided(fresh.approval));
  return conflict(code, message);
}

/** Reject the run with a reason; like the approval, exactly one caller gets 200. */
export async function rejectRun(d: SubsidyDeps, p: Principal, runId: string, reason: string, req: RequestInfo) {
  const run = await undecidedRun(d, p, runId);
  const refusal = rejectionRefusal(run);
  if (refusal) throw refuse(refusal);
  const at = d.now().toISOString();
  const ok = await d.store.patchRun(runId, {
    status: 'rejected', stage: 'rejected', updatedAt: at,
    approval: { decision: 'rejected', by: p.userId, byName: p.displayName, at, reason, sentToWorkflow: false },
  }, { statusIn: ['awaiting_approval'], bumpVersion: true });
  if (!ok) throw await lostRace(d, runId, 'RUN_NOT_AWAITING_APPROVAL', 'Rularea nu mai așteaptă aprobarea.');
  await auditRun(d, p, 'subsidy.run.reject', 'run', runId, req, { month: run.month });
  await sendToWorkflow(d, runId, 'rejected');
  return runView(await loadRun(d, runId));
}
