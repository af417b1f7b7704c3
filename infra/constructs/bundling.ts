/**
 * How every Lambda function is bundled — one place used by the CDK construct (vatra-function.ts), by `npm run bench`
 * (the bundle table) and by the bundling test. See docs/decisions/018-performance.md.
 *
 * - esbuild, ESM for Node 22, minified, the AWS SDK and every package inside (no node_modules in the zip);
 * - code splitting: `await import(...)` becomes a chunk of its own that is read only when used (exceljs, the SDK's SSO
 *   credential providers), so a cold start loads only the entry and the chunks it imports statically;
 * - zod read as a namespace import (`import * as z`), so only the schema code used and the Romanian locale are bundled
 *   — `import { z } from 'zod'` is one object holding all of zod, its 64 locales (~258 KB) and the JSON-schema code;
 * - external source maps written beside the code as artefacts; the function does not load them at run time
 *   (`--enable-source-maps` cost 15–75 ms per cold start).
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Prepended to every output file so bundled CommonJS code can still `require` Node built-ins. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __vatraCreateRequire } from 'node:module'; const require = __vatraCreateRequire(import.meta.url);";

/**
 * The shared code imports zod as `import { z } from 'zod'`. Read as a namespace import, esbuild keeps only what is
 * used. Same runtime behaviour; the source files are not changed (the web build does the same, scripts/build-web.ts).
 */
export const zodNamespaceImports: Plugin = {
  name: 'zod-namespace-imports',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const src = readFileSync(args.path, 'utf8');
      if (!src.includes("from 'zod'")) return undefined;
      const contents = src.replace(/import\s*\{\s*z\s*((?:,\s*type\s+\w+\s*)*)\}\s*from\s*'zod';/g, (_m, types: string) => {
        const typeNames = types.split(',').map((t) => t.replace(/\btype\b/, '').trim()).filter(Boolean);
        return `import * as z from 'zod';${typeNames.length ? ` import type { ${typeNames.join(', ')} } from 'zod';` : ''}`;
      });
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/** esbuild options of one function: `entry` (relative to `root`) → `outdir/index.mjs` + chunks + source maps. */
export function functionBuildOptions(root: string, entry: string, outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: { index: resolve(root, entry) },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: 'external',
    legalComments: 'none',
    charset: 'utf8',
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    banner: { js: ESM_REQUIRE_BANNER },
    metafile: true,
    logLevel: 'warning',
    plugins: [zodNamespaceImports],
  };
}

export interface BundleReport {
  /** index.mjs and every chunk it imports statically: what a cold start reads */
  eagerBytes: number;
  /** every output file but the source maps */
  totalBytes: number;
  files: number;
  /** bytes in the eager part by package (or by shared/<area>), largest first */
  eagerByPackage: [string, number][];
}

/** Bundle one function and say what a cold start loads. */
export async function bundleFunction(root: string, entry: string, outdir: string): Promise<BundleReport> {
  const result = await build(functionBuildOptions(root, entry, outdir));
  return bundleReport(result.metafile!);
}

export function bundleReport(meta: Metafile): BundleReport {
  const outputs = Object.entries(meta.outputs).filter(([k]) => !k.endsWith('.map'));
  const byPath = new Map(outputs);
  const entryPath = outputs.find(([k, o]) => o.entryPoint && /(^|\/)index\.mjs$/.test(k))?.[0];
  if (!entryPath) throw new Error('bundle without index.mjs');
  const eager = new Set<string>();
  const todo = [entryPath];
  while (todo.length) {
    const k = todo.pop()!;
    if (eager.has(k)) continue;
    eager.add(k);
    for (const i of byPath.get(k)?.imports ?? []) if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
  }
  const packages = new Map<string, number>();
  for (const k of eager) {
    for (const [input, v] of Object.entries(byPath.get(k)!.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = m ? m[1]! : input.split('/').slice(0, 2).join('/');
      packages.set(name, (packages.get(name) ?? 0) + v.bytesInOutput);
    }
  }
  return {
    eagerBytes: [...eager].reduce((a, k) => a + byPath.get(k)!.bytes, 0),
    totalBytes: outputs.reduce((a, [, o]) => a + o.bytes, 0),
    files: outputs.length,
    eagerByPackage: [...packages].sort((a, b) => b[1] - a[1]),
  };
}
