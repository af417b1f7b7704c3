/**
 * What every repository needs: the document client and the physical table names. Injected, never global, so tests
 * and the local runtime hand in their own.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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
