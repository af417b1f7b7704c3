/**
 * The CDK app built from the shared definitions, synthesized once with stub function code (bundling has its own test:
 * bundling.test.ts), checked resource by resource against the definitions, and passed through cdk-nag.
 */
import { TIME_ZONE } from '../../shared/platform/calendar.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthVatra, type VatraSynth } from '../../infra/synth.js';
import { AUDIT_ACTIONS } from '../../infra/stacks/functions-stack.js';
import { API_THROTTLE } from '../../infra/stacks/api-stack.js';
import { SCHEDULE_RETRY } from '../../infra/stacks/schedules-stack.js';
import { contentSecurityPolicy } from '../../infra/stacks/web-stack.js';
import { cfnText } from '../../infra/describe.js';
import { roles } from '../../shared/platform/auth/principal.js';
import { stateMachineEnvVar } from '../../shared/platform/env.js';
import { functions } from '../../shared/manifest/functions.js';
import { routes } from '../../shared/manifest/routes.js';
import { schedules } from '../../shared/manifest/schedules.js';
import { workflows, type SubstitutionRef } from '../../shared/manifest/workflows.js';
import { createTableInput, tableEnvVar, tables } from '../../shared/platform/db/tables.js';
import { actionsOn, allStatements, ofType, statementsOfFunction } from './support.js';

const STAGE = 'test';
const WEB_ORIGIN = 'https://vatra.test.example';
const AUTH_PREFIX = `${STAGE}-vatra-login`;
const AUTH_DOMAIN = `https://${AUTH_PREFIX}.auth.eu-central-1.amazoncognito.com`;
let s: VatraSynth;
let web: string;

