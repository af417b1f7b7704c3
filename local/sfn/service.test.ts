/**
 * The local Step Functions service over HTTP, driven by the real @aws-sdk/client-sfn.
 * Run with Node 22 first on PATH (the engine needs it): PATH=$PWD/node_modules/.bin:$PATH npx vitest run local/sfn
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidOutput,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSfn, stateMachineArn, type LocalSfn } from './service.js';
import { createFixtureFunctions } from './test-fixtures/functions.js';
import { fixtureMachineName, fixtureMachines, type FixtureMachine } from './test-fixtures/machines.js';

const fns = createFixtureFunctions({ sfnEndpoint: () => sfn.url });
let sfn: LocalSfn;
let client: SFNClient;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vatra-sfn-'));
  sfn = await startLocalSfn({ port: 0, dataDir, stateMachines: fixtureMachines(), invokeFunction: fns.invoke });
  client = new SFNClient({ endpoint: sfn.url, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterAll(async () => {
  client?.destroy();
  await sfn?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const machineArn = (m: FixtureMachine) => stateMachineArn(fixtureMachineName(m));

async function start(m: FixtureMachine, input: unknown, name?: string): Promise<{ executionArn: string; startDate: Date }> {
  const r = await client.send(new StartExecutionCommand({ stateMachineArn: machineArn(m), input: JSON.stringify(input), ...(name ? { name } : {}) }));
  return { executionArn: r.executionArn!, startDate: r.startDate! };
}

const describeExecution = (executionArn: string) => client.send(new DescribeExecutionCommand({ executionArn }));

async function finished(executionArn: string, timeoutMs = 8000): Promise<DescribeExecutionCommandOutput> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const d = await describeExecution(executionArn);
    if (d.status !== 'RUNNING') return d;
    if (Date.now() > until) throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Calls made to a fixture function since `mark`. */
const callsSince = (mark: number, name: string) => fns.calls.slice(mark).filter((c) => c.name === name);
/** The n-th task token fixture-open-task received for an execution (fails the test when there is none). */
function tokenOf(executionArn: string, n = 0): string {
  const t = fns.tokens(executionArn)[n];
  if (!t) throw new Error(`no task token #${n} issued for ${executionArn}`);
  return t;
}

describe('callback flow', () => {
  it('runs a Lambda step, waits for the callback, and finishes with the SendTaskSuccess output', async () => {
    const mark = fns.calls.length;
    const s = await start('approval', { n: 21 }, 'happy-path');
    await sfn.idle();

    const token = tokenOf(s.executionArn);
    expect(token).toBeTruthy();
    expect((await describeExecution(s.executionArn)).status).toBe('RUNNING');
    expect(callsSince(mark, 'fixture-finish')).toHaveLength(0);

    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'approved' }) }));
    await sfn.idle();

    const d = await describeExecution(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(d.stopDate!.getTime()).toBeGreaterThanOrEqual(d.startDate!.getTime());
    const out = JSON.parse(d.output!);
    expect(out.approval).toEqual({ decision: 'approved' });
    expect(out.prepared.value.doubled).toBe(42);
    expect(out.prepared.status).toBe(200);
    // Context object, as AWS provides it
    expect(out.prepared.value.context).toEqual({
      executionId: s.executionArn,
      executionName: 'happy-path',
      executionInput: { n: 21 },
      startTime: d.startDate!.toISOString(),
      stateMachineId: machineArn('approval'),
      stateMachineName: fixtureMachineName('approval'),
      stateName: 'Prepare',
    });
    // After the parked state resumed, $$.Execution.Input is still the execution's input, $$.State.Name the current state.
    expect(out.finish.received).toEqual({ approval: { decision: 'approved' }, originalInput: { n: 21 }, state: 'Finish' });
    const open = callsSince(mark, 'fixture-open-task');
    expect(open).toHaveLength(1);
    expect(open[0]!.payload).toEqual({ token, execution: s.executionArn, label: 'Approval for happy-path' });

    const history = await client.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn }));
    const types = history.events!.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types.filter((t) => t === 'TaskStateEntered')).toHaveLength(3);
    expect(types).toContain('TaskSubmitted');
    expect(history.events!.map((e) => e.id)).toEqual(history.events!.map((_, i) => i + 1));
    const reversed = await client.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn, reverseOrder: true, maxResults: 2 }));
    expect(reversed.events!.map((e) => e.type)).toEqual(['ExecutionSucceeded', 'TaskStateExited']);
    expect(reversed.nextToken).toBeTruthy();
  });

  it('takes the Catch path on SendTaskFailure', async () => {
    const mark = fns.calls.length;
    const s = await start('approval', { n: 1 });
    await sfn.idle();
    const token = tokenOf(s.executionArn);
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'missing documents' }));
    await sfn.idle();

    const d = await describeExecution(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output!);
    expect(out.rejection).toEqual({ Error: 'Rejected', Cause: 'missing documents' });
    expect(out.outcome).toEqual({ rejected: true });
    expect(callsSince(mark, 'fixture-finish')).toHaveLength(0);
    // a generated name when none is given
    expect(d.name).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects a second SendTaskSuccess for the same token and never resumes twice', async () => {
    const mark = fns.calls.length;
    const s = await start('approval', { n: 2 });
    await sfn.idle();
    const token = tokenOf(s.executionArn);

    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' }))).rejects.toBeInstanceOf(InvalidOutput);
    const first = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"n":1}' }));
    const second = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"n":2}' }));
    const results = await Promise.allSettled([first, second]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(TaskTimedOut);
    await sfn.idle();
    await expect(client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' }))).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(client.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(TaskTimedOut);

    const d = await describeExecution(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!).approval).toEqual({ n: 1 });
    expect(callsSince(mark, 'fixture-finish')).toHaveLength(1);
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: 'x'.repeat(64), output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('accepts a callback sent by the function itself before it returns', async () => {
    const s = await start('self-complete', {});
    const d = await finished(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ answer: { self: true } });
  });

  it('waits on callbacks inside a Map state', async () => {
    const s = await start('map', { items: ['a', 'b'] });
    await sfn.idle();
    const calls = fns.calls.filter((c) => c.name === 'fixture-open-task' && (c.payload as { execution: string }).execution === s.executionArn);
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      const p = c.payload as { token: string; item: string };
      await client.send(new SendTaskSuccessCommand({ taskToken: p.token, output: JSON.stringify({ answered: p.item }) }));
    }
    await sfn.idle();
    const d = await describeExecution(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!).answers).toEqual([{ answered: 'a' }, { answered: 'b' }]);
  });

  it('stops a waiting execution; its token is then dead', async () => {
    const mark = fns.calls.length;
    const s = await start('approval', { n: 3 });
    await sfn.idle();
    await client.send(new StopExecutionCommand({ executionArn: s.executionArn, error: 'Cancelled', cause: 'case closed' }));
    const d = await describeExecution(s.executionArn);
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'case closed' });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: tokenOf(s.executionArn), output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    await sfn.idle();
    expect(callsSince(mark, 'fixture-finish')).toHaveLength(0);
  });
});

