/**
 * Builds the Vatra CDK app: one stack per concern, all of them loops over the shared definitions.
 * `infra/app.ts` uses buildVatra for `cdk synth` / `cdk deploy`; tests use synthVatra (synth in-process, once per
 * test file) and read the templates with aws-cdk-lib/assertions.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type Stack, Tags, Validations, type Environment, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { functions } from '../shared/manifest/functions.js';
import { routes } from '../shared/manifest/routes.js';
import { schedules } from '../shared/manifest/schedules.js';
import { workflows } from '../shared/manifest/workflows.js';
import { stackName } from './naming.js';
import { settingsFromContext, type VatraSettings } from './settings.js';
import { ApiStack } from './stacks/api-stack.js';
import { DataStack } from './stacks/data-stack.js';
import { FunctionsStack } from './stacks/functions-stack.js';
import { IdentityStack } from './stacks/identity-stack.js';
import { NotificationsStack } from './stacks/notifications-stack.js';
import { ObservabilityStack } from './stacks/observability-stack.js';
import { SchedulesStack } from './stacks/schedules-stack.js';
import { WebStack } from './stacks/web-stack.js';
import { WorkflowsStack } from './stacks/workflows-stack.js';
import { assertConsistentDefinitions, type Definitions } from './validate.js';

/** Repository root: entries, ASL files and dist/web are resolved from here. */
export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

export const sharedDefinitions: Definitions = { functions, routes, workflows, schedules };

export interface VatraStacks {
  readonly data: DataStack;
  readonly identity: IdentityStack;
  readonly notifications: NotificationsStack;
  readonly functions: FunctionsStack;
  readonly workflows: WorkflowsStack;
  readonly schedules: SchedulesStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  readonly observability: ObservabilityStack;
}
export type StackKey = keyof VatraStacks;

export interface BuildOptions {
  /** context on top of cdk.json's (tests: stage, `vatra:stubCode`, webAssetsDir …) */
  readonly context?: Record<string, unknown>;
  /** merge cdk.json's context (in-process builds; the CDK CLI passes it itself) */
  readonly readCdkJson?: boolean;
  readonly outdir?: string;
  /**
   * enforce: cdk-nag packs run as CDK validation plugins, synth fails on any unacknowledged finding (cdk synth/deploy);
   * report: packs run after synth and their reports are returned (tests); off: no cdk-nag.
   */
  readonly nag?: 'enforce' | 'report' | 'off';
  /** the shared lists (tests may pass inconsistent ones to see synth refuse them) */
  readonly definitions?: Definitions;
}

export interface VatraApp {
  readonly app: App;
  readonly settings: VatraSettings;
  readonly stacks: VatraStacks;
}

export function readCdkJsonContext(root = ROOT): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** Create the app and all stacks (no synthesis). Throws on invalid settings or inconsistent definitions. */
export function buildVatra(opts: BuildOptions = {}): VatraApp {
  const defs = opts.definitions ?? sharedDefinitions;
  assertConsistentDefinitions(defs);
  const context = { ...(opts.readCdkJson ? readCdkJsonContext() : {}), ...(opts.context ?? {}) };
  const app = new App({ ...(opts.outdir ? { outdir: opts.outdir } : {}), context });
  const settings = settingsFromContext((k) => app.node.tryGetContext(k), process.env);
  const { stage } = settings;
  const env: Environment = { region: settings.region, ...(settings.account ? { account: settings.account } : {}) };
  const common = { env, terminationProtection: stage === 'prod' };
  const id = (concern: StackKey) => stackName(stage, concern);

  const data = new DataStack(app, id('data'), { ...common, settings, description: 'Vatra: tables, keys, exports bucket' });
  const identity = new IdentityStack(app, id('identity'), { ...common, settings, description: 'Vatra: Cognito user pool for staff' });
  const notifications = new NotificationsStack(app, id('notifications'), { ...common, settings, dataKey: data.dataKey, description: 'Vatra: SES identity and configuration set' });

  const asyncTargets = new Set(defs.schedules.filter((s) => s.target.kind === 'function').map((s) => s.target.name));
  const fns = new FunctionsStack(app, id('functions'), {
    ...common,
    settings,
    root: ROOT,
    functions: defs.functions,
    workflows: defs.workflows,
    asyncTargets,
    dataKey: data.dataKey,
    fieldKey: data.fieldKey,
    identityMacKey: data.identityMacKey,
    logKey: data.logKey,
    description: 'Vatra: Lambda functions',
  });
  // resources addressed by name (tables, configuration set) must exist before the functions use them
  fns.addStackDependency(data);
  fns.addStackDependency(notifications);

  const wfs = new WorkflowsStack(app, id('workflows'), { ...common, settings, root: ROOT, workflows: defs.workflows, logKey: data.logKey, description: 'Vatra: Step Functions state machines' });
  wfs.addStackDependency(fns);

  const sch = new SchedulesStack(app, id('schedules'), { ...common, settings, schedules: defs.schedules, description: 'Vatra: EventBridge Scheduler schedules' });
  sch.addStackDependency(fns);
  sch.addStackDependency(wfs);

  const api = new ApiStack(app, id('api'), {
    ...common,
    settings,
    routes: defs.routes,
    issuer: identity.issuer,
    webClientId: identity.webClient.userPoolClientId,
    logKey: data.logKey,
    description: 'Vatra: HTTP API',
  });
  api.addStackDependency(fns);

  const web = new WebStack(app, id('web'), {
    ...common,
    settings,
    root: ROOT,
    apiEndpoint: api.api.apiEndpoint,
    userPoolId: identity.userPool.userPoolId,
    webClientId: identity.webClient.userPoolClientId,
    authDomain: identity.authDomainUrl,
    description: 'Vatra: staff web UI (S3 + CloudFront)',
  });

  const queues = new Map<string, IQueue>([['schedule-dlq', sch.deadLetterQueue]]);
  if (fns.asyncFailures) queues.set('async-failures', fns.asyncFailures);
  const observability = new ObservabilityStack(app, id('observability'), {
    ...common,
    settings,
    dataKey: data.dataKey,
    functions: new Map([...fns.functions].map(([n, f]) => [n, f.fn])),
    stateMachines: wfs.stateMachines,
    queues,
    description: 'Vatra: alarms',
  });

  Tags.of(app).add('project', 'vatra');
  Tags.of(app).add('stage', stage);

  if ((opts.nag ?? 'enforce') === 'enforce') {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  }
  return { app, settings, stacks: { data, identity, notifications, functions: fns, workflows: wfs, schedules: sch, api, web, observability } };
}

