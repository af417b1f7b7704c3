/**
 * wf-case: the Lambda the pathway workflows call (lambda:invoke Payload). Actions:
 * - openTask (waitForTaskToken): create the human task with its due date, move the case to its stage, notify;
 * - startNext: start the next bounded execution of the chain and record it on the case;
 * - enrolFromPlan: after a plan approval, enrol the child in the plan's services (idempotent; full groups → waiting list);
 * - finalizeClosure: close the case and end its open enrolments (places go to the waiting list).
 */
import { z } from 'zod';
import { taskKinds } from '../../shared/cases/config.js';
import { deps } from '../../shared/cases/deps.js';
import { openTask } from '../../shared/cases/tasks.js';
import { finalizeClosure, startWorkflow } from '../../shared/cases/workflow.js';
import { logger, withInvocationLog } from '../../shared/platform/log.js';
import { enrolFromPlan, endEnrolmentsOfCase } from '../../shared/services/index.js';
import { systemActor } from '../../shared/cases/store.js';

const eventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('openTask'), caseId: z.string().min(1), kind: z.enum(taskKinds), taskToken: z.string().min(1), executionArn: z.string().min(1) }),
  z.object({ action: z.literal('startNext'), caseId: z.string().min(1), workflow: z.enum(['case-intake', 'review-cycle', 'reintegration', 'transfer', 'closure']), seq: z.number().int().positive(), reviewKind: z.enum(['review', 'monitoring_review']).optional() }),
  z.object({ action: z.literal('enrolFromPlan'), caseId: z.string().min(1) }),
  z.object({ action: z.literal('finalizeClosure'), caseId: z.string().min(1) }),
]);

async function handle(event: unknown) {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    // A malformed workflow payload is a definition bug: fail the state with a named error, never guess.
    const err = new Error(`invalid workflow payload: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    err.name = 'Vatra.InvalidPayload';
    throw err;
  }
  const e = parsed.data;
  logger.info('workflow step', { action: e.action, caseId: e.caseId });
  const d = deps();
  switch (e.action) {
    case 'openTask':
      return openTask(d, { caseId: e.caseId, kind: e.kind, taskToken: e.taskToken, executionArn: e.executionArn });
    case 'startNext': {
      const c = await startWorkflow(d, e.caseId, e.workflow, e.seq, e.reviewKind ? { reviewKind: e.reviewKind } : {});
      return { workflow: e.workflow, seq: e.seq, executionArn: c?.workflow.executionArn ?? null };
    }
    case 'enrolFromPlan': {
      const r = await enrolFromPlan(d, e.caseId, systemActor);
      // outcomes only (service, group, enrolled / waiting): no personal data travels in the execution history
      return { results: r.results.map((x) => ({ serviceId: x.serviceId, groupId: x.groupId ?? null, outcome: x.outcome })), ended: r.ended.length };
    }
    case 'finalizeClosure': {
      // places are given back first (the waiting list moves on), then the case closes: 'case closed' is its last entry
      const ended = await endEnrolmentsOfCase(d, e.caseId, systemActor);
      const c = await finalizeClosure(d, e.caseId);
      return { status: c.status, closedAt: c.closedAt ?? null, enrolmentsEnded: ended.length };
    }
  }
}

/** Log lines of an invocation name its request and function. */
export const handler = withInvocationLog(handle);
