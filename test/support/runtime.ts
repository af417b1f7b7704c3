/**
 * Starts the real local runtime (local/start.ts: the run's esbuild build of it, else through tsx) as a child process on
 * free ports and a data folder of the test's own, waits for its VATRA_READY line, and can stop it gracefully or kill
 * it (SIGKILL) like a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { builtPath } from '../../local/bundle.js';
import { localTableName } from '../../local/dynamo.js';
import { localCredentials } from '../../shared/platform/aws.js';
import { tables } from '../../shared/platform/db/tables.js';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');

export interface RuntimeUrls { web: string; api: string; dynamodb: string; dynamodbAccessKey?: string; sfn: string; ses: string; sesInbox: string }

/** Credentials that reach the runtime's database: its own access key when it shares the tests' DynamoDB Local JVM. */
export const dynamoCredentials = (urls: Pick<RuntimeUrls, 'dynamodbAccessKey'>) => localCredentials(urls.dynamodbAccessKey);

/**
 * The DynamoDB Local JVM the ephemeral test runtimes share (started by the global setup, test/support/global-setup.ts):
 * each runtime gets an access key of its own, hence a database of its own, and no JVM of its own (~3 s of CPU each).
 */
export const SHARED_DYNAMO_ENV = 'VATRA_TEST_DDB_ENDPOINT';

/**
 * The run's build of the runtime (local/bundle.ts), made once by the global setup: every runtime and import CLI a test
 * starts runs from it — the same sources `npm start` builds, without compiling TypeScript at each of some twenty starts.
 */
export const RUNTIME_BUILD_ENV = 'VATRA_TEST_RUNTIME_BUILD';

/** node's arguments to run a checkout entry (e.g. local/start.ts): the run's build of it if there is one, else via tsx. */
export function entryArgs(entry: string): string[] {
  const dir = process.env[RUNTIME_BUILD_ENV];
  return dir ? [builtPath(dir, entry)] : ['--import', 'tsx', entry];
}

export interface RuntimeProcess {
  urls: RuntimeUrls;
  dataDir: string;
  ports: Ports;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, and drop its database from the shared JVM — unless the test starts it again on the same data. */
  stop(opts?: { keepDatabase?: boolean }): Promise<void>;
  kill(): Promise<void>;
}

/** Seconds the runtime may take to start (a loaded shared machine can need more than a minute): VATRA_START_TIMEOUT_S. */
export const START_S = Number(process.env.VATRA_START_TIMEOUT_S ?? 240);

export interface Ports { http: number; dynamodb: number; sfn: number; ses: number }

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const p = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(p));
    });
  });
}

export async function freePorts(): Promise<Ports> {
  return { http: await freePort(), dynamodb: await freePort(), sfn: await freePort(), ses: await freePort() };
}

export function tempDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `vatra-${label}-`));
}

type StartOptions = {
  dataDir?: string;
  ports?: Ports;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /**
   * The test starts a runtime again on the same data (a restart, a crash): the executions are fsynced in the data
   * folder, and the database outlives the runtime. Otherwise the runtime is ephemeral (`VATRA_EPHEMERAL`): DynamoDB
   * Local in memory costs the 2-core machine a quarter less CPU (decision 018, Session 9).
   */
  durable?: boolean;
  /**
   * Where a durable runtime's database lives. By default in the tests' shared DynamoDB Local, under an access key of
   * the data folder's own: a killed or stopped runtime leaves it as a crashed Lambda leaves DynamoDB, and the next
   * start on the folder finds it — with no JVM of its own to start and warm up (a cold JVM cost the three starts of the
   * killed monthly run ~25 s of CPU, decision 018 Session 12). `true`: a DynamoDB Local of its own on disk in the data
   * folder, as `npm start` runs it — for the tests of that (crash of the whole runtime, data kept, reset).
   */
  ownDatabase?: boolean;
};

/** The shared DynamoDB Local's access key of a durable runtime's data folder (the same at every start on it). */
const folderKey = (dataDir: string) => `rt${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 32)}`;

/**
 * Start a runtime. Ports are picked free (listen on 0, close) and only then taken by the runtime: with several runtimes
 * starting at once on the machine, another process can take one in between (CI saw EADDRINUSE). When the test did not
 * ask for given ports, such a start is retried on new ports.
 */
