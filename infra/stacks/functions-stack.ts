/**
 * One Lambda per entry of shared/manifest/functions.ts, each with exactly the access its `access` lists and nothing else.
 * Resources of other stacks are addressed by name (tables, state machines, SES identity, exports bucket), so this
 * stack never waits on the stacks that call its functions, and the IAM policies read like the access lists.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { stateMachineEnvVar } from '../../shared/platform/env.js';
import type { FunctionAccess, FunctionDef } from '../../shared/manifest/functions.js';
import type { WorkflowDef } from '../../shared/manifest/workflows.js';
import { tableEnvVar, tables, type TableDef } from '../../shared/platform/db/tables.js';
import { VatraFunction } from '../constructs/vatra-function.js';
import { acknowledge, findingText, REASONS, type Acknowledgement } from '../nag.js';
import { stateMachineArn, tableArn, tableName, vatraName } from '../naming.js';
import { webBaseUrl, type VatraSettings } from '../settings.js';
import { exportsBucketName } from './data-stack.js';
import { configurationSetName, sendEmailResources } from './notifications-stack.js';

export { webBaseUrl };

export interface FunctionsStackProps extends StackProps {
  readonly settings: VatraSettings;
  readonly root: string;
  readonly functions: readonly FunctionDef[];
  readonly workflows: readonly WorkflowDef[];
  /** functions EventBridge Scheduler invokes (asynchronously): they get an on-failure destination */
  readonly asyncTargets: ReadonlySet<string>;
  readonly dataKey: IKey;
  readonly fieldKey: IKey;
  readonly identityMacKey: IKey;
  readonly logKey: IKey;
}

const MAIN_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const MAIN_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** audit: append = PutItem only; read = Query only. Nothing else, ever (no Update, no Delete, no BatchWrite). */
export const AUDIT_ACTIONS = { append: ['dynamodb:PutItem'], read: ['dynamodb:Query'] } as const;
const KMS_DECRYPT = ['kms:Decrypt', 'kms:DescribeKey'];
const KMS_ENCRYPT = ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

export class FunctionsStack extends Stack {
  readonly functions: ReadonlyMap<string, VatraFunction>;
  /** failed asynchronous invocations (scheduled functions), after Lambda's own retries */
  readonly asyncFailures?: Queue;

