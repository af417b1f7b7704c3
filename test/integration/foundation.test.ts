/**
 * The foundation against the live local runtime, through the real AWS SDK clients with only the endpoints changed.
 */
import { TIME_ZONE } from '../../shared/platform/calendar.js';
import { describe, expect, it, inject } from 'vitest';
import { DynamoDBClient, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { Api, inbox } from '../support/api.js';
import { dynamoCredentials } from '../support/runtime.js';
import { tables, createTableInput } from '../../shared/platform/db/tables.js';
import { workflows } from '../../shared/manifest/workflows.js';
import { schedules } from '../../shared/manifest/schedules.js';
import { functions } from '../../shared/manifest/functions.js';
import { describeLocalTables } from '../../local/dynamo.js';

const urls = inject('urls');
const creds = dynamoCredentials(urls);
const region = 'eu-central-1';
const api = new Api(urls);

describe('local runtime foundation', () => {
  it('round-trips a DynamoDB transaction through the real SDK', async () => {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: urls.dynamodb, region, credentials: creds }));
    const id = `T${Date.now()}`;
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: 'vatra-main', Item: { pk: `TEST#${id}`, sk: 'A', n: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: 'vatra-main', Item: { pk: `TEST#${id}`, sk: 'B', n: 2 }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
    const got = await doc.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: 'vatra-main', Key: { pk: `TEST#${id}`, sk: 'A' } } }, { Get: { TableName: 'vatra-main', Key: { pk: `TEST#${id}`, sk: 'B' } } }] }));
    expect(got.Responses?.map((r) => r.Item?.n)).toEqual([1, 2]);
    // a transaction whose condition fails writes nothing
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: 'vatra-main', Item: { pk: `TEST#${id}`, sk: 'C', n: 3 } } },
        { Put: { TableName: 'vatra-main', Item: { pk: `TEST#${id}`, sk: 'A', n: 9 }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }))).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    const after = await doc.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: 'vatra-main', Key: { pk: `TEST#${id}`, sk: 'C' } } }] }));
    expect(after.Responses?.[0]?.Item).toBeUndefined();
  });

  it('builds the tables exactly as the shared definition says (keys, GSIs, TTL)', async () => {
    const ddb = new DynamoDBClient({ endpoint: urls.dynamodb, region, credentials: creds });
    const local = await describeLocalTables(ddb);
    for (const def of tables) {
      const want = createTableInput(def, def.logicalName);
      const got = local.find((t) => t.logicalName === def.logicalName)!;
      expect(got.keys).toEqual(want.KeySchema.map((k) => `${k.AttributeName}:${k.KeyType}`));
      expect(got.indexes.map((i) => i.name)).toEqual((want.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort());
      const t = (await ddb.send(new DescribeTableCommand({ TableName: def.logicalName }))).Table!;
      expect(t.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
    }
  });

  it('runs every workflow of the shared list on the local Step Functions service', async () => {
    const sfn = new SFNClient({ endpoint: urls.sfn, region, credentials: creds });
    const list = await sfn.send(new ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((s) => s.name).sort()).toEqual(workflows.map((w) => w.name).sort());
  });

  it('delivers an e-mail sent with client-ses to the local inbox', async () => {
    const ses = new SESClient({ endpoint: urls.ses, region, credentials: creds });
    const subject = `[Vatra] test ${Date.now()} — diacritice ăâîșț`;
    await ses.send(new SendEmailCommand({ Source: 'vatra@vatra.local', Destination: { ToAddresses: ['coord.das@vatra.local'] }, Message: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: 'Bună ziua', Charset: 'UTF-8' } } } }));
    const mails = await inbox(urls);
    const m = mails.find((x) => x.subject === subject);
    expect(m?.destination.to).toEqual(['coord.das@vatra.local']);
    expect(m?.body.text).toContain('Bună ziua');
  });

  it('fires a schedule at its target with the Scheduler payload', async () => {
    const at = '2026-12-01T05:00:00.000Z';
    const r = await api.control('POST', '/schedules/daily-reminders/fire', { at });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.target).toBe('function:notifier');
    expect(r.body.result).toMatchObject({ scannedTasks: expect.any(Number), remindersQueued: expect.any(Number) });
    const described = await api.control('GET', '/schedules');
    expect(described.body.schedules.map((s: { name: string }) => s.name).sort()).toEqual(schedules.map((s) => s.name).sort());
    for (const s of described.body.schedules) expect(s.timeZone).toBe(TIME_ZONE);
    const fns = await api.control('GET', '/functions');
    expect(fns.body.functions.sort()).toEqual(functions.map((f) => f.name).sort());
  });

  it('turns an HTTP request into an API Gateway event for the handler, with the JWT checked', async () => {
    const health = await api.call('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', service: 'vatra' });
    const anon = await api.call('GET', '/me');
    expect(anon.status).toBe(401);
    const me = await api.get('/me', 'coord.das');
    expect(me.status).toBe(200);
    expect(me.body.institution).toBe('DAS');
    expect(me.body.roles.map((r: { id: string }) => r.id)).toEqual(['coordinator']);
    const openapi = await api.call('GET', '/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toContain('/referrals');
  });

  it('refuses a tampered token', async () => {
    const t = await api.token('manager.das');
    const [h, p, s] = t.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims['cognito:groups'] = ['admin'];
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect((await api.call('GET', '/me', { token: forged })).status).toBe(401);
  });
});
