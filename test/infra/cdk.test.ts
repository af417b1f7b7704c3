/**
 * The CDK app, synthesized for real (esbuild bundles of every function, cdk-nag AwsSolutions + Serverless packs), and
 * checked against the shared definitions it must be built from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template, Match } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/synth.js';
import { tables, createTableInput } from '../../shared/store/tables.js';
import { functions } from '../../shared/config/functions.js';
import { routes } from '../../shared/config/routes.js';
import { workflows } from '../../shared/config/workflows.js';
import { schedules } from '../../shared/config/schedules.js';

let template: Template;
let outdir: string;
let resources: Record<string, { Type: string; Properties: any }>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'vatra-cdk-'));
  const { app, stack } = buildApp({ stage: 'test', outdir, mailFromDomain: 'vatra.example.ro' });
  app.synth(); // throws if a cdk-nag finding is not acknowledged
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

describe('CDK app built from the shared definitions', () => {
  it('creates every table exactly as the shared definition says, with PITR, deletion protection and a customer key', () => {
    for (const def of tables) {
      const want = createTableInput(def, `test-${def.logicalName}`);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: want.TableName,
        KeySchema: want.KeySchema,
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
        GlobalSecondaryIndexes: (want.GlobalSecondaryIndexes ?? []).map((g) => Match.objectLike({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: { ProjectionType: 'ALL' } })),
        ...(('ttlAttribute' in def && def.ttlAttribute) ? { TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } } : {}),
      });
    }
    expect(ofType('AWS::DynamoDB::Table')).toHaveLength(tables.length);
  });

  it('bundles one Lambda per function, Node.js 24 on arm64, traced', () => {
    const fns = ofType('AWS::Lambda::Function').filter((f) => String(f.Properties.FunctionName ?? '').startsWith('test-vatra-'));
    expect(fns.map((f) => f.Properties.FunctionName).sort()).toEqual(functions.map((f) => `test-vatra-${f.name}`).sort());
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
    // real esbuild bundles with the AWS SDK inside
    const bundles = readFileSync(join(outdir, 'manifest.json'), 'utf8');
    expect(bundles.length).toBeGreaterThan(0);
  });

  it('adds every route, with the JWT authorizer on every non-public one', () => {
    const got = ofType('AWS::ApiGatewayV2::Route').map((r) => ({ key: r.Properties.RouteKey, auth: r.Properties.AuthorizationType ?? 'NONE' }));
    expect(got.map((r) => r.key).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of routes) expect(got.find((g) => g.key === `${r.method} ${r.path}`)!.auth).toBe(r.auth === 'jwt' ? 'JWT' : 'NONE');
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 }, AccessLogSettings: Match.anyValue() });
  });

  it('creates one state machine per workflow from its ASL file', () => {
    const sms = ofType('AWS::StepFunctions::StateMachine');
    expect(sms.map((s) => s.Properties.StateMachineName).sort()).toEqual(workflows.map((w) => `test-vatra-${w.name}`).sort());
    for (const s of sms) {
      expect(s.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(s.Properties.LoggingConfiguration.Level).toBe('ALL');
    }
  });

  it('schedules each entry in Europe/Bucharest with its target, payload, retries and DLQ', () => {
    const got = ofType('AWS::Scheduler::Schedule');
    expect(got).toHaveLength(schedules.length);
    for (const s of schedules) {
      const r = got.find((x) => x.Properties.Name === `test-vatra-${s.name}`)!;
      expect(r.Properties.ScheduleExpression).toBe(`cron(${s.cron})`);
      expect(r.Properties.ScheduleExpressionTimezone).toBe('Europe/Bucharest');
      expect(JSON.parse(r.Properties.Target.Input)).toEqual(s.input);
      expect(r.Properties.Target.DeadLetterConfig).toBeDefined();
      expect(r.Properties.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    }
  });

  it('never lets any role update or delete audit entries', () => {
    const auditId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table' && r.Properties.TableName === 'test-vatra-audit')![0];
    for (const p of ofType('AWS::IAM::Policy')) {
      for (const st of p.Properties.PolicyDocument.Statement) {
        const res = JSON.stringify(st.Resource ?? '');
        if (!res.includes(auditId)) continue;
        const actions = [st.Action].flat();
        for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:*']) expect(actions).not.toContain(forbidden);
      }
    }
  });

  it('requires MFA and has one Cognito group per role', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    expect(ofType('AWS::Cognito::UserPoolGroup')).toHaveLength(8);
  });

  it('passes cdk-nag (AwsSolutions and Serverless) with no unacknowledged finding', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations?: unknown[] }[] };
    expect(report.pluginReports.map((p) => p.pluginName)).toEqual(expect.arrayContaining(['AwsSolutions', 'Serverless']));
    for (const p of report.pluginReports) {
      expect(p.violations, p.pluginName).toEqual([]);
      expect(p.conclusion).toBe('success');
    }
  });
});
