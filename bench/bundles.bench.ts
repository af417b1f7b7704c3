/**
 * Lambda bundles: every function of shared/manifest/functions.ts bundled exactly as CDK deploys it
 * (infra/constructs/bundling.ts), then imported in fresh Node 22 processes — what a cold start pays before the
 * handler runs. Alongside, the bare `@aws-sdk/client-dynamodb` client bundled the same way: the floor any function
 * with DynamoDB access stands on. Imports run round-robin (each round imports the bare client and every function
 * once; medians over the rounds), so load on the shared machine weighs on all alike. Size = index.mjs and the chunks it imports statically (what a cold start reads);
 * chunks behind `await import(...)` (exceljs, SES, mail templates, SSO credential providers) are counted apart.
 * Then, in the same process, the handler's first invocation (one route or action per function that needs no AWS, see
 * `firstEvents`): with routes loaded on demand the import is only part of a cold start, so the first request's cost
 * is printed beside it. Targets (issue #21): ≤ 500 KB, ≤ 150 ms import, ≤ 1.3× the bare client. Figures only, never
 * asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleFunction, type BundleReport } from '../infra/constructs/bundling.js';
import { functions } from '../shared/manifest/functions.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const RUNS = 7;

/** Node 22 (what Lambda runs): this process when it is Node 22, else the `node` devDependency. */
function node22(): string {
  if (process.versions.node.startsWith('22.')) return process.execPath;
  return resolve(root, 'node_modules', 'node', 'bin', 'node');
}

interface ImportTime {
  /** wall clock */ ms: number;
  /** CPU time of the process (user + system): steadier on a loaded machine */ cpu: number;
  /** the first invocation after the import (wall, CPU ms): what the cold start's request pays for its route's code */
  firstMs: number; firstCpu: number;
  /** the same request again (warm): first − second is what the first request pays for being first */
  secondMs: number; secondCpu: number;
  /** its answer: HTTP status, or the error's name */
  outcome: string;
}

const ALL_ROLES = ['case_manager', 'centre_staff', 'intervention_staff', 'coordinator', 'finance', 'project_manager', 'roma_officer', 'admin'];
const claims = { sub: 'bench', 'cognito:groups': ALL_ROLES, 'custom:institution': 'DAS' };
const api = (routeKey: string, pathParameters: Record<string, string>, body?: unknown, query?: Record<string, string>) => ({
  routeKey, rawPath: '/bench', headers: { 'content-type': 'application/json' }, pathParameters, queryStringParameters: query,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }), requestContext: { requestId: 'bench', http: { sourceIp: '127.0.0.1', userAgent: 'bench' }, authorizer: { jwt: { claims } } },
});

/**
 * The first request a cold start serves, per function: one route (or workflow action) that needs no AWS. An API
 * route is sent input its schema refuses (422: the route's module is loaded, its schemas built, nothing read); a
 * workflow action runs until its first AWS request, which fails at once (AWS_ENDPOINT_URL points at a closed port,
 * one attempt): the action's code is loaded and run up to there.
 */
const firstEvents: Record<string, unknown> = {
  'api-system': api('PUT /me/preferences', {}, {}),
  'api-cases': api('POST /referrals', {}, {}),
  'api-tasks': api('POST /tasks/{taskId}/submit', { taskId: 'T0' }, {}),
  'api-services': api('POST /services/{serviceId}/sessions', { serviceId: '!' }, {}),
  'api-subsidies': api('POST /subsidy-runs', {}, {}),
  'api-reports': api('GET /reports/indicators', {}, undefined, { asOf: 'ieri' }),
  'api-imports': api('POST /imports/dry-run', {}, {}),
  'api-admin': api('PUT /cases/{caseId}/consent', { caseId: '!' }, {}),
  'wf-case': { action: 'openTask', caseId: 'C0', kind: 'evaluation', taskToken: 't', executionArn: 'arn:bench' },
  notifier: { action: 'deliver', outboxId: 'bench' },
  'wf-subsidy': { action: 'fail', runId: '2025-05-1' },
  retention: { action: 'retention' },
};

/** No AWS is ever reached: every SDK request goes to a closed local port, once, with placeholder credentials. */
const benchEnv = {
  PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', NODE_ENV: 'production',
  AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1',
  VATRA_MAIN_TABLE: 'bench-main', VATRA_AUDIT_TABLE: 'bench-audit',
};

