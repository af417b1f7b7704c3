/**
 * How every Lambda function is bundled — one place used by the CDK construct (vatra-function.ts), by `npm run bench`
 * (the bundle table) and by the bundling test. See docs/decisions/018-performance.md.
 *
 * - esbuild, ESM for Node 22, minified, the AWS SDK and every package inside (no node_modules in the zip);
 * - code splitting: `await import(...)` becomes a chunk of its own that is read only when used (exceljs, the SDK's SSO
 *   credential providers), so a cold start loads only the entry and the chunks it imports statically;
 * - zod read as a namespace import (`import * as z`), so only the schema code used and the Romanian locale are bundled
 *   — `import { z } from 'zod'` is one object holding all of zod, its 64 locales (~258 KB) and the JSON-schema code;
 * - zod configured `jitless` before any schema exists (zod-lambda.ts), without its JSON Schema code (the OpenAPI
 *   document is built at bundling, `staticOpenApi`);
 * - each API function with its own routes only (`routeSlice`);
 * - external source maps written beside the code as artefacts; the function does not load them at run time
 *   (`--enable-source-maps` cost 15–75 ms per cold start).
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { functions } from '../../shared/manifest/functions.js';
import { routes } from '../../shared/manifest/routes.js';

/**
 * The OpenAPI document (GET /openapi.json, api-system) is built when that function is bundled, from the source, and
 * shipped beside its code as `openapi.json`; in the bundle, the module that builds it is replaced by one that reads
 * that file (`staticOpenApi`). So no function carries zod's JSON Schema code, every API function's operations or the
 * whole route table to document them: api-system is bundled like the others (decision 018, session 13).
 */
export const OPENAPI = { entry: 'functions/system/index.ts', module: 'functions/system/openapi.ts', file: 'openapi.json' } as const;

/** Prepended to every output file so bundled CommonJS code can still `require` Node built-ins. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __vatraCreateRequire } from 'node:module'; const require = __vatraCreateRequire(import.meta.url);";

/**
 * The shared code imports zod as `import { z } from 'zod'`. Read as a namespace import, esbuild keeps only what is
 * used. Same runtime behaviour; the source files are not changed (the web build does the same, scripts/build-web.ts).
 */
export function zodNamespaced(src: string): string {
  return src.replace(/import\s*\{\s*z\s*((?:,\s*type\s+\w+\s*)*)\}\s*from\s*'zod';/g, (_m, types: string) => {
    const typeNames = types.split(',').map((t) => t.replace(/\btype\b/, '').trim()).filter(Boolean);
    return `import * as z from 'zod';${typeNames.length ? ` import type { ${typeNames.join(', ')} } from 'zod';` : ''}`;
  });
}

