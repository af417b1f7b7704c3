/**
 * Runs executions of the local Step Functions service with the aws-local-stepfunctions engine, in SEGMENTS.
 *
 * A segment is one engine run that starts at a top-level state with that state's raw input. It ends when the
 * execution ends, or when it PARKS: a top-level `.waitForTaskToken` task whose function has returned, or a
 * top-level Wait state that has time left. Parking stores {state, input, token or deadline} in the execution
 * record and aborts the engine run; nothing of a parked execution lives in the engine. The callback (or the
 * timer) then starts a new segment at the same state whose task handler returns the stored outcome on its first
 * call, so ResultSelector / ResultPath / OutputPath / Retry / Catch apply exactly as in the engine.
 *
 * Durability: the record is saved on every top-level state entered (state + raw input), on every token issued
 * and on every outcome. After a crash `recover()` carries each RUNNING execution on from its record.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ExecutionError, StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import {
  injectToken,
  MAX_TIMER_SECONDS,
  resourceParts,
  segmentDefinition,
  type Definition,
  type PreparedDefinition,
  type TaskInfo,
} from './definition.js';
import type { ExecutionRecord, ExecutionStore, HistoryEvent, Outcome, Waiting } from './store.js';

export interface Machine {
  name: string;
  arn: string;
  definitionText: string;
  prepared: PreparedDefinition;
  createdAt: number;
}

export interface ExecutorOptions {
  region: string;
  account: string;
  store: ExecutionStore;
  machines: Map<string, Machine>;
  invokeFunction(functionName: string, payload: unknown): Promise<unknown>;
  log: (msg: string, data?: Record<string, unknown>) => void;
}

/** A request error of the Step Functions API (`type` is the AWS exception name). */
export class SfnError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
    this.name = type;
  }
}

