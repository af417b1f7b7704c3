/**
 * Durable execution records of the local Step Functions service: one JSON file per execution under
 * `<dataDir>/executions/`, replaced atomically (write a temp file, fsync, rename) on every change. An ephemeral runtime
 * (its data end with it: the test runtimes, never restarted on the same data — `local/data-dir.ts` drops the folder's
 * executions at every ephemeral start) writes no file at all: the executor keeps every record in memory, and a record
 * on disk would only ever be read by a restart. Rewriting each record at every event was ~5% of a test runtime's CPU.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** How a waiting task ends: the callback result, a callback failure, or a timeout. */
export type Outcome =
  | { kind: 'success'; output: unknown }
  | { kind: 'failure'; error: string; cause: string }
  | { kind: 'timeout'; error: 'States.Timeout' | 'States.HeartbeatTimeout' };

/** One event of the execution history, already in the shape of GetExecutionHistory (timestamp in ms). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [detailsKey: string]: unknown;
}

/** The last top-level state entered, with its raw input: where a restart carries on. */
export interface Position {
  state: string;
  input: unknown;
  enteredAt: number;
  /** retries already spent per retrier of this state (so a resumed segment does not start the count again) */
  retries: number[];
}

export type Waiting =
  | {
      kind: 'callback';
      state: string;
      token: string;
      /** the raw input of the state, to run it again from there */
      input: unknown;
      since: number;
      /** 'invoking' while the function that receives the token runs; 'suspended' once it returned */
      phase: 'invoking' | 'suspended';
      timeoutAt?: number;
      heartbeatSeconds?: number;
      heartbeatAt?: number;
      /** a callback that arrived while the function was still running */
      outcome?: Outcome;
    }
  | { kind: 'wait'; state: string; input: unknown; until: number; output: unknown };

export interface ExecutionRecord {
  version: 1;
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  name: string;
  /** JSON text, as given to StartExecution */
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** execution-level TimeoutSeconds, as an absolute deadline (ms) */
  timeoutAt?: number;
  position?: Position;
  waiting?: Waiting;
  /** an outcome delivered to the waiting state but not yet carried past it */
  resume?: { state: string; input: unknown; outcome: Outcome };
  /** open tokens of callback tasks inside Map/Parallel states (they do not survive a restart) */
  nestedTokens: string[];
  /** tokens that were issued and can no longer be used */
  closedTokens: string[];
  history: HistoryEvent[];
}

export class ExecutionStore {
  readonly dir: string;
  private seq = 0;

  /** `durable`: every change on disk, fsynced, before it counts; `ephemeral`: nothing on disk (see above). */
  constructor(
    dataDir: string,
    private readonly mode: 'durable' | 'ephemeral' = 'durable',
  ) {
    this.dir = join(dataDir, 'executions');
    if (mode === 'durable') mkdirSync(this.dir, { recursive: true });
  }

  fileOf(executionArn: string): string {
    return join(this.dir, `${createHash('sha256').update(executionArn).digest('hex').slice(0, 40)}.json`);
  }

  save(rec: ExecutionRecord): void {
    if (this.mode === 'ephemeral') return;
    const file = this.fileOf(rec.executionArn);
    const tmp = `${file}.${process.pid}.${++this.seq}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(rec));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }

  /** Every stored record; leftovers of a write interrupted before its rename are removed. */
  loadAll(): ExecutionRecord[] {
    const out: ExecutionRecord[] = [];
    if (this.mode === 'ephemeral') return out;
    for (const f of readdirSync(this.dir)) {
      const path = join(this.dir, f);
      if (f.endsWith('.tmp')) {
        rmSync(path, { force: true });
        continue;
      }
      if (!f.endsWith('.json')) continue;
      const rec = JSON.parse(readFileSync(path, 'utf8')) as ExecutionRecord;
      if (rec.version !== 1) throw new Error(`Fișierul de execuție ${path} are o versiune necunoscută (${String(rec.version)}).`);
      out.push(rec);
    }
    return out;
  }
}
