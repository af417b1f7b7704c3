/**
 * Per-service closures as data (no scans): everything of one service lives in one partition `CLOSURES#<serviceId>`:
 * - `HEAD`: the service's closure list version (every create / cancel increments it under a condition, so two
 *   coordinators editing the same service at once get 409 instead of two overlapping closures);
 * - `CLOSURE#<closureId>`: a closure (from, to, reason, who, when; `cancelled` once removed — it is kept, not deleted);
 * - `HIST#<at>#<closureId>#<event>`: its history entries (created, cancelled), written in the same transaction;
 * and the idempotency key of a create: `REQ#closure#<userId>#<serviceId>#<clientRequestId>` / `REQ` (7 days TTL).
 * Each create or cancel also checks, in the same transaction, that none of the months it touches is closed.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, queryAll, stripKeys, type Db } from '../platform/db/db.js';
import type { TransactItem } from '../cases/index.js';
import { monthCloseKey } from './register-store.js';

export interface ClosureRecord {
  closureId: string;
  serviceId: string;
  /** first closed day, 'YYYY-MM-DD' (Bucharest), inclusive */
  from: string;
  /** last closed day, inclusive */
  to: string;
  reason: string;
  status: 'active' | 'cancelled';
  createdBy: string;
  createdByName: string;
  createdAt: string;
  cancelledBy?: string | undefined;
  cancelledByName?: string | undefined;
  cancelledAt?: string | undefined;
  cancelReason?: string | undefined;
}

export interface ClosureHistoryEntry {
  closureId: string;
  serviceId: string;
  event: 'created' | 'cancelled';
  at: string;
  by: string;
  byName: string;
  from: string;
  to: string;
  reason: string;
}

export interface ServiceClosures {
  /** 0 before the first closure of the service */
  version: number;
  closures: ClosureRecord[];
  history: ClosureHistoryEntry[];
}

export type ClosureWriteOutcome = { outcome: 'written' } | { outcome: 'duplicate'; closureId: string } | { outcome: 'month_closed'; month: string } | { outcome: 'conflict' };

const pk = (serviceId: string) => `CLOSURES#${serviceId}`;
const TTL_SECONDS = 7 * 86_400;
export const closureRequestKey = (userId: string, serviceId: string, clientRequestId: string) => ({ pk: `REQ#closure#${userId}#${serviceId}#${clientRequestId}`, sk: 'REQ' });

export class ClosureStore {
  constructor(private readonly db: Db) {}

