/** What the bundle table counts as a cold start: index.mjs and the chunks it imports statically, never lazy chunks. */
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleReport } from '../../infra/constructs/bundling.js';

const out = (bytes: number, imports: Metafile['outputs'][string]['imports'], inputs: Record<string, number>, entryPoint?: string): Metafile['outputs'][string] => ({
  bytes, imports, exports: [], entryPoint, inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { bytesInOutput: v }])),
}) as Metafile['outputs'][string];

describe('bundleReport', () => {
  it('counts the entry and its static chunks as the cold start, dynamic chunks and source maps apart', () => {
    const meta = {
      inputs: {},
      outputs: {
        'out/index.mjs': out(100, [{ path: 'out/chunk-A.mjs', kind: 'import-statement' }, { path: 'out/chunk-X.mjs', kind: 'dynamic-import' }, { path: 'node:fs', kind: 'import-statement', external: true }], { 'functions/x/index.ts': 60, 'shared/cases/a.ts': 40 }, 'functions/x/index.ts'),
        'out/chunk-A.mjs': out(50, [{ path: 'out/chunk-B.mjs', kind: 'import-statement' }], { 'node_modules/zod/v4/core/core.js': 50 }),
        'out/chunk-B.mjs': out(30, [], { 'node_modules/@smithy/core/dist-es/index.js': 30 }),
        'out/chunk-X.mjs': out(500, [{ path: 'out/chunk-B.mjs', kind: 'import-statement' }], { 'node_modules/exceljs/dist/es5/index.js': 500 }),
        'out/index.mjs.map': out(9999, [], {}),
      },
    } as Metafile;
    const r = bundleReport(meta);
    expect(r.eagerBytes).toBe(180);
    expect(r.totalBytes).toBe(680);
    expect(r.files).toBe(4);
    expect(Object.fromEntries(r.eagerByPackage)).toEqual({ 'functions/x': 60, 'shared/cases': 40, zod: 50, '@smithy/core': 30 });
    expect(r.eagerByPackage[0]).toEqual(['functions/x', 60]);
  });
});
