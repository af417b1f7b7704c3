/**
 * The local Step Functions service through the real @aws-sdk/client-sfn: callbacks with task tokens, Catch on
 * SendTaskFailure, single use of a token, idempotent start by name, chaining, unmapped resources, and resumption of
 * a waiting execution by a new service instance on the same data folder (the crash test with SIGKILL runs in
 * test/integration/restart.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { startLocalSfn, stateMachineArn, type LocalSfn } from './service.js';

const lambda = (fn: string, payload: Record<string, unknown>) => ({ FunctionName: fn, Payload: payload });
const RETRY = [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 2, IntervalSeconds: 1 }];

const callbackMachine = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: lambda('prepare', { 'n.$': '$.n' }), ResultSelector: { 'prepared.$': '$.Payload' }, ResultPath: '$.step1', Retry: RETRY, Next: 'Human' },
    Human: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: lambda('openTask', { 'token.$': '$$.Task.Token', 'id.$': '$$.Execution.Id' }),
      ResultPath: '$.human', Catch: [{ ErrorEquals: ['Refused'], ResultPath: '$.error', Next: 'Refused' }], Next: 'Finish',
    },
    Finish: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: lambda('finish', { 'decision.$': '$.human.decision' }), ResultSelector: { 'done.$': '$.Payload' }, ResultPath: '$.result', End: true },
    Refused: { Type: 'Pass', Result: 'refused', ResultPath: '$.outcome', End: true },
  },
};
const chainMachine = { StartAt: 'Chain', States: { Chain: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: stateMachineArn('callback'), 'Name.$': "States.Format('{}-chained', $.id)", Input: { n: 7 } }, End: true } } };
const awsMachine = { StartAt: 'Dynamo', States: { Dynamo: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: {} }, End: true } } };

let services: LocalSfn[] = [];
afterEach(async () => {
  for (const s of services) await s.close();
  services = [];
});

function setup(dataDir = mkdtempSync(join(tmpdir(), 'sfn-'))) {
  const calls: { fn: string; payload: any }[] = [];
  const tokens: string[] = [];
  const start = async () => {
    const svc = await startLocalSfn({
      port: 0,
      dataDir,
      stateMachines: [
        { name: 'callback', definition: JSON.stringify(callbackMachine) },
        { name: 'chain', definition: JSON.stringify(chainMachine) },
        { name: 'aws', definition: JSON.stringify(awsMachine) },
      ],
      invokeFunction: async (fn, payload: any) => {
        calls.push({ fn, payload });
        if (fn === 'openTask') tokens.push(payload.token);
        if (fn === 'prepare') return { doubled: payload.n * 2 };
        if (fn === 'finish') return `finished:${payload.decision}`;
        return null;
      },
    });
    services.push(svc);
    const client = new SFNClient({ endpoint: svc.url, region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    return { svc, client };
  };
  return { dataDir, calls, tokens, start };
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timeout');
}

const describeExec = (client: SFNClient, executionArn: string) => client.send(new DescribeExecutionCommand({ executionArn }));

describe('local Step Functions service', () => {
  it('waits on a callback and carries on with SendTaskSuccess', async () => {
    const t = setup();
    const { client } = await t.start();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), name: 'run-1', input: JSON.stringify({ n: 21 }) }));
    const token = await until(() => t.tokens[0]);
    expect((await describeExec(client, executionArn!)).status).toBe('RUNNING');
    expect(t.calls.find((c) => c.fn === 'openTask')!.payload.id).toBe(executionArn);
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ decision: 'ok' }) }));
    const done = await until(async () => { const d = await describeExec(client, executionArn!); return d.status === 'SUCCEEDED' ? d : undefined; });
    const out = JSON.parse(done.output!);
    expect(out.step1.prepared).toEqual({ doubled: 42 });
    expect(out.human).toEqual({ decision: 'ok' });
    expect(out.result.done).toBe('finished:ok');
    expect(t.calls.map((c) => c.fn)).toEqual(['prepare', 'openTask', 'finish']);
  });

  it('routes SendTaskFailure to the Catch of the waiting state', async () => {
    const t = setup();
    const { client } = await t.start();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), input: '{"n":1}' }));
    const token = await until(() => t.tokens[0]);
    await client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Refused', cause: 'nu' }));
    const done = await until(async () => { const d = await describeExec(client, executionArn!); return d.status === 'SUCCEEDED' ? d : undefined; });
    expect(JSON.parse(done.output!).outcome).toBe('refused');
  });

  it('accepts a token once: a second SendTaskSuccess is refused and resumes nothing', async () => {
    const t = setup();
    const { client } = await t.start();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), input: '{"n":1}' }));
    const token = await until(() => t.tokens[0]);
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"a"}' }));
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"b"}' }))).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(client.send(new SendTaskSuccessCommand({ taskToken: 'nonsense', output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await until(async () => ((await describeExec(client, executionArn!)).status === 'SUCCEEDED' ? true : undefined));
    expect(t.calls.filter((c) => c.fn === 'finish')).toHaveLength(1);
  });

  it('starts by name idempotently like AWS, and refuses the same name with other input', async () => {
    const t = setup();
    const { client } = await t.start();
    const a = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), name: 'same', input: '{"n":1}' }));
    const b = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), name: 'same', input: '{"n":1}' }));
    expect(b.executionArn).toBe(a.executionArn);
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), name: 'same', input: '{"n":2}' }))).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await until(() => t.tokens[0]);
    expect(t.calls.filter((c) => c.fn === 'prepare')).toHaveLength(1);
  });

  it('chains another execution with states:startExecution', async () => {
    const t = setup();
    const { client } = await t.start();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('chain'), input: '{"id":"c1"}' }));
    await until(async () => ((await describeExec(client, executionArn!)).status === 'SUCCEEDED' ? true : undefined));
    const chained = await describeExec(client, `${stateMachineArn('callback').replace(':stateMachine:', ':execution:')}:c1-chained`);
    expect(JSON.parse(chained.input!)).toEqual({ n: 7 });
  });

  it('fails a task whose resource has no local equivalent instead of calling AWS', async () => {
    const t = setup();
    const { client } = await t.start();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('aws'), input: '{}' }));
    const d = await until(async () => { const x = await describeExec(client, executionArn!); return x.status === 'FAILED' ? x : undefined; });
    expect(d.error).toBe('Vatra.UnmappedResource');
    expect(t.calls).toHaveLength(0);
  });

  it('keeps a waiting execution across a restart: same token, task not re-created', async () => {
    const t = setup();
    const first = await t.start();
    const { executionArn } = await first.client.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('callback'), name: 'durable', input: '{"n":2}' }));
    const token = await until(() => t.tokens[0]);
    await first.svc.close();
    services = services.filter((s) => s !== first.svc);
    const second = await t.start();
    await second.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"later"}' }));
    const d = await until(async () => { const x = await describeExec(second.client, executionArn!); return x.status === 'SUCCEEDED' ? x : undefined; });
    expect(JSON.parse(d.output!).result.done).toBe('finished:later');
    expect(t.calls.map((c) => c.fn)).toEqual(['prepare', 'openTask', 'finish']);
  });
});
