/**
 * What every repository needs: the document client and the physical table names. Injected, never global, so tests
 * and the local runtime hand in their own.
 */
import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export interface Db {
  doc: DynamoDBDocumentClient;
  mainTable: string;
  auditTable: string;
}

export const pad = (n: number, width = 8) => String(n).padStart(width, '0');

/** Reasons DynamoDB gave for each item of a cancelled transaction ('ConditionalCheckFailed', 'None', …). */
export function cancellationReasons(err: unknown): string[] | undefined {
  if (err instanceof TransactionCanceledException || (err as { name?: string })?.name === 'TransactionCanceledException') {
    return ((err as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return undefined;
}

export function isConditionalFailure(err: unknown): boolean {
  return err instanceof ConditionalCheckFailedException || (err as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** Strip the storage keys from an item before it leaves the store. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, entity: _g, ...rest } = item;
  return rest as T;
}

/**
 * Every item of a query on the main table, page after page (for bounded partitions: a case, a run, a month);
 * with `limit`, stops after that many items.
 */
export async function queryAll(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, limit?: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new QueryCommand({ TableName: db.mainTable, ...input, ExclusiveStartKey: start }));
    out.push(...((res.Items ?? []) as Record<string, unknown>[]));
    start = res.LastEvaluatedKey;
  } while (start && (limit === undefined || out.length < limit));
  return limit === undefined ? out : out.slice(0, limit);
}

/**
 * Every item of these keys that exists in the main table, in no particular order: BatchGetItem in chunks of 100
 * (duplicate keys asked once), unprocessed keys retried with a growing pause and given up after 10 attempts.
 * Consistent reads unless `consistentRead: false` (lists that may lag a moment).
 */
export async function batchGetAll(db: Db, keys: readonly Record<string, unknown>[], opts: { consistentRead?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const table = db.mainTable;
  const out: Record<string, unknown>[] = [];
  const unique = [...new Map(keys.map((k) => [JSON.stringify([k.pk, k.sk]), k])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const res = await db.doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: opts.consistentRead ?? true } } }));
      out.push(...((res.Responses?.[table] ?? []) as Record<string, unknown>[]));
      pending = res.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
      if (attempt > 8 && pending?.length) throw new Error('BatchGet: keys left unprocessed');
    }
  }
  return out;
}
