/**
 * The one place where AWS and the local runtime differ: endpoints. Each client is made once per module (warm
 * Lambda containers reuse it) and handed to the code that needs it; tests build their own with `makeClients`.
 *
 * Locally the runtime sets VATRA_ENDPOINT_DYNAMODB / _SFN / _SES to its 127.0.0.1 stand-ins; in AWS they are unset.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { installChangeJournal } from './db/journal.js';
import type { SFNClient, SFNClientConfig } from '@aws-sdk/client-sfn';
import type { SESClient } from '@aws-sdk/client-ses';

export interface AwsClients {
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  sfn: SfnClient;
}

/**
 * The three Step Functions calls the application makes. `@aws-sdk/client-sfn` (client and command classes) is a chunk
 * loaded on the first call, so a cold start of a function that never starts or resumes an execution does not read it
 * (docs/decisions/018-performance.md). Errors are the SDK's own: callers tell them apart by `name`
 * ('ExecutionAlreadyExists', 'ExecutionDoesNotExist', 'TaskTimedOut', …), never by `instanceof` — the classes are not
 * loaded where the error is caught.
 */
export interface SfnClient {
  startExecution(input: { stateMachineArn: string; name?: string; input: string }): Promise<{ executionArn: string }>;
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<void>;
  describeExecution(input: { executionArn: string }): Promise<{ executionArn: string; status: string }>;
}

/** `SfnClient` over the SDK client made on first use with `config`. */
export function lazySfnClient(config: SFNClientConfig): SfnClient {
  let loaded: Promise<{ client: SFNClient; sdk: typeof import('@aws-sdk/client-sfn') }> | undefined;
  const sdk = () => (loaded ??= import('@aws-sdk/client-sfn').then((m) => ({ client: new m.SFNClient(config), sdk: m })));
  return {
    async startExecution(input) {
      const { client, sdk: m } = await sdk();
      const r = await client.send(new m.StartExecutionCommand(input));
      return { executionArn: r.executionArn! };
    },
    async sendTaskSuccess(input) {
      const { client, sdk: m } = await sdk();
      await client.send(new m.SendTaskSuccessCommand(input));
    },
    async describeExecution(input) {
      const { client, sdk: m } = await sdk();
      const r = await client.send(new m.DescribeExecutionCommand(input));
      return { executionArn: r.executionArn!, status: r.status! };
    },
  };
}

export interface Endpoints {
  dynamodb?: string | undefined;
  sfn?: string | undefined;
  ses?: string | undefined;
  region?: string | undefined;
  /**
   * Locally, the access key sent to the stand-ins (AWS_ACCESS_KEY_ID, default `local`): DynamoDB Local keeps one
   * database per key when several runtimes share it (the tests). Unused in AWS, where the role's credentials apply.
   */
  localAccessKey?: string | undefined;
}

export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): Endpoints {
  return {
    dynamodb: env.VATRA_ENDPOINT_DYNAMODB || undefined,
    sfn: env.VATRA_ENDPOINT_SFN || undefined,
    ses: env.VATRA_ENDPOINT_SES || undefined,
    region: env.AWS_REGION || 'eu-central-1',
    localAccessKey: env.AWS_ACCESS_KEY_ID || undefined,
  };
}

/** What the local stand-ins are sent: the access key (DynamoDB Local's database), never a real secret. */
export const localCredentials = (key: string | undefined) => ({ accessKeyId: key ?? 'local', secretAccessKey: 'local' });

export function makeClients(e: Endpoints = endpointsFromEnv()): AwsClients {
  const region = e.region ?? 'eu-central-1';
  const common = (endpoint: string | undefined) =>
    endpoint ? { region, endpoint, credentials: localCredentials(e.localAccessKey), maxAttempts: 3 } : { region };
  const ddb = new DynamoDBClient(common(e.dynamodb));
  // every write of a report fact is journalled for the report aggregates (platform/db/journal.ts)
  const doc = installChangeJournal(DynamoDBDocumentClient.from(ddb, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }));
  return { ddb, doc, sfn: lazySfnClient(common(e.sfn)) };
}

function clientConfig(endpoint: string | undefined, region: string, key?: string) {
  return endpoint ? { region, endpoint, credentials: localCredentials(key), maxAttempts: 3 } : { region };
}

let ses: Promise<SESClient> | undefined;
/**
 * The SES client, made on the first mail: the SES SDK (query protocol, XML) is a chunk of its own that a function
 * loads only when it sends (docs/decisions/018-performance.md).
 */
export function sesClient(e: Endpoints = endpointsFromEnv()): Promise<SESClient> {
  ses ??= import('@aws-sdk/client-ses').then(({ SESClient }) => new SESClient(clientConfig(e.ses, e.region ?? 'eu-central-1', e.localAccessKey)));
  return ses;
}

let shared: AwsClients | undefined;
/** Module-level clients for handlers (created on first use so that env is read after the runtime set it). */
export function clients(): AwsClients {
  shared ??= makeClients();
  return shared;
}
