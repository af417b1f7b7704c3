/**
 * Lambda bundles: every function of shared/manifest/functions.ts bundled exactly as CDK deploys it
 * (infra/constructs/bundling.ts), then imported in fresh Node 22 processes — what a cold start pays before the
 * handler runs. Alongside, the bare `@aws-sdk/client-dynamodb` client bundled the same way: the floor any function
 * with DynamoDB access stands on. Size = index.mjs and the chunks it imports statically (what a cold start reads);
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
const RUNS = 5;

/** Node 22 (what Lambda runs): this process when it is Node 22, else the `node` devDependency. */
function node22(): string {
  if (process.versions.node.startsWith('22.')) return process.execPath;
  return resolve(root, 'node_modules', 'node', 'bin', 'node');
}

/** Median import time of `file` over RUNS fresh processes (ms), measured inside the child around `import()`. */
function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(node22(), ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1', NODE_ENV: 'production' } }).toString();
    times.push(Number(out));
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

const kb = (n: number) => Math.round(n / 1024);

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
    const bareMs = importMs(join(work, 'bare', 'index.mjs'));
    const rows: { name: string; r: BundleReport; ms: number }[] = [];
    for (const def of functions) {
      const r = await bundleFunction(root, def.entry, join(work, def.name));
      rows.push({ name: def.name, r, ms: importMs(join(work, def.name, 'index.mjs')) });
    }
    const figures: Record<string, string | number> = {
      [`bare @aws-sdk/client-dynamodb: cold-start KB / import ms (median of ${RUNS})`]: `${kb(bare.eagerBytes)} KB, ${bareMs.toFixed(0)} ms`,
    };
    for (const { name, r, ms } of rows) {
      const top = r.eagerByPackage.slice(0, 3).map(([p, b]) => `${p} ${kb(b)}`).join(', ');
      figures[`${name}: cold-start KB (lazy KB) · import ms · × bare`] =
        `${kb(r.eagerBytes)} (${kb(r.totalBytes - r.eagerBytes)}) · ${ms.toFixed(0)} ms · ${(ms / bareMs).toFixed(2)}× — ${top}`;
    }
    const worst = rows.reduce((a, b) => (b.r.eagerBytes > a.r.eagerBytes ? b : a));
    const slowest = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
    figures['largest cold-start bundle (target ≤ 500 KB)'] = `${worst.name} ${kb(worst.r.eagerBytes)} KB`;
    figures['bundles over 500 KB'] = rows.filter((x) => x.r.eagerBytes > 500 * 1024).map((x) => x.name).join(', ') || 'none';
    figures['slowest import (target ≤ 150 ms, ≤ 1.3× bare)'] = `${slowest.name} ${slowest.ms.toFixed(0)} ms, ${(slowest.ms / bareMs).toFixed(2)}×`;
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
