/**
 * The mail outbox and what its delivery leaves behind: outbox items (pending ones in the sparse `OUTBOX#pending` /
 * `OUTBOX#failed` index), notes in a user's UI inbox, and digest items waiting for a user's daily digest (sparse
 * `DIGEST#pending` index) with the one-digest-per-user-and-day claim. The only code that builds DynamoDB commands for
 * them (outbox.ts delivers, shared/notifications/daily.ts sends the digests).
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../platform/auth/principal.js';
import { isConditionalFailure, stripKeys, type Db } from '../platform/db/db.js';
import type { MailMessage } from '../notifications/index.js';
import type { TransactItem } from './store.js';

export type Recipients = { userId: string } | { role: Role; institution: string };

export interface OutboxRecord {
  outboxId: string;
  createdAt: string;
  status: 'pending' | 'sent' | 'failed';
  message: MailMessage;
  recipients: Recipients;
  /** stable key: the same (task, reminder kind) never produces two outbox items */
  dedupeKey?: string;
  attempts: number;
  lastError?: string;
  deliveredTo?: { userId: string; channel: 'email' | 'digest' | 'inbox' }[];
  sentAt?: string;
}

/** A digest item waiting for its user's next daily digest. */
export interface PendingDigestItem {
  pk: string;
  sk: string;
  userId: string;
  message: MailMessage;
}

const key = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'MAIL' });

export class OutboxStore {
  constructor(private readonly db: Db) {}

  /** The outbox item to include in a business transaction (created at most once: its id is its dedupe key, if any). */
  putItem(record: OutboxRecord): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...key(record.outboxId), entity: 'outbox', ...record, gsi2pk: 'OUTBOX#pending', gsi2sk: `${record.createdAt}#${record.outboxId}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Writes an outbox item on its own; false if an item with that id (dedupe key) exists already. */
  async create(record: OutboxRecord): Promise<boolean> {
    try {
      await this.db.doc.send(new PutCommand(this.putItem(record).Put as never));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  async get(outboxId: string): Promise<OutboxRecord | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: key(outboxId), ConsistentRead: true }));
    return res.Item ? stripKeys<OutboxRecord>(res.Item) : undefined;
  }

  /** A notification kept in a user's UI inbox (staff without e-mail), for 90 days. */
  async putInboxNote(userId: string, rec: OutboxRecord, now: Date): Promise<void> {
    await this.db.doc.send(new PutCommand({
      TableName: this.db.mainTable,
      Item: { pk: `USER#${userId}`, sk: `NOTE#${rec.createdAt}#${rec.outboxId}`, entity: 'note', userId, message: rec.message, createdAt: rec.createdAt, expiresAt: Math.floor(now.getTime() / 1000) + 90 * 86400 },
    }));
  }

  /** A mail queued for a digest user's next daily digest. */
  async putDigestItem(userId: string, rec: OutboxRecord): Promise<void> {
    await this.db.doc.send(new PutCommand({
      TableName: this.db.mainTable,
      Item: { pk: `DIGEST#${userId}`, sk: `ITEM#${rec.createdAt}#${rec.outboxId}`, entity: 'digest-item', userId, message: rec.message, createdAt: rec.createdAt, gsi2pk: 'DIGEST#pending', gsi2sk: `${userId}#${rec.createdAt}` },
    }));
  }

  /** The result of a delivery attempt: sent (leaves the pending index), pending again, or given up (failed index). */
  async recordAttempt(outboxId: string, a: { delivered: NonNullable<OutboxRecord['deliveredTo']>; at: string } & ({ done: true } | { done: false; error: string | undefined; giveUp: boolean })): Promise<void> {
    await this.db.doc.send(new UpdateCommand({
      TableName: this.db.mainTable,
      Key: key(outboxId),
      UpdateExpression: a.done
        ? 'SET #s = :s, attempts = attempts + :one, deliveredTo = :d, sentAt = :at REMOVE gsi2pk, gsi2sk, lastError'
        : 'SET #s = :s, attempts = attempts + :one, deliveredTo = :d, lastError = :e, gsi2pk = :q',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: a.done
        ? { ':s': 'sent', ':one': 1, ':d': a.delivered, ':at': a.at }
        : { ':s': a.giveUp ? 'failed' : 'pending', ':one': 1, ':d': a.delivered, ':e': a.error, ':q': a.giveUp ? 'OUTBOX#failed' : 'OUTBOX#pending' },
    }));
  }

  /** Pending (or given-up) outbox items, oldest first: one page of at most `limit`. */
  async listByStatus(status: 'pending' | 'failed', limit: number): Promise<OutboxRecord[]> {
    const r = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable, IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `OUTBOX#${status}` }, Limit: limit,
    }));
    return (r.Items ?? []).map((i) => stripKeys<OutboxRecord>(i));
  }

  /** The UI inbox of a user, newest first. */
  async inboxNotes(userId: string, limit: number): Promise<{ message: MailMessage; createdAt: string }[]> {
    const r = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable, KeyConditionExpression: 'pk = :p AND begins_with(sk, :n)',
      ExpressionAttributeValues: { ':p': `USER#${userId}`, ':n': 'NOTE#' }, ScanIndexForward: false, Limit: limit,
    }));
    return (r.Items ?? []).map((i) => ({ message: i.message as MailMessage, createdAt: String(i.createdAt) }));
  }

  /** Digest items not yet sent (one page: the daily run reads what the index returns at once). */
  async pendingDigestItems(): Promise<PendingDigestItem[]> {
    const r = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': 'DIGEST#pending' },
    }));
    return (r.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk), userId: String(i.userId), message: i.message as MailMessage }));
  }

  /** Claims a user's digest of the day; false if it was sent already (the run repeats). */
  async claimDigest(userId: string, date: string, at: string, count: number): Promise<boolean> {
    try {
      await this.db.doc.send(new PutCommand({ TableName: this.db.mainTable, Item: { pk: `DIGESTSENT#${userId}`, sk: date, at, count }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  /** A digest item sent: it leaves the pending index. */
  async markDigestItemSent(item: Pick<PendingDigestItem, 'pk' | 'sk'>, at: string): Promise<void> {
    await this.db.doc.send(new UpdateCommand({ TableName: this.db.mainTable, Key: { pk: item.pk, sk: item.sk }, UpdateExpression: 'SET sentAt = :t REMOVE gsi2pk, gsi2sk', ExpressionAttributeValues: { ':t': at } }));
  }
}
