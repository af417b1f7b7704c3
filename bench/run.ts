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
const rt = await startRuntimeProcess();
console.log(`bench: Node ${process.version}, runtime at ${rt.urls.web}, ${files.length} benchmark(s)`);
try {
  for (const f of files) {
    const mod = (await import(pathToFileURL(resolve(here, f)).href)) as { default: Bench };
    const started = Date.now();
    const figures = await mod.default({ urls: rt.urls, api: new Api(rt.urls) });
    console.log(`\n## ${f.replace('.bench.ts', '')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(48)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
  }
} catch (e) {
  // what the runtime said (its errors) is the first thing to read when a benchmark's request fails
  console.error(rt.output().split('\n').filter((l) => /error|Error|ERROR/.test(l)).slice(-20).join('\n'));
  throw e;
} finally {
  await rt.stop();
}
