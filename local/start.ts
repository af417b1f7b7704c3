/**
 * `npm start`: brings Vatra up on this machine and prints its URLs.
 * Settings (all optional): VATRA_HOST (127.0.0.1), VATRA_HTTP_PORT (8080), VATRA_DDB_PORT (8000), VATRA_SFN_PORT (8083),
 * VATRA_SES_PORT (8005), VATRA_DATA_DIR (.data), VATRA_SCHEDULES_PAUSED=1, VATRA_NO_SEED=1.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRuntime } from './runtime.js';
import { DEMO_PASSWORD, demoUsers } from './demo/users.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const env = process.env;
env.VATRA_LOG_LEVEL ??= 'WARN';
const num = (k: string, d: number) => (env[k] ? Number(env[k]) : d);
const quiet = env.VATRA_QUIET === '1';

const rt = await startRuntime({
  root,
  dataDir: resolve(root, env.VATRA_DATA_DIR ?? '.data'),
  host: env.VATRA_HOST ?? '127.0.0.1',
  ports: { http: num('VATRA_HTTP_PORT', 8080), dynamodb: num('VATRA_DDB_PORT', 8000), sfn: num('VATRA_SFN_PORT', 8083), ses: num('VATRA_SES_PORT', 8005) },
  schedulesPaused: env.VATRA_SCHEDULES_PAUSED === '1',
  seed: env.VATRA_NO_SEED !== '1',
  log: quiet ? undefined : (m, d) => console.log(`[vatra] ${m}${d ? ' ' + JSON.stringify(d) : ''}`),
});

if (!quiet) {
  console.log(`
Vatra rulează local (Node ${process.version})

  Interfața web      ${rt.urls.web}
  API (JSON)         ${rt.urls.api}   (OpenAPI: ${rt.urls.api}/openapi.json)
  Inbox e-mail (SES) ${rt.urls.sesInbox}
  DynamoDB Local     ${rt.urls.dynamodb}
  Step Functions     ${rt.urls.sfn}

Conturi demo (parola ${DEMO_PASSWORD}):
${demoUsers.map((u) => `  ${u.username.padEnd(18)} ${u.groups.join(',').padEnd(18)} ${u.institution}`).join('\n')}

Oprire: Ctrl+C. Ștergerea datelor locale: npm run reset
`);
}
// One machine-readable line for tests and scripts.
console.log(`VATRA_READY ${JSON.stringify(rt.urls)}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await rt.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
