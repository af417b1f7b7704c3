/**
 * Human tasks. Open tasks are visible in two sparse indexes — by assignee and due date (my inbox) and by institution
 * and due date (the team's inbox and the daily reminder scan) — and leave both when completed. No scans.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TaskKind } from './config.js';
import { batchGetAll, queryAll, stripKeys, type Db } from '../platform/db/db.js';
import type { TransactItem } from './store.js';

export interface TaskRecord {
  taskId: string;
  caseId: string;
  caseNumber: string;
  kind: TaskKind;
  title: string;
  status: 'open' | 'completed' | 'cancelled';
  /** a named person, or nobody when the task waits in a role queue (e.g. the coordinators of an institution) */
  assigneeId?: string | undefined;
  assigneeRole: 'case_manager' | 'coordinator';
  institution: string;
  dueAt: string;
  dueRule?: { key: string; source: string; confirmed: boolean } | undefined;
  createdAt: string;
  completedAt?: string;
  completedBy?: string;
  /** workflow callback; absent for tasks no execution waits on (Observatorul registration) */
  taskToken?: string | undefined;
  executionArn?: string | undefined;
  stateName?: string | undefined;
  /** the decision sent back to the workflow; `resume` tracks whether it reached it (retried until 'sent') */
  output?: Record<string, unknown>;
  resume: 'none' | 'pending' | 'sent';
  draft?: { form: unknown; savedAt: string; savedBy: string };
  context?: Record<string, unknown>;
  version: number;
}

export const taskKey = (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' });

export function taskIndexAttributes(t: TaskRecord): Record<string, string> {
  const attrs: Record<string, string> = { gsi3pk: `CASE#${t.caseId}`, gsi3sk: `TASK#${t.createdAt}#${t.taskId}` };
  if (t.status === 'open') {
    if (t.assigneeId) {
      attrs.gsi1pk = `USER#${t.assigneeId}`;
      attrs.gsi1sk = `${t.dueAt}#${t.taskId}`;
    }
    attrs.gsi2pk = `OPENTASKS#${t.institution}`;
    attrs.gsi2sk = `${t.dueAt}#${t.taskId}`;
  } else if (t.resume === 'pending') {
    attrs.gsi2pk = 'TASKS#RESUME_PENDING';
    attrs.gsi2sk = `${t.completedAt ?? t.createdAt}#${t.taskId}`;
  }
  return attrs;
}

export class TaskStore {
  constructor(private readonly db: Db) {}

  /** Put a new task (idempotent: the same taskId is never created twice) as part of a transaction. */
  createItem(t: TaskRecord): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...t, ...taskKey(t.taskId), entity: 'task', ...taskIndexAttributes(t) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Replace a task if it is still at `expectedVersion` (and, for completion, still open). */
  replaceItem(before: TaskRecord, after: TaskRecord, requireOpen = true): TransactItem {
    const next = { ...after, version: before.version + 1 };
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...next, ...taskKey(next.taskId), entity: 'task', ...taskIndexAttributes(next) },
        ConditionExpression: requireOpen ? '#v = :v AND #s = :open' : '#v = :v',
        ExpressionAttributeNames: requireOpen ? { '#v': 'version', '#s': 'status' } : { '#v': 'version' },
        ExpressionAttributeValues: requireOpen ? { ':v': before.version, ':open': 'open' } : { ':v': before.version },
      },
    };
  }

  /** Replaces an open task on its own (a saved draft): fails if its version moved on or it is no longer open. */
  async replace(before: TaskRecord, after: TaskRecord): Promise<void> {
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: [this.replaceItem(before, after)] }));
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: taskKey(taskId), ConsistentRead: true }));
    return res.Item ? stripKeys<TaskRecord>(res.Item) : undefined;
  }

  /** Several tasks in one consistent BatchGet (100 a request), by id; missing ones are left out. */
  async getMany(taskIds: readonly string[]): Promise<Map<string, TaskRecord>> {
    const items = await batchGetAll(this.db, taskIds.map(taskKey), { consistentRead: true });
    return new Map(items.map((i) => stripKeys<TaskRecord>(i)).map((t) => [t.taskId, t]));
  }

  async markResumed(taskId: string): Promise<void> {
    await this.db.doc.send(new UpdateCommand({
      TableName: this.db.mainTable,
      Key: taskKey(taskId),
      UpdateExpression: 'SET #r = :sent REMOVE gsi2pk, gsi2sk',
      ConditionExpression: '#r = :pending',
      ExpressionAttributeNames: { '#r': 'resume' },
      ExpressionAttributeValues: { ':sent': 'sent', ':pending': 'pending' },
    })).catch((e: unknown) => {
      if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
    });
  }

  /** Completed tasks whose decision has not reached the workflow yet (sparse index). */
  async pendingResumes(limit = 100): Promise<TaskRecord[]> {
    return this.query('gsi2', 'TASKS#RESUME_PENDING', undefined, limit);
  }

  async openForAssignee(userId: string, limit = 200): Promise<TaskRecord[]> {
    return this.query('gsi1', `USER#${userId}`, undefined, limit);
  }

  /** Open tasks of an institution, earliest due first; `dueBefore` bounds the scan of the index (reminders). */
  async openForInstitution(institution: string, dueBefore?: string, limit = 1000): Promise<TaskRecord[]> {
    return this.query('gsi2', `OPENTASKS#${institution}`, dueBefore, limit);
  }

  async forCase(caseId: string): Promise<TaskRecord[]> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p AND begins_with(gsi3sk, :t)',
      ExpressionAttributeValues: { ':p': `CASE#${caseId}`, ':t': 'TASK#' },
    }));
    return (res.Items ?? []).map((i) => stripKeys<TaskRecord>(i));
  }

  private async query(index: 'gsi1' | 'gsi2', pk: string, dueBefore: string | undefined, limit: number): Promise<TaskRecord[]> {
    const items = await queryAll(this.db, {
      IndexName: index,
      KeyConditionExpression: dueBefore ? `${index}pk = :p AND ${index}sk < :d` : `${index}pk = :p`,
      ExpressionAttributeValues: dueBefore ? { ':p': pk, ':d': `${dueBefore}~` } : { ':p': pk },
    }, limit);
    return items.map((i) => stripKeys<TaskRecord>(i));
  }
}
