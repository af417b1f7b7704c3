/**
 * Case repository. Every change to a case is ONE DynamoDB transaction: the case item (guarded by its version), an
 * append-only history entry (which can only be created, never replaced) and whatever else the change needs
 * (task items, identity keys, request ids). A stale writer gets CaseConflictError and nothing is written.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from './model.js';
import { batchGetAll, cancellationReasons, pad, queryAll, stripKeys, type Db } from '../platform/db/db.js';

/** What a case's cohort place is read from (shared/cases/cohorts.ts), as `CaseStore.cohortFactsByInstitution` reads it. */
export interface CohortFacts {
  caseId: string;
  cohort?: CaseRecord['cohort'];
  plan?: Pick<NonNullable<CaseRecord['plan']>, 'status' | 'cohort'>;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface Actor {
  userId: string;
  displayName: string;
  roles: string[];
  institution: string;
}

export const systemActor: Actor = { userId: 'system', displayName: 'Vatra (automat)', roles: ['system'], institution: 'DAS' };

export interface HistoryEntry {
  caseId: string;
  version: number;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  summary: string;
  stageBefore?: string | undefined;
  stageAfter?: string | undefined;
  detail?: Record<string, unknown> | undefined;
}

export class CaseConflictError extends Error {
  constructor(readonly caseId: string, readonly expectedVersion: number) {
    super(`case ${caseId} changed since version ${expectedVersion}`);
    this.name = 'CaseConflictError';
  }
}

export class TransactionConflictError extends Error {
  constructor(readonly reasons: string[]) {
    super(`transaction cancelled: ${reasons.join(',')}`);
    this.name = 'TransactionConflictError';
  }
}

/** Optional transform of a case on its way to / from storage (field-level encryption plugs in here). */
export interface CaseCodec {
  encode(record: CaseRecord): Promise<Record<string, unknown>>;
  decode(item: Record<string, unknown>): Promise<CaseRecord>;
}

export const plainCodec: CaseCodec = {
  encode: async (r) => ({ ...r }) as unknown as Record<string, unknown>,
  decode: async (i) => i as unknown as CaseRecord,
};

export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
/** One open case per child: an item per (protected) identity key, pointing at the case that holds it. */
export const identityKey = (protectedKey: string) => ({ pk: `IDENT#${protectedKey}`, sk: 'IDENT' });
/** A submitted referral form's idempotency record (its clientRequestId; kept 7 days). */
const referralRequestKey = (clientRequestId: string) => ({ pk: `REQ#${clientRequestId}`, sk: 'REQ' });
const REFERRAL_REQUEST_TTL_SECONDS = 7 * 86400;

/** What a referral form's request record says: which case it created, and who sent it. */
export interface ReferralRequest {
  caseId: string;
  actorId: string;
}

function indexAttributes(r: CaseRecord) {
  return {
    entity: 'case',
    gsi1pk: `INST#${r.institution}`,
    gsi1sk: `${r.status}#${r.stage}#${r.caseNumber}`,
    gsi2pk: `CM#${r.caseManagerId}`,
    gsi2sk: `${r.status}#${r.caseNumber}`,
    gsi3pk: `CASENO#${r.caseNumber}`,
    gsi3sk: 'CASE',
  };
}

export class CaseStore {
  constructor(private readonly db: Db, private readonly codec: CaseCodec = plainCodec) {}

  async item(r: CaseRecord): Promise<Record<string, unknown>> {
    return { ...(await this.codec.encode(r)), ...caseKey(r.caseId), ...indexAttributes(r) };
  }

