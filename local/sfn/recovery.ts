/**
 * Recovery of the local Step Functions executor after a restart. The record is saved on every top-level state
 * entered (state + raw input), on every token issued and on every outcome; `load` brings the records back and
 * `recover` carries each RUNNING execution on from its record: a delivered outcome is applied, a parked callback
 * or Wait waits again, a function that was running when the process died is called again with the same token.
 */
import type { Exec, Runtime } from './runtime.js';
import { armCallbackTimer, armExecutionTimeout, armWaitTimer } from './timers.js';

/** The executions (and the tokens they issued) from the store, as they were when the process stopped. */
export function load(rt: Runtime): void {
  for (const rec of rt.o.store.loadAll()) {
    const machine = rt.o.machines.get(rec.stateMachineArn);
    if (!machine) {
      rt.o.log('sfn.execution.machine_missing', { executionArn: rec.executionArn, stateMachineArn: rec.stateMachineArn });
      continue;
    }
    rt.execs.set(rec.executionArn, { rec, machine, pendingResume: false, timers: new Set(), nestedWaits: new Map() });
    for (const t of rec.closedTokens) rt.tokens.set(t, rec.executionArn);
    for (const t of rec.nestedTokens) rt.tokens.set(t, rec.executionArn);
    if (rec.waiting?.kind === 'callback') rt.tokens.set(rec.waiting.token, rec.executionArn);
  }
}

/** Carries every RUNNING execution on from its record (after a restart). */
export function recoverAll(rt: Runtime): void {
  for (const exec of rt.execs.values()) if (exec.rec.status === 'RUNNING') recover(rt, exec);
}

function recover(rt: Runtime, exec: Exec): void {
  const rec = exec.rec;
  const start = exec.machine.prepared.engine.StartAt;
  // Callbacks inside Map/Parallel states do not survive: the whole Map/Parallel state runs again.
  for (const t of rec.nestedTokens) rt.closeToken(exec, t);
  armExecutionTimeout(rt, exec);
  if (rec.status !== 'RUNNING') return;
  const at = rec.resume?.state ?? rec.waiting?.state ?? rec.position?.state;
  if (at !== undefined && !exec.machine.prepared.topLevel.has(at)) {
    // The ASL changed between runs (AWS pins a running execution to its definition; this store cannot).
    rt.finish(exec, 'FAILED', { error: 'States.Runtime', cause: `State '${at}' no longer exists in the definition of '${exec.machine.name}'.` });
    return;
  }
  const retries = rec.position?.retries;
  const w = rec.waiting;
  if (w?.kind === 'callback' && w.outcome) {
    rec.resume = { state: w.state, input: w.input, outcome: w.outcome };
    delete rec.waiting;
  }
  rt.save(exec);
  rt.o.log('sfn.execution.recovered', { executionArn: rec.executionArn, state: rec.resume?.state ?? rec.waiting?.state ?? rec.position?.state ?? start });
  if (rec.resume) {
    const r = rec.resume;
    void rt.runSegment(exec, r.state, r.input, { pending: { state: r.state, outcome: r.outcome }, retries, skipFirstEntered: true });
  } else if (w?.kind === 'callback' && w.phase === 'suspended') {
    armCallbackTimer(rt, exec);
  } else if (w?.kind === 'callback') {
    // Crashed while the function that received the token was running: call it again with the SAME token.
    void rt.runSegment(exec, w.state, w.input, { reuseToken: { state: w.state, token: w.token }, retries, skipFirstEntered: true });
  } else if (w?.kind === 'wait') {
    armWaitTimer(rt, exec);
  } else if (rec.position) {
    void rt.runSegment(exec, rec.position.state, rec.position.input, { retries, skipFirstEntered: true });
  } else {
    void rt.runSegment(exec, start, JSON.parse(rec.input), { fresh: true });
  }
}
