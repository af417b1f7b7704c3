/**
 * `npm start`: brings Vatra up on this machine and prints, last, its addresses and the demo logins.
 * The runtime's own logs (workflow executions, handler warnings) go to `<data dir>/logs/vatra.log`; `npm start -- --verbose`
 * (or VATRA_VERBOSE=1) shows them on the console instead. Console lines are in Romanian.
 * Settings (all optional): VATRA_HOST (127.0.0.1), VATRA_HTTP_PORT (8080), VATRA_DDB_PORT (8000), VATRA_SFN_PORT (8083),
 * VATRA_SES_PORT (8005), VATRA_DATA_DIR (.data), VATRA_SCHEDULES_PAUSED=1, VATRA_NO_SEED=1, VATRA_DEMO_CASES=0 (accounts
 * only, no demo history), VATRA_QUIET=1 (only the machine-readable ready line), VATRA_VERBOSE=1, VATRA_EPHEMERAL=1 (for tests: the data end when
 * Vatra stops, DynamoDB Local in memory and the executions in memory only; refused on a folder that keeps data, local/data-dir.ts),
 * VATRA_DDB_ENDPOINT (a DynamoDB Local already running with a database per access key — the tests' shared JVM — instead
 * of one of its own; the tables go to AWS_ACCESS_KEY_ID's database), VATRA_DDB_JIT=quick (DynamoDB Local's JVM with the
 * C1 compiler only, for runtimes that live as long as a test; default full, local/dynamo.ts).
 */
import { createWriteStream, mkdirSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRuntime } from './runtime.js';
import type { JvmJit } from './dynamo.js';
import { DEMO_PASSWORD, demoLoginLines } from './demo/users.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const env = process.env;
env.VATRA_LOG_LEVEL ??= 'WARN';
const num = (k: string, d: number) => (env[k] ? Number(env[k]) : d);
/** VATRA_DDB_JIT: quick | full (default); anything else is refused, not read as the default. */
const jit = (): JvmJit => {
  const v = env.VATRA_DDB_JIT ?? 'full';
  if (v !== 'quick' && v !== 'full') throw new Error(`VATRA_DDB_JIT trebuie să fie „quick” sau „full”, nu „${v}”`);
  return v;
};
const quiet = env.VATRA_QUIET === '1';
const verbose = env.VATRA_VERBOSE === '1' || process.argv.includes('--verbose');
const dataDir = resolve(root, env.VATRA_DATA_DIR ?? '.data');

/** A line for the person at the console (written straight to the terminal, never to the log file). */
const say = (line = '') => { if (!quiet) writeSync(1, `${line}\n`); };
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1).replace('.', ',')} s`;

// Everything else written to stdout/stderr in this process (Powertools logs of the handlers, engine messages) goes to
// the log file unless --verbose: the console keeps the few lines a person needs.
let logFile: string | undefined;
if (!quiet && !verbose) {
  mkdirSync(resolve(dataDir, 'logs'), { recursive: true });
  logFile = resolve(dataDir, 'logs', 'vatra.log');
  const stream = createWriteStream(logFile, { flags: 'a' });
  const toFile = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
    const done = typeof encoding === 'function' ? encoding : cb;
    return stream.write(chunk, typeof done === 'function' ? (done as () => void) : undefined);
  }) as typeof process.stdout.write;
  process.stdout.write = toFile;
  process.stderr.write = toFile;
  stream.write(`\n── ${new Date().toISOString()} npm start ──\n`);
}

say(`Pornesc Vatra (Node ${process.version})…${logFile ? ` Jurnalul de lucru: ${logFile}` : ''}`);
if (env.VATRA_CLOCK || env.VATRA_CLOCK_OFFSET) say(`  ceasul aplicației este mutat (${env.VATRA_CLOCK ? `VATRA_CLOCK=${env.VATRA_CLOCK}` : `VATRA_CLOCK_OFFSET=${env.VATRA_CLOCK_OFFSET}`})`);

let rt: Awaited<ReturnType<typeof startRuntime>>;
try {
  rt = await startRuntime({
    root,
    dataDir,
    host: env.VATRA_HOST ?? '127.0.0.1',
    ports: { http: num('VATRA_HTTP_PORT', 8080), dynamodb: num('VATRA_DDB_PORT', 8000), sfn: num('VATRA_SFN_PORT', 8083), ses: num('VATRA_SES_PORT', 8005) },
    schedulesPaused: env.VATRA_SCHEDULES_PAUSED === '1',
    seed: env.VATRA_NO_SEED !== '1',
    ephemeral: env.VATRA_EPHEMERAL === '1',
    dynamoEndpoint: env.VATRA_DDB_ENDPOINT || undefined,
    dynamoJit: jit(),
    log: quiet ? undefined : (m, d) => process.stdout.write(`[vatra] ${new Date().toISOString()} ${m}${d ? ` ${JSON.stringify(d)}` : ''}\n`),
    progress: (m) => say(`  ${m} (${seconds()})`),
  });
} catch (e) {
  if (!quiet) writeSync(2, `Vatra nu a pornit: ${(e as Error).message}${logFile ? `\nDetalii în ${logFile}` : ''}\n`);
  throw e;
}

say(`
Vatra rulează local (pornită în ${seconds()}).

  Interfața web      ${rt.urls.web}
  API (JSON)         ${rt.urls.api}   (OpenAPI: ${rt.urls.api}/openapi.json)
  Inbox e-mail (SES) ${rt.urls.sesInbox}
  DynamoDB Local     ${rt.urls.dynamodb}
  Step Functions     ${rt.urls.sfn}

Conturi demo (parola ${DEMO_PASSWORD}; toate persoanele din datele demo sunt fictive):
${demoLoginLines().join('\n')}

Jurnalul de lucru: ${logFile ?? 'pe consolă (--verbose)'}
Oprire: Ctrl+C. Ștergerea datelor locale: npm run reset`);
// One machine-readable line for tests and scripts (always the last line).
writeSync(1, `VATRA_READY ${JSON.stringify(rt.urls)}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await rt.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
