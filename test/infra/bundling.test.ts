/**
 * The real thing: `cdk synth` as `infra/app.ts` runs it — an esbuild bundle of every function and cdk-nag as CDK
 * validation plugins (synth throws on any unacknowledged finding).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSync, ESM_REQUIRE_BANNER } from '../../infra/constructs/vatra-function.js';
import { synthVatra, type VatraSynth } from '../../infra/synth.js';
import { functions } from '../../shared/manifest/functions.js';
import { routes } from '../../shared/manifest/routes.js';
import { openApiDocument } from '../../functions/system/openapi.js';
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

/** Node 22 (what Lambda runs): this process when it is Node 22, else the `node` devDependency. */
function node22(): string {
  if (process.versions.node.startsWith('22.')) return process.execPath;
  return fileURLToPath(new URL('../../node_modules/node/bin/node', import.meta.url));
}

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * index.mjs and the chunks it imports statically (what a cold start reads), and every .mjs file of the bundle;
 * `from` another file: that file and the chunks it imports statically (what loading a lazy chunk reads).
 */
function filesOf(dir: string, from = 'index.mjs'): { eager: Map<string, string>; all: Map<string, string> } {
  const all = new Map(readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const eager = new Map<string, string>();
  const todo = [from];
  while (todo.length) {
    const f = todo.pop()!;
    if (eager.has(f)) continue;
    eager.set(f, all.get(f)!);
    for (const s of staticImports(all.get(f)!)) if (s.startsWith('./')) todo.push(s.slice(2));
  }
  return { eager, all };
}
/** The source modules (repository paths) an output file of the bundle was built from, read from its source map. */
function sourcesOf(dir: string, file: string): string[] {
  const map = JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources.filter((x) => !x.includes('node_modules')).map((x) => /(?:^|\/)((?:functions|shared|infra)\/.*)$/.exec(x)?.[1] ?? x);
}
const staticImports = (code: string) => [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
const dynamicImports = (code: string) => [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);

describe('function bundles', () => {
  it('bundles every function with esbuild into ESM files with the createRequire banner and source maps beside them', () => {
    for (const def of functions) {
      const dir = bundleOf(`${STAGE}-vatra-${def.name}`);
      const { all } = filesOf(dir);
      expect(all.get('index.mjs'), def.name).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      for (const [f, code] of all) {
        expect(code.startsWith(ESM_REQUIRE_BANNER), `${def.name} ${f}`).toBe(true);
        expect(existsSync(join(dir, `${f}.map`)), `${def.name} ${f}`).toBe(true);
      }
    }
  });

  it('bundles the AWS SDK and every other package: the only imports left are Node built-ins and chunks of the same bundle', () => {
    for (const def of functions) {
      const dir = bundleOf(`${STAGE}-vatra-${def.name}`);
      const { eager, all } = filesOf(dir);
      for (const [f, code] of all) {
        const specifiers = [...staticImports(code), ...dynamicImports(code)];
        const external = specifiers.filter((x) => !builtins.has(x) && !(x.startsWith('./') && all.has(x.slice(2))));
        expect(external, `${def.name} ${f}`).toEqual([]);
      }
      // the DynamoDB client is inside what a cold start loads (its JSON protocol target prefix is a string literal)
      if (def.access.main || def.access.audit) expect([...eager.values()].join('\n'), def.name).toContain('DynamoDB_20120810');
    }
  });

  it('loads exceljs only on demand, bundles the Romanian locale of zod alone and configures zod jitless', () => {
    for (const def of functions) {
      const { eager, all } = filesOf(bundleOf(`${STAGE}-vatra-${def.name}`));
      const coldStart = [...eager.values()].join('\n');
      const everything = [...all.values()].join('\n');
      // exceljs names its own package in the workbook's app properties
      expect(coldStart.includes('Microsoft Excel'), def.name).toBe(false);
      // zod's German and French messages never ship; the Romanian ones do wherever zod validates input
      expect(everything, def.name).not.toContain('Ungültige Eingabe');
      expect(everything, def.name).not.toContain('Entrée invalide');
      if (def.name.startsWith('api-')) expect(everything, def.name).toContain('Valoare invalidă');
      // zod validates without compiling schemas to code (infra/constructs/zod-lambda.ts), set before any schema loads
      expect(coldStart, def.name).toContain('{jitless:!0}');
    }
    const withWorkbooks = functions.filter((d) => [...filesOf(bundleOf(`${STAGE}-vatra-${d.name}`)).all.values()].some((c) => c.includes('Microsoft Excel')));
    // only the functions that write or read workbooks: api-system's OpenAPI document is built at bundling (it no longer
    // bundles every API function's operations), and api-tasks and wf-case, which reach the subsidies area's door at plan
    // approval (cohort assignment), no longer take the payment file in with it (doorImports)
    expect(withWorkbooks.map((d) => d.name).sort()).toEqual(['api-imports', 'api-reports', 'api-subsidies']);
  });

  it('gives each API function its own routes only, and no function zod\'s JSON Schema code: the OpenAPI document is built at bundling', async () => {
    const routeLiteral = (r: (typeof routes)[number]) => `path:${JSON.stringify(r.path)},function:${JSON.stringify(r.function)}`;
    for (const def of functions) {
      const everything = [...filesOf(bundleOf(`${STAGE}-vatra-${def.name}`)).all.values()].join('\n');
      // zod's JSON Schema generator names its default target; in a bundle it is a stand-in that refuses
      expect(everything.includes('draft-2020-12'), def.name).toBe(false);
      for (const r of routes) expect(everything.includes(routeLiteral(r)), `${def.name}: ${r.method} ${r.path}`).toBe(r.function === def.name);
    }
    // api-system carries the document the source builds (what the local runtime serves), as a file beside its code
    const shipped = JSON.parse(readFileSync(join(bundleOf(`${STAGE}-vatra-api-system`), 'openapi.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(await openApiDocument());
    for (const def of functions.filter((d) => d.name !== 'api-system')) expect(existsSync(join(bundleOf(`${STAGE}-vatra-${def.name}`), 'openapi.json')), def.name).toBe(false);
  });

  it('compiles at a cold start the router, not the routes: every operation module (and a workflow action\'s code) is a lazy chunk', () => {
    const apiFunctions = functions.filter((d) => d.name.startsWith('api-'));
    for (const def of apiFunctions) {
      const dir = bundleOf(`${STAGE}-vatra-${def.name}`);
      const { eager, all } = filesOf(dir);
      const coldStart = [...eager.keys()].flatMap((f) => sourcesOf(dir, f));
      const lazy = [...all.keys()].filter((f) => !eager.has(f)).flatMap((f) => sourcesOf(dir, f));
      const area = def.entry.replace(/index\.ts$/, 'ops/');
      expect(coldStart.filter((x) => x.startsWith(area)), def.name).toEqual([]);
      // one module per route of the function, each in a chunk of its own or shared with other routes, never in the cold start
      const own = routes.filter((r) => r.function === def.name).map((r) => `${area}${r.operation.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`);
      for (const m of own) expect(lazy, `${def.name}: ${m}`).toContain(m);
      // the area's own code behind the routes stays out of the cold start as well (the stores the routes share may not)
      expect(coldStart.filter((x) => /^shared\/cases\/(model|tasks|referral|views)\.ts$/.test(x)), def.name).toEqual([]);
    }
    // the same seen in the code itself: a message of one route's schema is absent from what a cold start reads
    const tasks = filesOf(bundleOf(`${STAGE}-vatra-api-tasks`));
    const marker = 'Motivul: minimum 5 caractere'; // functions/tasks/ops/reassign-task.ts
    expect([...tasks.eager.values()].some((c) => c.includes(marker))).toBe(false);
    expect([...tasks.all].filter(([f, c]) => !tasks.eager.has(f) && c.includes(marker)).length).toBe(1);
    // workflow functions: an action's module is read by the action's first invocation
    for (const [name, lazyModule] of [['wf-case', 'shared/cases/tasks.ts'], ['notifier', 'shared/notifications/daily.ts'], ['wf-subsidy', 'shared/subsidies/steps.ts'], ['wf-subsidy', 'shared/services/register-store.ts']] as const) {
      const dir = bundleOf(`${STAGE}-vatra-${name}`);
      const { eager, all } = filesOf(dir);
      expect([...eager.keys()].flatMap((f) => sourcesOf(dir, f)), name).not.toContain(lazyModule);
      expect([...all.keys()].filter((f) => !eager.has(f)).flatMap((f) => sourcesOf(dir, f)), name).toContain(lazyModule);
    }
  });

  it('leaves out of a cold start the shared modules none of whose exports it uses (through an area\'s door too), and keeps what a handler names', () => {
    // wf-subsidy takes `deps` through the cases area's index.ts, which also re-exports the case forms: not bundled at all
    const wf = bundleOf(`${STAGE}-vatra-wf-subsidy`);
    const wfSources = [...filesOf(wf).all.keys()].flatMap((f) => sourcesOf(wf, f));
    expect(wfSources).not.toContain('shared/cases/model.ts');
    expect(wfSources).not.toContain('shared/cases/referral.ts');
    // what staff submit about a run (subsidies/input.ts) is the API's, not the workflow's: not bundled at all
    expect(wfSources).toContain('shared/subsidies/model.ts');
    expect(wfSources).not.toContain('shared/subsidies/input.ts');
    // a door imported by the cold start and by a lazy chunk no longer drags into the cold start what only the chunk
    // uses: the consent rules (reached through shared/protection/index.ts) load with the run's steps, not before
    for (const name of ['wf-subsidy', 'wf-case']) {
      const dir = bundleOf(`${STAGE}-vatra-${name}`);
      const { eager, all } = filesOf(dir);
      expect([...eager.keys()].flatMap((f) => sourcesOf(dir, f)), name).not.toContain('shared/protection/rules/consent.ts');
      expect([...all.keys()].filter((f) => !eager.has(f)).flatMap((f) => sourcesOf(dir, f)), name).toContain('shared/protection/rules/consent.ts');
    }
    // the API entries name the pathway's deps: the SDK client and the stores stay in every API cold start
    for (const def of functions.filter((d) => d.name.startsWith('api-'))) {
      const dir = bundleOf(`${STAGE}-vatra-${def.name}`);
      const eager = [...filesOf(dir).eager.keys()];
      const coldStart = eager.flatMap((f) => sourcesOf(dir, f));
      for (const m of ['shared/cases/deps.ts', 'shared/cases/store.ts', 'shared/cases/task-store.ts', 'shared/protection/audit-store.ts', 'shared/platform/aws.ts']) expect(coldStart, `${def.name}: ${m}`).toContain(m);
      const packages = eager.flatMap((f) => (JSON.parse(readFileSync(join(dir, `${f}.map`), 'utf8')) as { sources: string[] }).sources);
      expect(packages.some((x) => x.includes('node_modules/@aws-sdk/client-dynamodb/')), def.name).toBe(true);
      expect(packages.some((x) => x.includes('node_modules/@aws-sdk/lib-dynamodb/')), def.name).toBe(true);
    }
  });

  it('loads with a route the code of that route: the subsidy budget\'s first request reads neither the run\'s steps, its evaluation, the registers, the payment file nor another route\'s module', () => {
    const dir = bundleOf(`${STAGE}-vatra-api-subsidies`);
    const { all } = filesOf(dir);
    const chunkOf = (module: string) => [...all.keys()].find((f) => sourcesOf(dir, f).includes(module))!;
    const read = (module: string) => [...filesOf(dir, chunkOf(module)).eager.keys()].flatMap((f) => sourcesOf(dir, f));
    const budget = read('functions/subsidies/ops/get-subsidy-budget.ts');
    expect(budget).toContain('shared/subsidies/api/budget.ts');
    // nor the registers source (the services' stores): only the workflow's steps read it
    for (const m of ['shared/subsidies/steps.ts', 'shared/subsidies/evaluate.ts', 'shared/subsidies/payment-file.ts', 'shared/subsidies/api/start.ts', 'shared/subsidies/api/decide.ts', 'shared/subsidies/api/views.ts', 'shared/subsidies/sources.ts', 'shared/services/register-store.ts']) expect(budget, m).not.toContain(m);
    // starting a run reads its own module and the views, not the workflow's steps
    const start = read('functions/subsidies/ops/start-run.ts');
    expect(start).toEqual(expect.arrayContaining(['shared/subsidies/api/start.ts', 'shared/subsidies/api/views.ts']));
    expect(start).not.toContain('shared/subsidies/steps.ts');
  });

  it('answers from the bundle as from the source: validation in Romanian, unknown routes, lazily loaded routes, and the OpenAPI document', () => {
    /** Each event in turn in one fresh Node 22 process: the answers of a cold start and of the requests after it. */
    const invokeAll = (functionName: string, events: unknown[]) => {
      const entry = pathToFileURL(join(bundleOf(`${STAGE}-vatra-${functionName}`), 'index.mjs')).href;
      const script = `const { handler } = await import(${JSON.stringify(entry)}); const out = []; for (const e of ${JSON.stringify(events)}) out.push(await handler(e, { awsRequestId: 'r1', functionName: ${JSON.stringify(functionName)} })); process.stdout.write(JSON.stringify(out));`;
      const out = execFileSync(node22(), ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-central-1' } }).toString();
      return (JSON.parse(out) as { statusCode: number; body: string }[]).map((r) => ({ status: r.statusCode, body: JSON.parse(r.body) as Record<string, any> }));
    };
    const invoke = (functionName: string, event: unknown) => invokeAll(functionName, [event])[0]!;
    const claims = { sub: 'u1', 'cognito:groups': ['case_manager'], 'custom:institution': 'DAS' };
    const referral = invoke('api-cases', { routeKey: 'POST /referrals', rawPath: '/referrals', headers: { 'content-type': 'application/json' }, body: '{}', requestContext: { requestId: 'q1', authorizer: { jwt: { claims } } } });
    expect(referral.status).toBe(422);
    expect(referral.body.error.code).toBe('VALIDATION_FAILED');
    expect(referral.body.error.fields[0].message).toMatch(/^Intrare invalidă/);
    // a route of another function is not in this bundle's table
    const elsewhere = invoke('api-cases', { routeKey: 'GET /subsidy-runs', rawPath: '/subsidy-runs', headers: {}, requestContext: { requestId: 'q2', authorizer: { jwt: { claims } } } });
    expect(elsewhere.status).toBe(404);
    const doc = invoke('api-system', { routeKey: 'GET /openapi.json', rawPath: '/openapi.json', headers: {}, requestContext: { requestId: 'q3' } });
    expect(doc.status).toBe(200);
    expect(doc.body).toEqual(JSON.parse(readFileSync(join(bundleOf(`${STAGE}-vatra-api-system`), 'openapi.json'), 'utf8')));
    expect(Object.keys(doc.body.paths as object)).toEqual(expect.arrayContaining(['/referrals', '/subsidy-runs']));
    expect(JSON.stringify(doc.body.paths['/referrals'])).toContain('"clientRequestId"');
    // routes loaded on their first request, one after the other in the same process, and the first again (kept loaded)
    const coordinator = { ...claims, 'cognito:groups': ['coordinator'] };
    const task = (routeKey: string, taskId: string, body?: unknown) => ({
      routeKey, rawPath: '/tasks', pathParameters: { taskId }, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      requestContext: { requestId: 'q4', authorizer: { jwt: { claims: coordinator } } },
    });
    const [badId, shortReason, badIdAgain, anonymous] = invokeAll('api-tasks', [
      task('GET /tasks/{taskId}', 'nu-este-sarcina'),
      task('POST /tasks/{taskId}/reassign', 'T0123456789ABCDEF01234567', { assigneeId: 'u2', reason: 'nu' }),
      task('GET /tasks/{taskId}', 'tot-nu'),
      { ...task('GET /tasks/{taskId}', 'nu-este-sarcina'), requestContext: { requestId: 'q5' } },
    ]);
    for (const r of [badId, badIdAgain]) {
      expect(r!.status).toBe(422);
      expect(r!.body.error.fields).toEqual([{ path: 'path.taskId', message: 'Identificator de sarcină invalid', code: 'invalid_format' }]);
    }
    expect(shortReason!.status).toBe(422);
    expect(shortReason!.body.error.fields).toEqual([{ path: 'reason', message: 'Motivul: minimum 5 caractere', code: 'too_small' }]);
    expect(anonymous!.status).toBe(401);
    const health = invoke('api-system', { routeKey: 'GET /health', rawPath: '/health', headers: {}, requestContext: { requestId: 'q6' } });
    expect(health).toEqual({ status: 200, body: { status: 'ok', service: 'vatra' } });
  });

  it('keeps every cold start within the 500 KB budget (issue #21; a size, not a timing: what grew is in `npm run bench bundles`)', () => {
    for (const def of functions) {
      const { eager } = filesOf(bundleOf(`${STAGE}-vatra-${def.name}`));
      const bytes = [...eager.values()].reduce((n, code) => n + Buffer.byteLength(code), 0);
      expect(bytes, `${def.name}: ${Math.round(bytes / 1024)} KB read by a cold start`).toBeLessThanOrEqual(500 * 1024);
    }
  });

  it('does not load source maps at run time (NODE_OPTIONS stays unset)', () => {
    for (const f of ofType(s.templates.functions, 'AWS::Lambda::Function')) {
      expect(f.Properties.Environment?.Variables?.NODE_OPTIONS).toBeUndefined();
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

  it('fails the bundle, with esbuild\'s reason, when an entry cannot be built (the synth\'s worker answers, it does not hang)', () => {
    const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
    const out = join(s.outdir, 'broken-entry');
    expect(() => bundleSync(root)(root, 'functions/nu-exista/index.ts', out)).toThrow(/nu-exista/);
    // and the same worker still bundles the next function
    bundleSync(root)(root, functions[0]!.entry, out);
    expect(existsSync(join(out, 'index.mjs'))).toBe(true);
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