  async get(caseId: string, consistent = true): Promise<CaseRecord | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: caseKey(caseId), ConsistentRead: consistent }));
    return res.Item ? this.codec.decode(stripKeys(res.Item)) : undefined;
  }

  /** Several cases by id (eventually consistent; for lists), in no particular order; missing ids are left out. */
  async getMany(caseIds: readonly string[]): Promise<CaseRecord[]> {
    const items = await batchGetAll(this.db, [...new Set(caseIds)].map(caseKey), { consistentRead: false });
    const out: CaseRecord[] = [];
    for (const item of items) out.push(await this.codec.decode(stripKeys(item)));
    return out;
  }

  /** The same, keyed by case id: the children of a register sheet or session in one request per 100 (no GetItem per child). */
  async byIds(caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
    return new Map((await this.getMany(caseIds)).map((c) => [c.caseId, c]));
  }

    async byNumber(caseNumber: string): Promise<CaseRecord | undefined> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable, IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p AND gsi3sk = :s',
      ExpressionAttributeValues: { ':p': `CASENO#${caseNumber}`, ':s': 'CASE' },
    }));
    const item = res.Items?.[0];
    return item ? this.codec.decode(stripKeys(item)) : undefined;
  }

  /** Case numbers VT-<year>-<00001>: an atomic counter per year (a failed creation leaves a gap, never a duplicate). */
  async nextCaseNumber(year: number): Promise<string> {
    return `VT-${year}-${pad(await this.reserveCaseNumbers(year, 1), 5)}`;
  }

  /**
   * Reserves `count` case numbers of a year at once (one atomic ADD on the counter nextCaseNumber uses): returns the
   * last one reserved; the block is last − count + 1 … last. Used by the import, which numbers hundreds of cases.
   */
  async reserveCaseNumbers(year: number, count: number): Promise<number> {
    const res = await this.db.doc.send(new UpdateCommand({
      TableName: this.db.mainTable,
      Key: { pk: `SEQ#case-number#${year}`, sk: 'SEQ' },
      UpdateExpression: 'ADD #v :n',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':n': count },
      ReturnValues: 'UPDATED_NEW',
    }));
    return Number(res.Attributes?.value ?? 0);
  }

  /** The identity key item a new open case takes (fails the transaction if another case holds the key). */
  identityPutItem(protectedKey: string, caseId: string, caseNumber: string): TransactItem {
    return { Put: { TableName: this.db.mainTable, Item: { ...identityKey(protectedKey), entity: 'identity', caseId, caseNumber }, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** Releases an identity key (case closed or anonymised); with `ofCase`, only if it still points at that case. */
  identityDeleteItem(protectedKey: string, ofCase?: string): TransactItem {
    return {
      Delete: {
        TableName: this.db.mainTable,
        Key: identityKey(protectedKey),
        ...(ofCase !== undefined ? { ConditionExpression: 'attribute_not_exists(pk) OR caseId = :c', ExpressionAttributeValues: { ':c': ofCase } } : {}),
      },
    };
  }

  /** Which of these identity keys are held, and by which case (consistent reads). */
  async identityHolders(protectedKeys: readonly string[]): Promise<{ protectedKey: string; caseId: string; caseNumber: string }[]> {
    const items = await batchGetAll(this.db, protectedKeys.map(identityKey));
    return items.map((i) => ({ protectedKey: String(i.pk).slice('IDENT#'.length), caseId: String(i.caseId), caseNumber: String(i.caseNumber ?? '') }));
  }

  /** The request record a submitted referral form leaves (fails the transaction if the same form was saved already). */
  referralRequestPutItem(clientRequestId: string, caseId: string, actorId: string, at: Date): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...referralRequestKey(clientRequestId), entity: 'request', caseId, actorId, at: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + REFERRAL_REQUEST_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** The request record of a submitted referral form, read consistently (a repeat answers with its case). */
  async referralRequest(clientRequestId: string): Promise<ReferralRequest | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: referralRequestKey(clientRequestId), ConsistentRead: true }));
    return res.Item ? { caseId: String(res.Item.caseId), actorId: String(res.Item.actorId) } : undefined;
  }

  historyItem(h: HistoryEntry): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { pk: `CASE#${h.caseId}`, sk: `HIST#${pad(h.version)}`, entity: 'history', ...h },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Create a case with its first history entry and extra items (identity keys, request id) in one transaction. */
  async create(record: CaseRecord, history: Omit<HistoryEntry, 'caseId' | 'version'>, extra: TransactItem[] = []): Promise<void> {
    try {
      await this.db.doc.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.db.mainTable, Item: await this.item(record), ConditionExpression: 'attribute_not_exists(pk)' } },
          this.historyItem({ ...history, caseId: record.caseId, version: record.version }),
          ...extra,
        ],
      }));
    } catch (e) {
      const reasons = cancellationReasons(e);
      if (reasons) throw new TransactionConflictError(reasons);
      throw e;
    }
  }

  /**
   * Write `after` over `before` if nobody changed the case since `before.version`; append the history entry.
   * Returns the stored record (version + 1).
   */
  async update(
    before: CaseRecord,
    after: CaseRecord,
    history: Omit<HistoryEntry, 'caseId' | 'version' | 'stageBefore' | 'stageAfter'>,
    extra: TransactItem[] = [],
  ): Promise<CaseRecord> {
    const next: CaseRecord = { ...after, version: before.version + 1 };
    try {
      await this.db.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.db.mainTable,
              Item: await this.item(next),
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': before.version },
            },
          },
          this.historyItem({ ...history, caseId: before.caseId, version: next.version, stageBefore: before.stage, stageAfter: next.stage }),
          ...extra,
        ],
      }));
    } catch (e) {
      const reasons = cancellationReasons(e);
      if (reasons?.[0] === 'ConditionalCheckFailed' || reasons?.[1] === 'ConditionalCheckFailed') throw new CaseConflictError(before.caseId, before.version);
      if (reasons) throw new TransactionConflictError(reasons);
      throw e;
    }
    return next;
  }

  async history(caseId: string): Promise<HistoryEntry[]> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p AND begins_with(sk, :h)', ExpressionAttributeValues: { ':p': `CASE#${caseId}`, ':h': 'HIST#' } });
    return items.map((i) => stripKeys<HistoryEntry>(i));
  }

  async listByInstitution(institution: string, opts: { status?: 'open' | 'closed'; stage?: string; limit?: number } = {}): Promise<CaseRecord[]> {
    const prefix = opts.status ? (opts.stage ? `${opts.status}#${opts.stage}#` : `${opts.status}#`) : '';
    return this.queryCases('gsi1', `INST#${institution}`, prefix, opts.limit);
  }

  /**
   * The cohort facts of an institution's cases — the place a case holds, its plan's status and cohort — read alone
   * (a projection of the same index): counting the cohort places at a plan approval or an import reads ~100 bytes a
   * case instead of every case record, and opens no sealed field. None of these attributes is sealed.
   */
  async cohortFactsByInstitution(institution: string): Promise<CohortFacts[]> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `INST#${institution}` },
      ProjectionExpression: 'caseId, cohort, #plan.#status, #plan.cohort',
      ExpressionAttributeNames: { '#plan': 'plan', '#status': 'status' },
    });
    return items as unknown as CohortFacts[];
  }

  async listByCaseManager(userId: string, status?: 'open' | 'closed', limit?: number): Promise<CaseRecord[]> {
    return this.queryCases('gsi2', `CM#${userId}`, status ? `${status}#` : '', limit);
  }

  private async queryCases(index: 'gsi1' | 'gsi2', pk: string, skPrefix: string, limit = 1000): Promise<CaseRecord[]> {
    const items = await queryAll(this.db, {
      IndexName: index,
      KeyConditionExpression: skPrefix ? `${index}pk = :p AND begins_with(${index}sk, :s)` : `${index}pk = :p`,
      ExpressionAttributeValues: skPrefix ? { ':p': pk, ':s': skPrefix } : { ':p': pk },
    }, limit);
    const out: CaseRecord[] = [];
    for (const i of items) out.push(await this.codec.decode(stripKeys(i)));
    return out;
  }
}
