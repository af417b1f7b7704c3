/**
 * Builds the staff SPA (web/src) with esbuild into dist/web: hashed bundle + CSS, index.html, config.json.
 * Prints the shipped JavaScript size (raw and gzip) against the budget in web/budget.json.
 */
import { build, type Plugin } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');

/**
 * The shared code imports zod as `import { z } from 'zod'`. For esbuild that `z` is one object holding all of zod —
 * every locale (~250 KiB) and the JSON-schema generator included. Read as a namespace import (`import * as z`),
 * only what the schemas use is bundled. Same runtime behaviour; the source files are not changed.
 */
const zodNamespaceImports: Plugin = {
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
const out = join(root, 'dist', 'web');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'web', 'src', 'main.tsx'), styles: join(root, 'web', 'src', 'styles.css') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'safari16', 'firefox115'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name].[hash]',
  outdir: out,
  metafile: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  plugins: [zodNamespaceImports],
});

const files = readdirSync(out);
const js = files.find((f) => /^app\..*\.js$/.test(f))!;
const css = files.find((f) => /^styles\..*\.css$/.test(f))!;
const html = readFileSync(join(root, 'web', 'index.html'), 'utf8').replace('%APP_JS%', `/${js}`).replace('%APP_CSS%', `/${css}`);
writeFileSync(join(out, 'index.html'), html);
// The API base: same origin under /api locally; CDK writes the deployed API URL into this file in AWS.
writeFileSync(join(out, 'config.json'), JSON.stringify({ apiBaseUrl: '/api', auth: 'local' }));

const bytes = readFileSync(join(out, js));
const gz = gzipSync(bytes).length;
const budget = JSON.parse(readFileSync(join(root, 'web', 'budget.json'), 'utf8')) as { jsGzipKb: number };
const kb = (n: number) => (n / 1024).toFixed(1);
const cssGz = gzipSync(readFileSync(join(out, css))).length;
console.log(`web: ${js} ${kb(bytes.length)} KiB, gzip ${kb(gz)} KiB (buget ${budget.jsGzipKb} KiB); ${css} gzip ${kb(cssGz)} KiB`);
if (gz > budget.jsGzipKb * 1024) {
  console.error(`web: pachetul JavaScript depășește bugetul de ${budget.jsGzipKb} KiB gzip`);
  process.exit(1);
}
void result;
