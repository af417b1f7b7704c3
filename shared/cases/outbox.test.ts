/**
 * Delivery problems never fail the business action: a mail that cannot be sent stays pending, is retried, and after
 * the configured attempts is parked as failed (listed for the admin, no longer retried). Runs against DynamoDB through
 * a small in-memory stand-in of the document client (only the calls the outbox makes).
 */
import { describe, expect, it } from 'vitest';
import { deliverOutbox, enqueue, outboxItem, pendingOutbox, type Mailer } from './outbox.js';
import { reminderPolicy } from '../notifications/index.js';
import type { Db } from '../platform/db/db.js';

function memoryDb(): Db {
  const items = new Map<string, Record<string, any>>();
  const k = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;
  const doc = {
    async send(cmd: any) {
      const i = cmd.input;
      switch (cmd.constructor.name) {
        case 'PutCommand':
          if (i.ConditionExpression && items.has(k(i.Item))) throw Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
          items.set(k(i.Item), structuredClone(i.Item));
          return {};
        case 'GetCommand':
          return { Item: items.get(k(i.Key)) };
        case 'UpdateCommand': {
          const it = items.get(k(i.Key))!;
          const v = i.ExpressionAttributeValues;
          it.status = v[':s']; it.attempts = (it.attempts ?? 0) + 1; it.deliveredTo = v[':d'];
          if (v[':e']) it.lastError = v[':e'];
          if (v[':q']) it.gsi2pk = v[':q']; else delete it.gsi2pk;
          return {};
        }
        case 'QueryCommand':
          if (i.IndexName === 'gsi2') return { Items: [...items.values()].filter((x) => x.gsi2pk === i.ExpressionAttributeValues[':p']) };
          return { Items: [] };
        default:
          throw new Error(`unexpected ${cmd.constructor.name}`);
      }
    },
  };
  return { doc: doc as never, mainTable: 'm', auditTable: 'a' };
}

describe('mail outbox', () => {
  it('keeps a mail pending when sending fails, then parks it as failed after the configured attempts', async () => {
    const db = memoryDb();
    await db.doc.send({ constructor: { name: 'PutCommand' }, input: { Item: { pk: 'USER#u1', sk: 'PROFILE', userId: 'u1', email: 'a@vatra.local', mailPreference: 'immediate', roles: ['case_manager'] } } } as never);
    const d = { db, now: () => new Date('2026-05-01T07:00:00Z'), webBaseUrl: 'http://127.0.0.1:8080' };
    const message = { kind: 'task_assigned' as const, data: { task: { taskId: 'T1', kind: 'evaluation' as const, dueDate: '2026-05-03' }, case: { caseId: 'C1', caseNumber: 'VT-2026-00001' } } };
    const { id } = await enqueue(d, message, { userId: 'u1' }, 'K1');
    expect((await enqueue(d, message, { userId: 'u1' }, 'K1')).created).toBe(false);
    const broken: Mailer = { send: async () => { throw new Error('SES throttled'); } };
    for (let i = 1; i < reminderPolicy.maxMailAttempts; i++) {
      expect((await deliverOutbox(d, id, broken))?.status).toBe('pending');
    }
    expect((await pendingOutbox(db)).map((x) => x.outboxId)).toEqual([id]);
    await deliverOutbox(d, id, broken);
    expect(await pendingOutbox(db)).toEqual([]);
    expect((await pendingOutbox(db, 200, 'failed'))[0]).toMatchObject({ outboxId: id, status: 'failed', lastError: 'SES throttled' });
    const sent: string[] = [];
    await deliverOutbox(d, id, { send: async (to) => { sent.push(to); } });
    expect(sent).toEqual([]); // a parked mail is not retried by the daily run
  });

  it('delivers a record its transaction has just written without reading it again, and records the attempt on it', async () => {
    const db = memoryDb();
    await db.doc.send({ constructor: { name: 'PutCommand' }, input: { Item: { pk: 'USER#u1', sk: 'PROFILE', userId: 'u1', email: 'a@vatra.local', mailPreference: 'immediate', roles: ['case_manager'] } } } as never);
    const d = { db, now: () => new Date('2026-05-01T07:00:00Z'), webBaseUrl: 'http://127.0.0.1:8080' };
    const message = { kind: 'task_assigned' as const, data: { task: { taskId: 'T2', kind: 'evaluation' as const, dueDate: '2026-05-03' }, case: { caseId: 'C2', caseNumber: 'VT-2026-00002' } } };
    const mail = outboxItem(db, { message, recipients: { userId: 'u1' }, now: d.now() });
    await db.doc.send({ constructor: { name: 'PutCommand' }, input: mail.item.Put } as never); // as the business transaction writes it
    const commands: string[] = [];
    const counting: Db = { ...db, doc: { send: (cmd: any) => { commands.push(cmd.constructor.name); return db.doc.send(cmd); } } as never };
    const sent: string[] = [];
    const out = await deliverOutbox({ ...d, db: counting }, mail.record, { send: async (to) => { sent.push(to); } });
    expect(out?.status).toBe('sent');
    expect(sent).toEqual(['a@vatra.local']);
    // the recipient's profile and the attempt; the outbox item itself is not read
    expect(commands).toEqual(['GetCommand', 'UpdateCommand']);
    expect(await pendingOutbox(db)).toEqual([]);
    // by id (the notifier, the daily run) it is read, finds it sent, and sends nothing again
    commands.length = 0;
    await deliverOutbox({ ...d, db: counting }, mail.id, { send: async (to) => { sent.push(to); } });
    expect(commands).toEqual(['GetCommand']);
    expect(sent).toEqual(['a@vatra.local']);
  });
});
