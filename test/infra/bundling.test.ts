/**
 * The real thing: `cdk synth` as `infra/app.ts` runs it — an esbuild bundle of every function and cdk-nag as CDK
 * validation plugins (synth throws on any unacknowledged finding).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/vatra-function.js';
import { synthVatra, type VatraSynth } from '../../infra/synth.js';
import { functions } from '../../shared/manifest/functions.js';
import { ofType } from './support.js';

const STAGE = 'bundle';
let s: VatraSynth;

beforeAll(() => {
  s = synthVatra({ stage: STAGE, nag: 'enforce' });
});
afterAll(() => {
  if (s) rmSync(s.outdir, { recursive: true, force: true });
});

function bundleOf(functionName: string): string {
  const fn = ofType(s.templates.functions, 'AWS::Lambda::Function').find((f) => f.Properties.FunctionName === functionName)!;
  const key = fn.Properties.Code.S3Key as string;
  return join(s.outdir, `asset.${key.replace(/\.zip$/, '')}`);
}

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('function bundles', () => {
  it('bundles every function with esbuild into one ESM file with the createRequire banner and a source map', () => {
    for (const def of functions) {
      const dir = bundleOf(`${STAGE}-vatra-${def.name}`);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER), def.name).toBe(true);
      expect(existsSync(join(dir, 'index.mjs.map')), def.name).toBe(true);
      expect(code, def.name).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    }
  });

  it('bundles the AWS SDK and every other package: the only imports left are Node built-ins', () => {
    for (const def of functions) {
      const code = readFileSync(join(bundleOf(`${STAGE}-vatra-${def.name}`), 'index.mjs'), 'utf8');
      const specifiers = [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
      const external = specifiers.filter((x) => !builtins.has(x));
      expect(external, def.name).toEqual([]);
      // the DynamoDB client is inside the bundle (its JSON protocol target prefix is a string literal)
      if (def.access.main || def.access.audit) expect(code, def.name).toContain('DynamoDB_20120810');
    }
  });

  it('deploys the bundles as nodejs22.x on arm64 with the ESM handler', () => {
    for (const f of ofType(s.templates.functions, 'AWS::Lambda::Function')) {
      expect(f.Properties.Runtime).toBe('nodejs22.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.Handler).toBe('index.handler');
      expect(f.Properties.Code.S3Key).toMatch(/\.zip$/);
    }
  });

  it('passes cdk-nag as a synth-time validation plugin (what `cdk synth` runs): no failing plugin in the report', () => {
    // CDK lists only plugins with findings; the synth above would have thrown on an unacknowledged one
    const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[];
    };
    for (const p of report.pluginReports) {
      expect(p.violations, p.pluginName).toEqual([]);
      expect(p.conclusion, p.pluginName).toBe('success');
    }
  });
});
