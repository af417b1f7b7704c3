/**
 * The one definition of Vatra's DynamoDB tables. The CDK app (infra/) and the local runtime (local/) both build
 * their tables from this module; `test/infra/agreement.test.ts` proves they agree.
 *
 * Design: single-table for case data (overloaded generic keys and GSIs), plus a separate append-only audit table
 * so that no application role can ever be granted a delete on audit entries (see docs/decisions/003-tables.md).
 */
export type KeyType = 'S' | 'N';

export interface IndexDef {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly purpose: string;
}

export interface TableDef {
  /** Logical id; the physical name is `${stage}-${logicalName}` in AWS and the plain name locally. */
  readonly logicalName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: readonly IndexDef[];
  readonly ttlAttribute?: string;
  readonly purpose: string;
}

export const mainTable = {
  logicalName: 'vatra-main',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  purpose: 'Case state, history, tasks, enrolments, registers, monthly summaries, subsidy runs, configuration data',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', purpose: 'by owner: tasks by assignee and due date, cases by institution and stage' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', purpose: 'by date: open tasks by due date (reminders), enrolments by service' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', purpose: 'lookups: identity keys (CNP / name + birth date), case number, import row keys' },
  ],
} as const satisfies TableDef;

export const auditTable = {
  logicalName: 'vatra-audit',
  partitionKey: 'pk',
  sortKey: 'sk',
  purpose: 'Append-only audit of every read and write of a case and of personal-data exports',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', purpose: 'audit by institution and month, newest first' },
  ],
} as const satisfies TableDef;

export const tables = [mainTable, auditTable] as const;

/** Environment variable through which a function learns a table's physical name. */
export const tableEnvVar: Record<(typeof tables)[number]['logicalName'], string> = {
  'vatra-main': 'VATRA_MAIN_TABLE',
  'vatra-audit': 'VATRA_AUDIT_TABLE',
};

/** CreateTable input for DynamoDB Local / tests (the AWS side builds the same shape with CDK). */
export function createTableInput(def: TableDef, physicalName: string) {
  const attrs = new Set<string>([def.partitionKey, def.sortKey]);
  for (const ix of def.indexes) {
    attrs.add(ix.partitionKey);
    attrs.add(ix.sortKey);
  }
  return {
    TableName: physicalName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attrs].map((a) => ({ AttributeName: a, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: def.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: def.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: def.indexes.length
      ? def.indexes.map((ix) => ({
          IndexName: ix.name,
          KeySchema: [
            { AttributeName: ix.partitionKey, KeyType: 'HASH' as const },
            { AttributeName: ix.sortKey, KeyType: 'RANGE' as const },
          ],
          Projection: { ProjectionType: 'ALL' as const },
        }))
      : undefined,
  };
}
