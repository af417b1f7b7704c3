/**
 * The lazy Step Functions client: the calls reach Step Functions as the SDK sends them (AWS JSON 1.0 protocol), and
 * the errors callers tell apart by name (ExecutionAlreadyExists, ExecutionDoesNotExist, TaskTimedOut) keep their
 * names. A stand-in HTTP server answers as Step Functions does.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazySfnClient, type SfnClient } from './aws.js';

const received: { target: string; body: Record<string, unknown> }[] = [];
let server: Server;
let sfn: SfnClient;

function answer(target: string, body: Record<string, unknown>): [number, Record<string, unknown>] {
  switch (target) {
    case 'AWSStepFunctions.StartExecution':
      return body.name === 'taken'
        ? [400, { __type: 'com.amazonaws.states#ExecutionAlreadyExists', message: 'Execution Already Exists' }]
        : [200, { executionArn: `arn:aws:states:eu-central-1:000000000000:execution:m:${String(body.name)}`, startDate: 1767225600 }];
    case 'AWSStepFunctions.SendTaskSuccess':
      return body.taskToken === 'old' ? [400, { __type: 'TaskTimedOut', message: 'Task Timed Out' }] : [200, {}];
    case 'AWSStepFunctions.DescribeExecution':
      return String(body.executionArn).endsWith(':gone')
        ? [400, { __type: 'ExecutionDoesNotExist', message: 'Execution Does Not Exist' }]
        : [200, { executionArn: body.executionArn, stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:m', status: 'RUNNING', startDate: 1767225600 }];
    default:
      return [400, { __type: 'UnknownOperationException' }];
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']);
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      received.push({ target, body });
      const [status, out] = answer(target, body);
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  sfn = lazySfnClient({ region: 'eu-central-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const errorName = (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e as { name?: string }).name);

describe('lazySfnClient', () => {
  it('starts an execution with its name and input and answers its ARN', async () => {
    const r = await sfn.startExecution({ stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:m', name: 'c1-1', input: '{"caseId":"c1"}' });
    expect(r.executionArn).toBe('arn:aws:states:eu-central-1:000000000000:execution:m:c1-1');
    expect(received.at(-1)).toEqual({ target: 'AWSStepFunctions.StartExecution', body: { stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:m', name: 'c1-1', input: '{"caseId":"c1"}' } });
  });

  it('sends a task success with its token and output', async () => {
    await sfn.sendTaskSuccess({ taskToken: 'tok', output: '{"decision":"approved"}' });
    expect(received.at(-1)).toEqual({ target: 'AWSStepFunctions.SendTaskSuccess', body: { taskToken: 'tok', output: '{"decision":"approved"}' } });
  });

  it('describes an execution', async () => {
    expect(await sfn.describeExecution({ executionArn: 'arn:x:1' })).toEqual({ executionArn: 'arn:x:1', status: 'RUNNING' });
  });

  it('keeps the names of the errors callers recognise', async () => {
    expect(await errorName(sfn.startExecution({ stateMachineArn: 'arn:m', name: 'taken', input: '{}' }))).toBe('ExecutionAlreadyExists');
    expect(await errorName(sfn.sendTaskSuccess({ taskToken: 'old', output: '{}' }))).toBe('TaskTimedOut');
    expect(await errorName(sfn.describeExecution({ executionArn: 'arn:x:gone' }))).toBe('ExecutionDoesNotExist');
  });
});
