/**
 * Small pure descriptions of what a runtime provides — tables, functions, state machines, routes, schedules — in one
 * neutral shape with the names of the shared definitions (no stage prefix). `describeCdk*` read synthesized CDK
 * templates; `describeDeclared*` read the shared modules. The agreement test (test/infra/agreement.test.ts) asserts
 * they are equal; a description of the local runtime in the same shape can be compared the same way.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import type { FunctionDef } from '../shared/manifest/functions.js';
import type { RouteDef } from '../shared/manifest/routes.js';
import type { ScheduleDef, ScheduleTarget } from '../shared/manifest/schedules.js';
import type { SubstitutionRef, WorkflowDef } from '../shared/manifest/workflows.js';
import { createTableInput, type TableDef } from '../shared/platform/db/tables.js';

export interface TableDescription {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly billingMode: string;
  /** attribute definitions as `name:type` */
  readonly attributes: readonly string[];
  readonly indexes: readonly { readonly name: string; readonly partitionKey: string; readonly sortKey: string; readonly projection: string }[];
  readonly ttlAttribute: string | null;
}
export interface FunctionDescription {
  readonly name: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** state machines it is told about (VATRA_SM_* environment variables) */
  readonly stateMachineEnv: readonly string[];
}
export interface StateMachineDescription {
  readonly name: string;
  readonly substitutions: Readonly<Record<string, SubstitutionRef>>;
}
export interface RouteDescription {
  readonly method: string;
  readonly path: string;
  readonly function: string;
  readonly auth: 'jwt' | 'none';
}
export interface ScheduleDescription {
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
  readonly target: ScheduleTarget;
  readonly input: Record<string, unknown>;
}

type Templates = Template | readonly Template[];
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties as synthesised, read by path
type Resource = { Type: string; Properties?: Record<string, any> };

function resourcesOf(templates: Templates, type: string): Resource[] {
  const list = Array.isArray(templates) ? templates : [templates as Template];
  return list.flatMap((t) => Object.values((t.toJSON().Resources ?? {}) as Record<string, Resource>)).filter((r) => r.Type === type);
}

/** A CloudFormation value as text: intrinsic functions flattened (`arn:<AWS::Partition>:lambda:…`). */
export function cfnText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map(cfnText).join(sep);
    }
    if (o.Ref !== undefined) return `<${cfnText(o.Ref)}>`;
    if (Array.isArray(o['Fn::GetAtt'])) return `<${(o['Fn::GetAtt'] as unknown[]).map(cfnText).join('.')}>`;
    if (o['Fn::ImportValue'] !== undefined) return `<import:${cfnText(o['Fn::ImportValue'])}>`;
    if (o['Fn::Sub'] !== undefined) return cfnText(o['Fn::Sub']);
  }
  return JSON.stringify(value);
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function stripPrefix(physical: string, prefix: string): string {
  if (!physical.startsWith(prefix)) throw new Error(`${physical} does not start with ${prefix}`);
  return physical.slice(prefix.length);
}

/** Name of a Vatra function or state machine from its ARN (`…:function:${stage}-vatra-${name}`). */
export function refFromArn(value: unknown, stage: string): SubstitutionRef {
  const text = cfnText(value);
  const m = /:(function|stateMachine):([a-z0-9-]+)$/.exec(text);
  if (!m) throw new Error(`Not a function or state machine ARN: ${text}`);
  const name = stripPrefix(m[2]!, `${stage}-vatra-`);
  return m[1] === 'function' ? { function: name } : { stateMachine: name };
}

function tableFromCreateInput(input: ReturnType<typeof createTableInput>, ttlAttribute: string | null): TableDescription {
  const key = (schema: readonly { AttributeName: string; KeyType: string }[], type: string) => schema.find((k) => k.KeyType === type)!.AttributeName;
  return {
    name: input.TableName,
    partitionKey: key(input.KeySchema, 'HASH'),
    sortKey: key(input.KeySchema, 'RANGE'),
    billingMode: input.BillingMode,
    attributes: input.AttributeDefinitions.map((a) => `${a.AttributeName}:${a.AttributeType}`).sort(),
    indexes: (input.GlobalSecondaryIndexes ?? [])
      .map((g) => ({ name: g.IndexName, partitionKey: key(g.KeySchema, 'HASH'), sortKey: key(g.KeySchema, 'RANGE'), projection: g.Projection.ProjectionType }))
      .sort(byName),
    ttlAttribute,
  };
}

// ---- CDK side

export function describeCdkTables(templates: Templates, stage: string): TableDescription[] {
  return resourcesOf(templates, 'AWS::DynamoDB::Table')
    .map((r) => {
      const p = r.Properties!;
      const input = {
        TableName: stripPrefix(p.TableName, `${stage}-`),
        BillingMode: p.BillingMode,
        AttributeDefinitions: p.AttributeDefinitions,
        KeySchema: p.KeySchema,
        GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
      } as ReturnType<typeof createTableInput>;
      const ttl = p.TimeToLiveSpecification?.Enabled ? (p.TimeToLiveSpecification.AttributeName as string) : null;
      return tableFromCreateInput(input, ttl);
    })
    .sort(byName);
}