type EngineRun = ReturnType<StateMachine['run']>;
type EngineEvent = EngineRun['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type JsonValue = Parameters<StateMachine['run']>[0];
type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

interface Deferred {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Segment {
  startState: string;
  def: Definition;
  run?: EngineRun;
  /** the engine run (and its event consumer) has not settled yet */
  active: boolean;
  /** parked on purpose: the record says how to carry on */
  suspended: boolean;
  /** abandoned (execution stopped, timed out, or service closed): must not touch the record any more */
  dead: boolean;
  /** task handlers running / of them, blocked on a callback or a Wait inside a Map or Parallel */
  inflight: number;
  blocked: number;
  /** a resumed segment: the engine re-enters the start state, which is not a new entry for the history */
  skipFirstEntered: boolean;
  sawFirstEntered: boolean;
  pending?: { state: string; outcome: Outcome };
  reuseToken?: { state: string; token: string };
  waiters: Set<Deferred>;
}

interface Exec {
  rec: ExecutionRecord;
  machine: Machine;
  segment?: Segment;
  /** a segment is about to start (a callback or timer has fired) */
  pendingResume: boolean;
  timers: Set<NodeJS.Timeout>;
  nestedWaits: Map<string, Deferred>;
}

/** Thrown by a task handler to end the engine run without any Retry or Catch applying (see the engine's RuntimeError). */
class Parked extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor() {
    super('Vatra.Parked');
    this.name = 'Vatra.Parked';
  }
}

function taskError(name: string, cause: string): Error {
  const e = new Error(cause);
  e.name = name;
  return e;
}

/** The Error / Cause AWS reports for a function that threw: its error type and a JSON cause like Lambda's. */
function functionError(e: unknown): Error {
  const name = e instanceof Error && e.name ? e.name : 'Error';
  const message = e instanceof Error ? e.message : String(e);
  return taskError(name, JSON.stringify({ errorType: name, errorMessage: message }));
}

const tick = () => new Promise<void>((r) => setImmediate(r));
const json = (v: unknown) => JSON.stringify(v ?? null);

export class Executor {
  readonly execs = new Map<string, Exec>();
  /** every token ever issued → its execution */
  private readonly tokens = new Map<string, string>();
  private closed = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly o: ExecutorOptions) {}

  // ---------------------------------------------------------------- records

  load(): void {
    for (const rec of this.o.store.loadAll()) {
      const machine = this.o.machines.get(rec.stateMachineArn);
      if (!machine) {
        this.o.log('sfn.execution.machine_missing', { executionArn: rec.executionArn, stateMachineArn: rec.stateMachineArn });
        continue;
      }
      this.execs.set(rec.executionArn, { rec, machine, pendingResume: false, timers: new Set(), nestedWaits: new Map() });
      for (const t of rec.closedTokens) this.tokens.set(t, rec.executionArn);
      for (const t of rec.nestedTokens) this.tokens.set(t, rec.executionArn);
      if (rec.waiting?.kind === 'callback') this.tokens.set(rec.waiting.token, rec.executionArn);
    }
  }

  private save(exec: Exec): void {
    if (this.closed) return;
    this.o.store.save(exec.rec);
  }

  private addEvent(exec: Exec, type: string, details?: [string, Record<string, unknown>], timestamp = Date.now()): void {
    const h = exec.rec.history;
    const id = h.length + 1;
    const ev: HistoryEvent = { id, previousEventId: id - 1, timestamp, type };
    if (details) ev[details[0]] = details[1];
    h.push(ev);
  }

  // ---------------------------------------------------------------- quiescence

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private busy(exec: Exec): boolean {
    if (exec.rec.status !== 'RUNNING') return false;
    if (exec.pendingResume) return true;
    const s = exec.segment;
    if (!s || !s.active || s.suspended || s.dead) return false;
    return !(s.inflight > 0 && s.inflight === s.blocked);
  }

  isIdle(): boolean {
    for (const e of this.execs.values()) if (this.busy(e)) return false;
    return true;
  }

  async idle(): Promise<void> {
    for (;;) {
      await tick();
      if (this.isIdle()) {
        await tick();
        if (this.isIdle()) return;
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          this.listeners.delete(done);
          clearTimeout(t);
          resolve();
        };
        const t = setTimeout(done, 25);
        this.listeners.add(done);
      });
    }
  }

  // ---------------------------------------------------------------- API operations

  executionArn(machine: Machine, name: string): string {
    return `arn:aws:states:${this.o.region}:${this.o.account}:execution:${machine.name}:${name}`;
  }

  start(machine: Machine, name: string | undefined, inputText: string): ExecutionRecord {
    const execName = name ?? randomUUID();
    const arn = this.executionArn(machine, execName);
    const existing = this.execs.get(arn);
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
    this.addEvent(exec, 'ExecutionStarted', [
      'executionStartedEventDetails',
      { input: inputText, inputDetails: { truncated: false }, roleArn: this.roleArn() },
    ]);
    this.execs.set(arn, exec);
    this.save(exec);
    this.o.log('sfn.execution.started', { executionArn: arn });
    this.armExecutionTimeout(exec);
    void this.runSegment(exec, machine.prepared.engine.StartAt, JSON.parse(inputText), { fresh: true });
    return rec;
  }

  roleArn(): string {
    return `arn:aws:iam::${this.o.account}:role/vatra-local-sfn`;
  }

  get(arn: string): ExecutionRecord | undefined {
    return this.execs.get(arn)?.rec;
  }

  list(machineArn: string): ExecutionRecord[] {
    return [...this.execs.values()].filter((e) => e.rec.stateMachineArn === machineArn).map((e) => e.rec);
  }

  stop(arn: string, error?: string, cause?: string): ExecutionRecord {
    const exec = this.execs.get(arn);
    if (!exec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    if (exec.rec.status === 'RUNNING') {
      this.finish(exec, 'ABORTED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    }
    return exec.rec;
  }

  /** SendTaskSuccess / SendTaskFailure. */
  sendOutcome(token: string, outcome: Outcome): void {
    const exec = this.execFor(token);
    const rec = exec.rec;
    const nested = exec.nestedWaits.get(token);
    if (nested && rec.nestedTokens.includes(token)) {
      this.closeToken(exec, token);
      this.save(exec);
      exec.nestedWaits.delete(token);
      if (outcome.kind === 'success') nested.resolve(outcome.output);
      else nested.reject(outcome.kind === 'failure' ? taskError(outcome.error, outcome.cause) : taskError(outcome.error, 'timeout'));
      return;
    }
    const w = rec.waiting;
    if (!w || w.kind !== 'callback' || w.token !== token || w.outcome) throw this.timedOut();
    if (w.phase === 'invoking') {
      // The function that received the token has not returned yet: its handler picks the outcome up.
      w.outcome = outcome;
      this.closeToken(exec, token);
      this.save(exec);
      return;
    }
    this.deliver(exec, w, outcome);
  }

  heartbeat(token: string): void {
    const exec = this.execFor(token);
    const w = exec.rec.waiting;
    if (exec.rec.nestedTokens.includes(token)) return;
    if (!w || w.kind !== 'callback' || w.token !== token || w.outcome) throw this.timedOut();
    if (w.heartbeatSeconds !== undefined) {
      w.heartbeatAt = Date.now() + w.heartbeatSeconds * 1000;
      this.save(exec);
      if (w.phase === 'suspended') this.armCallbackTimer(exec);
    }
  }

  private execFor(token: string): Exec {
    const arn = this.tokens.get(token);
    const exec = arn ? this.execs.get(arn) : undefined;
    if (!exec) throw new SfnError('TaskDoesNotExist', 'Task Does Not Exist');
    if (exec.rec.status !== 'RUNNING' || exec.rec.closedTokens.includes(token)) throw this.timedOut();
    return exec;
  }

  private timedOut(): SfnError {
    return new SfnError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  }

  private closeToken(exec: Exec, token: string): void {
    const rec = exec.rec;
    rec.nestedTokens = rec.nestedTokens.filter((t) => t !== token);
    if (!rec.closedTokens.includes(token)) rec.closedTokens.push(token);
  }

  private mintToken(exec: Exec): string {
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, exec.rec.executionArn);
    return token;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Carries every RUNNING execution on from its record (after a restart). */
  recoverAll(): void {
    for (const exec of this.execs.values()) if (exec.rec.status === 'RUNNING') this.recover(exec);
  }

  private recover(exec: Exec): void {
    const rec = exec.rec;
    const start = exec.machine.prepared.engine.StartAt;
    // Callbacks inside Map/Parallel states do not survive: the whole Map/Parallel state runs again.
    for (const t of rec.nestedTokens) this.closeToken(exec, t);
    this.armExecutionTimeout(exec);
    if (rec.status !== 'RUNNING') return;
    const at = rec.resume?.state ?? rec.waiting?.state ?? rec.position?.state;
    if (at !== undefined && !exec.machine.prepared.topLevel.has(at)) {
      // The ASL changed between runs (AWS pins a running execution to its definition; this store cannot).
      this.finish(exec, 'FAILED', { error: 'States.Runtime', cause: `State '${at}' no longer exists in the definition of '${exec.machine.name}'.` });
      return;
    }
    const retries = rec.position?.retries;
    const w = rec.waiting;
    if (w?.kind === 'callback' && w.outcome) {
      rec.resume = { state: w.state, input: w.input, outcome: w.outcome };
      delete rec.waiting;
    }
    this.save(exec);
    this.o.log('sfn.execution.recovered', { executionArn: rec.executionArn, state: rec.resume?.state ?? rec.waiting?.state ?? rec.position?.state ?? start });
    if (rec.resume) {
      const r = rec.resume;
      void this.runSegment(exec, r.state, r.input, { pending: { state: r.state, outcome: r.outcome }, retries, skipFirstEntered: true });
    } else if (w?.kind === 'callback' && w.phase === 'suspended') {
      this.armCallbackTimer(exec);
    } else if (w?.kind === 'callback') {
      // Crashed while the function that received the token was running: call it again with the SAME token.
      void this.runSegment(exec, w.state, w.input, { reuseToken: { state: w.state, token: w.token }, retries, skipFirstEntered: true });
    } else if (w?.kind === 'wait') {
      this.armWaitTimer(exec);
    } else if (rec.position) {
      void this.runSegment(exec, rec.position.state, rec.position.input, { retries, skipFirstEntered: true });
    } else {
      void this.runSegment(exec, start, JSON.parse(rec.input), { fresh: true });
    }
  }

  close(): void {
    this.closed = true;
    for (const exec of this.execs.values()) {
      for (const t of exec.timers) clearTimeout(t);
      exec.timers.clear();
      if (exec.segment) this.kill(exec.segment);
    }
    this.notify();
  }

  private kill(seg: Segment): void {
    if (seg.dead) return;
    seg.dead = true;
    seg.run?.abort();
    for (const w of seg.waiters) w.reject(new Parked());
    seg.waiters.clear();
  }

  private finish(
    exec: Exec,
    status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT',
    f: { output?: string; error?: string; cause?: string },
  ): void {
    const rec = exec.rec;
    if (rec.status !== 'RUNNING' || this.closed) return;
    rec.status = status;
    rec.stopDate = Date.now();
    if (f.output !== undefined) rec.output = f.output;
    if (f.error !== undefined) rec.error = f.error;
    if (f.cause !== undefined) rec.cause = f.cause;
    if (rec.waiting?.kind === 'callback') this.closeToken(exec, rec.waiting.token);
    for (const t of [...rec.nestedTokens]) this.closeToken(exec, t);
    delete rec.waiting;
    delete rec.resume;
    for (const t of exec.timers) clearTimeout(t);
    exec.timers.clear();
    if (exec.segment) this.kill(exec.segment);
    const errorDetails = { ...(f.error !== undefined ? { error: f.error } : {}), ...(f.cause !== undefined ? { cause: f.cause } : {}) };
    if (status === 'SUCCEEDED') {
      this.addEvent(exec, 'ExecutionSucceeded', ['executionSucceededEventDetails', { output: f.output, outputDetails: { truncated: false } }]);
    } else if (status === 'FAILED') {
      this.addEvent(exec, 'ExecutionFailed', ['executionFailedEventDetails', errorDetails]);
    } else if (status === 'ABORTED') {
      this.addEvent(exec, 'ExecutionAborted', ['executionAbortedEventDetails', errorDetails]);
    } else {
      this.addEvent(exec, 'ExecutionTimedOut', ['executionTimedOutEventDetails', errorDetails]);
    }
    this.save(exec);
    this.o.log('sfn.execution.finished', { executionArn: rec.executionArn, status, ...(f.error ? { error: f.error } : {}) });
    this.notify();
  }

  // ---------------------------------------------------------------- timers

  private setTimer(exec: Exec, at: number, fn: () => void): void {
    const delay = Math.max(0, at - Date.now());
    const t = setTimeout(
      () => {
        exec.timers.delete(t);
        if (this.closed || exec.rec.status !== 'RUNNING') return;
        // Delays beyond what setTimeout can hold are reached in steps.
        if (Date.now() < at) this.setTimer(exec, at, fn);
        else fn();
      },
      Math.min(delay, MAX_TIMER_SECONDS * 1000),
    );
    t.unref();
    exec.timers.add(t);
  }

  private armExecutionTimeout(exec: Exec): void {
    const at = exec.rec.timeoutAt;
    if (at === undefined || exec.rec.status !== 'RUNNING') return;
    if (at <= Date.now()) this.finish(exec, 'TIMED_OUT', { error: 'States.Timeout' });
    else this.setTimer(exec, at, () => this.finish(exec, 'TIMED_OUT', { error: 'States.Timeout' }));
  }

  private armWaitTimer(exec: Exec): void {
    const w = exec.rec.waiting;
    if (w?.kind !== 'wait') return;
    this.setTimer(exec, w.until, () => {
      if (exec.rec.waiting === w) this.deliver(exec, w, { kind: 'success', output: w.output });
    });
  }

  private armCallbackTimer(exec: Exec): void {
    const w = exec.rec.waiting;
    if (w?.kind !== 'callback' || w.phase !== 'suspended') return;
    const deadlines = [w.timeoutAt, w.heartbeatAt].filter((d): d is number => d !== undefined);
    if (deadlines.length === 0) return;
    const at = Math.min(...deadlines);
    const heartbeatAt = w.heartbeatAt;
    this.setTimer(exec, at, () => {
      if (exec.rec.waiting !== w) return;
      if (w.heartbeatAt !== heartbeatAt && (w.timeoutAt === undefined || w.timeoutAt > Date.now())) return; // a heartbeat re-armed it
      const timedOut = w.timeoutAt !== undefined && w.timeoutAt <= Date.now();
      this.deliver(exec, w, { kind: 'timeout', error: timedOut ? 'States.Timeout' : 'States.HeartbeatTimeout' });
    });
  }

  /** Ends a parked wait: the outcome is stored, then a segment carries on from the parked state. */
  private deliver(exec: Exec, w: Waiting, outcome: Outcome): void {
    const rec = exec.rec;
    if (w.kind === 'callback') this.closeToken(exec, w.token);
    delete rec.waiting;
    rec.resume = { state: w.state, input: w.input, outcome };
    this.save(exec);
    for (const t of exec.timers) clearTimeout(t);
    exec.timers.clear();
    this.armExecutionTimeout(exec);
    exec.pendingResume = true;
    this.notify();
    setImmediate(() => {
      exec.pendingResume = false;
      if (this.closed || rec.status !== 'RUNNING' || !rec.resume) return this.notify();
      const r = rec.resume;
      void this.runSegment(exec, r.state, r.input, { pending: { state: r.state, outcome: r.outcome }, retries: rec.position?.retries, skipFirstEntered: true });
    });
  }

  // ---------------------------------------------------------------- segments

  private context(exec: Exec): Record<string, unknown> {
    const rec = exec.rec;
    return {
      Execution: {
        Id: rec.executionArn,
        Name: rec.name,
        RoleArn: this.roleArn(),
        VatraInput: JSON.parse(rec.input),
        VatraStartTime: new Date(rec.startDate).toISOString(),
      },
      StateMachine: { Id: exec.machine.arn, Name: exec.machine.name },
    };
  }

  private async runSegment(
    exec: Exec,
    startState: string,
    input: unknown,
    o: {
      fresh?: boolean;
      pending?: { state: string; outcome: Outcome };
      reuseToken?: { state: string; token: string };
      retries?: number[] | undefined;
      skipFirstEntered?: boolean;
    },
  ): Promise<void> {
    if (this.closed || exec.rec.status !== 'RUNNING') return;
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
      this.finish(exec, 'FAILED', { error: 'States.Runtime', cause: (e as Error).message });
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
    if (exec.segment) this.kill(exec.segment);
    exec.segment = seg;
    // Every Task state has a local handler, so the engine never reaches for AWS.
    const handlers: LocalHandlers = {};
    for (const name of exec.machine.prepared.tasks.keys()) {
      handlers[name] = (taskInput) => this.handleTask(exec, seg, name, taskInput) as Promise<JsonValue>;
    }
    const machine = new StateMachine(def as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
    const run = machine.run(input as JsonValue, { overrides: { taskResourceLocalHandlers: handlers }, context: this.context(exec) });
    seg.run = run;
    this.notify();
    const consumed = this.consume(exec, seg, run.eventLogs);
    try {
      const output = await run.result;
      await consumed;
      if (!seg.dead && !seg.suspended) this.finish(exec, 'SUCCEEDED', { output: json(output) });
    } catch (e) {
      await consumed.catch(() => undefined);
      if (!seg.dead && !seg.suspended) {
        const cause = e instanceof ExecutionError && e.cause instanceof Error ? e.cause : e instanceof Error ? e : new Error(String(e));
        // A Fail state without Error/Cause, or a SendTaskFailure without them, leaves them unset as in AWS.
        const error = cause.name === 'FailStateError' ? '' : cause.name;
        const message = cause.message === 'Execution failed because of a Fail state' ? '' : cause.message;
        this.finish(exec, 'FAILED', { ...(error ? { error } : {}), ...(message ? { cause: message } : {}) });
      }
    } finally {
      seg.active = false;
      if (exec.segment === seg) delete exec.segment;
      this.notify();
    }
  }

  private async consume(exec: Exec, seg: Segment, events: AsyncGenerator<EngineEvent>): Promise<void> {
    for await (const ev of events) {
      if (seg.dead || this.closed || exec.rec.status !== 'RUNNING') continue;
      this.onEngineEvent(exec, seg, ev);
    }
  }

  private onEngineEvent(exec: Exec, seg: Segment, ev: EngineEvent): void {
    const rec = exec.rec;
    const p = exec.machine.prepared;
    if (!('state' in ev) && !('parentState' in ev)) return;
    if ('parentState' in ev && 'index' in ev) {
      this.addEvent(exec, ev.type, ['mapIterationEventDetails', { name: ev.parentState.name, index: ev.index }]);
      this.save(exec);
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
        this.addEvent(exec, `${type}StateEntered`, ['stateEnteredEventDetails', { name, input: json(ev.state.input), inputDetails: { truncated: false } }], ev.timestamp);
        break;
      }
      case 'StateExited':
        this.addEvent(exec, `${type}StateExited`, ['stateExitedEventDetails', { name, output: json(ev.state.output), outputDetails: { truncated: false } }], ev.timestamp);
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
          this.addEvent(exec, timeout ? 'TaskTimedOut' : 'TaskFailed', [
            timeout ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails',
            { ...parts, error: ev.Error, cause },
          ]);
        } else if (type === 'Map' || type === 'Parallel') {
          this.addEvent(exec, `${type}StateFailed`);
        } else return;
        break;
      }
      default:
        return;
    }
    this.save(exec);
  }

  // ---------------------------------------------------------------- task handlers

  private async handleTask(exec: Exec, seg: Segment, name: string, input: unknown): Promise<unknown> {
    seg.inflight++;
    try {
      // Let the event consumer catch up: the StateEntered of this state (with its raw input) is recorded first.
      await tick();
      if (seg.dead) throw new Parked();
      const info = exec.machine.prepared.tasks.get(name)!;
      if (seg.pending?.state === name) {
        const outcome = seg.pending.outcome;
        delete seg.pending;
        return await this.applyOutcome(exec, info, outcome);
      }
      if (info.topLevel && exec.rec.resume) {
        // A new attempt (a Retry): the delivered outcome has been used up.
        delete exec.rec.resume;
        this.save(exec);
      }
      switch (info.kind) {
        case 'invoke':
          return await this.invokeIntegration(exec, seg, info, input);
        case 'lambda':
          return await this.invokeLambdaArn(exec, seg, info, input);
        case 'startExecution':
          return this.startChild(exec, info, input);
        case 'callback':
          return info.topLevel ? await this.callbackTopLevel(exec, seg, info, input) : await this.callbackNested(exec, seg, info, input);
        case 'wait':
          return info.topLevel ? await this.waitTopLevel(exec, seg, info, input) : await this.waitNested(seg, input);
        default:
          this.scheduled(exec, info, input);
          throw taskError(
            'Vatra.UnmappedResource',
            `The local Step Functions service has no mapping for resource '${info.resource}' (state '${name}'); it never calls AWS.`,
          );
      }
    } finally {
      seg.inflight--;
      this.notify();
    }
  }

  private applyOutcome(exec: Exec, info: TaskInfo, outcome: Outcome): Promise<unknown> | unknown {
    if (outcome.kind === 'success') {
      if (info.kind === 'callback') {
        this.addEvent(exec, 'TaskSucceeded', ['taskSucceededEventDetails', { ...resourceParts(info.resource), output: json(outcome.output) }]);
        this.save(exec);
      }
      return outcome.output;
    }
    if (outcome.kind === 'failure') throw taskError(outcome.error, outcome.cause);
    if (outcome.error === 'States.HeartbeatTimeout') throw taskError('States.HeartbeatTimeout', 'Task heartbeat timed out');
    // States.Timeout: the segment's copy gives this state a 1 ms timeout; let the engine raise its own error.
    return new Promise((resolve) => setTimeout(() => resolve(null), 100).unref());
  }

  private scheduled(exec: Exec, info: TaskInfo, parameters: unknown, extra: Record<string, unknown> = {}): void {
    this.addEvent(exec, 'TaskScheduled', [
      'taskScheduledEventDetails',
      { ...resourceParts(info.resource), region: this.o.region, parameters: json(parameters), ...extra },
    ]);
    this.save(exec);
  }

  private succeeded(exec: Exec, info: TaskInfo, output: unknown): void {
    this.addEvent(exec, 'TaskSucceeded', ['taskSucceededEventDetails', { ...resourceParts(info.resource), output: json(output) }]);
    this.save(exec);
  }

  private async callFunction(seg: Segment, functionName: string, payload: unknown): Promise<unknown> {
    let result: unknown;
    try {
      result = await this.o.invokeFunction(functionName, payload);
    } catch (e) {
      if (seg.dead) throw new Parked();
      throw functionError(e);
    }
    if (seg.dead) throw new Parked();
    return result === undefined ? null : result;
  }

  private invokeParams(info: TaskInfo, input: unknown): { FunctionName: string; Payload: unknown } {
    const p = input as { FunctionName?: unknown; Payload?: unknown } | null;
    if (!p || typeof p !== 'object' || typeof p.FunctionName !== 'string' || !p.FunctionName) {
      throw taskError('States.Runtime', `State '${info.name}': the Parameters of ${info.resource} need a FunctionName.`);
    }
    return { FunctionName: p.FunctionName, Payload: p.Payload === undefined ? {} : p.Payload };
  }

  private async invokeIntegration(exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
    const p = this.invokeParams(info, input);
    this.scheduled(exec, info, input);
    const payload = await this.callFunction(seg, p.FunctionName, p.Payload);
    const output = { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
    this.succeeded(exec, info, output);
    return output;
  }

  private async invokeLambdaArn(exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
    this.scheduled(exec, info, input);
    const output = await this.callFunction(seg, info.resource, input);
    this.succeeded(exec, info, output);
    return output;
  }

  private startChild(exec: Exec, info: TaskInfo, input: unknown): unknown {
    const p = (input ?? {}) as { StateMachineArn?: unknown; Name?: unknown; Input?: unknown };
    this.scheduled(exec, info, input);
    const target = typeof p.StateMachineArn === 'string' ? this.o.machines.get(p.StateMachineArn) : undefined;
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
      child = this.start(target, p.Name as string | undefined, inputText);
    } catch (e) {
      if (e instanceof SfnError) throw taskError(`StepFunctions.${e.type}Exception`, e.message);
      throw e;
    }
    const output = { ExecutionArn: child.executionArn, StartDate: child.startDate };
    this.succeeded(exec, info, output);
    return output;
  }

  /** Evaluates TimeoutSecondsPath / HeartbeatSecondsPath on the state input, with the engine's own JSONPath. */
  private async pathNumber(path: string, input: unknown, what: string): Promise<number> {
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

  private async callbackTopLevel(exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
    const rec = exec.rec;
    const pos = rec.position;
    if (!pos || pos.state !== info.name) throw taskError('States.Runtime', `State '${info.name}': position not recorded.`);
    const p = this.invokeParams(info, input);
    const timeoutSeconds =
      info.timeoutSeconds ?? (info.timeoutSecondsPath ? await this.pathNumber(info.timeoutSecondsPath, pos.input, 'TimeoutSecondsPath') : undefined);
    const heartbeatSeconds =
      info.heartbeatSeconds ?? (info.heartbeatSecondsPath ? await this.pathNumber(info.heartbeatSecondsPath, pos.input, 'HeartbeatSecondsPath') : undefined);
    if (seg.dead) throw new Parked();
    let token: string;
    if (seg.reuseToken?.state === info.name) {
      token = seg.reuseToken.token;
      delete seg.reuseToken;
    } else token = this.mintToken(exec);
    const since = Date.now();
    const w: Waiting = { kind: 'callback', state: info.name, token, input: pos.input, since, phase: 'invoking' };
    if (timeoutSeconds !== undefined) w.timeoutAt = since + timeoutSeconds * 1000;
    if (heartbeatSeconds !== undefined) {
      w.heartbeatSeconds = heartbeatSeconds;
      w.heartbeatAt = since + heartbeatSeconds * 1000;
    }
    rec.waiting = w;
    const withToken = injectToken(input, token);
    this.scheduled(exec, info, withToken, {
      ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
    }); // saves the record: the token is durable before the function can see it
    let response: unknown;
    try {
      response = await this.callFunction(seg, p.FunctionName, injectToken(p.Payload, token));
    } catch (e) {
      if (rec.waiting === w) {
        delete rec.waiting;
        this.closeToken(exec, token);
        this.save(exec);
      }
      throw e;
    }
    if (rec.waiting !== w) throw new Parked();
    this.addEvent(exec, 'TaskSubmitted', [
      'taskSubmittedEventDetails',
      { ...resourceParts(info.resource), output: json({ ExecutedVersion: '$LATEST', Payload: response, StatusCode: 200 }) },
    ]);
    if (w.outcome) {
      // The callback came while the function was still running: carry on in this segment.
      const outcome = w.outcome;
      delete rec.waiting;
      rec.resume = { state: w.state, input: w.input, outcome };
      this.save(exec);
      return this.applyOutcome(exec, info, outcome);
    }
    w.phase = 'suspended';
    this.save(exec);
    this.armCallbackTimer(exec);
    this.park(exec, seg);
  }

  private park(exec: Exec, seg: Segment): never {
    seg.suspended = true;
    seg.run?.abort();
    this.o.log('sfn.execution.parked', { executionArn: exec.rec.executionArn, state: exec.rec.waiting?.state });
    this.notify();
    throw new Parked();
  }

  private async callbackNested(exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
    const rec = exec.rec;
    const p = this.invokeParams(info, input);
    const token = this.mintToken(exec);
    rec.nestedTokens.push(token);
    let deferred!: Deferred;
    const result = new Promise<unknown>((resolve, reject) => {
      deferred = { resolve, reject };
    });
    result.catch(() => undefined);
    exec.nestedWaits.set(token, deferred);
    seg.waiters.add(deferred);
    this.scheduled(exec, info, injectToken(input, token));
    try {
      await this.callFunction(seg, p.FunctionName, injectToken(p.Payload, token));
    } catch (e) {
      exec.nestedWaits.delete(token);
      seg.waiters.delete(deferred);
      if (!seg.dead) {
        this.closeToken(exec, token);
        this.save(exec);
      }
      throw e;
    }
    seg.blocked++;
    this.notify();
    try {
      const output = await result;
      if (seg.dead) throw new Parked();
      this.succeeded(exec, info, output);
      return output;
    } finally {
      seg.blocked--;
      seg.waiters.delete(deferred);
      exec.nestedWaits.delete(token);
    }
  }

  private waitDeadline(info: TaskInfo, input: unknown, enteredAt: number): number {
    const p = input as { seconds?: unknown; timestamp?: unknown };
    if (p.seconds !== undefined) {
      if (typeof p.seconds !== 'number' || !Number.isFinite(p.seconds) || p.seconds < 0) {
        throw taskError('States.Runtime', `Wait state '${info.name}': seconds must be a non-negative number.`);
      }
      return enteredAt + p.seconds * 1000;
    }
    const at = typeof p.timestamp === 'string' ? Date.parse(p.timestamp) : Number.NaN;
    if (Number.isNaN(at)) throw taskError('States.Runtime', `Wait state '${info.name}': the timestamp is not an RFC 3339 date.`);
    return at;
  }

  private async waitTopLevel(exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
    const rec = exec.rec;
    const pos = rec.position;
    if (!pos || pos.state !== info.name) throw taskError('States.Runtime', `State '${info.name}': position not recorded.`);
    const until = this.waitDeadline(info, input, pos.enteredAt);
    const output = (input as { input: unknown }).input;
    if (until <= Date.now()) return output;
    rec.waiting = { kind: 'wait', state: info.name, input: pos.input, until, output };
    this.save(exec);
    this.armWaitTimer(exec);
    this.park(exec, seg);
  }

  private async waitNested(seg: Segment, input: unknown): Promise<unknown> {
    const until = this.waitDeadline({ name: 'nested', kind: 'wait', resource: '', topLevel: false }, input, Date.now());
    const output = (input as { input: unknown }).input;
    if (until <= Date.now()) return output;
    let deferred!: Deferred;
    const done = new Promise<unknown>((resolve, reject) => {
      deferred = { resolve, reject };
    });
    seg.waiters.add(deferred);
    seg.blocked++;
    this.notify();
    const t = setTimeout(() => deferred.resolve(output), Math.min(until - Date.now(), MAX_TIMER_SECONDS * 1000));
    try {
      return await done;
    } finally {
      clearTimeout(t);
      seg.blocked--;
      seg.waiters.delete(deferred);
    }
  }
}

/** Execution names as AWS accepts them: 1–80 characters, no whitespace, brackets, wildcards, punctuation or controls. */
export function isValidName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length >= 1 && name.length <= 80 && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name);
}
