/**
 * Segment running in the local Step Functions executor. A segment is one engine run (aws-local-stepfunctions) that
 * starts at a top-level state with that state's raw input; it ends when the execution ends or when a task handler
 * parks it (callbacks.ts, timers.ts). Every Task state has a local handler here, so the engine never reaches for
 * AWS; the engine's events become the execution's history and its position (the state to carry on from).
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { resourceParts, segmentDefinition, type Definition, type TaskInfo } from './definition.js';
import {
  isValidName,
  json,
  Parked,
  SfnError,
  taskError,
  tick,
  type EngineEvent,
  type Exec,
  type JsonValue,
  type LocalHandlers,
  type Machine,
  type Runtime,
  type Segment,
  type SegmentStart,
} from './runtime.js';
import type { ExecutionRecord } from './store.js';
import { callbackNested, callbackTopLevel } from './callbacks.js';
import { applyOutcome, callFunction, invokeParams, scheduled, succeeded } from './tasks.js';
import { armExecutionTimeout, waitNested, waitTopLevel } from './timers.js';

/** StartExecution (also a child's, from a startExecution task): idempotent for the same name and input while it runs. */
export function startExecution(rt: Runtime, machine: Machine, name: string | undefined, inputText: string): ExecutionRecord {
  const execName = name ?? randomUUID();
  const arn = rt.executionArn(machine, execName);
  const existing = rt.execs.get(arn);
  if (existing) {
    const same = existing.rec.status === 'RUNNING' && isDeepStrictEqual(JSON.parse(existing.rec.input), JSON.parse(inputText));
    if (same) return existing.rec;
    throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }
  const now = Date.now();
  const rec: ExecutionRecord = {
    version: 1,
    executionArn: arn,
    stateMachineArn: machine.arn,
    stateMachineName: machine.name,
    name: execName,
    input: inputText,
    status: 'RUNNING',
    startDate: now,
    nestedTokens: [],
    closedTokens: [],
    history: [],
  };
  if (machine.prepared.timeoutSeconds !== undefined) rec.timeoutAt = now + machine.prepared.timeoutSeconds * 1000;
  const exec: Exec = { rec, machine, pendingResume: false, timers: new Set(), nestedWaits: new Map() };
  rt.addEvent(exec, 'ExecutionStarted', ['executionStartedEventDetails', { input: inputText, inputDetails: { truncated: false }, roleArn: rt.roleArn() }]);
  rt.execs.set(arn, exec);
  rt.save(exec);
  rt.o.log('sfn.execution.started', { executionArn: arn });
  armExecutionTimeout(rt, exec);
  void runSegment(rt, exec, machine.prepared.engine.StartAt, JSON.parse(inputText), { fresh: true });
  return rec;
}

function context(rt: Runtime, exec: Exec): Record<string, unknown> {
  const rec = exec.rec;
  return {
    Execution: {
      Id: rec.executionArn,
      Name: rec.name,
      RoleArn: rt.roleArn(),
      VatraInput: JSON.parse(rec.input),
      VatraStartTime: new Date(rec.startDate).toISOString(),
    },
    StateMachine: { Id: exec.machine.arn, Name: exec.machine.name },
  };
}

