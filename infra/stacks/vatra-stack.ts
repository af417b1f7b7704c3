/**
 * Vatra on AWS, built entirely from the shared definitions: tables (shared/store/tables.ts), functions and their
 * permissions (shared/config/functions.ts), routes (shared/config/routes.ts), state machines (shared/config/workflows.ts
 * + the ASL files), schedules (shared/config/schedules.ts). Nothing here lists a table, route, workflow or schedule
 * by hand: a new one in shared/ appears here and in the local runtime at once.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Arn, ArnFormat, CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption, ProjectionType } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, StringAttribute, UserPool, UserPoolClient, CfnUserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, CorsHttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons, EventDestination, EmailSendingEvent } from 'aws-cdk-lib/aws-ses';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Distribution, HttpVersion, ResponseHeadersPolicy, HeadersFrameOption, HeadersReferrerPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { tables, tableEnvVar, type TableDef } from '../../shared/store/tables.js';
import { functions } from '../../shared/config/functions.js';
import { routes } from '../../shared/config/routes.js';
import { workflows, type WorkflowDef, type SubstitutionRef } from '../../shared/config/workflows.js';
import { schedules, type ScheduleDef } from '../../shared/config/schedules.js';
import { stateMachineEnvVar } from '../../shared/config/env.js';
import { roles } from '../../shared/auth/principal.js';
import { VatraFunction } from '../constructs/vatra-function.js';

export interface VatraStackProps extends StackProps {
  stage: string;
  root: string;
  /** verified SES domain the mails come from */
  mailFromDomain: string;
  /** origin of the web UI (CloudFront domain, or a custom domain) for CORS; defaults to the distribution */
  webOrigin?: string;
  /** ACM certificate (us-east-1) and domain names for the web distribution */
  certificateArn?: string;
  domainNames?: string[];
}

/** Acknowledge a cdk-nag finding on a construct (and its children), always with the reason. */
const ack = (scope: Construct, id: string, reason: string) => Validations.of(scope).acknowledge({ id: `${id.startsWith('Serverless') ? 'Serverless' : 'AwsSolutions'}::${id}`, reason });

export class VatraStack extends Stack {
  readonly tables = new Map<string, Table>();
  readonly functions = new Map<string, VatraFunction>();
  readonly stateMachines = new Map<string, StateMachine>();

