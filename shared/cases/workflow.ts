/**
 * Chaining of bounded executions: each workflow covers one phase (intake, one review cycle, reintegration, transfer,
 * closure) and ends by starting the next. The case records the current execution; the execution name
 * `<caseId>-<seq>` makes a repeated start (retry, duplicate delivery) return the same execution.
 */
import type { CaseRecord } from './model.js';
import { CaseConflictError, systemActor, TransactionConflictError } from './store.js';
import type { PathwayDeps } from './deps.js';
import type { TaskRecord } from './task-store.js';
import { taskKindLabels, type TaskKind } from './config.js';
import { logger } from '../platform/log.js';
import { deliverOutbox, outboxItem } from './outbox.js';

export const workflowLabels: Record<string, string> = {
  'case-intake': 'evaluare inițială și plan',
  'review-cycle': 'ciclu de revizuire',
  reintegration: 'reintegrare',
  transfer: 'transfer',
  closure: 'închidere',
};

export async function startWorkflow(d: PathwayDeps, caseId: string, workflow: string, seq: number, extra: Record<string, unknown>): Promise<CaseRecord | undefined> {
  const name = `${caseId}-${seq}`;
  const input = JSON.stringify({ caseId, seq, ...extra });
  let executionArn: string;
  try {
    const r = await d.sfn.startExecution({ stateMachineArn: d.stateMachineArn(workflow), name, input });
    executionArn = r.executionArn!;
  } catch (e) {
    if ((e as { name?: string }).name !== 'ExecutionAlreadyExists') throw e;
    executionArn = `${d.stateMachineArn(workflow).replace(':stateMachine:', ':execution:')}:${name}`;
  }
  // the execution that starts its successor is ending: a task of it still open had its answer sent outside Vatra
  const current = (await d.cases.get(caseId))?.workflow.executionArn;
  if (current && current !== executionArn) await settleDeliveredTasks(d, caseId, { executionArn: current });
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.cases.get(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    if (c.workflow.seq >= seq) return c; // already recorded (repeated delivery)
    const at = d.now().toISOString();
    try {
      return await d.cases.update(c, { ...c, workflow: { executionArn, workflow, seq }, updatedAt: at }, {
        at, actorId: systemActor.userId, actorName: systemActor.displayName, action: 'workflow.start',
        summary: `Etapă de lucru pornită: ${workflowLabels[workflow] ?? workflow} (#${seq})`, detail: { workflow, seq, executionArn },
      });
    } catch (e) {
      if (e instanceof CaseConflictError) continue;
      throw e;
    }
  }
  throw new Error(`could not record execution on case ${caseId}`);
}

/** Last step of the closure workflow: close the case, free the child's identity keys (a new case may open later). */
export async function finalizeClosure(d: PathwayDeps, caseId: string): Promise<CaseRecord> {
  const current = (await d.cases.get(caseId))?.workflow.executionArn;
  if (current) await settleDeliveredTasks(d, caseId, { executionArn: current });
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.cases.get(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    if (c.status === 'closed') return c;
    const at = d.now().toISOString();
    try {
      const closed = await d.cases.update(c, { ...c, status: 'closed', stage: 'closed', closedAt: at, pendingTaskId: undefined, updatedAt: at }, {
        at, actorId: systemActor.userId, actorName: systemActor.displayName, action: 'case.close', summary: 'Caz închis',
        detail: { reason: c.closure?.reason ?? null },
      }, c.identityKeys.map((k) => d.cases.identityDeleteItem(k)));
      return closed;
    } catch (e) {
      if (e instanceof CaseConflictError) continue;
      throw e;
    }
  }
  throw new Error(`could not close case ${caseId}`);
}


// ── steps that must never be swallowed (decision record 016) ─────────────────────────────────────────────────────

/**
 * A human task's callback reached the workflow: close the execution's tasks that are still open (of `kind`, if
 * given; all but `exceptTaskId`). The API closes a task before it sends the callback; a callback sent some other way
 * (`aws stepfunctions send-task-success`, a script) would leave it open forever, asking for a decision the workflow
 * no longer waits for. Idempotent. Called by the plan approval's `SettleApproval` step (with its kind), and — for
 * every other human task — when the same execution opens its next task, starts the next execution or closes the case
 * (an execution waits on one human task at a time, so any other open task of it has had its answer).
 */