  /** The service's closures (active and cancelled), their history and the list version: one query. */
  async ofService(serviceId: string): Promise<ServiceClosures> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk(serviceId) }, ConsistentRead: true });
    let version = 0;
    const closures: ClosureRecord[] = [];
    const history: ClosureHistoryEntry[] = [];
    for (const i of items) {
      const sk = String(i.sk);
      if (sk === 'HEAD') version = Number(i.version ?? 0);
      else if (sk.startsWith('CLOSURE#')) closures.push(stripKeys<ClosureRecord>(i));
      else if (sk.startsWith('HIST#')) history.push(stripKeys<ClosureHistoryEntry>(i));
    }
    closures.sort((a, b) => a.from.localeCompare(b.from) || a.closureId.localeCompare(b.closureId));
    return { version, closures, history };
  }

  /** The active closures of a service (what the calendar takes). */
  async activeOf(serviceId: string): Promise<ClosureRecord[]> {
    return (await this.ofService(serviceId)).closures.filter((c) => c.status === 'active');
  }

  /** The closure a repeated create request already made, if any. */
  async requested(key: { pk: string; sk: string }): Promise<string | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: key, ConsistentRead: true }));
    return res.Item ? String(res.Item.closureId) : undefined;
  }

  private headItem(serviceId: string, expectedVersion: number, at: string): TransactItem {
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: { pk: pk(serviceId), sk: 'HEAD' },
        UpdateExpression: 'SET #v = :next, entity = :e, updatedAt = :at',
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : '#v = :expected',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':next': expectedVersion + 1, ':e': 'closure-head', ':at': at, ...(expectedVersion === 0 ? {} : { ':expected': expectedVersion }) },
      },
    };
  }

  private historyItem(h: ClosureHistoryEntry): TransactItem {
    return { Put: { TableName: this.db.mainTable, Item: { pk: pk(h.serviceId), sk: `HIST#${h.at}#${h.closureId}#${h.event}`, entity: 'closure-history', ...h } } };
  }

  private monthOpenChecks(months: readonly string[]): TransactItem[] {
    return months.map((m) => ({ ConditionCheck: { TableName: this.db.mainTable, Key: monthCloseKey(m), ConditionExpression: 'attribute_not_exists(pk)' } }));
  }

  private async write(items: TransactItem[], months: readonly string[], requestIndex: number | undefined, onDuplicate: () => Promise<ClosureWriteOutcome>): Promise<ClosureWriteOutcome> {
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'written' };
    } catch (e) {
      const reasons = cancellationReasons(e);
      if (!reasons) throw e;
      if (requestIndex !== undefined && reasons[requestIndex] === 'ConditionalCheckFailed') return onDuplicate();
      const closedAt = months.findIndex((_, i) => reasons[i] === 'ConditionalCheckFailed');
      if (closedAt >= 0) return { outcome: 'month_closed', month: months[closedAt]! };
      if (reasons.includes('ConditionalCheckFailed') || reasons.includes('TransactionConflict')) return { outcome: 'conflict' };
      throw e;
    }
  }

  /**
   * Create a closure with its history entry, in one transaction guarded by the list version read (409 when another
   * change came first), the months it touches still open, and the request id (a repeat answers with the first).
   */
  async create(c: ClosureRecord, months: readonly string[], expectedVersion: number, requestKey?: { pk: string; sk: string }): Promise<ClosureWriteOutcome> {
    const items: TransactItem[] = [
      ...this.monthOpenChecks(months),
      this.headItem(c.serviceId, expectedVersion, c.createdAt),
      { Put: { TableName: this.db.mainTable, Item: { pk: pk(c.serviceId), sk: `CLOSURE#${c.closureId}`, entity: 'closure', ...c }, ConditionExpression: 'attribute_not_exists(pk)' } },
      this.historyItem({ closureId: c.closureId, serviceId: c.serviceId, event: 'created', at: c.createdAt, by: c.createdBy, byName: c.createdByName, from: c.from, to: c.to, reason: c.reason }),
    ];
    let requestIndex: number | undefined;
    if (requestKey) {
      requestIndex = items.length;
      items.push({
        Put: {
          TableName: this.db.mainTable,
          Item: { ...requestKey, entity: 'request', closureId: c.closureId, createdAt: c.createdAt, expiresAt: Math.floor(Date.parse(c.createdAt) / 1000) + TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    return this.write(items, months, requestIndex, async () => ({ outcome: 'duplicate', closureId: (await this.requested(requestKey!)) ?? '' }));
  }

  /** Cancel an active closure (kept with who and why), with its history entry, in one transaction. */
  async cancel(before: ClosureRecord, after: ClosureRecord, months: readonly string[], expectedVersion: number): Promise<ClosureWriteOutcome> {
    const items: TransactItem[] = [
      ...this.monthOpenChecks(months),
      this.headItem(before.serviceId, expectedVersion, after.cancelledAt!),
      {
        Put: {
          TableName: this.db.mainTable,
          Item: { pk: pk(after.serviceId), sk: `CLOSURE#${after.closureId}`, entity: 'closure', ...after },
          ConditionExpression: '#s = :active',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        },
      },
      this.historyItem({ closureId: after.closureId, serviceId: after.serviceId, event: 'cancelled', at: after.cancelledAt!, by: after.cancelledBy!, byName: after.cancelledByName!, from: after.from, to: after.to, reason: after.cancelReason ?? after.reason }),
    ];
    return this.write(items, months, undefined, async () => ({ outcome: 'conflict' }));
  }
}
