/**
 * Lambda bundles: every function of shared/manifest/functions.ts bundled exactly as CDK deploys it
 * (infra/constructs/bundling.ts), then imported in fresh Node 22 processes — what a cold start pays before the
 * handler runs. Alongside, the bare `@aws-sdk/client-dynamodb` client bundled the same way: the floor any function
 * with DynamoDB access stands on. Imports run round-robin (each round imports the bare client and every function
 * once; medians over the rounds), so load on the shared machine weighs on all alike. Size = index.mjs and the chunks it imports statically (what a cold start reads);
 * chunks behind `await import(...)` (exceljs, SES, mail templates, SSO credential providers) are counted apart.
 * Targets (issue #21): ≤ 500 KB, ≤ 150 ms import, ≤ 1.3× the bare client. Figures only, never asserted.
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

interface ImportTime { /** wall clock */ ms: number; /** CPU time of the process (user + system): steadier on a loaded machine */ cpu: number }

/** Import time of `file` in one fresh process, measured inside the child around `import()`. */
function importOnce(file: string): ImportTime {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const ms = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ ms, cpu: (u.user + u.system) / 1000 }));`;
  const out = execFileSync(node22(), ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', NODE_ENV: 'production' } }).toString();
  return JSON.parse(out) as ImportTime;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Median import times of each file over RUNS rounds. Each round imports every file once, in turn, so a change of load
 * on a shared machine weighs on the bare client and the functions alike and the ratios stay comparable.
 */
function importTimes(files: string[]): ImportTime[] {
  const times = files.map(() => [] as ImportTime[]);
  for (let round = 0; round < RUNS; round++) files.forEach((f, i) => {
      times[i]!.push(importOnce(f));
    });
  return times.map((t) => ({ ms: median(t.map((x) => x.ms)), cpu: median(t.map((x) => x.cpu)) }));
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
    const [bareT, ...times] = importTimes([join(work, 'bare', 'index.mjs'), ...built.map((b) => join(work, b.name, 'index.mjs'))]) as [ImportTime, ...ImportTime[]];
    const rows = built.map((b, i) => ({ ...b, ms: times[i]!.ms, cpu: times[i]!.cpu }));
    const figures: Record<string, string | number> = {
      [`bare @aws-sdk/client-dynamodb: KB · import ms (CPU ms), median of ${RUNS}`]: `${kb(bare.eagerBytes)} KB · ${bareT.ms.toFixed(0)} ms (${bareT.cpu.toFixed(0)})`,
    };
    for (const { name, r, ms, cpu } of rows) {
      const top = r.eagerByPackage.slice(0, 3).map(([p, b]) => `${p} ${kb(b)}`).join(', ');
      figures[`${name}: KB (lazy) · ms (CPU) · × bare`] =
        `${kb(r.eagerBytes)} (${kb(r.totalBytes - r.eagerBytes)}) · ${ms.toFixed(0)} (${cpu.toFixed(0)}) · ${(ms / bareT.ms).toFixed(2)}× (${(cpu / bareT.cpu).toFixed(2)}×) — ${top}`;
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