  constructor(scope: Construct, id: string, props: VatraStackProps) {
    super(scope, id, props);
    const { stage, root } = props;
    const physical = (name: string) => `${stage}-${name}`;
    const smName = (name: string) => `${stage}-vatra-${name}`;
    const smArn = (name: string) => Arn.format({ service: 'states', resource: 'stateMachine', resourceName: smName(name), arnFormat: ArnFormat.COLON_RESOURCE_NAME }, this);
    const fnArn = (name: string) => Arn.format({ service: 'lambda', resource: 'function', resourceName: `${stage}-vatra-${name}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, this);

    // ---- keys: data at rest (tables, queues, topics), logs, and field-level encryption of CNP / ethnicity / health
    const dataKey = new Key(this, 'DataKey', { enableKeyRotation: true, description: 'Vatra: encryption at rest (tables, queues, topics)', removalPolicy: RemovalPolicy.RETAIN });
    const fieldKey = new Key(this, 'FieldKey', { enableKeyRotation: true, description: 'Vatra: field-level encryption of sensitive personal fields', removalPolicy: RemovalPolicy.RETAIN });
    const logKey = new Key(this, 'LogKey', { enableKeyRotation: true, description: 'Vatra: CloudWatch Logs', removalPolicy: RemovalPolicy.RETAIN });
    logKey.addToResourcePolicy(new PolicyStatement({
      principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:*` } },
    }));
    for (const svc of ['sns.amazonaws.com', 'sqs.amazonaws.com', 'scheduler.amazonaws.com', 'ses.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      dataKey.addToResourcePolicy(new PolicyStatement({ principals: [new ServicePrincipal(svc)], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: ['*'] }));
    }

    // ---- tables, from the one definition
    for (const def of tables as readonly TableDef[]) {
      const t = new Table(this, `Table-${def.logicalName}`, {
        tableName: physical(def.logicalName),
        partitionKey: { name: def.partitionKey, type: AttributeType.STRING },
        sortKey: { name: def.sortKey, type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: dataKey,
        removalPolicy: RemovalPolicy.RETAIN,
        ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
      });
      for (const ix of def.indexes) {
        t.addGlobalSecondaryIndex({ indexName: ix.name, partitionKey: { name: ix.partitionKey, type: AttributeType.STRING }, sortKey: { name: ix.sortKey, type: AttributeType.STRING }, projectionType: ProjectionType.ALL });
      }
      this.tables.set(def.logicalName, t);
    }
    const main = this.tables.get('vatra-main')!;
    const audit = this.tables.get('vatra-audit')!;

    // ---- identity: Cognito with the same claims the local identity provider issues
    const userPool = new UserPool(this, 'Users', {
      userPoolName: physical('vatra-staff'),
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: { institution: new StringAttribute({ minLen: 2, maxLen: 10, mutable: true }), services: new StringAttribute({ maxLen: 200, mutable: true }) },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) new CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: userPool.userPoolId, groupName: role });
    const webClient = new UserPoolClient(this, 'WebClient', {
      userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(8),
      accessTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(1),
      readAttributes: undefined,
    });

    // ---- mail: SES identity + configuration set that records bounces/complaints and suppresses bad addresses
    const bounces = new Topic(this, 'MailEvents', { topicName: physical('vatra-mail-events'), masterKey: dataKey, enforceSSL: true });
    const configurationSet = new ConfigurationSet(this, 'MailConfig', { configurationSetName: physical('vatra'), suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS, reputationMetrics: true });
    configurationSet.addEventDestination('BouncesComplaints', { destination: EventDestination.snsTopic(bounces), events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT, EmailSendingEvent.DELIVERY_DELAY] });
    new EmailIdentity(this, 'MailIdentity', { identity: Identity.domain(props.mailFromDomain), configurationSet });

    // ---- web: private bucket behind CloudFront (OAC), security headers
    const logBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED, removalPolicy: RemovalPolicy.RETAIN, lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    ack(logBucket, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging it into itself would loop.');
    const webBucket = new Bucket(this, 'Web', {
      encryption: BucketEncryption.S3_MANAGED, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, versioned: true,
      serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'web/', removalPolicy: RemovalPolicy.RETAIN,
    });

    // ---- API
    const apiLogs = new LogGroup(this, 'ApiLogs', { logGroupName: `/aws/http-api/${physical('vatra')}`, retention: RetentionDays.ONE_YEAR, encryptionKey: logKey, removalPolicy: RemovalPolicy.RETAIN });
    const api = new HttpApi(this, 'Api', {
      apiName: physical('vatra'),
      createDefaultStage: false,
      corsPreflight: { allowOrigins: [props.webOrigin ?? '*'], allowMethods: [CorsHttpMethod.ANY], allowHeaders: ['authorization', 'content-type'], maxAge: Duration.hours(1) },
    });
    new HttpStage(this, 'ApiStage', {
      httpApi: api, stageName: '$default', autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(apiLogs), format: AccessLogFormat.jsonWithStandardFields() },
    });
    const authorizer = new HttpJwtAuthorizer('Jwt', `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`, { jwtAudience: [webClient.userPoolClientId], identitySource: ['$request.header.Authorization'] });
    const webBaseUrl = props.webOrigin ?? 'https://vatra.invalid';

    // ---- functions, each with exactly its access
    const kmsAndXrayFindings = ['AwsSolutions-IAM5[Action::kms:ReEncrypt*]', 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Resource::*]'];
    for (const def of functions) {
      const env: Record<string, string> = {
        [tableEnvVar['vatra-main']]: main.tableName,
        [tableEnvVar['vatra-audit']]: audit.tableName,
        VATRA_WEB_BASE_URL: webBaseUrl,
        VATRA_MAIL_FROM: `Vatra <no-reply@${props.mailFromDomain}>`,
        VATRA_SES_CONFIGURATION_SET: configurationSet.configurationSetName,
        VATRA_FIELD_KEY_ID: fieldKey.keyArn,
      };
      for (const sm of def.access.startStateMachines ?? []) env[stateMachineEnvVar(sm)] = smArn(sm);
      const f = new VatraFunction(this, `Fn-${def.name}`, { def, root, stage, environment: env, logKey });
      this.functions.set(def.name, f);
      const a = def.access;
      if (a.main === 'read') main.grantReadData(f.fn);
      if (a.main === 'readwrite') main.grantReadWriteData(f.fn);
      // audit: append (PutItem only) and read (Query only). Nobody may update or delete an audit entry.
      const auditActions = [...(a.audit?.includes('append') ? ['dynamodb:PutItem'] : []), ...(a.audit?.includes('read') ? ['dynamodb:Query'] : [])];
      if (auditActions.length) {
        f.fn.addToRolePolicy(new PolicyStatement({ actions: auditActions, resources: [audit.tableArn, `${audit.tableArn}/index/*`] }));
        dataKey.grantEncryptDecrypt(f.fn);
      }
      if (a.startStateMachines?.length) f.fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: a.startStateMachines.map(smArn) }));
      if (a.sendTaskResults) {
        f.fn.addToRolePolicy(new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: workflows.map((w) => smArn(w.name)) }));
      }
      if (a.sendEmail) {
        f.fn.addToRolePolicy(new PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [Arn.format({ service: 'ses', resource: 'identity', resourceName: props.mailFromDomain }, this), Arn.format({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName }, this)],
        }));
      }
      if (a.fieldKey) fieldKey.grantEncryptDecrypt(f.fn);
      ack(f, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'AWSLambdaBasicExecutionRole is the AWS-managed minimum for writing the function\'s own logs.');
      for (const finding of kmsAndXrayFindings) ack(f, finding, 'KMS data-key actions (GenerateDataKey*, ReEncrypt*) are granted on our own customer-managed keys only; Resource::* is X-Ray tracing, which has no resource-level permissions.');
      for (const t of this.tables.values()) ack(f, `AwsSolutions-IAM5[Resource::<${this.getLogicalId(t.node.defaultChild as CfnElement)}.Arn>/index/*]`, 'Access to the GSIs of this very table (queries by index); no other table.');
      ack(f, 'Serverless-LambdaDLQ', 'Functions are invoked synchronously (API Gateway, Step Functions with Retry/Catch) or by EventBridge Scheduler, whose own DLQ is configured; a Lambda DLQ would never receive anything.');
      ack(f, 'Serverless-LambdaAsyncFailureDestination', 'No asynchronous invocations: see Serverless-LambdaDLQ.');
    }

    for (const r of routes) {
      const integration = new HttpLambdaIntegration(`Int-${r.operation}`, this.functions.get(r.function)!.fn);
      api.addRoutes({ path: r.path, methods: [r.method as HttpMethod], integration, ...(r.auth === 'jwt' ? { authorizer } : {}) });
    }
    ack(api, 'AwsSolutions-APIG4', 'Only GET /health and GET /openapi.json are public (no data); every other route uses the Cognito JWT authorizer.');
    ack(api, 'AwsSolutions-COG4', 'HTTP APIs authorize with a JWT authorizer against the Cognito user pool (the COG4 rule looks for REST API Cognito authorizers).');

    // ---- state machines from the ASL files
    for (const wf of workflows as readonly WorkflowDef[]) {
      const substitutions: Record<string, string> = {};
      const invokes: string[] = [];
      const starts: string[] = [];
      for (const [key, ref] of Object.entries(wf.substitutions) as [string, SubstitutionRef][]) {
        if ('function' in ref) {
          substitutions[key] = fnArn(ref.function);
          invokes.push(fnArn(ref.function));
        } else {
          substitutions[key] = smArn(ref.stateMachine);
          starts.push(smArn(ref.stateMachine));
        }
      }
      const logs = new LogGroup(this, `SmLogs-${wf.name}`, { logGroupName: `/aws/vendedlogs/states/${smName(wf.name)}`, retention: RetentionDays.ONE_YEAR, encryptionKey: logKey, removalPolicy: RemovalPolicy.RETAIN });
      const sm = new StateMachine(this, `Sm-${wf.name}`, {
        stateMachineName: smName(wf.name),
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(resolve(root, wf.file)),
        definitionSubstitutions: substitutions,
        tracingEnabled: true,
        logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
      });
      if (invokes.length) sm.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: invokes.flatMap((a) => [a, `${a}:*`]) }));
      if (starts.length) sm.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: starts }));
      logKey.grantEncryptDecrypt(sm);
      for (const ref of Object.values(wf.substitutions) as SubstitutionRef[]) {
        if ('function' in ref) ack(sm, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:${this.region}:<AWS::AccountId>:function:${stage}-vatra-${ref.function}:*]`, 'lambda:InvokeFunction on <function>:* covers the versions and aliases of this one function.');
      }
      for (const finding of kmsAndXrayFindings) ack(sm, finding, 'X-Ray and CloudWatch log delivery have no resource-level permissions; KMS actions are on our own log key only.');
      this.stateMachines.set(wf.name, sm);
    }
    // the ARNs the functions received by name must be the ARNs of these machines
    for (const f of this.functions.values()) for (const sm of this.stateMachines.values()) f.node.addDependency(sm);

    // ---- schedules (EventBridge Scheduler, Europe/Bucharest), each with a DLQ and retries
    const dlq = new Queue(this, 'ScheduleDlq', { queueName: physical('vatra-schedule-dlq'), encryption: QueueEncryption.KMS, encryptionMasterKey: dataKey, enforceSSL: true, retentionPeriod: Duration.days(14) });
    ack(dlq, 'AwsSolutions-SQS3', 'This queue is the dead-letter queue of the schedules.');
    ack(dlq, 'Serverless-SQSRedrivePolicy', 'This queue is itself the dead-letter queue of the schedules.');
    const schedulerRole = new Role(this, 'SchedulerRole', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    dlq.grantSendMessages(schedulerRole);
    dataKey.grantEncryptDecrypt(schedulerRole);
    for (const finding of kmsAndXrayFindings.slice(0, 2)) ack(schedulerRole, finding, 'KMS data-key actions on our own data key only (encrypted schedules and DLQ).');
    for (const s of schedules as readonly ScheduleDef[]) {
      const target = s.target.kind === 'stateMachine' ? this.stateMachines.get(s.target.name) : this.functions.get(s.target.name)?.fn;
      if (!target) throw new Error(`Schedule ${s.name} targets ${s.target.kind} ${s.target.name}, which is not defined`);
      const arn = 'stateMachineArn' in target ? target.stateMachineArn : target.functionArn;
      schedulerRole.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [s.target.kind === 'stateMachine' ? 'states:StartExecution' : 'lambda:InvokeFunction'], resources: [arn] }));
      new CfnSchedule(this, `Schedule-${s.name}`, {
        name: physical(`vatra-${s.name}`),
        description: s.description,
        scheduleExpression: `cron(${s.cron})`,
        scheduleExpressionTimezone: s.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        state: 'ENABLED',
        kmsKeyArn: dataKey.keyArn,
        target: {
          arn,
          roleArn: schedulerRole.roleArn,
          input: JSON.stringify(s.input),
          retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 6 * 3600 },
          deadLetterConfig: { arn: dlq.queueArn },
        },
      });
    }

    // ---- web distribution
    const apiOrigin = api.apiEndpoint;
    const headers = new ResponseHeadersPolicy(this, 'WebHeaders', {
      responseHeadersPolicyName: physical('vatra-web-headers'),
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: `default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self' ${apiOrigin} https://cognito-idp.${this.region}.amazonaws.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const distribution = new Distribution(this, 'WebDistribution', {
      defaultBehavior: { origin: S3BucketOrigin.withOriginAccessControl(webBucket), viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: headers },
      defaultRootObject: 'index.html',
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(1) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(props.certificateArn ? { certificate: Certificate.fromCertificateArn(this, 'WebCert', props.certificateArn), domainNames: props.domainNames ?? [], minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 } : {}),
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
    });
    ack(distribution, 'AwsSolutions-CFR1', 'Staff work from Romania but travel; geo restriction would lock them out. Access is controlled by Cognito + MFA.');
    ack(distribution, 'AwsSolutions-CFR2', 'The distribution serves static assets only; the data API is separate and throttled. WAF can be attached per stage when needed.');
    if (!props.certificateArn) ack(distribution, 'AwsSolutions-CFR4', 'No custom domain is configured for this stage (context certificateArn/domainNames); with one, TLS 1.2 (2021) is the minimum.');
    const webDist = resolve(root, 'dist', 'web');
    if (existsSync(resolve(webDist, 'index.html'))) {
      new BucketDeployment(this, 'WebDeploy', {
        destinationBucket: webBucket,
        sources: [Source.asset(webDist, { exclude: ['config.json'] }), Source.jsonData('config.json', { apiBaseUrl: api.apiEndpoint, auth: 'cognito', region: this.region, userPoolId: userPool.userPoolId, clientId: webClient.userPoolClientId })],
        distribution,
        distributionPaths: ['/index.html', '/config.json'],
      });
      // CDK's own deployment provider (a singleton Lambda that copies the assets at deploy time only)
      const reason = 'CDK BucketDeployment provider: an AWS-maintained singleton that runs only during deployment to copy the built web assets into the web bucket.';
      for (const c of this.node.children.filter((x) => x.node.id.startsWith('Custom::CDKBucketDeployment'))) {
        for (const id of [
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'AwsSolutions-IAM5[Resource::*]',
          'AwsSolutions-IAM5[Action::s3:GetBucket*]', 'AwsSolutions-IAM5[Action::s3:GetObject*]', 'AwsSolutions-IAM5[Action::s3:List*]', 'AwsSolutions-IAM5[Action::s3:Abort*]',
          'AwsSolutions-IAM5[Action::s3:DeleteObject*]', `AwsSolutions-IAM5[Resource::<${this.getLogicalId(webBucket.node.defaultChild as CfnElement)}.Arn>/*]`,
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*]`,
          'AwsSolutions-L1', 'Serverless-LambdaDLQ', 'Serverless-LambdaLatestVersion', 'Serverless-LambdaTracing',
        ]) ack(c, id, reason);
      }
    }

    // ---- observability: errors and failures raise an alarm on a topic operations subscribe to
    const alarms = new Topic(this, 'Alarms', { topicName: physical('vatra-alarms'), masterKey: dataKey, enforceSSL: true });
    const notify = new SnsAction(alarms);
    for (const [name, f] of this.functions) {
      new Alarm(this, `Errors-${name}`, { metric: f.fn.metricErrors({ period: Duration.minutes(5) }), threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: TreatMissingData.NOT_BREACHING }).addAlarmAction(notify);
    }
    for (const [name, sm] of this.stateMachines) {
      new Alarm(this, `Failed-${name}`, { metric: sm.metricFailed({ period: Duration.minutes(5) }), threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: TreatMissingData.NOT_BREACHING }).addAlarmAction(notify);
    }
    new Alarm(this, 'ScheduleDlqDepth', { metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }), threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD }).addAlarmAction(notify);

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'WebUrl', { value: `https://${distribution.distributionDomainName}` });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
  }
}
