/**
 * Whole-table snapshots, for "a refused request writes nothing": every item of the local tables read with a full,
 * consistent scan, keyed by table and primary key, compared before and after. Tests name what they leave out and why
 * (e.g. audit entries that record a refusal on purpose).
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AUDIT, MAIN } from './security.js';

export type Item = Record<string, unknown>;
export type TableSnapshot = Map<string, string>;

/** Every item of `table` (all pages), as `table|pk|sk` → its JSON with sorted keys. */
export async function scanTable(doc: DynamoDBDocumentClient, table: string, keep: (item: Item) => boolean = () => true): Promise<TableSnapshot> {
  const out: TableSnapshot = new Map();
  let start: Record<string, unknown> | undefined;
  do {
    const r = await doc.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of (r.Items ?? []) as Item[]) {
      if (keep(item)) out.set(`${table}|${String(item.pk)}|${String(item.sk)}`, stable(item));
    }
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Both tables (main and audit); `keep` decides per table which items count. */
export async function snapshotTables(doc: DynamoDBDocumentClient, keep: { main?: (item: Item) => boolean; audit?: (item: Item) => boolean } = {}): Promise<TableSnapshot> {
  const [main, audit] = await Promise.all([scanTable(doc, MAIN, keep.main), scanTable(doc, AUDIT, keep.audit)]);
  return new Map([...main, ...audit]);
}

/**
 * A snapshot once the tables are quiet (two scans `gapMs` apart agree): workflows and outbox deliveries started by
 * earlier requests finish first, so that a later diff shows only what the request under test wrote.
 */
export async function settledSnapshot(doc: DynamoDBDocumentClient, keep: Parameters<typeof snapshotTables>[1] = {}, gapMs = 700, timeoutMs = 30_000): Promise<TableSnapshot> {
  const until = Date.now() + timeoutMs;
  let last = await snapshotTables(doc, keep);
  for (;;) {
    await new Promise((r) => setTimeout(r, gapMs));
    const next = await snapshotTables(doc, keep);
    const d = diffTables(last, next);
    if (!d.added.length && !d.removed.length && !d.changed.length) return next;
    if (Date.now() > until) throw new Error(`the tables did not settle in ${timeoutMs / 1000} s: ${JSON.stringify(d).slice(0, 400)}`);
    last = next;
  }
}

export interface TableDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export function diffTables(before: TableSnapshot, after: TableSnapshot): TableDiff {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}

export const NO_CHANGES: TableDiff = { added: [], removed: [], changed: [] };

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (x instanceof Set) return [...x].map(String).sort();
    if (x && typeof x === 'object' && !Array.isArray(x)) return Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    return x;
  });
}
