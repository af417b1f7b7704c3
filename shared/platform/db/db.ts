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
 * Items of the main table by key in as few requests as DynamoDB allows (BatchGetItem, 100 keys a request, unprocessed
 * keys retried with backoff). Order of the answer is not the order of the keys; missing items are simply absent.
 */
export async function batchGetMain(db: Db, keys: readonly Record<string, unknown>[], consistent = true): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      const res = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.mainTable]: { Keys: pending, ConsistentRead: consistent } } }));
      out.push(...((res.Responses?.[db.mainTable] ?? []) as Record<string, unknown>[]));
      pending = res.UnprocessedKeys?.[db.mainTable]?.Keys as Record<string, unknown>[] | undefined;
      if (pending?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
  return out;
}
