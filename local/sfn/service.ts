/**
 * The local Step Functions service: an HTTP server speaking the AWS JSON 1.0 protocol of Step Functions, so the
 * real `@aws-sdk/client-sfn` works against it with only its endpoint changed. State machines are the project's ASL
 * files (JSONPath), run by the aws-local-stepfunctions engine; executions are durable under `dataDir` and carry on
 * after a restart. Design notes: local/sfn/README.md.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { makeActions } from './api.js';
import { parseAndValidate, prepareDefinition } from './definition.js';
import { Executor, SfnError, type Machine } from './executor.js';
import { ExecutionStore } from './store.js';

export interface StateMachineSpec {
  name: string;
  /** ASL JSON text, substitutions already applied */
  definition: string;
}

export interface LocalSfnOptions {
  /** default '127.0.0.1' — only loopback addresses are accepted */
  host?: string;
  /** 0 = ephemeral */
  port: number;
  /** durable store for executions (created if missing) */
  dataDir: string;
  /** the data end with the runtime: executions are kept in memory only, never written (default false) */
  ephemeral?: boolean;
  /** default 'eu-central-1'; the account id is always '000000000000' */
  region?: string;
  stateMachines: StateMachineSpec[];
  /** Invoke a Lambda function by name (or ARN) with an event payload; resolves with the function's return value. */
  invokeFunction(functionName: string, payload: unknown): Promise<unknown>;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface LocalSfn {
  url: string;
  port: number;
  close(): Promise<void>;
  /** resolves when no execution is running a non-waiting step */
  idle(): Promise<void>;
}

export const ACCOUNT_ID = '000000000000';
const DEFAULT_REGION = 'eu-central-1';
const MAX_BODY = 1_048_576;
const JSON_10 = 'application/x-amz-json-1.0';

export function stateMachineArn(name: string, region: string = DEFAULT_REGION): string {
  return `arn:aws:states:${region}:${ACCOUNT_ID}:stateMachine:${name}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_10,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startLocalSfn(opts: LocalSfnOptions): Promise<LocalSfn> {
  if (!('withResolvers' in Promise)) {
    // aws-local-stepfunctions needs it for every Task; on Node 20 each Task would fail at run time.
    throw new Error(`Serviciul local Step Functions cere Node 22 (rulează ${process.version}): folosiți node_modules/.bin/node sau npm run.`);
  }
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`Serviciul local Step Functions ascultă doar pe loopback; „${host}” nu este permis.`);
  const region = opts.region ?? DEFAULT_REGION;
  const log = opts.log ?? (() => undefined);

  const machines = new Map<string, Machine>();
  const createdAt = Date.now();
  for (const spec of opts.stateMachines) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(spec.name)) throw new Error(`Numele mașinii de stări „${spec.name}” nu este valid.`);
    const arn = stateMachineArn(spec.name, region);
    if (machines.has(arn)) throw new Error(`Mașina de stări „${spec.name}” este declarată de două ori.`);
    const original = parseAndValidate(spec.name, spec.definition);
    machines.set(arn, { name: spec.name, arn, definitionText: spec.definition, prepared: prepareDefinition(original), createdAt });
  }

  mkdirSync(opts.dataDir, { recursive: true });
  const executor = new Executor({
    region,
    account: ACCOUNT_ID,
    store: new ExecutionStore(opts.dataDir, opts.ephemeral ? 'ephemeral' : 'durable'),
    machines,
    invokeFunction: opts.invokeFunction,
    log,
  });
  executor.load();
  const actions = makeActions(executor, machines);

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') return send(res, 405, { __type: 'UnknownOperationException', message: 'Only POST is supported' });
      const target = String(req.headers['x-amz-target'] ?? '');
      const action = target.startsWith('AWSStepFunctions.') ? actions[target.slice('AWSStepFunctions.'.length)] : undefined;
      const text = await readBody(req);
      if (text === null) return send(res, 413, { __type: 'ValidationException', message: 'Request body too large' });
      if (!action) return send(res, 400, { __type: 'UnknownOperationException', message: `Unknown operation '${target}'` });
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Record<string, unknown>;
      } catch {
        return send(res, 400, { __type: 'SerializationException', message: 'The request body is not a JSON object' });
      }
      try {
        send(res, 200, action(body));
      } catch (e) {
        if (e instanceof SfnError) return send(res, 400, { __type: e.type, message: e.message });
        log('sfn.request.failed', { action: target, error: (e as Error).message });
        send(res, 500, { __type: 'InternalFailure', message: 'The local Step Functions service failed to process the request' });
      }
    })().catch((e: unknown) => {
      log('sfn.request.failed', { error: (e as Error).message });
      if (!res.headersSent) send(res, 500, { __type: 'InternalFailure', message: 'Internal failure' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log('sfn.started', { url, stateMachines: machines.size });

  // Carry on the executions a previous process left RUNNING (after the server listens: their functions may call back).
  executor.recoverAll();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    idle: () => executor.idle(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        executor.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
