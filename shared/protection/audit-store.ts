/**
 * Audit log: every read and write of a case and every export of personal data, in its own table. Application roles
 * can only append (PutItem with a never-existing key) and query; nothing can update or delete an entry (IAM in AWS;
 * no route and no store method locally).
 */
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { stripKeys, type Db } from '../platform/db/db.js';
import { monthKey } from '../platform/calendar.js';

export interface AuditEntry {
  auditId: string;
  at: string;
  actorId: string;
  actorRoles: string[];
  actorInstitution: string;
  action: string;
  /** what was touched: case id, export name, … */
  subjectType: 'case' | 'export' | 'task' | 'run' | 'user' | 'import' | 'service';
  subjectId: string;
  /** institution that owns the subject (coordinators see their institution's log) */
  subjectInstitution: string;
  outcome: 'allowed' | 'denied';
  sourceIp?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

export type AuditInput = Omit<AuditEntry, 'auditId' | 'at'> & { at?: string };

export class AuditLog {
  constructor(private readonly db: Db) {}

  async append(e: AuditInput): Promise<AuditEntry> {
    const entry = this.entryOf(e);
    await this.db.doc.send(new PutCommand(this.putOf(entry)));
    return entry;
  }

  /**
   * Append many entries in as few requests as DynamoDB allows: one transaction of up to 100 puts (each still a
   * PutItem with a never-existing key, so the append-only IAM grant covers it; BatchWriteItem would need a grant
   * that also allows deletes). A register sheet of 30 children is one request instead of 30
   * (docs/decisions/018-performance.md). All or nothing per 100 entries.
   */
  async appendMany(inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
    if (inputs.length <= 1) return Promise.all(inputs.map((e) => this.append(e)));
    const entries = inputs.map((e) => this.entryOf(e));
    for (let i = 0; i < entries.length; i += AuditLog.MAX_PER_REQUEST) {
      const chunk = entries.slice(i, i + AuditLog.MAX_PER_REQUEST);
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: chunk.map((entry) => ({ Put: this.putOf(entry) })) }));
    }
    return entries;
  }

  static readonly MAX_PER_REQUEST = 100;

  private entryOf(e: AuditInput): AuditEntry {
    const at = e.at ?? new Date().toISOString();
    return { ...e, at, auditId: ulid() };
  }

  private putOf(entry: AuditEntry) {
    return {
      TableName: this.db.auditTable,
      Item: {
        pk: `${entry.subjectType.toUpperCase()}#${entry.subjectId}`,
        sk: `${entry.at}#${entry.auditId}`,
        // the Bucharest month of the entry: the month a coordinator asks for is a month in Timișoara
        gsi1pk: `INST#${entry.subjectInstitution}#${monthKey(entry.at)}`,
        gsi1sk: `${entry.at}#${entry.auditId}`,
        ...entry,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }

  async forSubject(subjectType: AuditEntry['subjectType'], subjectId: string, limit = 500): Promise<AuditEntry[]> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.db.auditTable,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': `${subjectType.toUpperCase()}#${subjectId}` },
      ScanIndexForward: false,
      Limit: limit,
    }));
    return (res.Items ?? []).map((i) => stripKeys<AuditEntry>(i));
  }

  /**
   * One page of a partition, newest first: the case's entries (`pk`) or an institution's month (`gsi1pk` on gsi1),
   * from `startKey` (the last key of the page before) on; `lastKey` is undefined on the last page.
   */
  async page(input: { index?: 'gsi1'; field: 'pk' | 'gsi1pk'; value: string; limit: number; startKey?: Record<string, string> | undefined }): Promise<{ items: AuditEntry[]; lastKey?: Record<string, unknown> | undefined }> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.db.auditTable,
      ...(input.index ? { IndexName: input.index } : {}),
      KeyConditionExpression: `${input.field} = :p`,
      ExpressionAttributeValues: { ':p': input.value },
      ScanIndexForward: false,
      Limit: input.limit,
      ExclusiveStartKey: input.startKey,
    }));
    return { items: (res.Items ?? []).map((i) => stripKeys<AuditEntry>(i)), lastKey: res.LastEvaluatedKey };
  }

  /** An institution's log for one month (YYYY-MM), newest first. */
  async forInstitution(institution: string, month: string, limit = 500): Promise<AuditEntry[]> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.db.auditTable,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `INST#${institution}#${month}` },
      ScanIndexForward: false,
      Limit: limit,
    }));
    return (res.Items ?? []).map((i) => stripKeys<AuditEntry>(i));
  }
}
