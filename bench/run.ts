/**
 * `npm run bench`: starts one local runtime (its own ports and data folder) and runs every bench/*.bench.ts in turn.
 * Each benchmark returns its figures; this prints them. Figures are for reading and comparing, never asserted.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { startRuntimeProcess, type RuntimeUrls } from '../test/support/runtime.js';
import { Api } from '../test/support/api.js';

export interface BenchContext { urls: RuntimeUrls; api: Api }
export type Bench = (ctx: BenchContext) => Promise<Record<string, string | number>>;

const here = resolve(fileURLToPath(import.meta.url), '..');
const only = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
// a benchmark that exports `runtime = false` (bundles) needs no runtime: `npm run bench bundles` starts none
const mods = await Promise.all(files.map(async (f) => [f, (await import(pathToFileURL(resolve(here, f)).href)) as { default: Bench; runtime?: boolean }] as const));
// the runtime a developer runs (`npm start`): DynamoDB Local of its own on disk with its full compiler, executions
// fsynced — as the earlier figures were
const rt = mods.some(([, m]) => m.runtime !== false) ? await startRuntimeProcess({ durable: true, ownDatabase: true, env: { VATRA_DDB_JIT: process.env.VATRA_DDB_JIT ?? 'full' } }) : undefined;
console.log(`bench: Node ${process.version}, ${rt ? `runtime at ${rt.urls.web}` : 'no runtime'}, ${files.length} benchmark(s)`);
try {
  for (const [f, mod] of mods) {
    const started = Date.now();
    const figures = await mod.default(rt ? { urls: rt.urls, api: new Api(rt.urls) } : ({} as BenchContext));
    console.log(`\n## ${f.replace('.bench.ts', '')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(48)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
  }
} catch (e) {
  // what the runtime said (its errors) is the first thing to read when a benchmark's request fails
  if (rt) console.error(rt.output().split('\n').filter((l) => /error|Error|ERROR/.test(l)).slice(-20).join('\n'));
  throw e;
} finally {
  await rt?.stop();
}
