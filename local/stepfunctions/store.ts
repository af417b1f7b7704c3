/** Durable execution records of the local Step Functions service: one JSON file per execution, atomic writes. */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface HistoryEvent {
  id: number;
  timestamp: number;
  type: string;
  state?: string;
  detail?: Record<string, unknown>;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineName: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  /** the last state entered and its raw input: where a restart carries on */
  position?: { state: string; input: unknown; enteredAt: number };
  /** waiting on a callback: the token, the state, its raw input; `invoked` once the function that received the token returned */
  waiting?: { state: string; token: string; input: unknown; since: number; invoked: boolean };
  usedTokens: string[];
  history: HistoryEvent[];
}

export class ExecutionStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'executions');
    mkdirSync(this.dir, { recursive: true });
  }

  private file(arn: string) {
    return join(this.dir, `${createHash('sha256').update(arn).digest('hex').slice(0, 32)}.json`);
  }

  save(rec: ExecutionRecord) {
    const f = this.file(rec.executionArn);
    const tmp = `${f}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(rec));
    renameSync(tmp, f);
  }

  loadAll(): ExecutionRecord[] {
    const out: ExecutionRecord[] = [];
    for (const f of readdirSync(this.dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        out.push(JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as ExecutionRecord);
      } catch {
        /* a torn temp file cannot exist (rename is atomic); ignore anything unreadable */
      }
    }
    return out;
  }
}
