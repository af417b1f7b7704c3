/**
 * The state the parts of the local Step Functions executor share (executor.ts gathers them): the executions in
 * memory, the tokens issued, and what every part does to an execution — save its record, add a history event,
 * finish it, abandon its engine run, wake those waiting for quiescence.
 *
 * The parts: segments.ts runs the engine in segments, callbacks.ts issues task tokens and takes their outcomes,
 * timers.ts holds Wait states, timeouts and heartbeats, recovery.ts carries executions on after a restart.
 */
import { randomBytes } from 'node:crypto';
import type { StateMachine, RunOptions } from 'aws-local-stepfunctions';
import type { PreparedDefinition, Definition } from './definition.js';
import type { ExecutionRecord, ExecutionStore, HistoryEvent, Outcome } from './store.js';

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

export type EngineRun = ReturnType<StateMachine['run']>;
export type EngineEvent = EngineRun['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
export type JsonValue = Parameters<StateMachine['run']>[0];
export type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

export interface Deferred {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export interface Segment {
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

export interface Exec {
  rec: ExecutionRecord;
  machine: Machine;
  segment?: Segment;
  /** a segment is about to start (a callback or timer has fired) */
  pendingResume: boolean;
  timers: Set<NodeJS.Timeout>;
  nestedWaits: Map<string, Deferred>;
}

/** How a segment starts: from the top (fresh), with a stored outcome, with a token to hand out again, … */
export interface SegmentStart {
  fresh?: boolean;
  pending?: { state: string; outcome: Outcome };
  reuseToken?: { state: string; token: string };
  retries?: number[] | undefined;
  skipFirstEntered?: boolean;
}

export type RunSegment = (exec: Exec, startState: string, input: unknown, o: SegmentStart) => Promise<void>;

/** Thrown by a task handler to end the engine run without any Retry or Catch applying (see the engine's RuntimeError). */
export class Parked extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
  constructor() {
    super('Vatra.Parked');
    this.name = 'Vatra.Parked';
  }
}

export function taskError(name: string, cause: string): Error {
  const e = new Error(cause);
  e.name = name;
  return e;
}

/** The Error / Cause AWS reports for a function that threw: its error type and a JSON cause like Lambda's. */
export function functionError(e: unknown): Error {
  const name = e instanceof Error && e.name ? e.name : 'Error';
  const message = e instanceof Error ? e.message : String(e);
  return taskError(name, JSON.stringify({ errorType: name, errorMessage: message }));
}

export const tick = () => new Promise<void>((r) => setImmediate(r));
export const json = (v: unknown) => JSON.stringify(v ?? null);

export class Runtime {
  readonly execs = new Map<string, Exec>();
  /** every token ever issued → its execution */
  readonly tokens = new Map<string, string>();
  closed = false;
  readonly listeners = new Set<() => void>();

  /**
   * @param runSegment starts a segment (segments.ts); handed in, so that the parts below the segment runner
   * (timers, callbacks) can carry an execution on without importing it.
   */
  constructor(
    readonly o: ExecutorOptions,
    readonly runSegment: RunSegment,
  ) {}

  save(exec: Exec): void {
    if (this.closed) return;
    this.o.store.save(exec.rec);
  }

  addEvent(exec: Exec, type: string, details?: [string, Record<string, unknown>], timestamp = Date.now()): void {
    const h = exec.rec.history;
    const id = h.length + 1;
    const ev: HistoryEvent = { id, previousEventId: id - 1, timestamp, type };
    if (details) ev[details[0]] = details[1];
    h.push(ev);
  }

  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  roleArn(): string {
    return `arn:aws:iam::${this.o.account}:role/vatra-local-sfn`;
  }

  executionArn(machine: Machine, name: string): string {
    return `arn:aws:states:${this.o.region}:${this.o.account}:execution:${machine.name}:${name}`;
  }

  closeToken(exec: Exec, token: string): void {
    const rec = exec.rec;
    rec.nestedTokens = rec.nestedTokens.filter((t) => t !== token);
    if (!rec.closedTokens.includes(token)) rec.closedTokens.push(token);
  }

  mintToken(exec: Exec): string {
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, exec.rec.executionArn);
    return token;
  }

  kill(seg: Segment): void {
    if (seg.dead) return;
    seg.dead = true;
    seg.run?.abort();
    for (const w of seg.waiters) w.reject(new Parked());
    seg.waiters.clear();
  }

  /** Stops the execution's engine run and parks it: the record (waiting or resume) says how to carry on. */
  park(exec: Exec, seg: Segment): never {
    seg.suspended = true;
    seg.run?.abort();
    this.o.log('sfn.execution.parked', { executionArn: exec.rec.executionArn, state: exec.rec.waiting?.state });
    this.notify();
    throw new Parked();
  }

  finish(exec: Exec, status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT', f: { output?: string; error?: string; cause?: string }): void {
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
}

/** Execution names as AWS accepts them: 1–80 characters, no whitespace, brackets, wildcards, punctuation or controls. */
export function isValidName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length >= 1 && name.length <= 80 && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name);
}