export async function settleDeliveredTasks(d: PathwayDeps, caseId: string, which: { executionArn: string; kind?: TaskKind; exceptTaskId?: string }): Promise<{ closed: number }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const open = (await d.tasks.forCase(caseId)).filter((t) =>
      t.status === 'open' && t.executionArn === which.executionArn && (which.kind === undefined || t.kind === which.kind) && t.taskId !== which.exceptTaskId);
    if (open.length === 0) return { closed: 0 };
    const c = await d.cases.get(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    const at = d.now().toISOString();
    const done = open.map((t): TaskRecord => ({
      ...t, status: 'completed', completedAt: at, completedBy: systemActor.userId, resume: 'none', draft: undefined,
      output: { settledBy: 'workflow', reason: 'callback_outside_app' },
    }));
    const after: CaseRecord = { ...c, pendingTaskId: open.some((t) => t.taskId === c.pendingTaskId) ? undefined : c.pendingTaskId, updatedAt: at };
    const names = [...new Set(open.map((t) => `„${taskKindLabels[t.kind]}”`))].join(', ');
    try {
      await d.cases.update(c, after, {
        at, actorId: systemActor.userId, actorName: systemActor.displayName, action: 'task.settled',
        summary: `${open.length === 1 ? 'Sarcina' : 'Sarcinile'} ${names} ${open.length === 1 ? 'a fost închisă' : 'au fost închise'}: răspunsul a ajuns la fluxul de lucru direct, nu prin Vatra.`,
        detail: { taskIds: open.map((t) => t.taskId), kinds: open.map((t) => t.kind) },
      }, open.map((t, i) => d.tasks.replaceItem(t, done[i]!)));
      logger.warn('task callback delivered outside the app: task closed by the workflow', { caseId, kinds: open.map((t) => t.kind) });
      return { closed: open.length };
    } catch (e) {
      if (e instanceof CaseConflictError || e instanceof TransactionConflictError) continue;
      throw e;
    }
  }
  throw new Error(`could not settle the tasks of case ${caseId}`);
}

/** The code and Romanian message of a failed step, from what Step Functions hands the Catch (Error, Cause). */
export function failureOf(error: string | undefined, cause: string | undefined): { code: string; message: string } {
  let text = '';
  try {
    const parsed = JSON.parse(cause ?? '') as { errorMessage?: unknown };
    text = typeof parsed.errorMessage === 'string' ? parsed.errorMessage : '';
  } catch {
    text = '';
  }
  // a refusal of our own rules carries "CODE: Romanian message" (functions/workflow); anything else is technical
  const refusal = /^([A-Z][A-Z0-9_]{1,63}): (.{1,500})$/s.exec(text);
  if (error === 'Vatra.StepRefused' && refusal) return { code: refusal[1]!, message: refusal[2]! };
  return {
    code: 'STEP_FAILED',
    message: 'Pasul a eșuat din motive tehnice și nu a reușit nici după reîncercări. Anunțați administratorul dacă se repetă.',
  };
}

/**
 * A step failed for good: flag the case "needs attention" (shown on the case page) and tell the case's coordinators
 * (outbox, in the same transaction). Idempotent per step and execution.
 */
export async function flagAttention(d: PathwayDeps, caseId: string, step: 'enrol_from_plan', failure: { code: string; message: string }): Promise<{ flagged: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.cases.get(caseId);
    if (!c) throw new Error(`case ${caseId} not found`);
    if (c.attention?.step === step && c.attention.seq === c.workflow.seq) return { flagged: false };
    const now = d.now();
    const at = now.toISOString();
    const mail = outboxItem(d.db, {
      message: { kind: 'case_needs_attention', data: { case: { caseId: c.caseId, caseNumber: c.caseNumber }, step, failedAt: at, code: failure.code } },
      recipients: { role: 'coordinator', institution: c.institution },
      now,
      dedupeKey: `attention-${caseId}-${step}-${c.workflow.seq}`,
    });
    try {
      await d.cases.update(c, { ...c, attention: { step, code: failure.code, message: failure.message, at, seq: c.workflow.seq }, updatedAt: at }, {
        at, actorId: systemActor.userId, actorName: systemActor.displayName, action: 'case.attention',
        summary: `Necesită atenție: ${stepLabels[step]} nu s-a făcut (${failure.code}). ${failure.message}`,
        detail: { step, code: failure.code },
      }, [mail.item]);
    } catch (e) {
      if (e instanceof CaseConflictError || e instanceof TransactionConflictError) continue;
      throw e;
    }
    await deliverOutbox(d, mail.record).catch((err: unknown) => logger.warn('mail delivery deferred', { outboxId: mail.id, error: (err as Error).message }));
    return { flagged: true };
  }
  throw new Error(`could not flag case ${caseId}`);
}

/** The step succeeded (later, or on another attempt): the case no longer needs attention for it. */
export async function clearAttention(d: PathwayDeps, caseId: string, step: 'enrol_from_plan'): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.cases.get(caseId);
    if (!c || c.attention?.step !== step) return;
    const at = d.now().toISOString();
    try {
      await d.cases.update(c, { ...c, attention: undefined, updatedAt: at }, {
        at, actorId: systemActor.userId, actorName: systemActor.displayName, action: 'case.attention.cleared',
        summary: `Nu mai necesită atenție: ${stepLabels[step]} s-a făcut.`, detail: { step },
      });
      return;
    } catch (e) {
      if (e instanceof CaseConflictError) continue;
      throw e;
    }
  }
}

const stepLabels: Record<'enrol_from_plan', string> = { enrol_from_plan: 'înscrierea în serviciile planului aprobat' };
