/**
 * wf-subsidy: the steps of the `monthly-run` workflow (lambda:invoke Payload `{ action, … }`). Each step returns the
 * workflow's next state; see workflows/monthly-run/README.md.
 */
import { z } from 'zod';
import { logger, withInvocationLog } from '../../shared/platform/log.js';
import { subsidyDeps } from '../../shared/subsidies/deps.js';
import type { RunState } from '../../shared/subsidies/steps.js';

// the steps' code (the evaluation, the totals, the mails) is loaded by the first invocation, as wf-case's actions are:
// a cold start compiles the handler and the SDK client (docs/decisions/018-performance.md, session 8)
const steps = () => import('../../shared/subsidies/steps.js');

// each schema is built once and reused (a schema is immutable): a cold start builds every one of them, and
// `z.number().int().nonnegative()` written out is five objects each time (decision 018, Session 14)
const text = z.string();
const flag = z.boolean();
const cursor = text.nullable();
const runId = text.regex(/^\d{4}-\d{2}-\d{1,3}$/);
const lei = z.number();
const count = lei.int().nonnegative();
const name = text.min(1);
const optionalText = text.optional();
const state = z.object({ runId, month: text }).passthrough();
const loop = z.object({
  phase: z.enum(['children', 'corrections']), cursor, page: count,
  evaluated: count, lastCaseId: cursor, done: flag,
});
const freezeState = z.object({ segment: count, offset: count, page: count, summaries: count, done: flag, places: flag });
const pay = z.object({
  cursor, page: count, paid: count, paidLei: lei,
  recoveredLei: lei, dropped: count, marked: count, done: flag,
});

const eventSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('claim'),
    executionName: name,
    input: z.union([
      z.object({ trigger: z.literal('schedule'), scheduledTime: z.iso.datetime({ offset: true }), deliveryId: optionalText }),
      z.object({ trigger: z.literal('api'), runId, month: text }),
    ]),
  }),
  z.object({ action: z.literal('freeze'), state: state.extend({ freeze: freezeState.optional() }) }),
  z.object({ action: z.literal('evaluateSegment'), runId, segment: z.object({ runId, index: count, from: name, to: name, places: flag }) }),
  z.object({ action: z.literal('evaluateBatch'), state: state.extend({ loop }) }),
  z.object({ action: z.literal('summarize'), state }),
  z.object({ action: z.literal('requestApproval'), runId, taskToken: name }),
  z.object({ action: z.literal('finishRejected'), state }),
  z.object({ action: z.literal('markPaid'), state: state.extend({ pay }) }),
  z.object({ action: z.literal('complete'), state }),
  z.object({ action: z.literal('fail'), runId, error: z.object({ Error: optionalText, Cause: optionalText }).optional() }),
]);

async function handle(event: unknown) {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    // a malformed payload is a definition bug: fail the state with a named error, never guess
    const err = new Error(`invalid workflow payload: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    err.name = 'Vatra.InvalidPayload';
    throw err;
  }
  const e = parsed.data;
  const d = subsidyDeps();
  logger.info('subsidy step', { action: e.action, runId: 'runId' in e ? e.runId : 'state' in e ? e.state.runId : undefined });
  const s = await steps();
  switch (e.action) {
    case 'claim':
      return s.claim(d, e.input.trigger === 'api'
        ? { trigger: 'api', runId: e.input.runId, executionName: e.executionName }
        : { trigger: 'schedule', scheduledTime: e.input.scheduledTime, deliveryId: e.input.deliveryId, executionName: e.executionName });
    case 'freeze':
      return s.freeze(d, e.state as RunState);
    case 'evaluateSegment':
      return s.evaluateSegment(d, { runId: e.runId, segment: e.segment });
    case 'evaluateBatch':
      return s.evaluateBatch(d, e.state as RunState);
    case 'summarize':
      return s.summarize(d, e.state as RunState);
    case 'requestApproval':
      return s.requestApproval(d, { runId: e.runId, taskToken: e.taskToken });
    case 'finishRejected':
      return s.finishRejected(d, e.state as RunState);
    case 'markPaid':
      return s.markPaid(d, e.state as RunState);
    case 'complete':
      return s.complete(d, e.state as RunState);
    case 'fail':
      return s.recordFailure(d, { runId: e.runId, error: e.error });
  }
}

/** Log lines of an invocation name its request and function. */
export const handler = withInvocationLog(handle);
