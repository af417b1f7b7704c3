/**
 * wf-case: the Lambda the pathway workflows call (lambda:invoke Payload). Actions:
 * - openTask (waitForTaskToken): create the human task with its due date, move the case to its stage, notify;
 * - startNext: start the next bounded execution of the chain and record it on the case;
 * - settleTask: after a human task's callback, close the task if it is still open (a callback sent outside the app);
 * - enrolFromPlan: after a plan approval, enrol the child in the plan's services (idempotent; full groups → waiting list).
 *   A refusal of the pathway's rules (no approved plan, a closed case, …) fails with `Vatra.StepRefused`, which the
 *   workflow does not retry; anything else with `Vatra.Transient`, retried with backoff;
 * - flagAttention: the Catch of a step that failed for good: the case is flagged "needs attention", its coordinators told;
 * - finalizeClosure: close the case and end its open enrolments (places go to the waiting list).
 */
import { z } from 'zod';
import { taskKinds } from '../../shared/cases/config.js';
import { deps } from '../../shared/cases/deps.js';
import { stepError } from './step-error.js';
import { logger, withInvocationLog } from '../../shared/platform/log.js';
import { systemActor } from '../../shared/cases/store.js';

// each action's code is loaded by its first invocation (a cold start compiles the step it serves): the task forms
// (tasks.ts), the workflow chain (workflow.ts) and the services area are chunks (docs/decisions/018-performance.md)
const tasks = () => import('../../shared/cases/tasks.js');
const workflow = () => import('../../shared/cases/workflow.js');
const services = () => import('../../shared/services/index.js');

const eventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('openTask'), caseId: z.string().min(1), kind: z.enum(taskKinds), taskToken: z.string().min(1), executionArn: z.string().min(1) }),
  z.object({ action: z.literal('startNext'), caseId: z.string().min(1), workflow: z.enum(['case-intake', 'review-cycle', 'reintegration', 'transfer', 'closure']), seq: z.number().int().positive(), reviewKind: z.enum(['review', 'monitoring_review']).optional() }),
  z.object({ action: z.literal('enrolFromPlan'), caseId: z.string().min(1) }),
  z.object({ action: z.literal('settleTask'), caseId: z.string().min(1), kind: z.enum(taskKinds), executionArn: z.string().min(1) }),
  z.object({ action: z.literal('flagAttention'), caseId: z.string().min(1), step: z.literal('enrol_from_plan'), error: z.string().max(256).optional(), cause: z.string().max(32_768).optional() }),
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
    case 'openTask': {
      const { openTask } = await tasks();
      return openTask(d, { caseId: e.caseId, kind: e.kind, taskToken: e.taskToken, executionArn: e.executionArn });
    }
    case 'startNext': {
      const c = await (await workflow()).startWorkflow(d, e.caseId, e.workflow, e.seq, e.reviewKind ? { reviewKind: e.reviewKind } : {});
      return { workflow: e.workflow, seq: e.seq, executionArn: c?.workflow.executionArn ?? null };
    }
    case 'settleTask':
      return (await workflow()).settleDeliveredTasks(d, e.caseId, { executionArn: e.executionArn, kind: e.kind });
    case 'flagAttention': {
      const { flagAttention, failureOf } = await workflow();
      return flagAttention(d, e.caseId, e.step, failureOf(e.error, e.cause));
    }
    case 'enrolFromPlan': {
      const [{ enrolFromPlan }, { clearAttention }] = await Promise.all([services(), workflow()]);
      let r: Awaited<ReturnType<typeof enrolFromPlan>>;
      try {
        r = await enrolFromPlan(d, e.caseId, systemActor);
      } catch (err) {
        throw stepError(err);
      }
      // best effort: the child is enrolled; a failure to lift an old flag must not report the enrolment as failed
      await clearAttention(d, e.caseId, 'enrol_from_plan').catch((err: unknown) => logger.warn('attention flag not cleared', { caseId: e.caseId, error: (err as Error)?.name }));
      // outcomes only (service, group, enrolled / waiting): no personal data travels in the execution history
      return { results: r.results.map((x) => ({ serviceId: x.serviceId, groupId: x.groupId ?? null, outcome: x.outcome })), ended: r.ended.length };
    }
    case 'finalizeClosure': {
      // places are given back first (the waiting list moves on), then the case closes: 'case closed' is its last entry
      const [{ endEnrolmentsOfCase }, { finalizeClosure }] = await Promise.all([services(), workflow()]);
      const ended = await endEnrolmentsOfCase(d, e.caseId, systemActor);
      const c = await finalizeClosure(d, e.caseId);
      return { status: c.status, closedAt: c.closedAt ?? null, enrolmentsEnded: ended.length };
    }
  }
}

/** Log lines of an invocation name its request and function. */
export const handler = withInvocationLog(handle);
