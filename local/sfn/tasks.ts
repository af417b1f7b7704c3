/**
 * What every task handler of the local Step Functions executor does: record TaskScheduled / TaskSucceeded, call a
 * function (its error reported as Lambda reports it), read an invoke's parameters, and apply a stored outcome.
 */
import { resourceParts, type TaskInfo } from './definition.js';
import { functionError, json, Parked, taskError, type Exec, type Runtime, type Segment } from './runtime.js';
import type { Outcome } from './store.js';

export function scheduled(rt: Runtime, exec: Exec, info: TaskInfo, parameters: unknown, extra: Record<string, unknown> = {}): void {
  rt.addEvent(exec, 'TaskScheduled', [
    'taskScheduledEventDetails',
    { ...resourceParts(info.resource), region: rt.o.region, parameters: json(parameters), ...extra },
  ]);
  rt.save(exec);
}

export function succeeded(rt: Runtime, exec: Exec, info: TaskInfo, output: unknown): void {
  rt.addEvent(exec, 'TaskSucceeded', ['taskSucceededEventDetails', { ...resourceParts(info.resource), output: json(output) }]);
  rt.save(exec);
}

export async function callFunction(rt: Runtime, seg: Segment, functionName: string, payload: unknown): Promise<unknown> {
  let result: unknown;
  try {
    result = await rt.o.invokeFunction(functionName, payload);
  } catch (e) {
    if (seg.dead) throw new Parked();
    throw functionError(e);
  }
  if (seg.dead) throw new Parked();
  return result === undefined ? null : result;
}

export function invokeParams(info: TaskInfo, input: unknown): { FunctionName: string; Payload: unknown } {
  const p = input as { FunctionName?: unknown; Payload?: unknown } | null;
  if (!p || typeof p !== 'object' || typeof p.FunctionName !== 'string' || !p.FunctionName) {
    throw taskError('States.Runtime', `State '${info.name}': the Parameters of ${info.resource} need a FunctionName.`);
  }
  return { FunctionName: p.FunctionName, Payload: p.Payload === undefined ? {} : p.Payload };
}

/** The stored outcome of a parked task, as the engine should see it: its output, or the error it raises. */
export function applyOutcome(rt: Runtime, exec: Exec, info: TaskInfo, outcome: Outcome): Promise<unknown> | unknown {
  if (outcome.kind === 'success') {
    if (info.kind === 'callback') {
      rt.addEvent(exec, 'TaskSucceeded', ['taskSucceededEventDetails', { ...resourceParts(info.resource), output: json(outcome.output) }]);
      rt.save(exec);
    }
    return outcome.output;
  }
  if (outcome.kind === 'failure') throw taskError(outcome.error, outcome.cause);
  if (outcome.error === 'States.HeartbeatTimeout') throw taskError('States.HeartbeatTimeout', 'Task heartbeat timed out');
  // States.Timeout: the segment's copy gives this state a 1 ms timeout; let the engine raise its own error.
  return new Promise((resolve) => setTimeout(() => resolve(null), 100).unref());
}