export const zodNamespaceImports: Plugin = {
  name: 'zod-namespace-imports',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const src = readFileSync(args.path, 'utf8');
      if (!src.includes("from 'zod'")) return undefined;
      return { contents: zodNamespaced(src), loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * An API function's bundle carries its own routes, not the whole table of every area (with every route's summary):
 * `shared/manifest/routes.ts` is read as the routes of the functions built from `entry`. The adapter keeps only the
 * function's own routes anyway (shared/platform/http/api.ts), so behaviour is the same.
 */
export function routeSlice(entry: string): Plugin {
  const names = new Set(functions.filter((f) => f.entry === entry).map((f) => f.name));
  const mine = routes.filter((r) => names.has(r.function));
  return {
    name: 'route-slice',
    setup(b) {
      b.onLoad({ filter: /[\\/]shared[\\/]manifest[\\/]routes\.ts$/ }, (args) => ({
        contents: [
          `// the routes of ${[...names].join(', ')} (infra/constructs/bundling.ts routeSlice)`,
          "import type { RouteDef } from '../platform/http/routes.js';",
          "export { matchRoute, routeKey, type HttpMethod, type RouteDef } from '../platform/http/routes.js';",
          `export const routes: readonly RouteDef[] = ${JSON.stringify(mine)};`,
        ].join('\n'),
        loader: 'ts',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * zod 4's classic schemas reference its JSON Schema generator (~17 KB minified) from every schema class, so esbuild
 * keeps it in every bundle although only the OpenAPI document uses it, and that is built at bundling (`staticOpenApi`).
 * In every bundle the two modules are replaced by stand-ins with the same export names that throw if JSON Schema is
 * ever asked for: validation, the only thing the functions do with zod, never reaches them. The bundling test checks it.
 */
export const zodWithoutJsonSchema: Plugin = {
  name: 'zod-without-json-schema',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/](to-json-schema|json-schema-processors)\.js$/ }, async (args) => {
      const names = Object.keys((await import(pathToFileURL(args.path).href)) as Record<string, unknown>);
      const refuse = "function notBundled() { throw new Error('zod JSON Schema generation is not bundled in this function (infra/constructs/bundling.ts)'); }";
      // the create…Method factories run when a schema's `~standard` is read: they return the refusing method
      const stand = (n: string) => (n.startsWith('create') ? `export const ${n} = () => notBundled;` : `export const ${n} = notBundled;`);
      return { contents: [refuse, ...names.map(stand)].join('\n'), loader: 'js' };
    });
  },
};

/** `entry` as the functions manifest writes it ('functions/x/index.ts'), however it was spelled relative to `root`. */
const manifestEntry = (root: string, entry: string) => relative(resolve(root), resolve(root, entry)).split(sep).join('/');
/** Is `entry` (relative to `root`, however spelled) the function that serves the OpenAPI document? */
const documentsTheApi = (root: string, entry: string) => manifestEntry(root, entry) === OPENAPI.entry;

/** In a bundle, functions/system/openapi.ts reads the document written beside the code at bundling (`bundleFunction`). */
export function staticOpenApi(root: string): Plugin {
  const module = resolve(realRoot(root), OPENAPI.module);
  return {
    name: 'static-openapi',
    setup(b) {
      b.onLoad({ filter: /[\\/]functions[\\/]system[\\/]openapi\.ts$/ }, (args) => (args.path !== module ? undefined : {
        contents: [
          `// ${OPENAPI.module} in a bundle: the document built when the function was bundled (infra/constructs/bundling.ts)`,
          "import { readFileSync } from 'node:fs';",
          'let doc: Promise<unknown> | undefined;',
          `export function openApiDocument(): Promise<unknown> {`,
          `  doc ??= Promise.resolve(JSON.parse(readFileSync(new URL('./${OPENAPI.file}', import.meta.url), 'utf8')));`,
          '  return doc;',
          '}',
        ].join('\n'),
        loader: 'ts',
      }));
    },
  };
}

/**
 * An area's index.ts is its public door (dependency-cruiser checks that areas import each other only through it), and
 * a door re-exports many modules. esbuild splits code by file: a door that a cold start and a lazy chunk both import
 * goes to a shared chunk with every module it re-exports that either side uses — so a workflow function that took
 * `AuditLog` through shared/protection/index.ts also built, at every cold start, the consent schemas only its lazily
 * loaded steps use. In a bundle, a named import from a door is read as imports from the modules that define the names
 * (`import { AuditLog } from '../protection/index.js'` → from `…/protection/audit-store.ts`); the source keeps its doors.
 * Only doors made of `export { … } from './x.js'` lines are followed, names a door defines itself stay imported from it.
 */
/** An import or export list without its comments (a comment may hold a `}` or a comma). */
const withoutComments = (list: string) => list.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');

/** What a door re-exports from its modules: exported name → the module file and the name there. */
export function doorExports(src: string, doorFile: string): Map<string, { file: string; name: string }> {
  const names = new Map<string, { file: string; name: string }>();
  for (const m of src.matchAll(/export\s*\{([^}]*)\}\s*from\s*'(\.[^']+)\.js';/g)) {
    for (const spec of withoutComments(m[1]!).split(',').map((x) => x.trim()).filter((x) => x && !x.startsWith('type '))) {
      const [name, alias] = spec.split(/\s+as\s+/) as [string, string | undefined];
      names.set(alias ?? name, { file: resolve(dirname(doorFile), `${m[2]}.ts`), name });
    }
  }
  return names;
}

/**
 * `src` (the module at `file`) with its named imports from doors read as imports from the modules behind them, on as
 * many lines as before; `doorAt(path)` gives a door's exports, or undefined when `path` is no door. Undefined when
 * nothing changed.
 */
export function throughDoors(src: string, file: string, doorAt: (path: string) => Map<string, { file: string; name: string }> | undefined): string | undefined {
  let changed = false;
  const contents = src.replace(/import\s*\{([^}]*)\}\s*from\s*'(\.[^']*\/index)\.js';/g, (whole, list: string, spec: string) => {
    const names = doorAt(resolve(dirname(file), `${spec}.ts`));
    if (!names) return whole;
    const byFile = new Map<string, string[]>();
    const rest: string[] = [];
    for (const item of withoutComments(list).split(',').map((x) => x.trim()).filter(Boolean)) {
      if (item.startsWith('type ')) continue; // erased
      const [name, local] = item.split(/\s+as\s+/) as [string, string | undefined];
      const origin = names.get(name);
      if (!origin) rest.push(item);
      else byFile.set(origin.file, [...(byFile.get(origin.file) ?? []), origin.name === (local ?? name) ? origin.name : `${origin.name} as ${local ?? name}`]);
    }
    changed = true;
    const lines = [...byFile].map(([from, items]) => `import { ${items.join(', ')} } from ${JSON.stringify(from)};`);
    if (rest.length) lines.push(`import { ${rest.join(', ')} } from '${spec}.js';`);
    // the same number of lines, so the source map's lines stay right
    return lines.join(' ') + '\n'.repeat((whole.match(/\n/g) ?? []).length);
  });
  return changed ? contents : undefined;
}