  constructor(scope: Construct, id: string, props: FunctionsStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const { stage } = settings;
    const main = (tables as readonly TableDef[]).find((t) => t.logicalName === 'vatra-main')!;
    const audit = (tables as readonly TableDef[]).find((t) => t.logicalName === 'vatra-audit')!;
    const mainArn = tableArn(this, stage, main.logicalName);
    const auditArn = tableArn(this, stage, audit.logicalName);
    const exportsArn = `arn:${this.partition}:s3:::${exportsBucketName(stage)}`;

    let onFailure: SqsDestination | undefined;
    if (props.asyncTargets.size > 0) {
      const queue = new Queue(this, 'AsyncFailures', {
        queueName: vatraName(stage, 'async-failures'),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(queue, [
        { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the failure destination of the scheduled functions; it has nowhere further to dead-letter to.' },
        { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the failure destination of the scheduled functions; it has nowhere further to dead-letter to.' },
      ]);
      this.asyncFailures = queue;
      onFailure = new SqsDestination(queue);
    }

    const byName = new Map<string, VatraFunction>();
    for (const def of props.functions) {
      const a: FunctionAccess = def.access;
      const environment: Record<string, string> = {
        [tableEnvVar['vatra-main']]: tableName(stage, main.logicalName),
        [tableEnvVar['vatra-audit']]: tableName(stage, audit.logicalName),
        VATRA_WEB_BASE_URL: webBaseUrl(settings),
        VATRA_MAIL_FROM: settings.mailFrom,
      };
      for (const sm of a.startStateMachines ?? []) environment[stateMachineEnvVar(sm)] = stateMachineArn(this, stage, sm);
      if (a.sendEmail) environment.VATRA_SES_CONFIGURATION_SET = configurationSetName(stage);
      if (a.fieldKey) environment.VATRA_FIELD_KEY_ID = props.fieldKey.keyArn;
      if (a.identityMac) environment.VATRA_IDENTITY_MAC_KEY_ID = props.identityMacKey.keyArn;
      if (a.exportsBucket) environment.VATRA_EXPORTS_BUCKET = exportsBucketName(stage);

      const isAsyncTarget = props.asyncTargets.has(def.name);
      const f = new VatraFunction(this, `Fn-${def.name}`, {
        def,
        stage,
        root: props.root,
        environment,
        logKey: props.logKey,
        stubCode: settings.stubCode,
        ...(isAsyncTarget && onFailure ? { onFailure } : {}),
      });
      byName.set(def.name, f);
      const allow = (actions: readonly string[], resources: readonly string[]) =>
        f.fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [...resources] }));
      const acks: Acknowledgement[] = [
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: REASONS.basicExecutionRole },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: REASONS.xray },
        { id: 'AwsSolutions-L1', reason: REASONS.node22 },
        { id: 'Serverless-LambdaLatestVersion', reason: REASONS.node22 },
      ];

      // main table (and its indexes) with the data key
      if (a.main) {
        allow(a.main === 'readwrite' ? [...MAIN_READ, ...MAIN_WRITE] : MAIN_READ, [mainArn, `${mainArn}/index/*`]);
        acks.push({ id: `AwsSolutions-IAM5[Resource::${findingText(this, `${mainArn}/index/*`)}]`, reason: 'Queries on the global secondary indexes of the main table (gsi1–gsi3, all projected); no other table.' });
      }
      // audit table: append-only writers, Query-only readers
      const auditActions = [...(a.audit?.includes('append') ? AUDIT_ACTIONS.append : []), ...(a.audit?.includes('read') ? AUDIT_ACTIONS.read : [])];
      if (a.audit?.includes('append')) allow(AUDIT_ACTIONS.append, [auditArn]);
      if (a.audit?.includes('read')) {
        allow(AUDIT_ACTIONS.read, [auditArn, `${auditArn}/index/*`]);
        acks.push({ id: `AwsSolutions-IAM5[Resource::${findingText(this, `${auditArn}/index/*`)}]`, reason: 'Query on the audit index (by institution and month); Query is the only action on the audit table.' });
      }
      const writes = a.main === 'readwrite' || a.audit?.includes('append') || a.exportsBucket === 'readwrite';
      if (a.main || auditActions.length || a.exportsBucket) allow(writes ? [...KMS_DECRYPT, ...KMS_ENCRYPT] : KMS_DECRYPT, [props.dataKey.keyArn]);

      if (a.startStateMachines?.length) allow(['states:StartExecution'], a.startStateMachines.map((sm) => stateMachineArn(this, stage, sm)));
      // CDK's StateMachine.grantTaskResponse grants these on the state machines whose task tokens the function answers
      if (a.sendTaskResults && props.workflows.length) {
        allow(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], props.workflows.map((w) => stateMachineArn(this, stage, w.name)));
      }
      if (a.sendEmail) allow(['ses:SendEmail', 'ses:SendRawEmail'], sendEmailResources(this, settings));
      if (a.fieldKey) allow(['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], [props.fieldKey.keyArn]);
      if (a.identityMac) allow(['kms:GenerateMac'], [props.identityMacKey.keyArn]);
      if (a.exportsBucket) {
        allow(a.exportsBucket === 'readwrite' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'], [`${exportsArn}/*`]);
        allow(['s3:ListBucket'], [exportsArn]);
        acks.push({ id: `AwsSolutions-IAM5[Resource::${findingText(this, `${exportsArn}/*`)}]`, reason: 'Objects of the exports bucket (payment files, reports); the key of each object is chosen by the function at run time.' });
      }

      acks.push({
        id: 'Serverless-LambdaDLQ',
        reason: isAsyncTarget
          ? 'Failed asynchronous (scheduled) invocations go to the on-failure destination (async-failures queue, alarmed), which supersedes a Lambda DLQ.'
          : REASONS.syncOnly,
      });
      acknowledge(f, acks);
    }
    this.functions = byName;
  }
}