export interface NagReport {
  readonly pack: string;
  readonly report: PolicyValidationPluginReport;
}

/** Run the cdk-nag packs over a synthesized app and return their reports (violations = unacknowledged findings). */
export function runNag(app: App): NagReport[] {
  const packs: NagPack[] = [new AwsSolutionsChecks(), new ServerlessChecks()];
  return packs.map((p) => ({ pack: p.name, report: p.validateScope(app) }));
}

export interface SynthOptions {
  readonly stage?: string;
  /** tests not about bundling: inline stub handlers instead of esbuild bundles */
  readonly stubCode?: boolean;
  readonly webAssetsDir?: string;
  readonly webOrigin?: string;
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  /** default 'report' */
  readonly nag?: 'enforce' | 'report' | 'off';
}

export interface VatraSynth extends VatraApp {
  readonly outdir: string;
  readonly assembly: CloudAssembly;
  readonly templates: Readonly<Record<StackKey, Template>>;
  /** every stack's template, for assertions across stacks */
  readonly allTemplates: readonly Template[];
  /** empty unless nag = 'report' */
  readonly nag: readonly NagReport[];
}

const cache = new Map<string, VatraSynth>();

/**
 * Synthesize the whole app in-process (into a temporary directory unless `outdir` is given). The result is cached per
 * options within a module instance, i.e. once per test file: a real bundle of every function takes tens of seconds.
 */
export function synthVatra(opts: SynthOptions = {}): VatraSynth {
  const key = JSON.stringify(opts);
  const hit = cache.get(key);
  if (hit) return hit;
  const outdir = opts.outdir ?? mkdtempSync(join(tmpdir(), 'vatra-cdk-'));
  const nag = opts.nag ?? 'report';
  const context: Record<string, unknown> = {
    ...(opts.stage ? { stage: opts.stage } : {}),
    ...(opts.stubCode ? { 'vatra:stubCode': true } : {}),
    ...(opts.webAssetsDir ? { webAssetsDir: opts.webAssetsDir } : {}),
    ...(opts.webOrigin ? { webOrigin: opts.webOrigin } : {}),
    ...(opts.context ?? {}),
  };
  const built = buildVatra({ context, readCdkJson: true, outdir, nag });
  const assembly = built.app.synth();
  const templates = Object.fromEntries(
    (Object.entries(built.stacks) as [StackKey, Stack][]).map(([k, stack]) => [k, Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template as Record<string, unknown>)]),
  ) as Record<StackKey, Template>;
  const result: VatraSynth = {
    ...built,
    outdir,
    assembly,
    templates,
    allTemplates: Object.values(templates),
    nag: nag === 'report' ? runNag(built.app) : [],
  };
  cache.set(key, result);
  return result;
}