// These wait on real timers (IntervalSeconds, TimeoutSeconds, HeartbeatSeconds): run side by side.
describe.concurrent('timers', () => {
  it('keeps Retry counts of a callback task across parking, then catches', async ({ expect }) => {
    const s = await start('retry', {});
    await until('the first task token', () => fns.tokens(s.executionArn)[0]);
    await client.send(new SendTaskFailureCommand({ taskToken: tokenOf(s.executionArn), error: 'Transient', cause: 'first' }));
    // the retry waits IntervalSeconds (1 s), then calls the function again with a new token
    const second = await until('the second task token', () => fns.tokens(s.executionArn)[1]);
    expect(second).not.toBe(tokenOf(s.executionArn));
    await client.send(new SendTaskFailureCommand({ taskToken: second, error: 'Transient', cause: 'second' }));
    const d = await finished(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!).failure).toEqual({ Error: 'Transient', Cause: 'second' });
    expect(fns.tokens(s.executionArn)).toHaveLength(2);
  });

  it('times out a callback after TimeoutSecondsPath', async ({ expect }) => {
    const s = await start('timeouts', { timeout: 1 });
    const d = await finished(s.executionArn);
    expect(JSON.parse(d.output!).failure.Error).toBe('States.Timeout');
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn }));
    expect(history.events!.map((e) => e.type)).toContain('TaskTimedOut');
  });

  it('times out a callback whose heartbeat stops; a heartbeat moves the deadline on', async ({ expect }) => {
    const s = await start('timeouts', { timeout: 60 });
    const token = await until('the task token', () => fns.tokens(s.executionArn)[0]);
    const issuedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1200));
    await client.send(new SendTaskHeartbeatCommand({ taskToken: token })); // HeartbeatSeconds is 2
    const d = await finished(s.executionArn);
    expect(JSON.parse(d.output!).failure.Error).toBe('States.HeartbeatTimeout');
    expect(d.stopDate!.getTime() - issuedAt).toBeGreaterThanOrEqual(3000);
  });

  it('times out the whole execution after the top-level TimeoutSeconds', async ({ expect }) => {
    const s = await start('execution-timeout', {});
    const d = await finished(s.executionArn);
    expect(d).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });
});

