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
 * and on every outcome. After a crash `recoverAll()` carries each RUNNING execution on from its record.
 *
 * The parts: segments.ts (segment running, task handlers), callbacks.ts (task tokens), timers.ts (Wait states,
 * timeouts, heartbeats), recovery.ts (after a restart), over runtime.ts (the executions and what every part does
 * to one). This class is the door the API (api.ts) and the service (service.ts) use.
 */
import { heartbeat, sendOutcome } from './callbacks.js';
import { load, recoverAll } from './recovery.js';
import { Runtime, SfnError, tick, type Exec, type ExecutorOptions, type Machine } from './runtime.js';
import { runSegment, startExecution } from './segments.js';
import type { ExecutionRecord, Outcome } from './store.js';

export { isValidName, SfnError, type ExecutorOptions, type Machine } from './runtime.js';

export class Executor {
  private readonly rt: Runtime;

  constructor(o: ExecutorOptions) {
    const rt: Runtime = new Runtime(o, (exec, state, input, start) => runSegment(rt, exec, state, input, start));
    this.rt = rt;
  }

  // ---------------------------------------------------------------- records

  load(): void {
    load(this.rt);
  }

  // ---------------------------------------------------------------- quiescence

  private busy(exec: Exec): boolean {
    if (exec.rec.status !== 'RUNNING') return false;
    if (exec.pendingResume) return true;
    const s = exec.segment;
    if (!s?.active || s.suspended || s.dead) return false;
    return !(s.inflight > 0 && s.inflight === s.blocked);
  }

  isIdle(): boolean {
    for (const e of this.rt.execs.values()) if (this.busy(e)) return false;
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
          this.rt.listeners.delete(done);
          clearTimeout(t);
          resolve();
        };
        const t = setTimeout(done, 25);
        this.rt.listeners.add(done);
      });
    }
  }

  // ---------------------------------------------------------------- API operations

  executionArn(machine: Machine, name: string): string {
    return this.rt.executionArn(machine, name);
  }

  start(machine: Machine, name: string | undefined, inputText: string): ExecutionRecord {
    return startExecution(this.rt, machine, name, inputText);
  }

  roleArn(): string {
    return this.rt.roleArn();
  }

  get(arn: string): ExecutionRecord | undefined {
    return this.rt.execs.get(arn)?.rec;
  }

  list(machineArn: string): ExecutionRecord[] {
    return [...this.rt.execs.values()].filter((e) => e.rec.stateMachineArn === machineArn).map((e) => e.rec);
  }

  stop(arn: string, error?: string, cause?: string): ExecutionRecord {
    const exec = this.rt.execs.get(arn);
    if (!exec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    if (exec.rec.status === 'RUNNING') {
      this.rt.finish(exec, 'ABORTED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    }
    return exec.rec;
  }

  /** SendTaskSuccess / SendTaskFailure. */
  sendOutcome(token: string, outcome: Outcome): void {
    sendOutcome(this.rt, token, outcome);
  }

  heartbeat(token: string): void {
    heartbeat(this.rt, token);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Carries every RUNNING execution on from its record (after a restart). */
  recoverAll(): void {
    recoverAll(this.rt);
  }

  close(): void {
    const rt = this.rt;
    rt.closed = true;
    for (const exec of rt.execs.values()) {
      for (const t of exec.timers) clearTimeout(t);
      exec.timers.clear();
      if (exec.segment) rt.kill(exec.segment);
    }
    rt.notify();
  }
}
