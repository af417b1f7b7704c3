/**
 * The change journal: which cases' report facts changed since the report aggregates last read them
 * (shared/reports/aggregate-store.ts, docs/decisions/018-performance.md).
 *
 * A middleware on the DynamoDB document client, so no store has to remember it: every write to an item a report fact
 * is made of — the case item `CASE#<id>` / `CASE`, an enrolment `CASE#<id>` / `ENR#…`, a ledger line `PAID#<id>` / … —
 * also puts `RJOURNAL#<shard>` / `<caseId>` with a fresh token:
 * - inside the same TransactWriteItems when it fits (≤ 100 items): the journal entry exists if and only if the
 *   change does;
 * - after a single Put / Update / Delete / BatchWrite succeeded (one more request; a crash between the two leaves the
 *   aggregate stale until the next change of that case or a rebuild — stated in decision 018).
 * Writes to other items (registers, summaries, history, audit, tasks) are untouched.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const JOURNAL_SHARDS = 8;
export const journalPk = (shard: number) => `RJOURNAL#${shard}`;

/** The case whose report facts an item holds, or null. */
export function journalledCase(key: Record<string, unknown> | undefined): string | null {
  const pk = key?.pk;
  const sk = key?.sk;
  if (typeof pk !== 'string' || typeof sk !== 'string') return null;
  if (pk.startsWith('CASE#') && (sk === 'CASE' || sk.startsWith('ENR#'))) return pk.slice(5);
  if (pk.startsWith('PAID#') && pk !== 'PAID#IMPORT') return pk.slice(5);
  return null;
}

export function journalShard(caseId: string): number {
  let h = 0;
  for (let i = 0; i < caseId.length; i++) h = (h * 31 + caseId.charCodeAt(i)) >>> 0;
  return h % JOURNAL_SHARDS;
}

let seq = 0;
const token = () => `${Date.now().toString(36)}-${process.pid.toString(36)}-${(seq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function journalItem(tableName: string, caseId: string, at = new Date().toISOString()) {
  return { Put: { TableName: tableName, Item: { pk: journalPk(journalShard(caseId)), sk: caseId, entity: 'report-journal', caseId, token: token(), at } } };
}

type Item = Record<string, unknown>;
interface WriteInput {
  TableName?: string;
  Item?: Item;
  Key?: Item;
  TransactItems?: { Put?: { TableName: string; Item: Item }; Update?: { TableName: string; Key: Item }; Delete?: { TableName: string; Key: Item } }[];
  RequestItems?: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>;
}

/** The (table, case) pairs a write touches. */
function touched(input: WriteInput, command: string): { table: string; caseId: string }[] {
  const out: { table: string; caseId: string }[] = [];
  const add = (table: string | undefined, key: Item | undefined) => {
    const caseId = journalledCase(key);
    if (table && caseId) out.push({ table, caseId });
  };
  if (command === 'TransactWriteItemsCommand') {
    for (const t of input.TransactItems ?? []) {
      if (t.Put) add(t.Put.TableName, t.Put.Item);
      else if (t.Update) add(t.Update.TableName, t.Update.Key);
      else if (t.Delete) add(t.Delete.TableName, t.Delete.Key);
    }
  } else if (command === 'PutItemCommand') add(input.TableName, input.Item);
  else if (command === 'UpdateItemCommand' || command === 'DeleteItemCommand') add(input.TableName, input.Key);
  else if (command === 'BatchWriteItemCommand') {
    for (const [table, reqs] of Object.entries(input.RequestItems ?? {})) for (const r of reqs) add(table, r.PutRequest?.Item ?? r.DeleteRequest?.Key);
  }
  return out;
}

const installed = new WeakSet<object>();

/** Journal every report-fact write made through `doc` (idempotent: installing twice adds one middleware). */
export function installChangeJournal(doc: DynamoDBDocumentClient): DynamoDBDocumentClient {
  if (installed.has(doc)) return doc;
  installed.add(doc);
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      // the low-level command's name (the document client's commands wrap TransactWriteItemsCommand etc.)
      const command = (context as { commandName?: string }).commandName ?? '';
      const input = args.input as WriteInput;
      const hits = touched(input, command);
      if (hits.length === 0) return next(args);
      const unique = [...new Map(hits.map((h) => [`${h.table}\u0000${h.caseId}`, h])).values()];
      if (command === 'TransactWriteItemsCommand' && (input.TransactItems?.length ?? 0) + unique.length <= 100) {
        const at = new Date().toISOString();
        input.TransactItems = [...input.TransactItems!, ...unique.map((h) => journalItem(h.table, h.caseId, at) as never)];
        return next(args);
      }
      const result = await next(args);
      // BatchWrite: items DynamoDB left unprocessed are journalled too (harmless: the aggregate rereads the case)
      await Promise.all(unique.map((h) => doc.send(new PutCommand(journalItem(h.table, h.caseId).Put))));
      return result;
    },
    { step: 'initialize', name: 'vatraChangeJournal' },
  );
  return doc;
}