export function doorImports(root: string): Plugin {
  const base = realRoot(root);
  const doors = new Map<string, Map<string, { file: string; name: string }>>();
  const isDoor = (file: string) => file.startsWith(SHARED) && /[\\/]shared[\\/][a-z-]+[\\/]index\.ts$/.test(file);
  const doorAt = (file: string) => {
    if (!isDoor(file)) return undefined;
    if (!doors.has(file)) doors.set(file, doorExports(readFileSync(file, 'utf8'), file));
    return doors.get(file);
  };
  return {
    name: 'door-imports',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes('node_modules') || !args.path.startsWith(base)) return undefined;
        const src = readFileSync(args.path, 'utf8');
        if (!src.includes("/index.js'")) return undefined;
        const contents = throughDoors(src, args.path, doorAt);
        // esbuild takes the first onLoad that answers, so zodNamespaceImports never sees this file: its rewrite is applied here
        return contents === undefined ? undefined : { contents: zodNamespaced(contents), loader: 'ts' };
      });
    },
  };
}

// real paths with a trailing separator: esbuild hands plugins real paths, and /shared-x/ is not /shared/
const SHARED = `${realpathSync(fileURLToPath(new URL('../../shared/', import.meta.url)))}${sep}`;
/** `root` as esbuild sees paths (symlinks resolved), with a trailing separator. */
const realRoot = (root: string) => `${realpathSync(resolve(root))}${sep}`;

/**
 * Vatra's shared modules have no import-time side effects (their top levels declare; the one exception, zod's Romanian
 * messages in shared/platform/http/api.ts, runs where the API adapter is used): marked `sideEffects: false`, a module
 * none of whose exports a bundle uses is left out, as a package with `"sideEffects": false` would be. Without it, an
 * area's index.ts kept every module it re-exports in every bundle that imported one name through it — wf-subsidy
 * built the case forms' ~100 schemas at each cold start for `deps`. A handler that wants code loaded with it (the
 * SDK clients and stores) names it, as the API entries do with `export { deps }`.
 */
export const sharedWithoutSideEffects: Plugin = {
  name: 'shared-without-side-effects',
  setup(b) {
    b.onResolve({ filter: /^(\.\.?)?\// }, async (args) => {
      if (args.pluginData === 'shared-without-side-effects' || args.importer.includes('node_modules')) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'shared-without-side-effects' });
      // anything else (errors included) is resolved by esbuild as before
      if (r.errors.length > 0 || r.external || r.namespace !== 'file' || !r.path.startsWith(SHARED)) return undefined;
      return { path: r.path, sideEffects: false };
    });
  },
};

const ZOD_FOR_LAMBDA = fileURLToPath(new URL('./zod-lambda.ts', import.meta.url));

/** `zod` read as infra/constructs/zod-lambda.ts (zod, jitless) everywhere but inside that module. */
export const zodJitless: Plugin = {
  name: 'zod-jitless',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) => (args.importer === ZOD_FOR_LAMBDA ? undefined : { path: ZOD_FOR_LAMBDA }));
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
    // the plugins that replace a whole module come first (esbuild takes the first onLoad that answers)
    plugins: [routeSlice(manifestEntry(root, entry)), ...(documentsTheApi(root, entry) ? [staticOpenApi(root)] : []), doorImports(root), zodNamespaceImports, zodJitless, zodWithoutJsonSchema, sharedWithoutSideEffects],
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
  if (documentsTheApi(root, entry)) {
    // the builder must not be in the bundle (it would bring every API function's operations and fail without zod's
    // JSON Schema code): refuse the build rather than ship a function whose GET /openapi.json answers 500
    const others = Object.keys(result.metafile!.inputs).filter((i) => /^functions\/(?!system\/)[^/]+\/index\.ts$/.test(i));
    if (others.length > 0) throw new Error(`the OpenAPI builder was bundled into ${entry} (${others.join(', ')}): infra/constructs/bundling.ts staticOpenApi did not apply`);
    // the document as the source builds it (the local runtime serves the same): read by the bundle's openapi.ts
    const source = (await import(pathToFileURL(resolve(root, OPENAPI.module)).href)) as { openApiDocument(): Promise<unknown> };
    writeFileSync(join(outdir, OPENAPI.file), JSON.stringify(await source.openApiDocument()));
  }
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