beforeAll(() => {
  web = mkdtempSync(join(tmpdir(), 'vatra-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Vatra</title>');
  s = synthVatra({ stage: STAGE, stubCode: true, webAssetsDir: web, webOrigin: WEB_ORIGIN });
});
afterAll(() => {
  for (const dir of [s?.outdir, web]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const tableArnMatch = (logicalName: string) => (arn: string) => arn.endsWith(`:table/${STAGE}-${logicalName}`) || arn.includes(`:table/${STAGE}-${logicalName}/`);

describe('stacks', () => {
  it('splits the app into one stack per concern, each named with the stage', () => {
    expect(Object.values(s.stacks).map((x) => x.stackName).sort()).toEqual(
      ['api', 'data', 'functions', 'identity', 'notifications', 'observability', 'schedules', 'web', 'workflows'].map((c) => `${STAGE}-vatra-${c}`).sort(),
    );
  });

  it('passes the AwsSolutions and Serverless cdk-nag packs with every finding acknowledged', () => {
    expect(s.nag.map((n) => n.pack).sort()).toEqual(['AwsSolutions', 'Serverless']);
    for (const n of s.nag) {
      const unacknowledged = n.report.violations.map((v) => `${v.ruleName} (${v.severity}): ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
      expect(unacknowledged, n.pack).toEqual([]);
      expect(n.report.success).toBe(true);
    }
  });
});

describe('data', () => {
  it('creates each table exactly as createTableInput describes it, with PITR, deletion protection, a customer key and TTL', () => {
    const t = s.templates.data;
    t.resourceCountIs('AWS::DynamoDB::Table', tables.length);
    for (const def of tables) {
      const want = createTableInput(def, `${STAGE}-${def.logicalName}`);
      t.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: want.TableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: want.KeySchema,
        AttributeDefinitions: Match.arrayWith(want.AttributeDefinitions.map((a) => Match.objectEquals(a))),
        GlobalSecondaryIndexes: (want.GlobalSecondaryIndexes ?? []).map((g) => Match.objectLike({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] }) },
        ...('ttlAttribute' in def ? { TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } } : {}),
      });
    }
    const audit = ofType(t, 'AWS::DynamoDB::Table').find((r) => r.Properties.TableName === `${STAGE}-vatra-audit`)!;
    expect(audit.Properties.TimeToLiveSpecification).toBeUndefined();
  });

  it('uses rotating customer-managed keys (data, field-level, logs) and an HMAC key for identity keys', () => {
    const keys = ofType(s.templates.data, 'AWS::KMS::Key');
    const [mac, symmetric] = [keys.filter((k) => k.Properties.KeySpec === 'HMAC_256'), keys.filter((k) => k.Properties.KeySpec === undefined)];
    expect(symmetric).toHaveLength(3);
    for (const k of symmetric) expect(k.Properties.EnableKeyRotation).toBe(true);
    expect(symmetric.map((k) => k.Properties.Description).join('\n')).toMatch(/field-level/);
    expect(mac).toHaveLength(1);
    expect(mac[0]!.Properties.KeyUsage).toBe('GENERATE_VERIFY_MAC');
  });

  it('keeps exports in a private, versioned, KMS-encrypted bucket that enforces TLS and logs access', () => {
    const t = s.templates.data;
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: Match.anyValue(),
      BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'exports/' }),
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});

describe('functions', () => {
  const fnName = (name: string) => `${STAGE}-vatra-${name}`;

  it('creates one Lambda per shared function: nodejs22.x, arm64, traced, with its own log group', () => {
    const t = s.templates.functions;
    const fns = ofType(t, 'AWS::Lambda::Function');
    expect(fns.map((f) => f.Properties.FunctionName).sort()).toEqual(functions.map((f) => fnName(f.name)).sort());
    for (const def of functions) {
      t.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: fnName(def.name),
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: def.memoryMb,
        Timeout: def.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
      });
      t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/lambda/${fnName(def.name)}`, RetentionInDays: Match.anyValue(), KmsKeyId: Match.anyValue() });
    }
  });

  it('gives each function the table names, web origin, sender, service name, and the ARNs of the machines it starts', () => {
    const fns = ofType(s.templates.functions, 'AWS::Lambda::Function');
    for (const def of functions) {
      const env = fns.find((f) => f.Properties.FunctionName === fnName(def.name))!.Properties.Environment.Variables as Record<string, unknown>;
      expect(env[tableEnvVar['vatra-main']]).toBe(`${STAGE}-vatra-main`);
      expect(env[tableEnvVar['vatra-audit']]).toBe(`${STAGE}-vatra-audit`);
      expect(env.VATRA_WEB_BASE_URL).toBe(WEB_ORIGIN);
      expect(env.VATRA_MAIL_FROM).toBe('Vatra <no-reply@vatra.example.ro>');
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(`vatra-${def.name}`);
      const smVars = Object.keys(env).filter((k) => k.startsWith('VATRA_SM_')).sort();
      expect(smVars).toEqual((def.access.startStateMachines ?? []).map(stateMachineEnvVar).sort());
      for (const sm of def.access.startStateMachines ?? []) {
        expect(JSON.stringify(env[stateMachineEnvVar(sm)])).toContain(`:stateMachine:${STAGE}-vatra-${sm}`);
      }
      expect(env.VATRA_SES_CONFIGURATION_SET).toBe(def.access.sendEmail ? `${STAGE}-vatra-mail` : undefined);
      expect('VATRA_FIELD_KEY_ID' in env).toBe(Boolean(def.access.fieldKey));
      expect('VATRA_IDENTITY_MAC_KEY_ID' in env, def.name).toBe(Boolean(def.access.identityMac));
    }
  });

  it('grants each function exactly what its access lists', () => {
    const t = s.templates.functions;
    const isMain = tableArnMatch('vatra-main');
    const isAudit = tableArnMatch('vatra-audit');
    for (const def of functions) {
      const st = statementsOfFunction(t, fnName(def.name));
      const a = def.access;
      const main = actionsOn(st, isMain);
      if (!a.main) expect(main).toEqual([]);
      else {
        expect(main).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
        const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
        if (a.main === 'read') for (const w of writes) expect(main).not.toContain(w);
        else expect(main).toEqual(expect.arrayContaining(writes));
      }
      const wantAudit = [...(a.audit?.includes('append') ? AUDIT_ACTIONS.append : []), ...(a.audit?.includes('read') ? AUDIT_ACTIONS.read : [])].sort();
      expect(actionsOn(st, isAudit), def.name).toEqual(wantAudit);
      const started = st.filter((x) => x.actions.includes('states:StartExecution')).flatMap((x) => x.resources).map((r) => r.split(':stateMachine:')[1]).sort();
      expect(started).toEqual((a.startStateMachines ?? []).map((n) => `${STAGE}-vatra-${n}`).sort());
      const taskResponses = actionsOn(st, (r) => r.includes(':stateMachine:')).filter((x) => x.startsWith('states:SendTask'));
      expect(taskResponses.length > 0).toBe(Boolean(a.sendTaskResults && workflows.length));
      const ses = st.filter((x) => x.actions.some((y) => y.startsWith('ses:')));
      expect(ses.length > 0).toBe(Boolean(a.sendEmail));
      for (const x of ses) {
        expect(x.actions.sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
        expect(x.resources.some((r) => r.endsWith(':identity/vatra.example.ro'))).toBe(true);
        expect(x.resources.some((r) => r.endsWith(`:configuration-set/${STAGE}-vatra-mail`))).toBe(true);
      }
      const fieldKey = st.filter((x) => x.resources.some((r) => r.includes('FieldKey')));
      expect(fieldKey.length > 0).toBe(Boolean(a.fieldKey));
      for (const x of fieldKey) expect(x.actions.sort()).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
      // the identity HMAC key: GenerateMac only, only for who registers children (referrals, imports)
      const mac = st.filter((x) => x.resources.some((r) => r.includes('IdentityMacKey')));
      expect(mac.length > 0, def.name).toBe(Boolean(a.identityMac));
      for (const x of mac) expect(x.actions).toEqual(['kms:GenerateMac']);
      const exportsBucket = actionsOn(st, (r) => r.includes(':s3:::'));
      expect(exportsBucket.length > 0).toBe(Boolean(a.exportsBucket));
      // nothing but X-Ray on "*"
      expect(actionsOn(st, (r) => r === '*')).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('never lets any role in any stack update or delete audit entries', () => {
    const isAudit = tableArnMatch('vatra-audit');
    const statements = allStatements(s.allTemplates);
    expect(statements.length).toBeGreaterThan(functions.length);
    for (const st of statements) {
      const onAudit = st.resources.some((r) => isAudit(r) || r === '*' || /:table\/\*/.test(r));
      if (!onAudit) continue;
      for (const action of st.actions) {
        expect(['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate', 'dynamodb:DeleteTable']).not.toContain(action);
        expect(action).not.toMatch(/^dynamodb:\*$|^\*$/);
      }
    }
  });

  it('sends failed scheduled invocations to an alarmed failure queue', () => {
    const targets = new Set(schedules.filter((x) => x.target.kind === 'function').map((x) => x.target.name));
    const configs = ofType(s.templates.functions, 'AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(targets.size);
    for (const c of configs) expect(c.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
  });
});

describe('api', () => {
  it('adds every route, integrated with its function (payload 2.0), JWT-authorized unless public', () => {
    const t = s.templates.api;
    const got = ofType(t, 'AWS::ApiGatewayV2::Route');
    expect(got.map((r) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    const authorizerId = Object.entries(t.toJSON().Resources as Record<string, { Type: string }>).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer')![0];
    for (const r of routes) {
      const route = got.find((g) => g.Properties.RouteKey === `${r.method} ${r.path}`)!;
      if (r.auth === 'jwt') {
        expect(route.Properties.AuthorizationType).toBe('JWT');
        expect(route.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
      } else {
        expect(route.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
        expect(route.Properties.AuthorizerId).toBeUndefined();
      }
    }
    for (const i of ofType(t, 'AWS::ApiGatewayV2::Integration')) {
      expect(i.Properties.PayloadFormatVersion).toBe('2.0');
      expect(i.Properties.IntegrationType).toBe('AWS_PROXY');
    }
  });

  it('trusts the Cognito pool as issuer and the SPA client as audience', () => {
    s.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', [Match.stringLikeRegexp('^https://cognito-idp\\.'), Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('identity') })]] },
        Audience: [Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('WebClient') })],
      },
    });
  });

  it('throttles the default stage, logs access as JSON and allows CORS from the web origin only', () => {
    const t = s.templates.api;
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE.rateLimit, ThrottlingBurstLimit: API_THROTTLE.burstLimit },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: `${STAGE}-vatra-api`, CorsConfiguration: Match.objectLike({ AllowOrigins: [WEB_ORIGIN] }) });
  });
});

describe('workflows', () => {
  it('creates one Standard state machine per workflow from its ASL file, logging ALL and traced', () => {
    const t = s.templates.workflows;
    const sms = ofType(t, 'AWS::StepFunctions::StateMachine');
    expect(sms.map((x) => x.Properties.StateMachineName).sort()).toEqual(workflows.map((w) => `${STAGE}-vatra-${w.name}`).sort());
    for (const x of sms) {
      expect(x.Properties.StateMachineType).toBe('STANDARD');
      expect(x.Properties.DefinitionS3Location).toBeDefined();
      expect(x.Properties.TracingConfiguration).toEqual({ Enabled: true });
      expect(x.Properties.LoggingConfiguration.Level).toBe('ALL');
      expect(x.Properties.LoggingConfiguration.IncludeExecutionData).toBe(false);
    }
  });

  it('lets each state machine invoke exactly the functions and start exactly the machines its definition names', () => {
    const t = s.templates.workflows;
    const all = t.toJSON().Resources as Record<string, any>;
    for (const w of workflows) {
      const [, sm] = Object.entries(all).find(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Properties.StateMachineName === `${STAGE}-vatra-${w.name}`)!;
      const roleId = sm.Properties.RoleArn['Fn::GetAtt'][0];
      const statements = Object.values(all)
        .filter((r: any) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: any) => x.Ref === roleId))
        .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
      const refs = Object.values(w.substitutions) as SubstitutionRef[];
      const invoked = statements.filter((x: any) => [x.Action].flat().includes('lambda:InvokeFunction')).flatMap((x: any) => [x.Resource].flat()).map((r: unknown) => JSON.stringify(r));
      const wantFns = [...new Set(refs.flatMap((r) => ('function' in r ? [r.function] : [])))];
      expect(invoked).toHaveLength(wantFns.length);
      for (const f of wantFns) expect(invoked.some((r: string) => r.includes(`:function:${STAGE}-vatra-${f}"`))).toBe(true);
      const wantStarts = refs.flatMap((r) => ('stateMachine' in r ? [r.stateMachine] : []));
      const started = statements.filter((x: any) => [x.Action].flat().includes('states:StartExecution'));
      expect(started.length > 0).toBe(wantStarts.length > 0);
    }
  });
});

describe('schedules', () => {
  it('schedules every entry with its cron in the calendar time zone, its target and payload, no flexible window, retries and a DLQ', () => {
    const t = s.templates.schedules;
    const got = ofType(t, 'AWS::Scheduler::Schedule');
    expect(got).toHaveLength(schedules.length);
    for (const def of schedules) {
      const x = got.find((g) => g.Properties.Name === `${STAGE}-vatra-${def.name}`)!;
      expect(x.Properties.ScheduleExpression).toBe(`cron(${def.cron})`);
      expect(x.Properties.ScheduleExpressionTimezone).toBe(TIME_ZONE);
      expect(x.Properties.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
      expect(JSON.parse(x.Properties.Target.Input)).toEqual(def.input);
      const kind = def.target.kind === 'function' ? 'function' : 'stateMachine';
      expect(JSON.stringify(x.Properties.Target.Arn)).toContain(`:${kind}:${STAGE}-vatra-${def.target.name}"`);
      expect(x.Properties.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: SCHEDULE_RETRY.maximumRetryAttempts, MaximumEventAgeInSeconds: SCHEDULE_RETRY.maximumEventAgeInSeconds });
      expect(x.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^Dlq/);
    }
    t.hasResourceProperties('AWS::SQS::Queue', { QueueName: `${STAGE}-vatra-schedule-dlq`, SqsManagedSseEnabled: true });
  });
});

describe('identity', () => {
  it('requires TOTP MFA, admin-created accounts and a strong password', () => {
    s.templates.identity.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: Match.anyValue(), RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'institution' }), Match.objectLike({ Name: 'services' })]),
    });
    const pool = ofType(s.templates.identity, 'AWS::Cognito::UserPool')[0]!;
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has one group per role and a secretless client for the SPA', () => {
    const groups = ofType(s.templates.identity, 'AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName).sort();
    expect(groups).toEqual([...roles].sort());
    expect(groups).toEqual(expect.arrayContaining(['case_manager', 'centre_staff', 'intervention_staff', 'coordinator', 'finance', 'project_manager', 'roma_officer', 'admin']));
    s.templates.identity.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('hosts managed login on a Cognito prefix domain named after the stage', () => {
    const domains = ofType(s.templates.identity, 'AWS::Cognito::UserPoolDomain');
    expect(domains).toHaveLength(1);
    expect(domains[0]!.Properties).toMatchObject({ Domain: AUTH_PREFIX, ManagedLoginVersion: 2, UserPoolId: { Ref: expect.stringMatching(/^Staff/) } });
    expect(domains[0]!.Properties.CustomDomainConfig).toBeUndefined();
    expect(s.stacks.identity.authDomainUrl).toBe(AUTH_DOMAIN);
    // managed login shows an error page to a client without a style: Cognito's default one
    s.templates.identity.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true, ClientId: { Ref: Match.stringLikeRegexp('^StaffWebClient') } });
  });

  it('lets the SPA use the authorization-code grant only (PKCE, no implicit grant), back to the web origin', () => {
    const clients = ofType(s.templates.identity, 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    const c = clients[0]!.Properties;
    expect(c).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`${WEB_ORIGIN}/`],
      LogoutURLs: [`${WEB_ORIGIN}/`],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect([...c.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    expect(c.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    // short-lived ID and access tokens (expires_in is the access token's), refreshed in memory for a working day,
    // as the local provider's ID token and refresh cookie
    const minutes = (kind: 'IdToken' | 'AccessToken' | 'RefreshToken') => c[`${kind}Validity`] * ({ minutes: 1, hours: 60, days: 1440 } as Record<string, number>)[c.TokenValidityUnits[kind]]!;
    expect(minutes('IdToken')).toBe(15);
    expect(minutes('AccessToken')).toBe(15);
    expect(minutes('RefreshToken')).toBe(8 * 60);
  });
});

describe('notifications', () => {
  it('verifies the mail domain and sends through a configuration set that suppresses bounces and complaints', () => {
    const t = s.templates.notifications;
    t.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'vatra.example.ro', ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() } });
    t.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: `${STAGE}-vatra-mail`,
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
    t.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), SnsDestination: Match.anyValue() }),
    });
    t.hasResourceProperties('AWS::SNS::Topic', { TopicName: `${STAGE}-vatra-mail-events`, KmsMasterKeyId: Match.anyValue() });
  });
});

