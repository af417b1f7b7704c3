/**
 * The local runtime as one esbuild build instead of TypeScript compiled module by module at every start (tsx): the
 * runtime's entry (local/start.ts), every Lambda entry of shared/manifest/functions.ts (local/functions.ts loads them
 * from here when it runs from the build) and the command-line import, with the modules they share split into common
 * chunks — so the runtime and its handlers share one instance of each module, as they do under tsx. npm packages stay
 * outside (Node loads them from node_modules as before), and each source file keeps its own `import.meta.url` (its
 * path in the checkout), so the paths it finds from there (workflows/, dist/web, package-lock.json, node_modules) are
 * the checkout's.
 *
 * Built in about half a second; a start from it needs about a third less CPU than through tsx (decision 018, Session 10).
 * `npm start` builds it into node_modules/.cache/vatra/runtime and starts it; the tests build one per run (test/support).
 * `tsx local/bundle.ts [outDir]` builds it.
 */
import { build, type Plugin } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { functions } from '../shared/manifest/functions.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
export const DEFAULT_RUNTIME_DIR = join(ROOT, 'node_modules', '.cache', 'vatra', 'runtime');

/** The entries of the build, as paths in the checkout; each lands at the same path under the out folder, `.ts` → `.js`. */
export const RUNTIME_ENTRIES: readonly string[] = ['local/start.ts', 'scripts/import-caseload.ts', ...new Set(functions.map((f) => f.entry))];

/** Where a checkout path's build lands under `outDir` (e.g. functions/cases/index.ts → <outDir>/functions/cases/index.js). */
export const builtPath = (outDir: string, entry: string) => join(outDir, entry.replace(/\.ts$/, '.js'));

/** Each file's own `import.meta.url` (its path in the checkout), not the chunk's it is bundled into. */
const ownImportMetaUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const contents = text.includes('import.meta.url') ? text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)) : text;
      return { contents, loader: 'ts' };
    });
  },
};

export async function buildRuntime(outDir: string = DEFAULT_RUNTIME_DIR): Promise<{ outDir: string; start: string; importCli: string }> {
  await rm(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: [...RUNTIME_ENTRIES],
    outbase: ROOT,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    // stack traces map back to the sources with NODE_OPTIONS=--enable-source-maps
    sourcemap: 'linked',
    logLevel: 'warning',
    // local/functions.ts imports the handlers' builds from here
    define: { 'process.env.VATRA_RUNTIME_BUILD': JSON.stringify(outDir) },
    plugins: [ownImportMetaUrl],
  });
  return { outDir, start: builtPath(outDir, 'local/start.ts'), importCli: builtPath(outDir, 'scripts/import-caseload.ts') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildRuntime(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_RUNTIME_DIR);
}
