/**
 * Time in the local Step Functions executor: Wait states (a top-level Wait parks the execution with its deadline in
 * the record; a Wait inside a Map or Parallel blocks its branch in memory), the execution's TimeoutSeconds, a
 * callback's TimeoutSeconds and HeartbeatSeconds — and `deliver`, which ends a parked wait and starts the segment
 * that carries on from it.
 */
import { MAX_TIMER_SECONDS, type TaskInfo } from './definition.js';
import { taskError, type Deferred, type Exec, type Runtime, type Segment } from './runtime.js';
import type { Outcome, Waiting } from './store.js';

function setTimer(rt: Runtime, exec: Exec, at: number, fn: () => void): void {
  const delay = Math.max(0, at - Date.now());
  const t = setTimeout(
    () => {
      exec.timers.delete(t);
      if (rt.closed || exec.rec.status !== 'RUNNING') return;
      // Delays beyond what setTimeout can hold are reached in steps.
      if (Date.now() < at) setTimer(rt, exec, at, fn);
      else fn();
    },
    Math.min(delay, MAX_TIMER_SECONDS * 1000),
  );
  t.unref();
  exec.timers.add(t);
}

export function armExecutionTimeout(rt: Runtime, exec: Exec): void {
  const at = exec.rec.timeoutAt;
  if (at === undefined || exec.rec.status !== 'RUNNING') return;
  if (at <= Date.now()) rt.finish(exec, 'TIMED_OUT', { error: 'States.Timeout' });
  else setTimer(rt, exec, at, () => rt.finish(exec, 'TIMED_OUT', { error: 'States.Timeout' }));
}

export function armWaitTimer(rt: Runtime, exec: Exec): void {
  const w = exec.rec.waiting;
  if (w?.kind !== 'wait') return;
  setTimer(rt, exec, w.until, () => {
    if (exec.rec.waiting === w) deliver(rt, exec, w, { kind: 'success', output: w.output });
  });
}

export function armCallbackTimer(rt: Runtime, exec: Exec): void {
  const w = exec.rec.waiting;
  if (w?.kind !== 'callback' || w.phase !== 'suspended') return;
  const deadlines = [w.timeoutAt, w.heartbeatAt].filter((d): d is number => d !== undefined);
  if (deadlines.length === 0) return;
  const at = Math.min(...deadlines);
  const heartbeatAt = w.heartbeatAt;
  setTimer(rt, exec, at, () => {
    if (exec.rec.waiting !== w) return;
    if (w.heartbeatAt !== heartbeatAt && (w.timeoutAt === undefined || w.timeoutAt > Date.now())) return; // a heartbeat re-armed it
    const timedOut = w.timeoutAt !== undefined && w.timeoutAt <= Date.now();
    deliver(rt, exec, w, { kind: 'timeout', error: timedOut ? 'States.Timeout' : 'States.HeartbeatTimeout' });
  });
}

/** Ends a parked wait: the outcome is stored, then a segment carries on from the parked state. */
export function deliver(rt: Runtime, exec: Exec, w: Waiting, outcome: Outcome): void {
  const rec = exec.rec;
  if (w.kind === 'callback') rt.closeToken(exec, w.token);
  delete rec.waiting;
  rec.resume = { state: w.state, input: w.input, outcome };
  rt.save(exec);
  for (const t of exec.timers) clearTimeout(t);
  exec.timers.clear();
  armExecutionTimeout(rt, exec);
  exec.pendingResume = true;
  rt.notify();
  setImmediate(() => {
    exec.pendingResume = false;
    if (rt.closed || rec.status !== 'RUNNING' || !rec.resume) return rt.notify();
    const r = rec.resume;
    void rt.runSegment(exec, r.state, r.input, { pending: { state: r.state, outcome: r.outcome }, retries: rec.position?.retries, skipFirstEntered: true });
  });
}

function waitDeadline(info: TaskInfo, input: unknown, enteredAt: number): number {
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

/** A top-level Wait state with time left parks the execution until its deadline (kept in the record). */
export async function waitTopLevel(rt: Runtime, exec: Exec, seg: Segment, info: TaskInfo, input: unknown): Promise<unknown> {
  const rec = exec.rec;
  const pos = rec.position;
  if (!pos || pos.state !== info.name) throw taskError('States.Runtime', `State '${info.name}': position not recorded.`);
  const until = waitDeadline(info, input, pos.enteredAt);
  const output = (input as { input: unknown }).input;
  if (until <= Date.now()) return output;
  rec.waiting = { kind: 'wait', state: info.name, input: pos.input, until, output };
  rt.save(exec);
  armWaitTimer(rt, exec);
  rt.park(exec, seg);
}

/** A Wait state inside a Map or Parallel blocks its branch in memory (it does not survive a restart). */
export async function waitNested(rt: Runtime, seg: Segment, input: unknown): Promise<unknown> {
  const until = waitDeadline({ name: 'nested', kind: 'wait', resource: '', topLevel: false }, input, Date.now());
  const output = (input as { input: unknown }).input;
  if (until <= Date.now()) return output;
  let deferred!: Deferred;
  const done = new Promise<unknown>((resolve, reject) => {
    deferred = { resolve, reject };
  });
  seg.waiters.add(deferred);
  seg.blocked++;
  rt.notify();
  const t = setTimeout(() => deferred.resolve(output), Math.min(until - Date.now(), MAX_TIMER_SECONDS * 1000));
  try {
    return await done;
  } finally {
    clearTimeout(t);
    seg.blocked--;
    seg.waiters.delete(deferred);
  }
}
