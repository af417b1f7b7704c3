/**
 * The cohort places item (`COHORT#PLACES` / `VERSION`): the version that orders the approvals taking a cohort place,
 * and the places taken in the last minutes (shared/cases/cohorts.ts, decision 012).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db/db.js';
import type { CohortId } from '../subsidies/index.js';
import type { TransactItem } from './store.js';

export const COHORT_PLACES_KEY = { pk: 'COHORT#PLACES', sk: 'VERSION' } as const;

/** A place an approval took, kept on the places item for RECENT_MS: the index may not show its case yet. */
export interface PlaceTaken {
  caseId: string;
  cohort: CohortId;
  at: string;
}

/** How long a place taken stays in the places item's list: far longer than DynamoDB takes to update an index. */
export const RECENT_MS = 10 * 60_000;

export interface PlacesVersion {
  /** 0 while no approval has taken a place (no item yet) */
  version: number;
  /** the places taken in the last RECENT_MS, oldest first */
  recent: PlaceTaken[];
}

export class CohortPlacesStore {
  constructor(private readonly db: Db) {}

  /** The item as it stands (a consistent read). */
  async read(): Promise<PlacesVersion> {
    const item = (await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: COHORT_PLACES_KEY, ConsistentRead: true }))).Item;
    return { version: Number(item?.version ?? 0), recent: (item?.recent ?? []) as PlaceTaken[] };
  }

  /**
   * The transaction item of an approval that takes `taken`: moves the version and lists the place (beside those of
   * the last RECENT_MS), refused when the version is no longer the one the places were counted at.
   */
  takeItem(counted: PlacesVersion, taken: PlaceTaken): TransactItem {
    const since = Date.parse(taken.at) - RECENT_MS;
    const recent = [...counted.recent.filter((r) => Date.parse(r.at) >= since && r.caseId !== taken.caseId), taken];
    const seen = counted.version;
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: COHORT_PLACES_KEY,
        UpdateExpression: 'SET #v = :next, #r = :recent',
        ConditionExpression: seen === 0 ? 'attribute_not_exists(#v)' : '#v = :seen',
        ExpressionAttributeNames: { '#v': 'version', '#r': 'recent' },
        ExpressionAttributeValues: { ':next': seen + 1, ':recent': recent, ...(seen === 0 ? {} : { ':seen': seen }) },
      },
    };
  }
}
