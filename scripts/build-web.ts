/**
 * Builds the staff SPA (web/src) with esbuild into dist/web: hashed entry + one chunk per page (dynamic imports,
 * `splitting`), CSS, index.html, config.json. Then checks, and fails the build when one does not hold:
 *  - the first page's JavaScript (the entry and every chunk it imports statically) against web/budget.json;
 *  - no server-only module (web/budget.json `serverOnly`: the mail templates, AWS clients…) among the bundled inputs.
 * Prints the sizes (raw and gzip) of the first page, the largest chunks and the total.
 */
import { build, type Metafile } from 'esbuild';
// the same zod namespace-import plugin as the Lambda bundles (only the schema code used is bundled)
import { zodNamespaceImports } from '../infra/constructs/bundling.js';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkWebBundle, type WebBudget } from './web-budget.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const out = join(root, 'dist', 'web');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'web', 'src', 'main.tsx'), styles: join(root, 'web', 'src', 'styles.css') },
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'safari16', 'firefox115'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  entryNames: '[name].[hash]',
  chunkNames: 'chunks/[name].[hash]',
  outdir: out,
  metafile: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  plugins: [zodNamespaceImports],
});

const meta: Metafile = result.metafile;
if (process.env.WEB_METAFILE) writeFileSync(process.env.WEB_METAFILE, JSON.stringify(meta));
const outName = (p: string) => relative(out, resolve(root, p)).split('\\').join('/');
const outputs = Object.keys(meta.outputs);
const js = outputs.find((f) => /\/app\.[^/]+\.js$/.test(f))!;
const css = outputs.find((f) => /\/styles\.[^/]+\.css$/.test(f))!;
const html = readFileSync(join(root, 'web', 'index.html'), 'utf8').replace('%APP_JS%', `/${outName(js)}`).replace('%APP_CSS%', `/${outName(css)}`);
writeFileSync(join(out, 'index.html'), html);
// The API base: same origin under /api locally; CDK writes the deployed API URL into this file in AWS.
writeFileSync(join(out, 'config.json'), JSON.stringify({ apiBaseUrl: '/api', auth: 'local' }));

const budget = JSON.parse(readFileSync(join(root, 'web', 'budget.json'), 'utf8')) as WebBudget;
const gzipOf = (p: string) => gzipSync(readFileSync(resolve(root, p))).length;
const report = checkWebBundle(meta, js, budget, gzipOf);
const kb = (n: number) => (n / 1024).toFixed(1);
console.log(`web: prima pagină (${report.firstPage.page.replace('web/src/pages/', '')} cu învelișul) ${report.firstPage.files.length} fișiere JS, gzip ${kb(report.firstPage.gzip)} KiB ` +
  `(buget ${budget.firstPageJsGzipKb} KiB); învelișul singur ${kb(report.shell.gzip)} KiB; tot JS-ul ${report.chunks.length} fișiere, gzip ${kb(report.totalGzip)} KiB; CSS gzip ${kb(gzipOf(css))} KiB`);
console.log(`  pagini deschise primele (cu învelișul): ${report.pages.slice(0, 4).map((p) => `${p.page.replace('web/src/pages/', '')} ${kb(p.gzip)}`).join(', ')} … ${report.pages.at(-1) ? `${report.pages.at(-1)!.page.replace('web/src/pages/', '')} ${kb(report.pages.at(-1)!.gzip)}` : ''} KiB`);
if (report.problems.length) {
  for (const p of report.problems) console.error(`web: ${p}`);
  process.exit(1);
}
