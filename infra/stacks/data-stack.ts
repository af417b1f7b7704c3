/**
 * Data at rest: both tables built from shared/platform/db/tables.ts, the customer-managed keys, and the exports bucket
 * (payment files, reports with personal data). Everything here is retained when the stack is deleted.
 */
import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { acknowledge } from '../nag.js';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { tables, type TableDef } from '../../shared/platform/db/tables.js';
import { tableName, vatraName } from '../naming.js';
import type { VatraSettings } from '../settings.js';

export interface DataStackProps extends StackProps {
  readonly settings: VatraSettings;
}

/** Exports bucket name: fixed so other stacks grant on it by name (bucket names are global, hence account + region). */
export function exportsBucketName(stage: string): string {
  return `${vatraName(stage, 'exports')}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export class DataStack extends Stack {
  /** tables, encryption of queues and topics */
  readonly dataKey: Key;
  /** field-level encryption of CNP, ethnicity, health data inside items */
  readonly fieldKey: Key;
  /** HMAC key for the duplicate-detection keys of children (CNP, name + birth date): never leaves KMS */
  readonly identityMacKey: Key;
  /** CloudWatch Logs of functions, state machines and the API */
  readonly logKey: Key;
  readonly tables: ReadonlyMap<string, Table>;
  readonly exportsBucket: Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { stage } = props.settings;

    this.dataKey = new Key(this, 'DataKey', {
      alias: `alias/${vatraName(stage, 'data')}`,
      description: 'Vatra: encryption at rest of tables, exports, queues and topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // services that publish into our encrypted topics as themselves (alarm actions, SES bounce/complaint events);
    // everything else uses the key through an IAM role that is granted it explicitly
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowAlarmsAndMailEventsToPublishToEncryptedTopics',
        principals: ['cloudwatch.amazonaws.com', 'ses.amazonaws.com'].map((s) => new ServicePrincipal(s)),
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.fieldKey = new Key(this, 'FieldKey', {
      alias: `alias/${vatraName(stage, 'field')}`,
      description: 'Vatra: field-level encryption of sensitive personal data (CNP, ethnicity, health)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.identityMacKey = new Key(this, 'IdentityMacKey', {
      alias: `alias/${vatraName(stage, 'identity-mac')}`,
      description: 'Vatra: HMAC of children identity data for duplicate detection (no plain CNP stored as a key)',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.identityMacKey, [{
      id: 'AwsSolutions-KMS5',
      reason: 'HMAC keys do not support automatic rotation in KMS; rotating would change every stored duplicate-detection key (a planned re-keying job, not a timer).',
    }]);
    this.logKey = new Key(this, 'LogKey', {
      alias: `alias/${vatraName(stage, 'logs')}`,
      description: 'Vatra: CloudWatch Logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchLogsOfThisAccount',
        principals: [new ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
      }),
    );

    const byName = new Map<string, Table>();
    for (const def of tables as readonly TableDef[]) {
      const table = new Table(this, `Table-${def.logicalName}`, {
        tableName: tableName(stage, def.logicalName),
        partitionKey: { name: def.partitionKey, type: AttributeType.STRING },
        sortKey: { name: def.sortKey, type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.dataKey,
        removalPolicy: RemovalPolicy.RETAIN,
        ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
      });
      for (const ix of def.indexes) {
        table.addGlobalSecondaryIndex({
          indexName: ix.name,
          partitionKey: { name: ix.partitionKey, type: AttributeType.STRING },
          sortKey: { name: ix.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType.ALL,
        });
      }
      byName.set(def.logicalName, table);
    }
    this.tables = byName;

    // S3 server access logs can only be delivered to an SSE-S3 bucket; the log bucket holds no personal data.
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.exportsBucket = new Bucket(this, 'Exports', {
      bucketName: exportsBucketName(stage),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'exports/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
