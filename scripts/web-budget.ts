/**
 * The web budget, as a pure function over esbuild's metafile (unit-tested): what the first page downloads (the entry
 * and every chunk reachable from it through static imports — dynamic imports load later), its gzip size against the
 * budget, and the inputs that must never reach the browser (server-only modules).
 */
import type { Metafile } from 'esbuild';

export interface WebBudget {
  /** gzip KiB the first page may download: the shell (entry + its static imports) and the landing page's module */
  firstPageJsGzipKb: number;
  /** the page modules a user lands on after signing in (web/src/pages/…), each measured with the shell */
  landingPages: string[];
  /** input path prefixes (from the repository root) that must not be bundled for the browser */
  serverOnly: string[];
  note?: string;
}

export interface BundleReport {
  /** the shell alone */
  shell: { files: string[]; gzip: number };
  /** the heaviest first page: the shell plus one landing page */
  firstPage: { page: string; files: string[]; gzip: number };
  /** every page module with the shell: what opening it first would download */
  pages: { page: string; gzip: number }[];
  chunks: { file: string; gzip: number }[];
  totalGzip: number;
  serverOnlyInputs: { input: string; output: string }[];
  problems: string[];
}

/** The outputs `start` loads with it: itself and, transitively, what it imports statically (not dynamic imports). */
export function staticClosure(meta: Metafile, start: string, seen = new Set<string>()): Set<string> {
  const walk = (f: string) => {
    if (seen.has(f) || !meta.outputs[f]) return;
    seen.add(f);
    for (const i of meta.outputs[f].imports) if (i.kind === 'import-statement') walk(i.path);
  };
  walk(start);
  return seen;
}

export function checkWebBundle(meta: Metafile, entry: string, budget: WebBudget, gzipOf: (outputFile: string) => number): BundleReport {
  const jsOutputs = Object.keys(meta.outputs).filter((f) => f.endsWith('.js'));
  const chunks = jsOutputs.map((file) => ({ file, gzip: gzipOf(file) })).sort((a, b) => b.gzip - a.gzip);
  const gz = new Map(chunks.map((c) => [c.file, c.gzip]));
  const sum = (files: Iterable<string>) => [...files].reduce((s, f) => s + (gz.get(f) ?? 0), 0);
  const shellFiles = staticClosure(meta, entry);
  const pageOutputs = Object.entries(meta.outputs).filter(([f, o]) => f !== entry && f.endsWith('.js') && o.entryPoint?.includes('/pages/'));
  const pages = pageOutputs
    .map(([f, o]) => ({ page: o.entryPoint!, files: [...staticClosure(meta, f, new Set(shellFiles))] }))
    .map((p) => ({ ...p, gzip: sum(p.files) }))
    .sort((a, b) => b.gzip - a.gzip);
  const landing = pages.filter((p) => budget.landingPages.includes(p.page));
  const missing = budget.landingPages.filter((l) => !landing.some((p) => p.page === l));
  const first = landing[0] ?? { page: entry, files: [...shellFiles], gzip: sum(shellFiles) };
  const firstGzip = first.gzip;
  const serverOnlyInputs: BundleReport['serverOnlyInputs'] = [];
  for (const [output, o] of Object.entries(meta.outputs)) {
    for (const input of Object.keys(o.inputs)) {
      if (budget.serverOnly.some((p) => input.startsWith(p) || input.includes(`/${p}`))) serverOnlyInputs.push({ input, output });
    }
  }
  const problems: string[] = [];
  for (const m of missing) problems.push(`pagina de start ${m} nu este un modul încărcat la cerere (import dinamic)`);
  if (firstGzip > budget.firstPageJsGzipKb * 1024) {
    problems.push(`JavaScript-ul primei pagini (${first.page}: ${(firstGzip / 1024).toFixed(1)} KiB gzip) depășește bugetul de ${budget.firstPageJsGzipKb} KiB`);
  }
  for (const s of serverOnlyInputs) problems.push(`modul doar pentru server în pachetul web: ${s.input} (în ${s.output})`);
  return {
    shell: { files: [...shellFiles], gzip: sum(shellFiles) },
    firstPage: { page: first.page, files: first.files, gzip: firstGzip },
    pages: pages.map(({ page, gzip }) => ({ page, gzip })),
    chunks, totalGzip: chunks.reduce((s, c) => s + c.gzip, 0), serverOnlyInputs, problems };
}
