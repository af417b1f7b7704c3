/**
 * Chaining of bounded executions: each workflow covers one phase (intake, one review cycle, reintegration, transfer,
 * closure) and ends by starting the next. The case records the current execution; the execution name
 * `<caseId>-<seq>` makes a repeated start (retry, duplicate delivery) return the same execution.
 */
import type { CaseRecord } from './model.js';
import { CaseConflictError, systemActor } from './store.js';
import type { PathwayDeps } from './deps.js';

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