describe('task resources', () => {
  it('fails the task with the thrown error name, so Catch by name works', async () => {
    const s = await start('errors', {});
    const d = await finished(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    const caught = JSON.parse(d.output!).error;
    expect(caught.Error).toBe('Fixture.Boom');
    expect(JSON.parse(caught.Cause)).toEqual({ errorType: 'Fixture.Boom', errorMessage: 'the fixture exploded on purpose' });
  });

  it('starts a child execution through states:startExecution', async () => {
    const mark = fns.calls.length;
    const s = await start('chain-parent', { n: 5 }, 'parent-1');
    const d = await finished(s.executionArn);
    expect(d.status).toBe('SUCCEEDED');
    const childArn = JSON.parse(d.output!).child.ExecutionArn as string;
    expect(childArn).toBe(`arn:aws:states:eu-central-1:000000000000:execution:${fixtureMachineName('chain-child')}:parent-1-child`);
    const child = await finished(childArn);
    expect(child.status).toBe('SUCCEEDED');
    expect(JSON.parse(child.input!)).toEqual({ parent: s.executionArn, n: 5 });
    // a plain Lambda ARN Task receives the state input as its event
    expect(callsSince(mark, 'fixture-finish').map((c) => c.payload)).toEqual([{ parent: s.executionArn, n: 5 }]);
    expect(JSON.parse(child.output!)).toEqual({ done: true, received: { parent: s.executionArn, n: 5 } });
  });

  describe('unmapped resources', () => {
    let sentinel: Server;
    const hits: string[] = [];
    const saved: Record<string, string | undefined> = {};
    const envKeys = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_LAMBDA', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

    beforeAll(async () => {
      // Any AWS call made from this process would land here.
      sentinel = createServer((req, res) => {
        hits.push(`${req.method} ${req.url}`);
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
        res.end('{"message":"sentinel"}');
      });
      await new Promise<void>((r) => sentinel.listen(0, '127.0.0.1', r));
      const url = `http://127.0.0.1:${(sentinel.address() as AddressInfo).port}`;
      for (const k of envKeys) saved[k] = process.env[k];
      Object.assign(process.env, { AWS_ENDPOINT_URL: url, AWS_ENDPOINT_URL_LAMBDA: url, AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' });
    });

    afterAll(async () => {
      for (const k of envKeys) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await new Promise<void>((r) => sentinel.close(() => r()));
    });

    it('the sentinel does catch the AWS call the bare engine makes (so the next test can trust it)', async () => {
      const bare = new StateMachine({
        StartAt: 'T',
        States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:eu-central-1:000000000000:function:anything', End: true } },
      });
      await expect(bare.run({}).result).rejects.toThrow();
      expect(hits.length).toBeGreaterThan(0);
    });

    it('fails the execution with Vatra.UnmappedResource and makes no AWS call', async () => {
      hits.length = 0;
      const mark = fns.calls.length;
      const s = await start('unmapped', { x: 1 });
      const d = await finished(s.executionArn);
      expect(d.status).toBe('FAILED');
      expect(d.error).toBe('Vatra.UnmappedResource');
      expect(d.cause).toContain('arn:aws:states:::dynamodb:putItem');
      expect(callsSince(mark, 'fixture-record')).toHaveLength(1);
      expect(hits).toEqual([]);
    });
  });
});

describe('API', () => {
  it('StartExecution is idempotent by name and input while running', async () => {
    const mark = fns.calls.length;
    const a = await start('approval', { n: 7 }, 'same-name');
    const b = await start('approval', { n: 7 }, 'same-name');
    expect(b.executionArn).toBe(a.executionArn);
    expect(b.startDate).toEqual(a.startDate);
    await expect(start('approval', { n: 8 }, 'same-name')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await sfn.idle();
    expect(callsSince(mark, 'fixture-prepare')).toHaveLength(1);
    const list = await client.send(new ListExecutionsCommand({ stateMachineArn: machineArn('approval'), statusFilter: 'RUNNING' }));
    expect(list.executions!.filter((e) => e.name === 'same-name')).toHaveLength(1);

    await client.send(new StopExecutionCommand({ executionArn: a.executionArn }));
    // once closed, even the same input is refused, as in AWS
    await expect(start('approval', { n: 7 }, 'same-name')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('lists and describes state machines and executions, with AWS errors for unknown ones', async () => {
    const machines = await client.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines!.map((m) => m.name)).toContain(fixtureMachineName('approval'));
    const dm = await client.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn('wait') }));
    expect(JSON.parse(dm.definition!).StartAt).toBe('Pause');
    expect(dm.type).toBe('STANDARD');

    const page1 = await client.send(new ListExecutionsCommand({ stateMachineArn: machineArn('approval'), maxResults: 2 }));
    expect(page1.executions).toHaveLength(2);
    const page2 = await client.send(new ListExecutionsCommand({ stateMachineArn: machineArn('approval'), maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.executions!.length).toBeGreaterThan(0);
    const names = [...page1.executions!, ...page2.executions!].map((e) => e.executionArn);
    expect(new Set(names).size).toBe(names.length);
    expect(page1.executions![0]!.startDate!.getTime()).toBeGreaterThanOrEqual(page1.executions![1]!.startDate!.getTime());

    const missing = `arn:aws:states:eu-central-1:000000000000:execution:${fixtureMachineName('approval')}:nope`;
    await expect(describeExecution(missing)).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(describeExecution('not-an-arn')).rejects.toBeInstanceOf(InvalidArn);
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('no-such-machine') }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it('persists one JSON record per execution', async () => {
    const files = readdirSync(join(dataDir, 'executions'));
    expect(files.length).toBeGreaterThan(5);
    expect(files.every((f) => f.endsWith('.json'))).toBe(true);
    const rec = JSON.parse(readFileSync(join(dataDir, 'executions', files[0]!), 'utf8'));
    expect(rec).toMatchObject({ version: 1, executionArn: expect.stringMatching(/^arn:aws:states:/) });
  });

  it('an ephemeral service keeps its executions in memory only: no file, the same answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vatra-sfn-ephemeral-'));
    const eph = await startLocalSfn({ port: 0, dataDir: dir, ephemeral: true, stateMachines: fixtureMachines(), invokeFunction: fns.invoke });
    const c = new SFNClient({ endpoint: eph.url, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const { executionArn } = await c.send(new StartExecutionCommand({ stateMachineArn: machineArn('approval'), input: '{"n":2}' }));
      await eph.idle();
      await c.send(new SendTaskSuccessCommand({ taskToken: tokenOf(executionArn!), output: '{"decision":"approved"}' }));
      await eph.idle();
      expect((await c.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('SUCCEEDED');
      const events = (await c.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
      expect(events.at(0)).toBe('ExecutionStarted');
      expect(events.at(-1)).toBe('ExecutionSucceeded');
      expect(JSON.parse((await c.send(new DescribeExecutionCommand({ executionArn }))).output!).approval).toEqual({ decision: 'approved' });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      c.destroy();
      await eph.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('restart in the same process', () => {
  it('close() leaves running executions to the next service on the data directory; a state that vanished fails them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vatra-sfn-reopen-'));
    const approval = fixtureMachines().find((m) => m.name === fixtureMachineName('approval'))!.definition;
    const renamed = approval.replaceAll('"Approval"', '"Consent"');
    const local = createFixtureFunctions();
    const open = (second: string) =>
      startLocalSfn({
        port: 0,
        dataDir: dir,
        stateMachines: [
          { name: 'kept', definition: approval },
          { name: 'changed', definition: second },
        ],
        invokeFunction: local.invoke,
      });
    const sdk = (url: string) => new SFNClient({ endpoint: url, region: 'eu-central-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    try {
      const first = await open(approval);
      const c1 = sdk(first.url);
      const kept = await c1.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('kept'), input: '{"n":1}' }));
      const changed = await c1.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('changed'), input: '{"n":2}' }));
      await first.idle();
      const [keptToken] = local.tokens();
      c1.destroy();
      await first.close();

      const second = await open(renamed);
      const c2 = sdk(second.url);
      try {
        await second.idle();
        expect((await c2.send(new DescribeExecutionCommand({ executionArn: changed.executionArn }))).status).toBe('FAILED');
        await c2.send(new SendTaskSuccessCommand({ taskToken: keptToken, output: '{"ok":true}' }));
        await second.idle();
        const d = await c2.send(new DescribeExecutionCommand({ executionArn: kept.executionArn }));
        expect(d.status).toBe('SUCCEEDED');
        expect(JSON.parse(d.output!).approval).toEqual({ ok: true });
        expect(local.calls.filter((c) => c.name === 'fixture-open-task')).toHaveLength(2);
      } finally {
        c2.destroy();
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up', () => {
  it('refuses an invalid definition with a message naming the machine', async () => {
    const bad = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } });
    await expect(
      startLocalSfn({ port: 0, dataDir: join(dataDir, 'other'), stateMachines: [{ name: 'broken', definition: bad }], invokeFunction: fns.invoke }),
    ).rejects.toThrow(/„broken” nu este validă/);
  });

  it('refuses to listen on a non-loopback interface', async () => {
    await expect(
      startLocalSfn({ host: '0.0.0.0', port: 0, dataDir: join(dataDir, 'other'), stateMachines: [], invokeFunction: fns.invoke }),
    ).rejects.toThrow(/loopback/);
  });
});
