/**
 * What the import keeps of its own in the main table, and the only code of the area that builds DynamoDB commands:
 * import keys (one per child imported, with the fingerprint of what the file said) and the ledger lines of months
 * paid before Vatra (sparse index `PAID#IMPORT`). Identity keys are the cases area's (CaseStore). The case
 * transaction itself is assembled by commit.ts from these keys and the stores of the other areas.
 */
import type { TransactItem } from '../cases/index.js';
import { batchGetAll, type Db } from '../platform/db/db.js';

/** gsi1 partition of the ledger lines of months paid before Vatra (written by the import; nothing reads it yet: a
 * budget view of what was paid before Vatra would query it — the reader without a caller was removed in session 7). */
export const IMPORTED_PAYMENTS_INDEX = 'PAID#IMPORT';

export const importKeyItemKey = (importKey: string) => ({ pk: `IMPORT#${importKey}`, sk: 'IMPORT' });

export interface ImportKeyItem {
  importKey: string;
  caseId: string;
  caseNumber: string;
  fingerprint: string;
}

export class ImportStore {
  constructor(private readonly db: Db) {}

  /** The import key item of a child, written in its case's transaction (fails it if the key was used already). */
  importKeyPutItem(k: ImportKeyItem & { childCode: string; institution: string; runId: string; origin: unknown }): TransactItem {
    return { Put: { TableName: this.db.mainTable, Item: { ...importKeyItemKey(k.importKey), entity: 'import-key', ...k }, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** The import keys already used (consistent reads), with the case each created. */
  async importKeys(importKeys: readonly string[]): Promise<ImportKeyItem[]> {
    const items = await batchGetAll(this.db, importKeys.map(importKeyItemKey));
    return items.map((i) => ({ importKey: String(i.importKey), caseId: String(i.caseId), caseNumber: String(i.caseNumber), fingerprint: String(i.fingerprint) }));
  }
}
