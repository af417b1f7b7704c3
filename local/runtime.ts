/**
 * The whole of Vatra on one machine: DynamoDB Local, the local Step Functions service, the local SES inbox,
 * local schedules, the API + web server and the local identity provider — wired to the same handlers, ASL files,
 * table definitions and schedules that CDK deploys. Only the endpoints differ.
 */
import { runtimeClock } from '../shared/platform/env.js';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolve } from 'node:path';
import sesModule from 'aws-ses-v2-local';
import type { Server } from 'node:http';

// aws-ses-v2-local is CommonJS compiled from ESM: its default export sits one level down when imported from ESM.
const sesServer = ((sesModule as unknown as { default?: unknown }).default ?? sesModule) as (config: Partial<{ host: string; port: number }>) => Promise<Server>;
import { tables, tableEnvVar } from '../shared/platform/db/tables.js';
import { workflows, applySubstitutions, type SubstitutionRef, type WorkflowDef } from '../shared/manifest/workflows.js';
import { stateMachineEnvVar } from '../shared/platform/env.js';
import { localCredentials, makeClients } from '../shared/platform/aws.js';
import { prepareDataDir } from './data-dir.js';
import { ensureTables, startLocalDynamo, localTableName, type JvmJit, type LocalDynamo } from './dynamo.js';
import { startLocalSfn, stateMachineArn } from './sfn/service.js';
import { LocalFunctions } from './functions.js';
import { sessionLifetimeFromEnv } from '../shared/platform/auth/session-lifetime.js';
import { LocalIdentity } from './identity.js';
import { LocalScheduler } from './scheduler.js';
import { flattenClaims, startLocalHttp, type LocalControl } from './http.js';
import { seedDemo } from './demo/seed.js';

export const REGION = 'eu-central-1';
export const ACCOUNT = '000000000000';

export interface RuntimeOptions {
  root: string;
  dataDir: string;
  host: string;
  ports: { http: number; dynamodb: number; sfn: number; ses: number };
  /** no cron timers (tests fire schedules explicitly) */
  schedulesPaused?: boolean;
  seed?: boolean;
  /**
   * The data end with this runtime (the test runtimes never restarted on the same data): DynamoDB Local keeps them in
   * memory and the executions only in the executor's memory (no file). Default false: `npm start` keeps everything across restarts.
   */
  ephemeral?: boolean;
  /**
   * A DynamoDB Local already running, with one database per access key (the test runtimes share one JVM): no Java is
   * started, the tables are created in the database of this process's AWS_ACCESS_KEY_ID.
   */
  dynamoEndpoint?: string;
  /** DynamoDB Local's compiler when the runtime starts its own JVM (local/dynamo.ts `jvmFlags`): `full` by default, `quick` for tests */
  dynamoJit?: JvmJit;
  /** short Romanian progress lines for the person at the console (the demo history on first start) */
  progress?: (m: string) => void;
  log?: (m: string, d?: Record<string, unknown>) => void;
}

export interface Runtime {
  /** `dynamodbAccessKey` (with `dynamoEndpoint` only): the access key whose database the shared DynamoDB Local serves */
  urls: { web: string; api: string; dynamodb: string; dynamodbAccessKey?: string; sfn: string; ses: string; sesInbox: string };
  identity: LocalIdentity;
  functions: LocalFunctions;
  scheduler: LocalScheduler;
  stop(): Promise<void>;
}

export const localFunctionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

/** The ASL text of each workflow with its substitutions resolved to local ARNs. */
export function localDefinitions(root: string) {
  return (workflows as readonly WorkflowDef[]).map((wf) => {
    const values: Record<string, string> = {};
    for (const [key, ref] of Object.entries(wf.substitutions) as [string, SubstitutionRef][]) {
      values[key] = 'function' in ref ? localFunctionArn(ref.function) : stateMachineArn(ref.stateMachine, REGION);
    }
    return { name: wf.name, definition: applySubstitutions(readFileSync(resolve(root, wf.file), 'utf8'), values) };
  });
}

/** A DynamoDB Local someone else runs: this runtime's tables in the database of its access key; stopping leaves it. */
async function sharedLocalDynamo(endpoint: string, log?: (m: string) => void): Promise<LocalDynamo> {
  // explicit, as the app's clients send it: the SDK's default chain would skip the environment when AWS_PROFILE is set
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: localCredentials(process.env.AWS_ACCESS_KEY_ID), maxAttempts: 3 });
  try {
    await ensureTables(client, log);
  } finally {
    client.destroy();
  }
  return { endpoint, port: Number(new URL(endpoint).port), stop: async () => undefined };
}

