/**
 * Callbacks (`.waitForTaskToken`) in the local Step Functions executor: the token is issued and saved before the
 * function sees it; a top-level callback task parks the execution once its function returned, one inside a Map or
 * Parallel blocks its branch in memory. SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat arrive here.
 */
import { StateMachine, ExecutionError } from 'aws-local-stepfunctions';
import { injectToken, resourceParts, type TaskInfo } from './definition.js';
import { json, Parked, SfnError, taskError, type Deferred, type Exec, type JsonValue, type Runtime, type Segment } from './runtime.js';
import type { Outcome, Waiting } from './store.js';
import { applyOutcome, callFunction, invokeParams, scheduled, succeeded } from './tasks.js';
import { armCallbackTimer, deliver } from './timers.js';

const timedOut = () => new SfnError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");

function execFor(rt: Runtime, token: string): Exec {
  const arn = rt.tokens.get(token);
  const exec = arn ? rt.execs.get(arn) : undefined;
  if (!exec) throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist');
  if (exec.rec.status !== 'RUNNING' || exec.rec.closedTokens.includes(token)) throw timedOut();
  return exec;
}

/** SendTaskSuccess / SendTaskFailure. */
export function sendOutcome(rt: Runtime, token: string, outcome: Outcome): void {
  const exec = execFor(rt, token);
  const rec = exec.rec;
  const nested = exec.nestedWaits.get(token);
  if (nested && rec.nestedTokens.includes(token)) {
    rt.closeToken(exec, token);
    rt.save(exec);
    exec.nestedWaits.delete(token);
    if (outcome.kind === 'success') nested.resolve(outcome.output);
    else nested.reject(outcome.kind === 'failure' ? taskError(outcome.error, outcome.cause) : taskError(outcome.error, 'timeout'));
    return;
  }
  const w = rec.waiting;
  if (w?.kind !== 'callback' || w.token !== token || w.outcome) throw timedOut();
  if (w.phase === 'invoking') {
    // The function that received the token has not returned yet: its handler picks the outcome up.
    w.outcome = outcome;
    rt.closeToken(exec, token);
    rt.save(exec);
    return;
  }
  deliver(rt, exec, w, outcome);
}

/** SendTaskHeartbeat. */
export function heartbeat(rt: Runtime, token: string): void {
  const exec = execFor(rt, token);
  const w = exec.rec.waiting;
  if (exec.rec.nestedTokens.includes(token)) return;
  if (w?.kind !== 'callback' || w.token !== token || w.outcome) throw timedOut();
  if (w.heartbeatSeconds !== undefined) {
    w.heartbeatAt = Date.now() + w.heartbeatSeconds * 1000;
    rt.save(exec);
    if (w.phase === 'suspended') armCallbackTimer(rt, exec);
  }
}

/** Evaluates TimeoutSecondsPath / HeartbeatSecondsPath on the state input, with the engine's own JSONPath. */
async function pathNumber(path: string, input: unknown, what: string): Promise<number> {
  const probe = new StateMachine(
    { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': path }, End: true } } },
    { validationOptions: { noValidate: true } },
  );
  let out: { v?: unknown };
  try {
    out = (await probe.run(input as JsonValue).result) as { v?: unknown };
  } catch (e) {
    const cause = e instanceof ExecutionError && e.cause instanceof Error ? e.cause : (e as Error);
    throw taskError('States.Runtime', `${what} '${path}': ${cause.message}`);
  }
  if (typeof out.v !== 'number' || !Number.isInteger(out.v) || out.v < 1) {
    throw taskError('States.Runtime', `${what} '${path}' must point to a positive integer.`);
  }
  return out.v;
}

/** A top-level callback task: token saved, function called, then parked until the outcome (or a timeout) arrives. */
export async function callbackTopLevel(rt: Runtime, exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
  const rec = exec.rec;
  const pos = rec.position;
  if (!pos || pos.state !== info.name) throw taskError('States.Runtime', `State '${info.name}': position not recorded.`);
  const p = invokeParams(info, input);
  const timeoutSeconds =
    info.timeoutSeconds ?? (info.timeoutSecondsPath ? await pathNumber(info.timeoutSecondsPath, pos.input, 'TimeoutSecondsPath') : undefined);
  const heartbeatSeconds =
    info.heartbeatSeconds ?? (info.heartbeatSecondsPath ? await pathNumber(info.heartbeatSecondsPath, pos.input, 'HeartbeatSecondsPath') : undefined);
  if (seg.dead) throw new Parked();
  let token: string;
  if (seg.reuseToken?.state === info.name) {
    token = seg.reuseToken.token;
    delete seg.reuseToken;
  } else token = rt.mintToken(exec);
  const since = Date.now();
  const w: Waiting = { kind: 'callback', state: info.name, token, input: pos.input, since, phase: 'invoking' };
  if (timeoutSeconds !== undefined) w.timeoutAt = since + timeoutSeconds * 1000;
  if (heartbeatSeconds !== undefined) {
    w.heartbeatSeconds = heartbeatSeconds;
    w.heartbeatAt = since + heartbeatSeconds * 1000;
  }
  rec.waiting = w;
  const withToken = injectToken(input, token);
  scheduled(rt, exec, info, withToken, {
    ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
    ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
  }); // saves the record: the token is durable before the function can see it
  let response: unknown;
  try {
    response = await callFunction(rt, seg, p.FunctionName, injectToken(p.Payload, token));
  } catch (e) {
    if (rec.waiting === w) {
      delete rec.waiting;
      rt.closeToken(exec, token);
      rt.save(exec);
    }
    throw e;
  }
  if (rec.waiting !== w) throw new Parked();
  rt.addEvent(exec, 'TaskSubmitted', [
    'taskSubmittedEventDetails',
    { ...resourceParts(info.resource), output: json({ ExecutedVersion: '$LATEST', Payload: response, StatusCode: 200 }) },
  ]);
  if (w.outcome) {
    // The callback came while the function was still running: carry on in this segment.
    const outcome = w.outcome;
    delete rec.waiting;
    rec.resume = { state: w.state, input: w.input, outcome };
    rt.save(exec);
    return applyOutcome(rt, exec, info, outcome);
  }
  w.phase = 'suspended';
  rt.save(exec);
  armCallbackTimer(rt, exec);
  rt.park(exec, seg);
}

/** A callback task inside a Map or Parallel: its branch waits in memory for the outcome. */
export async function callbackNested(rt: Runtime, exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
  const rec = exec.rec;
  const p = invokeParams(info, input);
  const token = rt.mintToken(exec);
  rec.nestedTokens.push(token);
  let deferred!: Deferred;
  const result = new Promise<unknown>((resolve, reject) => {
    deferred = { resolve, reject };
  });
  result.catch(() => undefined);
  exec.nestedWaits.set(token, deferred);
  seg.waiters.add(deferred);
  scheduled(rt, exec, info, injectToken(input, token));
  try {
    await callFunction(rt, seg, p.FunctionName, injectToken(p.Payload, token));
  } catch (e) {
    exec.nestedWaits.delete(token);
    seg.waiters.delete(deferred);
    if (!seg.dead) {
      rt.closeToken(exec, token);
      rt.save(exec);
    }
    throw e;
  }
  seg.blocked++;
  rt.notify();
  try {
    const output = await result;
    if (seg.dead) throw new Parked();
    succeeded(rt, exec, info, output);
    return output;
  } finally {
    seg.blocked--;
    seg.waiters.delete(deferred);
    exec.nestedWaits.delete(token);
  }
}
