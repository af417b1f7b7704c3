/**
 * The house rules (docs/ARCHITECTURE.md, .dependency-cruiser.cjs) checked on the tree, and shown to bite: the same
 * configuration run on a small fixture tree with deliberately wrong imports reports each of them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const config = join(root, '.dependency-cruiser.cjs');
const bin = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function cruise(cwd: string, pass: 'boundaries' | 'circles', dirs: string[]): Promise<Violation[]> {
  const env = { ...process.env, VATRA_DEPCRUISE: pass === 'circles' ? 'circles' : '' };
  // exit code is the number of violations: read the JSON report either way
  // the tree's passes keep dependency-cruiser's cache (one folder per pass: their options differ), keyed by each file's
  // content: a run after an unchanged tree (the shifted-clock runs of .ci/run before npm test) reads instead of parsing
  const cache = cwd === root ? ['--cache', join(root, 'node_modules', '.cache', 'dependency-cruiser', pass), '--cache-strategy', 'content'] : [];
  const out = await run(process.execPath, [bin, ...dirs, '--config', config, '--output-type', 'json', ...cache], { cwd, env, maxBuffer: 64 * 1024 * 1024 }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }),
  );
  const report = JSON.parse(out.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

const brief = (v: Violation[]) => v.map((x) => `${x.rule.name}: ${x.from} → ${x.to.replace(/^.*node_modules\//, 'node_modules/')}`);

describe('the house rules hold on the tree', () => {
  it('platform beneath areas, areas through their index.ts, manifests are data, DynamoDB only in stores', async () => {
    expect(brief(await cruise(root, 'boundaries', ['shared', 'functions', 'local']))).toEqual([]);
  }, 180_000);

  it('no import circles among the modules that load together', async () => {
    expect(brief(await cruise(root, 'circles', ['shared', 'functions', 'local']))).toEqual([]);
  }, 180_000);
});

describe('the check fails on a deliberately wrong import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vatra-boundaries-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  file('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  file('shared/cases/store.ts', `export const caseKey = (id: string) => ({ pk: 'CASE#' + id });\n`);
  file('shared/cases/index.ts', `export { caseKey } from './store.js';\n`);
  file('shared/cases/manifest.ts', `import { caseKey } from './store.js';\nexport const routes = [caseKey('x')];\n`);
  file('shared/platform/db/paging.ts', `import { caseKey } from '../../cases/index.js';\nexport const k = caseKey('1');\n`);
  file('shared/services/enrol.ts', `import { caseKey } from '../cases/store.js';\nexport const k = caseKey('2');\n`);
  file('shared/services/through-the-door.ts', `import { caseKey } from '../cases/index.js';\nexport const k = caseKey('3');\n`);
  file('shared/services/view.ts', `import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const get = new GetCommand({ TableName: 't', Key: {} });\n`);
  // taken off the debt list in .dependency-cruiser.cjs (issue 19): building a command there again fails, also lazily loaded
  file('shared/imports/context.ts', `import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';\nexport const get = new BatchGetCommand({ RequestItems: {} });\n`);
  file('shared/cases/referral.ts', `import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const get = new GetCommand({ TableName: 't', Key: {} });\n`);
  file('shared/notifications/daily.ts', `export async function later() {\n  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');\n  return new QueryCommand({ TableName: 't' });\n}\n`);
  file('shared/notifications/types-only.ts', `import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';\nexport type Q = QueryCommandInput;\n`);
  file('shared/services/view-store.ts', `import { GetCommand } from '@aws-sdk/lib-dynamodb';\nexport const get = new GetCommand({ TableName: 't', Key: {} });\n`);
  // an area's mail kinds: the notifications kit and its own config only; the gatherer may take another area's mail.ts
  file('shared/notifications/model.ts', `export const strict = <T>(shape: T) => shape;\n`);
  file('shared/cases/config.ts', `export const taskKinds = ['evaluation'] as const;\n`);
  file('shared/cases/mail.ts', `import { strict } from '../notifications/model.js';\nimport { taskKinds } from './config.js';\nexport const casesMail = strict({ taskKinds });\n`);
  file('shared/notifications/templates.ts', `import { casesMail } from '../cases/mail.js';\nexport const all = [casesMail];\n`);
  file('shared/services/mail.ts', `import { caseKey } from '../cases/index.js';\nexport const servicesMail = caseKey('4');\n`);
  // application code refuses without HTTP; the platform's own modules may use the HTTP errors
  file('shared/platform/http/errors.ts', `export const notFound = () => new Error('404');\n`);
  file('shared/platform/errors.ts', `export const notFound = () => new Error('not_found');\n`);
  file('shared/platform/http/adapter.ts', `import { notFound } from './errors.js';\nexport const answer = notFound;\n`);
  file('shared/services/closures.ts', `import { notFound } from '../platform/http/errors.js';\nexport const refuse = notFound;\n`);
  file('shared/services/sessions.ts', `import { notFound } from '../platform/errors.js';\nexport const refuse = notFound;\n`);
  file('shared/reports/a.ts', `import { b } from './b.js';\nexport const a = () => b;\n`);
  file('shared/reports/b.ts', `import { a } from './a.js';\nexport const b = () => a;\n`);
  file('shared/reports/only-types.ts', `import type { T } from './types.js';\nexport type U = T;\n`);
  file('shared/reports/types.ts', `import type { U } from './only-types.js';\nexport type T = { u?: U };\n`);

  it('reports each broken rule, and nothing for the right imports', async () => {
    const found = brief(await cruise(dir, 'boundaries', ['shared'])).sort();
    expect(found).toEqual(
      [
        'area-through-index: shared/services/enrol.ts → shared/cases/store.ts',
        'errors-without-http: shared/services/closures.ts → shared/platform/http/errors.ts',
        'mail-is-templates: shared/services/mail.ts → shared/cases/index.ts',
        'only-stores-touch-dynamodb: shared/cases/referral.ts → node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js',
        'manifest-is-data: shared/cases/manifest.ts → shared/cases/store.ts',
        'only-stores-touch-dynamodb: shared/imports/context.ts → node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js',
        'only-stores-touch-dynamodb: shared/notifications/daily.ts → node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js',
        'only-stores-touch-dynamodb: shared/services/view.ts → node_modules/@aws-sdk/lib-dynamodb/dist-cjs/index.js',
        'platform-knows-no-area: shared/platform/db/paging.ts → shared/cases/index.ts',
      ].sort(),
    );
  }, 120_000);

  it('reports a circle of imports that load together, not one of types only', async () => {
    const found = await cruise(dir, 'circles', ['shared']);
    expect(found.map((v) => v.rule.name)).toEqual(['no-circular']);
    expect(['shared/reports/a.ts', 'shared/reports/b.ts']).toContain(found[0]!.from);
  }, 120_000);
});
