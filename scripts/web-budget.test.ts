import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkWebBundle, staticClosure, type WebBudget } from './web-budget.js';

/** A tiny metafile: the shell imports a shared chunk statically and two pages dynamically; one page pulls zod. */
const out = (imports: { path: string; kind: 'import-statement' | 'dynamic-import' }[], inputs: string[], entryPoint?: string) => ({
  bytes: 1, exports: [], imports, inputs: Object.fromEntries(inputs.map((i) => [i, { bytesInOutput: 1 }])), ...(entryPoint ? { entryPoint } : {}),
});
const meta = {
  inputs: {},
  outputs: {
    'dist/web/app.js': out([{ path: 'dist/web/chunks/preact.js', kind: 'import-statement' }, { path: 'dist/web/chunks/inbox.js', kind: 'dynamic-import' }, { path: 'dist/web/chunks/task.js', kind: 'dynamic-import' }], ['web/src/main.tsx'], 'web/src/main.tsx'),
    'dist/web/chunks/preact.js': out([], ['node_modules/preact/dist/preact.mjs']),
    'dist/web/chunks/inbox.js': out([{ path: 'dist/web/chunks/preact.js', kind: 'import-statement' }], ['web/src/pages/inbox.tsx'], 'web/src/pages/inbox.tsx'),
    'dist/web/chunks/task.js': out([{ path: 'dist/web/chunks/zod.js', kind: 'import-statement' }], ['web/src/pages/task.tsx'], 'web/src/pages/task.tsx'),
    'dist/web/chunks/zod.js': out([], ['node_modules/zod/v4/core/schemas.js']),
  },
} as unknown as Metafile;
const sizes: Record<string, number> = { 'dist/web/app.js': 10_000, 'dist/web/chunks/preact.js': 5_000, 'dist/web/chunks/inbox.js': 4_000, 'dist/web/chunks/task.js': 6_000, 'dist/web/chunks/zod.js': 30_000 };
const budget = (over: Partial<WebBudget> = {}): WebBudget => ({ firstPageJsGzipKb: 50, landingPages: ['web/src/pages/inbox.tsx'], serverOnly: ['shared/notifications/'], ...over });

describe('web budget', () => {
  it('counts the shell and the landing page, not what loads on demand', () => {
    expect([...staticClosure(meta, 'dist/web/app.js')].sort()).toEqual(['dist/web/app.js', 'dist/web/chunks/preact.js']);
    const r = checkWebBundle(meta, 'dist/web/app.js', budget(), (f) => sizes[f]!);
    expect(r.shell.gzip).toBe(15_000);
    expect(r.firstPage).toMatchObject({ page: 'web/src/pages/inbox.tsx', gzip: 19_000 });
    expect(r.pages).toEqual([{ page: 'web/src/pages/task.tsx', gzip: 51_000 }, { page: 'web/src/pages/inbox.tsx', gzip: 19_000 }]);
    expect(r.problems).toEqual([]);
  });

  it('fails above the budget, and when a landing page is not loaded on demand', () => {
    expect(checkWebBundle(meta, 'dist/web/app.js', budget({ firstPageJsGzipKb: 18 }), (f) => sizes[f]!).problems).toEqual([
      expect.stringContaining('depășește bugetul de 18 KiB'),
    ]);
    expect(checkWebBundle(meta, 'dist/web/app.js', budget({ landingPages: ['web/src/pages/home.tsx'] }), (f) => sizes[f]!).problems).toEqual([
      expect.stringContaining('web/src/pages/home.tsx'),
    ]);
  });

  it('fails when a server-only module reaches the browser', () => {
    const withMail = { ...meta, outputs: { ...meta.outputs, 'dist/web/chunks/task.js': out([], ['web/src/pages/task.tsx', 'shared/notifications/templates.ts'], 'web/src/pages/task.tsx') } } as unknown as Metafile;
    const r = checkWebBundle(withMail, 'dist/web/app.js', budget(), (f) => sizes[f] ?? 0);
    expect(r.serverOnlyInputs).toEqual([{ input: 'shared/notifications/templates.ts', output: 'dist/web/chunks/task.js' }]);
    expect(r.problems).toEqual([expect.stringContaining('shared/notifications/templates.ts')]);
  });
});