describe('web', () => {
  it('serves a private bucket through CloudFront with OAC, index.html as root and SPA fallback, TLS 1.2+', () => {
    const t = s.templates.web;
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: Match.arrayWith([
          Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
          Match.objectLike({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        ]),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
      }),
    });
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    for (const b of ofType(t, 'AWS::S3::Bucket')) {
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    }
  });

  it('sends strict security headers: HSTS, CSP limited to itself and the API, no framing, nosniff, referrer policy', () => {
    const policy = ofType(s.templates.web, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const h = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(h.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
    expect(h.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
    expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    const csp = JSON.stringify(h.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/connect-src 'self' .*ApiEndpoint|connect-src 'self' .*Fn::ImportValue/);
    // the token endpoint is fetched from the SPA: managed login's domain (and no other Cognito endpoint) may be called
    const connectSrc = /connect-src ([^;]*)/.exec(cfnText(h.ContentSecurityPolicy.ContentSecurityPolicy))![1]!.split(' ');
    expect(connectSrc).toContain(AUTH_DOMAIN);
    expect(connectSrc.filter((x) => x.includes('amazonaws.com') || x.includes('amazoncognito.com'))).toEqual([AUTH_DOMAIN]);
    expect(contentSecurityPolicy('https://api.example', AUTH_DOMAIN)).toContain(`connect-src 'self' https://api.example ${AUTH_DOMAIN};`);
  });

  it('uploads the built SPA with a config.json naming the API, the Cognito client and its managed-login domain', () => {
    const deployments = ofType(s.templates.web, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(1);
    expect(s.stacks.web.assetsDeployed).toBe(true);
    // Source.jsonData stages config.json as an asset; deploy-time values (API, pool, client) are markers in it
    const staged = readdirSync(s.outdir)
      .filter((d) => d.startsWith('asset.') && existsSync(join(s.outdir, d, 'config.json')))
      .map((d) => JSON.parse(readFileSync(join(s.outdir, d, 'config.json'), 'utf8')) as Record<string, string>);
    expect(staged).toHaveLength(1);
    expect(staged[0]).toMatchObject({ auth: 'cognito', region: 'eu-central-1', authDomain: AUTH_DOMAIN, clientId: expect.any(String), userPoolId: expect.any(String), apiBaseUrl: expect.any(String), sessionIdleSeconds: 1800 });
    expect(JSON.stringify(deployments[0]!.Properties.SourceMarkers)).toMatch(/WebClient/);
  });
});

describe('observability', () => {
  it('alarms on every function error, every workflow failure and anything in the schedule DLQ', () => {
    const alarms = ofType(s.templates.observability, 'AWS::CloudWatch::Alarm');
    const named = (ns: string, metric: string) => alarms.filter((a) => a.Properties.Namespace === ns && a.Properties.MetricName === metric);
    expect(named('AWS/Lambda', 'Errors')).toHaveLength(functions.length);
    expect(named('AWS/States', 'ExecutionsFailed')).toHaveLength(workflows.length);
    const queueAlarms = named('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map((a) => JSON.stringify(a.Properties.Dimensions));
    expect(queueAlarms.some((d) => d.includes('schedule-dlq') || d.includes('Dlq'))).toBe(true);
    for (const a of alarms) expect(a.Properties.AlarmActions).toHaveLength(1);
    s.templates.observability.hasResourceProperties('AWS::SNS::Topic', { TopicName: `${STAGE}-vatra-alarms`, KmsMasterKeyId: Match.anyValue() });
  });
});

describe('without a web build', () => {
  it('still synthesizes, skips the upload and says so', () => {
    const missing = join(tmpdir(), `vatra-no-web-${process.pid}-${Date.now()}`);
    const r = synthVatra({ stage: STAGE, stubCode: true, webAssetsDir: missing, nag: 'off' });
    expect(r.stacks.web.assetsDeployed).toBe(false);
    expect(ofType(r.templates.web, 'Custom::CDKBucketDeployment')).toHaveLength(0);
    r.templates.web.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const warnings = r.assembly.getStackArtifact(r.stacks.web.artifactId).messages.map((m) => String(m.entry.data));
    rmSync(r.outdir, { recursive: true, force: true });
    expect(warnings.some((w) => w.includes('not deployed'))).toBe(true);
  });
});
