/**
 * Enrolments of children in services and the capacity counters (no scans).
 *
 * - an enrolment is an item in the case's partition: `CASE#<caseId>` / `ENR#<enrolmentId>`; the case item and its
 *   history entry are written in the same transaction (shared/services/enrolments.ts), so the case's
 *   `services` list always equals the ids of its active enrolments;
 * - every enrolment is also listed by service and group through gsi2: `ENROL#<serviceId>#<groupId>`, sort key
 *   `W#<requestedAt>#id` (waiting list, first come first served), `A#<from>#id` (active), `E#<to>#id` (ended) or
 *   `C#<endedAt>#id` (cancelled before it started);
 * - one capacity counter per service and group: `CAPACITY` / `<serviceId>#<groupId>` with `enrolled` and `waiting`.
 *   Taking a place is a conditional `ADD` (`enrolled < capacity` and nobody waiting), in the same transaction as the
 *   enrolment, so two coordinators can never fill the last place twice.
 */
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EndReason } from './config.js';
import type { TransactItem } from '../cases/index.js';
import { queryAll, stripKeys, type Db } from '../platform/db/db.js';

/** `cancelled`: left the waiting list (or a planned start) without ever taking the place */
export const enrolmentStatuses = ['active', 'waiting', 'ended', 'cancelled'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  active: 'Înscris',
  waiting: 'Pe lista de așteptare',
  ended: 'Încheiat',
  cancelled: 'Anulat înainte de început',
};

export interface EnrolmentRecord {
  enrolmentId: string;
  caseId: string;
  caseNumber: string;
  serviceId: string;
  groupId: string;
  status: EnrolmentStatus;
  /** first day in the service (for a waiting enrolment: the requested start) */
  from: string;
  /** last day in the service, inclusive; set when ended */
  to?: string | undefined;
  /** instant the enrolment was asked for: the waiting list's order */
  requestedAt: string;
  source: 'plan' | 'manual' | 'transfer';
  planId?: string | undefined;
  planVersion?: number | undefined;
  transferredFrom?: string | undefined;
  transferredTo?: string | undefined;
  promotedAt?: string | undefined;
  endReason?: EndReason | undefined;
  endNote?: string | undefined;
  endedAt?: string | undefined;
  endedBy?: string | undefined;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
}

export interface CapacityCounter {
  serviceId: string;
  groupId: string;
  enrolled: number;
  waiting: number;
}

export const enrolmentKey = (caseId: string, enrolmentId: string) => ({ pk: `CASE#${caseId}`, sk: `ENR#${enrolmentId}` });
export const capacityKey = (serviceId: string, groupId: string) => ({ pk: 'CAPACITY', sk: `${serviceId}#${groupId}` });
export const groupIndexKey = (serviceId: string, groupId: string) => `ENROL#${serviceId}#${groupId}`;

export function enrolmentIndexAttributes(e: EnrolmentRecord): { gsi2pk: string; gsi2sk: string } {
  const sk =
    e.status === 'waiting' ? `W#${e.requestedAt}#${e.enrolmentId}`
    : e.status === 'active' ? `A#${e.from}#${e.enrolmentId}`
    : e.status === 'ended' ? `E#${e.to ?? e.from}#${e.enrolmentId}`
    : `C#${e.endedAt ?? e.updatedAt}#${e.enrolmentId}`;
  return { gsi2pk: groupIndexKey(e.serviceId, e.groupId), gsi2sk: sk };
}

const toCounter = (i: Record<string, unknown>): CapacityCounter => {
  const [serviceId = '', groupId = ''] = String(i.sk).split('#');
  return { serviceId, groupId, enrolled: Number(i.enrolled ?? 0), waiting: Number(i.waiting ?? 0) };
};

export class EnrolmentStore {
  constructor(private readonly db: Db) {}