export async function runSegment(rt: Runtime, exec: Exec, startState: string, input: unknown, o: SegmentStart): Promise<void> {
  if (rt.closed || exec.rec.status !== 'RUNNING') return;
  const engineDef = exec.machine.prepared.engine;
  let def: Definition;
  try {
    def = o.fresh
      ? engineDef
      : segmentDefinition(engineDef, startState, {
          ...(o.retries ? { retries: o.retries } : {}),
          timeOutStartState: o.pending?.outcome.kind === 'timeout' && o.pending.outcome.error === 'States.Timeout',
        });
  } catch (e) {
    // e.g. the ASL changed between runs and the stored state is gone
    rt.finish(exec, 'FAILED', { error: 'States.Runtime', cause: (e as Error).message });
    return;
  }
  const seg: Segment = {
    startState,
    def,
    active: true,
    suspended: false,
    dead: false,
    inflight: 0,
    blocked: 0,
    skipFirstEntered: o.skipFirstEntered ?? false,
    sawFirstEntered: false,
    waiters: new Set(),
    ...(o.pending ? { pending: o.pending } : {}),
    ...(o.reuseToken ? { reuseToken: o.reuseToken } : {}),
  };
  if (exec.segment) rt.kill(exec.segment);
  exec.segment = seg;
  // Every Task state has a local handler, so the engine never reaches for AWS.
  const handlers: LocalHandlers = {};
  for (const name of exec.machine.prepared.tasks.keys()) {
    handlers[name] = (taskInput) => handleTask(rt, exec, seg, name, taskInput) as Promise<JsonValue>;
  }
  const machine = new StateMachine(def as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  const run = machine.run(input as JsonValue, { overrides: { taskResourceLocalHandlers: handlers }, context: context(rt, exec) });
  seg.run = run;
  rt.notify();
  const consumed = consume(rt, exec, seg, run.eventLogs);
  try {
    const output = await run.result;
    await consumed;
    if (!seg.dead && !seg.suspended) rt.finish(exec, 'SUCCEEDED', { output: json(output) });
  } catch (e) {
    await consumed.catch(() => undefined);
    if (!seg.dead && !seg.suspended) {
      const cause = e instanceof ExecutionError && e.cause instanceof Error ? e.cause : e instanceof Error ? e : new Error(String(e));
      // A Fail state without Error/Cause, or a SendTaskFailure without them, leaves them unset as in AWS.
      const error = cause.name === 'FailStateError' ? '' : cause.name;
      const message = cause.message === 'Execution failed because of a Fail state' ? '' : cause.message;
      rt.finish(exec, 'FAILED', { ...(error ? { error } : {}), ...(message ? { cause: message } : {}) });
    }
  } finally {
    seg.active = false;
    if (exec.segment === seg) delete exec.segment;
    rt.notify();
  }
}

async function consume(rt: Runtime, exec: Exec, seg: Segment, events: AsyncGenerator<EngineEvent>): Promise<void> {
  for await (const ev of events) {
    if (seg.dead || rt.closed || exec.rec.status !== 'RUNNING') continue;
    onEngineEvent(rt, exec, seg, ev);
  }
}

function onEngineEvent(rt: Runtime, exec: Exec, seg: Segment, ev: EngineEvent): void {
  const rec = exec.rec;
  const p = exec.machine.prepared;
  if (!('state' in ev) && !('parentState' in ev)) return;
  if ('parentState' in ev && 'index' in ev) {
    rt.addEvent(exec, ev.type, ['mapIterationEventDetails', { name: ev.parentState.name, index: ev.index }]);
    rt.save(exec);
    return;
  }
  if (!('state' in ev)) return;
  const name = ev.state.name;
  const type = p.stateTypes.get(name) ?? ev.state.type;
  const top = p.topLevel.has(name);
  switch (ev.type) {
    case 'StateEntered': {
      if (top) {
        if (seg.skipFirstEntered && !seg.sawFirstEntered && name === seg.startState) {
          seg.sawFirstEntered = true;
          return;
        }
        seg.sawFirstEntered = true;
        rec.position = { state: name, input: ev.state.input, enteredAt: ev.timestamp, retries: [] };
        delete rec.resume;
      }
      rt.addEvent(exec, `${type}StateEntered`, ['stateEnteredEventDetails', { name, input: json(ev.state.input), inputDetails: { truncated: false } }], ev.timestamp);
      break;
    }
    case 'StateExited':
      rt.addEvent(exec, `${type}StateExited`, ['stateExitedEventDetails', { name, output: json(ev.state.output), outputDetails: { truncated: false } }], ev.timestamp);
      break;
    case 'StateRetried': {
      if (!top || rec.position?.state !== name) return;
      const retriers = seg.def.States[name]?.Retry;
      const i = Array.isArray(retriers) ? retriers.indexOf(ev.retry.retrier) : -1;
      if (i < 0) return;
      rec.position.retries[i] = (rec.position.retries[i] ?? 0) + 1;
      break;
    }
    case 'StateFailed': {
      if (type === 'Task') {
        const info = p.tasks.get(name);
        const parts = resourceParts(info?.resource ?? '');
        const cause = typeof ev.Cause === 'string' ? ev.Cause : json(ev.Cause);
        const timeout = ev.Error === 'States.Timeout' || ev.Error === 'States.HeartbeatTimeout';
        rt.addEvent(exec, timeout ? 'TaskTimedOut' : 'TaskFailed', [timeout ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails', { ...parts, error: ev.Error, cause }]);
      } else if (type === 'Map' || type === 'Parallel') {
        rt.addEvent(exec, `${type}StateFailed`);
      } else return;
      break;
    }
    default:
      return;
  }
  rt.save(exec);
}

async function handleTask(rt: Runtime, exec: Exec, seg: Segment, name: string, input: unknown): Promise<unknown> {
  seg.inflight++;
  try {
    // Let the event consumer catch up: the StateEntered of this state (with its raw input) is recorded first.
    await tick();
    if (seg.dead) throw new Parked();
    const info = exec.machine.prepared.tasks.get(name)!;
    if (seg.pending?.state === name) {
      const outcome = seg.pending.outcome;
      delete seg.pending;
      return await applyOutcome(rt, exec, info, outcome);
    }
    if (info.topLevel && exec.rec.resume) {
      // A new attempt (a Retry): the delivered outcome has been used up.
      delete exec.rec.resume;
      rt.save(exec);
    }
    switch (info.kind) {
      case 'invoke':
        return await invokeIntegration(rt, exec, seg, info, input);
      case 'lambda':
        return await invokeLambdaArn(rt, exec, seg, info, input);
      case 'startExecution':
        return startChild(rt, exec, info, input);
      case 'callback':
        return info.topLevel ? await callbackTopLevel(rt, exec, seg, info, input) : await callbackNested(rt, exec, seg, info, input);
      case 'wait':
        return info.topLevel ? await waitTopLevel(rt, exec, seg, info, input) : await waitNested(rt, seg, input);
      default:
        scheduled(rt, exec, info, input);
        throw taskError(
          'Vatra.UnmappedResource',
          `The local Step Functions service has no mapping for resource '${info.resource}' (state '${name}'); it never calls AWS.`,
        );
    }
  } finally {
    seg.inflight--;
    rt.notify();
  }
}

async function invokeIntegration(rt: Runtime, exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
  const p = invokeParams(info, input);
  scheduled(rt, exec, info, input);
  const payload = await callFunction(rt, seg, p.FunctionName, p.Payload);
  const output = { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
  succeeded(rt, exec, info, output);
  return output;
}

async function invokeLambdaArn(rt: Runtime, exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
  scheduled(rt, exec, info, input);
  const output = await callFunction(rt, seg, info.resource, input);
  succeeded(rt, exec, info, output);
  return output;
}

function startChild(rt: Runtime, exec: Exec, info: TaskInfo, input: unknown): unknown {
  const p = (input ?? {}) as { StateMachineArn?: unknown; Name?: unknown; Input?: unknown };
  scheduled(rt, exec, info, input);
  const target = typeof p.StateMachineArn === 'string' ? rt.o.machines.get(p.StateMachineArn) : undefined;
  if (!target) throw taskError('StepFunctions.StateMachineDoesNotExistException', `State Machine Does Not Exist: '${String(p.StateMachineArn)}'`);
  if (p.Name !== undefined && (typeof p.Name !== 'string' || !isValidName(p.Name))) {
    throw taskError('StepFunctions.InvalidNameException', `Invalid Name: '${String(p.Name)}'`);
  }
  let inputText: string;
  if (p.Input === undefined) inputText = '{}';
  else if (typeof p.Input === 'string') {
    try {
      JSON.parse(p.Input);
    } catch {
      throw taskError('StepFunctions.InvalidExecutionInputException', 'Invalid State Machine Execution Input');
    }
    inputText = p.Input;
  } else inputText = JSON.stringify(p.Input);
  let child: ExecutionRecord;
  try {
    child = startExecution(rt, target, p.Name as string | undefined, inputText);
  } catch (e) {
    if (e instanceof SfnError) throw taskError(`StepFunctions.${e.type}Exception`, e.message);
    throw e;
  }
  const output = { ExecutionArn: child.executionArn, StartDate: child.startDate };
  succeeded(rt, exec, info, output);
  return output;
}