/** Import time of `file` in one fresh process, measured inside the child around `import()`, then its first invocation. */
function importOnce(file: string, event: unknown): ImportTime {
  const script = [
    `let c = process.cpuUsage(); let t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)});`,
    'const ms = performance.now() - t; let u = process.cpuUsage(c); const cpu = (u.user + u.system) / 1000;',
    `c = process.cpuUsage(); t = performance.now(); let outcome;`,
    `try { const r = await m.handler(${JSON.stringify(event ?? {})}, { awsRequestId: 'bench', functionName: 'bench' }); outcome = String(r?.statusCode ?? 'ok'); } catch (e) { outcome = e?.code ?? e?.name ?? 'error'; }`,
    'const firstMs = performance.now() - t; u = process.cpuUsage(c); const firstCpu = (u.user + u.system) / 1000;',
    `c = process.cpuUsage(); t = performance.now();`,
    `try { await m.handler(${JSON.stringify(event ?? {})}, { awsRequestId: 'bench2', functionName: 'bench' }); } catch {}`,
    'const secondMs = performance.now() - t; u = process.cpuUsage(c);',
    'process.stdout.write(JSON.stringify({ ms, cpu, firstMs, firstCpu, secondMs, secondCpu: (u.user + u.system) / 1000, outcome }));',
  ].join('\n');
  const out = execFileSync(node22(), ['--input-type=module', '-e', script], { env: benchEnv }).toString();
  return JSON.parse(out.slice(out.lastIndexOf('{"ms"'))) as ImportTime;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median times of each file over RUNS rounds. Each round imports every file once, in turn, so a change of load on a
 * shared machine weighs on the bare client and the functions alike and the ratios stay comparable.
 */
function importTimes(files: { file: string; event: unknown }[]): ImportTime[] {
  const times = files.map(() => [] as ImportTime[]);
  for (let round = 0; round < RUNS; round++) files.forEach((f, i) => {
      times[i]!.push(importOnce(f.file, f.event));
    });
  return times.map((t) => ({
    ms: median(t.map((x) => x.ms)), cpu: median(t.map((x) => x.cpu)),
    firstMs: median(t.map((x) => x.firstMs)), firstCpu: median(t.map((x) => x.firstCpu)),
    secondMs: median(t.map((x) => x.secondMs)), secondCpu: median(t.map((x) => x.secondCpu)),
    outcome: [...new Set(t.map((x) => x.outcome))].join('/'),
  }));
}

const kb = (n: number) => Math.round(n / 1024);

/** Bundling and importing need no local runtime. */
export const runtime = false;

export default async function () {
  const work = mkdtempSync(join(tmpdir(), 'vatra-bundles-'));
  try {
    const bareEntry = join(root, 'bench', '.bare-dynamodb.ts');
    writeFileSync(bareEntry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async () => client.config.serviceId;\n");
    let bare: BundleReport;
    try {
      bare = await bundleFunction(root, 'bench/.bare-dynamodb.ts', join(work, 'bare'));
    } finally {
      rmSync(bareEntry, { force: true });
    }
    const built: { name: string; r: BundleReport }[] = [];
    for (const def of functions) built.push({ name: def.name, r: await bundleFunction(root, def.entry, join(work, def.name)) });
    const [bareT, ...times] = importTimes([
      { file: join(work, 'bare', 'index.mjs'), event: {} },
      ...built.map((b) => ({ file: join(work, b.name, 'index.mjs'), event: firstEvents[b.name] })),
    ]) as [ImportTime, ...ImportTime[]];
    const rows = built.map((b, i) => ({ ...b, ...times[i]! }));
    const figures: Record<string, string | number> = {
      [`bare @aws-sdk/client-dynamodb: KB · import ms (CPU ms), median of ${RUNS}`]: `${kb(bare.eagerBytes)} KB · ${bareT.ms.toFixed(0)} ms (${bareT.cpu.toFixed(0)})`,
    };
    for (const { name, r, ms, cpu, firstMs, firstCpu, secondMs, secondCpu, outcome } of rows) {
      const top = r.eagerByPackage.slice(0, 3).map(([p, b]) => `${p} ${kb(b)}`).join(', ');
      figures[`${name}: KB (lazy) · ms (CPU) · × bare · 1st call, 2nd call ms (CPU) → answer`] =
        `${kb(r.eagerBytes)} (${kb(r.totalBytes - r.eagerBytes)}) · ${ms.toFixed(0)} (${cpu.toFixed(0)}) · ${(ms / bareT.ms).toFixed(2)}× (${(cpu / bareT.cpu).toFixed(2)}×)` +
        ` · ${firstMs.toFixed(0)} (${firstCpu.toFixed(0)}), ${secondMs.toFixed(0)} (${secondCpu.toFixed(0)}) → ${outcome} — ${top}`;
    }
    const worst = rows.reduce((a, b) => (b.r.eagerBytes > a.r.eagerBytes ? b : a));
    const slowest = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
    const costliest = rows.reduce((a, b) => (b.cpu > a.cpu ? b : a));
    figures['largest cold-start bundle (target ≤ 500 KB)'] = `${worst.name} ${kb(worst.r.eagerBytes)} KB`;
    figures['bundles over 500 KB'] = rows.filter((x) => x.r.eagerBytes > 500 * 1024).map((x) => x.name).join(', ') || 'none';
    figures['slowest import (target ≤ 150 ms, ≤ 1.3× bare)'] = `${slowest.name} ${slowest.ms.toFixed(0)} ms, ${(slowest.ms / bareT.ms).toFixed(2)}×`;
    figures['most CPU at import (≤ 1.3× bare)'] = `${costliest.name} ${costliest.cpu.toFixed(0)} ms, ${(costliest.cpu / bareT.cpu).toFixed(2)}×`;
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