  /** Every enrolment of a case, oldest first (consistent read: decisions are taken on it). */
  async forCase(caseId: string): Promise<EnrolmentRecord[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': `CASE#${caseId}`, ':s': 'ENR#' },
      ConsistentRead: true,
    });
    return items.map((i) => stripKeys<EnrolmentRecord>(i)).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.enrolmentId.localeCompare(b.enrolmentId));
  }

  async get(caseId: string, enrolmentId: string): Promise<EnrolmentRecord | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: enrolmentKey(caseId, enrolmentId), ConsistentRead: true }));
    return res.Item ? stripKeys<EnrolmentRecord>(res.Item) : undefined;
  }

  /** Capacity counters, all services or one. */
  async counters(serviceId?: string): Promise<CapacityCounter[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: serviceId ? 'pk = :p AND begins_with(sk, :s)' : 'pk = :p',
      ExpressionAttributeValues: serviceId ? { ':p': 'CAPACITY', ':s': `${serviceId}#` } : { ':p': 'CAPACITY' },
      ConsistentRead: true,
    });
    return items.map(toCounter);
  }

  async counter(serviceId: string, groupId: string): Promise<CapacityCounter> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: capacityKey(serviceId, groupId), ConsistentRead: true }));
    return res.Item ? toCounter(res.Item) : { serviceId, groupId, enrolled: 0, waiting: 0 };
  }

  /** Enrolments of a group with one status; `range` narrows the sort key part after the status prefix. */
  async ofGroup(serviceId: string, groupId: string, status: EnrolmentStatus, range?: { from?: string; to?: string }, limit?: number): Promise<EnrolmentRecord[]> {
    const prefix = { waiting: 'W#', active: 'A#', ended: 'E#', cancelled: 'C#' }[status];
    const lo = `${prefix}${range?.from ?? ''}`;
    const hi = `${prefix}${range?.to ?? ''}\uffff`;
    const input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'> = {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':p': groupIndexKey(serviceId, groupId), ':lo': lo, ':hi': hi },
    };
    if (limit !== undefined) {
      const res = await this.db.doc.send(new QueryCommand({ TableName: this.db.mainTable, ...input, Limit: limit }));
      return (res.Items ?? []).map((i) => stripKeys<EnrolmentRecord>(i));
    }
    return (await queryAll(this.db, input)).map((i) => stripKeys<EnrolmentRecord>(i));
  }

  /** Children of the group on a day: active enrolments started by then, and enrolments ended on or after it. */
  async activeOn(serviceId: string, groupId: string, date: string): Promise<EnrolmentRecord[]> {
    const [active, ended] = await Promise.all([
      this.ofGroup(serviceId, groupId, 'active', { to: date }),
      this.ofGroup(serviceId, groupId, 'ended', { from: date }),
    ]);
    return [...active, ...ended.filter((e) => e.from <= date)];
  }

  /** Every enrolment of a group that held a place at some time on or after `since` (active now, or ended since). */
  async heldSince(serviceId: string, groupId: string, since: string): Promise<EnrolmentRecord[]> {
    const [active, ended] = await Promise.all([this.ofGroup(serviceId, groupId, 'active'), this.ofGroup(serviceId, groupId, 'ended', { from: since })]);
    return [...active, ...ended];
  }

  /** The waiting list of a group, first come first served. */
  waitingList(serviceId: string, groupId: string, limit?: number): Promise<EnrolmentRecord[]> {
    return this.ofGroup(serviceId, groupId, 'waiting', undefined, limit);
  }

  // ── transaction items ──────────────────────────────────────────────────────────────────────────────────────────

  putItem(e: EnrolmentRecord): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...enrolmentKey(e.caseId, e.enrolmentId), entity: 'enrolment', ...e, ...enrolmentIndexAttributes(e) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Replace an enrolment, guarded by the version and status it was read at. */
  replaceItem(before: EnrolmentRecord, after: EnrolmentRecord): TransactItem {
    const next = { ...after, version: before.version + 1 };
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...enrolmentKey(next.caseId, next.enrolmentId), entity: 'enrolment', ...next, ...enrolmentIndexAttributes(next) },
        ConditionExpression: '#v = :v AND #s = :s',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':v': before.version, ':s': before.status },
      },
    };
  }

  /** Take a place: only while `enrolled < capacity` and nobody is waiting (no jumping the queue). */
  takePlaceItem(serviceId: string, groupId: string, capacity: number): TransactItem {
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: capacityKey(serviceId, groupId),
        UpdateExpression: 'SET entity = :ent ADD enrolled :one',
        ConditionExpression: '(attribute_not_exists(enrolled) OR enrolled < :cap) AND (attribute_not_exists(waiting) OR waiting <= :zero)',
        ExpressionAttributeValues: { ':ent': 'capacity', ':one': 1, ':cap': capacity, ':zero': 0 },
      },
    };
  }

  /** Move the first waiting child onto a free place. */
  promoteItem(serviceId: string, groupId: string, capacity: number): TransactItem {
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: capacityKey(serviceId, groupId),
        UpdateExpression: 'ADD enrolled :one, waiting :minus',
        ConditionExpression: '(attribute_not_exists(enrolled) OR enrolled < :cap) AND waiting >= :one',
        ExpressionAttributeValues: { ':one': 1, ':minus': -1, ':cap': capacity },
      },
    };
  }

  joinWaitingItem(serviceId: string, groupId: string): TransactItem {
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: capacityKey(serviceId, groupId),
        UpdateExpression: 'SET entity = :ent ADD waiting :one',
        ExpressionAttributeValues: { ':ent': 'capacity', ':one': 1 },
      },
    };
  }

  /** Give back a place (active) or a waiting-list position (waiting). */
  releaseItem(serviceId: string, groupId: string, from: 'active' | 'waiting'): TransactItem {
    const attr = from === 'active' ? 'enrolled' : 'waiting';
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: capacityKey(serviceId, groupId),
        UpdateExpression: `ADD ${attr} :minus`,
        ConditionExpression: `${attr} >= :one`,
        ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
      },
    };
  }
}