/** Vatra's own functions (named `${stage}-vatra-…`); CDK's helper functions (asset deployment) are left out. */
export function describeCdkFunctions(templates: Templates, stage: string): FunctionDescription[] {
  const prefix = `${stage}-vatra-`;
  return resourcesOf(templates, 'AWS::Lambda::Function')
    .filter((r) => typeof r.Properties?.FunctionName === 'string' && r.Properties.FunctionName.startsWith(prefix))
    .map((r) => {
      const p = r.Properties!;
      return {
        name: stripPrefix(p.FunctionName, prefix),
        memoryMb: p.MemorySize,
        timeoutSeconds: p.Timeout,
        stateMachineEnv: Object.keys(p.Environment?.Variables ?? {}).filter((k) => k.startsWith('VATRA_SM_')).sort(),
      };
    })
    .sort(byName);
}

export function describeCdkStateMachines(templates: Templates, stage: string): StateMachineDescription[] {
  return resourcesOf(templates, 'AWS::StepFunctions::StateMachine')
    .map((r) => {
      const p = r.Properties!;
      const subs = (p.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
      return {
        name: stripPrefix(p.StateMachineName, `${stage}-vatra-`),
        substitutions: Object.fromEntries(
          Object.keys(subs)
            .sort()
            .map((k) => [k, refFromArn(subs[k], stage)] as const),
        ),
      };
    })
    .sort(byName);
}

export function describeCdkRoutes(templates: Templates, stage: string): RouteDescription[] {
  const list = Array.isArray(templates) ? templates : [templates as Template];
  const out: RouteDescription[] = [];
  for (const t of list) {
    const resources = (t.toJSON().Resources ?? {}) as Record<string, Resource>;
    for (const r of Object.values(resources)) {
      if (r.Type !== 'AWS::ApiGatewayV2::Route') continue;
      const p = r.Properties!;
      const [method, path] = (p.RouteKey as string).split(' ') as [string, string];
      // Target: integrations/<Ref Integration>
      const integrationId = /integrations\/<([^>]+)>/.exec(cfnText(p.Target))?.[1];
      const integration = integrationId ? resources[integrationId] : undefined;
      if (!integration) throw new Error(`Route ${p.RouteKey} has no integration in its template`);
      const ref = refFromArn(integration.Properties!.IntegrationUri, stage);
      if (!('function' in ref)) throw new Error(`Route ${p.RouteKey} is not integrated with a function`);
      out.push({ method, path, function: ref.function, auth: p.AuthorizationType === 'JWT' ? 'jwt' : 'none' });
    }
  }
  return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

export function describeCdkSchedules(templates: Templates, stage: string): ScheduleDescription[] {
  return resourcesOf(templates, 'AWS::Scheduler::Schedule')
    .map((r) => {
      const p = r.Properties!;
      const cron = /^cron\((.*)\)$/.exec(p.ScheduleExpression as string)?.[1];
      if (!cron) throw new Error(`Schedule ${p.Name} is not a cron expression: ${p.ScheduleExpression}`);
      const ref = refFromArn(p.Target.Arn, stage);
      const target: ScheduleTarget = 'function' in ref ? { kind: 'function', name: ref.function } : { kind: 'stateMachine', name: ref.stateMachine };
      return {
        name: stripPrefix(p.Name, `${stage}-vatra-`),
        cron,
        timeZone: p.ScheduleExpressionTimezone as string,
        target,
        input: JSON.parse(p.Target.Input as string) as Record<string, unknown>,
      };
    })
    .sort(byName);
}

// ---- shared definitions side

export function describeDeclaredTables(defs: readonly TableDef[]): TableDescription[] {
  return defs.map((d) => tableFromCreateInput(createTableInput(d, d.logicalName), d.ttlAttribute ?? null)).sort(byName);
}

export function describeDeclaredFunctions(defs: readonly FunctionDef[], stateMachineEnvVar: (name: string) => string): FunctionDescription[] {
  return defs
    .map((f) => ({
      name: f.name,
      memoryMb: f.memoryMb,
      timeoutSeconds: f.timeoutSeconds,
      stateMachineEnv: [...new Set((f.access.startStateMachines ?? []).map(stateMachineEnvVar))].sort(),
    }))
    .sort(byName);
}

export function describeDeclaredStateMachines(defs: readonly WorkflowDef[]): StateMachineDescription[] {
  return defs
    .map((w) => ({ name: w.name, substitutions: Object.fromEntries(Object.entries(w.substitutions).sort(([a], [b]) => a.localeCompare(b))) }))
    .sort(byName);
}

export function describeDeclaredRoutes(defs: readonly RouteDef[]): RouteDescription[] {
  return defs
    .map((r) => ({ method: r.method, path: r.path, function: r.function, auth: r.auth }))
    .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

export function describeDeclaredSchedules(defs: readonly ScheduleDef[]): ScheduleDescription[] {
  return defs.map((s) => ({ name: s.name, cron: s.cron, timeZone: s.timeZone, target: { ...s.target }, input: s.input })).sort(byName);
}
