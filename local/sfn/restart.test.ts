/**
 * Durability of the local Step Functions service: the service runs in a child process (test-fixtures/serve.ts),
 * is killed with SIGKILL mid-execution, and a new process on the same data directory carries on.
 * Fixture functions append every call to a log file, so calls are counted across the kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateMachineArn } from './service.js';
import type { FixtureCall } from './test-fixtures/functions.js';
import { fixtureMachineName, type FixtureMachine } from './test-fixtures/machines.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const serveScript = join(here, 'test-fixtures', 'serve.ts');
const MACHINES: FixtureMachine[] = ['approval', 'wait', 'slow'];

interface Served {
  child: ChildProcess;
  client: SFNClient;
}

/** One test's world: its own data directory, call log and child processes. */
class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), 'vatra-sfn-restart-'));
  readonly dataDir = join(this.dir, 'data');
  readonly logFile = join(this.dir, 'calls.log');
  private readonly served: Served[] = [];

  serve(): Promise<Served> {
    const child = spawn(process.execPath, ['--import', 'tsx', serveScript, this.dataDir, this.logFile, MACHINES.join(',')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolvePromise, reject) => {
      let out = '';
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /READY (\S+)/.exec(out);
        if (m) {
          const client = new SFNClient({ endpoint: m[1], region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
          const served = { child, client };
          this.served.push(served);
          resolvePromise(served);
        }
      });
      child.once('exit', (code) => reject(new Error(`serve.ts exited (${code}) before READY: ${err}`)));
    });
  }

  calls(name: string): FixtureCall[] {
    if (!existsSync(this.logFile)) return [];
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FixtureCall)
      .filter((c) => c.name === name);
  }

  async dispose(): Promise<void> {
    for (const s of this.served.splice(0)) {
      s.client.destroy();
      if (s.child.exitCode === null && s.child.signalCode === null) await kill9(s.child);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGKILL');
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function historyEvent(s: Served, executionArn: string, type: string): Promise<HistoryEvent | undefined> {
  const h = await s.client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return h.events!.find((e) => e.type === type);
}

async function settled(s: Served, executionArn: string) {
  return until('the execution to finish', async () => {
    const d = await s.client.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === 'RUNNING' ? undefined : d;
  });
}

async function start(s: Served, m: FixtureMachine, input: unknown, name: string): Promise<{ executionArn: string }> {
  const r = await s.client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn(fixtureMachineName(m)), name, input: JSON.stringify(input) }));
  return { executionArn: r.executionArn! };
}

// One kill -9 / restart cycle shared by three executions, each caught in a different situation at the kill.
describe('kill -9 and restart on the same data directory', () => {
  const h = new Harness();
  let second: Served;
  let readyAt: number;
  let callback: { executionArn: string; token: string };
  let wait: { executionArn: string; enteredAt: number };
  let slow: { executionArn: string };

  beforeAll(async () => {
    const first = await h.serve();
    const c = await start(first, 'approval', { n: 4 }, 'survives-kill');
    const w = await start(first, 'wait', { seconds: 3 }, 'waits-across-kill');
    slow = await start(first, 'slow', { ms: 1500 }, 'killed-in-task');
    // parked: the function that received the token has returned
    await until('the callback task to be submitted', () => historyEvent(first, c.executionArn, 'TaskSubmitted'));
    const entered = await until('the Wait state to be entered', () => historyEvent(first, w.executionArn, 'WaitStateEntered'));
    await until('the slow function to start', () => (h.calls('fixture-slow').length > 0 ? true : undefined));
    callback = { executionArn: c.executionArn, token: (h.calls('fixture-open-task')[0]!.payload as { token: string }).token };
    wait = { executionArn: w.executionArn, enteredAt: entered.timestamp!.getTime() };
    await kill9(first.child);

    second = await h.serve();
    readyAt = Date.now();
  });

  afterAll(() => h.dispose());

  it('an execution waiting on a callback keeps its token; the function that created the task is not called again', async () => {
    const { executionArn, token } = callback;
    expect((await second.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'approved' }) }));
    await expect(second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);

    const d = await settled(second, executionArn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output!);
    expect(out.approval).toEqual({ decision: 'approved' });
    expect(out.finish.received.originalInput).toEqual({ n: 4 });
    expect(h.calls('fixture-prepare')).toHaveLength(1);
    expect(h.calls('fixture-open-task')).toHaveLength(1);
    expect(h.calls('fixture-finish')).toHaveLength(1);
  });

  it('an execution in a Wait state waits only the time that was left', async () => {
    const d = await settled(second, wait.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    const records = h.calls('fixture-record').filter((c) => (c.payload as { after?: string }).after === 'wait');
    expect(records).toHaveLength(1);
    const deadline = wait.enteredAt + 3000;
    // never early; and due as soon as both the deadline has passed and the new process is up. A wait started
    // again from zero would end about 3 s after readyAt instead.
    expect(records[0]!.at).toBeGreaterThanOrEqual(deadline - 10);
    expect(records[0]!.at - Math.max(deadline, readyAt)).toBeLessThan(500);
  });

  it('an execution killed inside a plain Task runs that task again (at-least-once) and no other step twice', async () => {
    const d = await settled(second, slow.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ ms: 1500, slow: { slow: true } });
    const steps = h.calls('fixture-record').flatMap((c) => (c.payload as { step?: string }).step ?? []);
    expect(steps).toEqual(['quick', 'last']);
    expect(h.calls('fixture-slow')).toHaveLength(2);
  });
});