export async function startRuntimeProcess(opts: StartOptions = {}): Promise<RuntimeProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      // Node's listen error (HTTP, Step Functions, SES ports) or Java's (DynamoDB Local's port)
      if (opts.ports || attempt >= 3 || !/EADDRINUSE|Address already in use/.test(String(e))) throw e;
      // the failed start's DynamoDB Local stops when its parent is gone (local/dynamo.ts): give it a moment
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function startOnce(opts: StartOptions): Promise<RuntimeProcess> {
  // VATRA_TEST_READY_MS: a longer wait on a loaded machine (default 60 s)
  const readyTimeoutMs = opts.readyTimeoutMs ?? Number(process.env.VATRA_TEST_READY_MS ?? START_S * 1000);
  const dataDir = opts.dataDir ?? tempDataDir('rt');
  const ports = opts.ports ?? (await freePorts());
  // node itself (Node 22 from node_modules/.bin), no wrapper: a SIGKILL then hits the runtime
  const node = resolve(ROOT, 'node_modules', '.bin', 'node');
  const child = spawn(node, entryArgs('local/start.ts'), {
    cwd: ROOT,
    env: {
      ...process.env,
      PATH: `${resolve(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
      VATRA_DATA_DIR: dataDir,
      VATRA_HTTP_PORT: String(ports.http),
      VATRA_DDB_PORT: String(ports.dynamodb),
      VATRA_SFN_PORT: String(ports.sfn),
      VATRA_SES_PORT: String(ports.ses),
      VATRA_SCHEDULES_PAUSED: '1',
      VATRA_QUIET: '1',
      VATRA_DEMO_CASES: '0',
      // set either way: an exported VATRA_EPHEMERAL must not turn a durable runtime ephemeral
      VATRA_EPHEMERAL: opts.durable ? '0' : '1',
      ...(!opts.ownDatabase && process.env[SHARED_DYNAMO_ENV]
        ? {
            VATRA_DDB_ENDPOINT: process.env[SHARED_DYNAMO_ENV],
            AWS_ACCESS_KEY_ID: opts.durable ? folderKey(dataDir) : `rt${randomUUID().replaceAll('-', '')}`,
            AWS_SECRET_ACCESS_KEY: 'local',
          }
        : { VATRA_DDB_ENDPOINT: '' }),
      // the integration files run in parallel against one process: handler deadlines stretched (local/functions.ts),
      // and Java given longer to start while other runtimes start beside it (a loaded 2-core machine)
      VATRA_LOCAL_TIMEOUT_FACTOR: process.env.VATRA_LOCAL_TIMEOUT_FACTOR ?? '6',
      VATRA_DDB_START_MS: process.env.VATRA_DDB_START_MS ?? String(Math.max(60_000, START_S * 1000 / 2)),
      // a JVM of its own (ownDatabase) lives as long as the test: the C1 compiler only (local/dynamo.ts jvmFlags)
      VATRA_DDB_JIT: 'quick',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const urls = await new Promise<RuntimeUrls>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`runtime did not start in ${readyTimeoutMs / 1000} s:\n${out}`)), readyTimeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /VATRA_READY (\{.*\})/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(JSON.parse(m[1]!) as RuntimeUrls);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
    child.once('exit', (code) => { clearTimeout(timer); rej(new Error(`runtime exited with ${code}:\n${out}`)); });
  }).catch((e: unknown) => {
    // a start that failed while the process still lives (the wait ran out): end it before anyone retries beside it
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw e;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    urls,
    dataDir,
    ports,
    child,
    output: () => out,
    async stop({ keepDatabase = false } = {}) {
      child.kill('SIGTERM');
      await exited;
      if (urls.dynamodbAccessKey && !keepDatabase) await dropDatabase(urls);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
      // a JVM of its own: DynamoDB Local's guard notices the closed pipe and stops Java; wait until its port is free
      // again (a runtime on the shared JVM never took that port: another process may hold it meanwhile)
      if (!urls.dynamodbAccessKey) await waitPortFree(ports.dynamodb);
    },
  };
}

/**
 * The shared JVM keeps every database it was given until the run ends (SQLite in native memory, outside Java's heap):
 * a stopped ephemeral runtime's tables are dropped with it.
 */
async function dropDatabase(urls: RuntimeUrls) {
  const client = new DynamoDBClient({ endpoint: urls.dynamodb, region: 'eu-central-1', credentials: dynamoCredentials(urls), maxAttempts: 2 });
  try {
    for (const def of tables) await client.send(new DeleteTableCommand({ TableName: localTableName(def) })).catch(() => undefined);
  } finally {
    client.destroy();
  }
}

async function waitPortFree(port: number) {
  for (let i = 0; i < 100; i++) {
    const free = await new Promise<boolean>((res) => {
      const s = createServer();
      s.once('error', () => res(false));
      s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
    });
    if (free) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} still in use`);
}