export async function startRuntime(o: RuntimeOptions): Promise<Runtime> {
  const log = o.log ?? (() => undefined);
  const dataDir = resolve(o.dataDir);
  prepareDataDir(dataDir, o.ephemeral ?? false);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };

  try {
    const httpUrl = `http://${o.host}:${o.ports.http}`;
    // Environment the handlers read (in AWS, CDK sets the same variables per function).
    const env = process.env;
    env.AWS_REGION = REGION;
    env.AWS_ACCESS_KEY_ID ??= 'local';
    env.AWS_SECRET_ACCESS_KEY ??= 'local';
    env.VATRA_ENDPOINT_DYNAMODB = o.dynamoEndpoint ?? `http://${o.host}:${o.ports.dynamodb}`;
    env.VATRA_ENDPOINT_SFN = `http://${o.host}:${o.ports.sfn}`;
    env.VATRA_ENDPOINT_SES = `http://${o.host}:${o.ports.ses}`;
    env.VATRA_WEB_BASE_URL = httpUrl;
    env.VATRA_MAIL_FROM ??= 'Vatra <vatra@vatra.local>';
    env.VATRA_FIELD_KEY_FILE = resolve(dataDir, 'identity', 'field-key');
    for (const t of tables) env[tableEnvVar[t.logicalName]] = localTableName(t);
    for (const wf of workflows) env[stateMachineEnvVar(wf.name)] = stateMachineArn(wf.name, REGION);

    const dynamo = o.dynamoEndpoint
      ? await sharedLocalDynamo(o.dynamoEndpoint, log)
      : await startLocalDynamo({ port: o.ports.dynamodb, dataDir, inMemory: o.ephemeral, jit: o.dynamoJit, log });
    stops.push(() => dynamo.stop());

    const ses = await sesServer({ host: o.host, port: o.ports.ses });
    stops.push(() => new Promise<void>((r) => { ses.closeAllConnections(); ses.close(() => r()); }));

    const functions = new LocalFunctions(o.root);
    const sfn = await startLocalSfn({
      host: o.host,
      port: o.ports.sfn,
      dataDir: resolve(dataDir, 'sfn'),
      ephemeral: o.ephemeral,
      region: REGION,
      stateMachines: localDefinitions(o.root),
      invokeFunction: (name, payload) => functions.invoke(name, payload),
      log,
    });
    stops.push(() => sfn.close());

    const clients = makeClients();
    // one clock for handlers (through settings().clock), schedules and the demo seed: VATRA_CLOCK / VATRA_CLOCK_OFFSET
    const clock = runtimeClock();
    if (process.env.VATRA_CLOCK || process.env.VATRA_CLOCK_OFFSET) {
      log?.('ceasul aplicației este mutat', { VATRA_CLOCK: process.env.VATRA_CLOCK, VATRA_CLOCK_OFFSET: process.env.VATRA_CLOCK_OFFSET, now: clock.now().toISOString() });
    }
    const scheduler = new LocalScheduler({
      sfn: clients.sfn,
      stateMachineArn: (name) => stateMachineArn(name, REGION),
      invokeFunction: (name, payload) => functions.invoke(name, payload),
      paused: o.schedulesPaused ?? false,
      log,
      clock,
    });
    scheduler.start();
    stops.push(async () => scheduler.stop());

    // ID token, refresh cookie and idle limits: VATRA_ID_TOKEN_TTL_S, VATRA_REFRESH_TTL_S, VATRA_SESSION_IDLE_S
    const identity = await LocalIdentity.open(dataDir, `${httpUrl}/local-cognito`, sessionLifetimeFromEnv(process.env));

    const control: LocalControl = async ({ method, path, body }) => {
      const fire = /^\/schedules\/([a-z0-9-]+)\/fire$/.exec(path);
      if (method === 'POST' && fire) {
        const at = typeof (body as { at?: unknown }).at === 'string' ? new Date((body as { at: string }).at) : clock.now();
        if (Number.isNaN(at.getTime())) return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'Data „at” nu este validă.' } } };
        try {
          return { status: 200, body: await scheduler.fire(fire[1]!, at) };
        } catch (e) {
          return { status: 502, body: { error: { code: 'SCHEDULE_TARGET_FAILED', message: (e as Error).message } } };
        }
      }
      if (method === 'GET' && path === '/schedules') return { status: 200, body: { schedules: scheduler.describe(), deliveries: scheduler.deliveries } };
      // The Lambda adapter on its own, as `aws lambda invoke` reaches it behind API Gateway: an API Gateway v2 event
      // goes to the named API function unchanged (raw path, body and all) — except the authorizer's claims, which
      // come only from a token this identity provider signed (no claims are taken on trust). Used by the fuzz test.
      const invoke = /^\/functions\/([a-z0-9-]+)\/invoke$/.exec(path);
      if (method === 'POST' && invoke) {
        const name = invoke[1]!;
        if (!functions.names().includes(name) || !name.startsWith('api-')) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Funcție API necunoscută.' } } };
        const { event, token } = body as { event?: unknown; token?: unknown };
        if (!event || typeof event !== 'object' || Array.isArray(event)) return { status: 400, body: { error: { code: 'VALIDATION_FAILED', message: 'Lipsește evenimentul API Gateway („event”).' } } };
        const claims = typeof token === 'string' ? await identity.verify(token) : undefined;
        if (token !== undefined && !claims) return { status: 400, body: { error: { code: 'INVALID_TOKEN', message: 'Tokenul nu este valid.' } } };
        const e = event as { requestContext?: Record<string, unknown> };
        const requestContext = { ...(e.requestContext ?? {}), authorizer: claims ? { jwt: { claims: flattenClaims(claims), scopes: null }, principalId: '', integrationLatency: 0 } : undefined };
        return { status: 200, body: await functions.invoke(name, { ...e, requestContext }) };
      }
      if (method === 'GET' && path === '/functions') return { status: 200, body: { functions: functions.names(), recent: functions.recent.slice(-50) } };
      return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Control local necunoscut.' } } };
    };

    const http = await startLocalHttp({ host: o.host, port: o.ports.http, identity, functions, webDir: resolve(o.root, 'dist', 'web'), control, log });
    stops.push(() => http.close());

    if (o.seed !== false) await seedDemo({ identity, clients, log, clock, progress: o.progress, urls: { api: `${http.url}/api` } });

    return {
      urls: {
        web: http.url,
        api: `${http.url}/api`,
        dynamodb: dynamo.endpoint,
        ...(o.dynamoEndpoint ? { dynamodbAccessKey: env.AWS_ACCESS_KEY_ID } : {}),
        sfn: sfn.url,
        ses: `http://${o.host}:${o.ports.ses}`,
        sesInbox: `http://${o.host}:${o.ports.ses}/`,
      },
      identity,
      functions,
      scheduler,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
