/**
 * Participation registers and their monthly counters (no scans).
 *
 * - attendance sheet of a day-centre group for one day: partition `REG#<serviceId>#<groupId>#<date>`, a header
 *   `SHEET` (version for concurrent edits) and one `MARK#<caseId>` item per child (one query reads the sheet);
 * - session records: in the case partition, `SESS#<sessionId>`; listed by service and day through gsi2
 *   `SESSIONS#<serviceId>#<month>` / `<date>#<sessionId>`;
 * - a child's register (marks and sessions) through gsi3 `PARTREG#<caseId>` / `<date>#<serviceId>#…`;
 * - monthly summary per child × service × month: `CASE#<caseId>` / `PART#<YYYY-MM>#<serviceId>`, listed for a month
 *   through gsi2 `PART#<YYYY-MM>` / `<caseId>#<serviceId>` (the subsidy run pages through it). Counters only change
 *   by `ADD` of the pure deltas of shared/services/model.ts, in the same transaction as the register items;
 * - month close: `MONTHCLOSE#<YYYY-MM>` / `CLOSE`;
 * - corrections of a closed month: `CORR#<id>` / `CORR`, pending ones listed through gsi2 `CORRECTIONS#pending`;
 * - the idempotency record of a session save: `REQ#session#<userId>#<serviceId>#<clientRequestId>` / `REQ` (7 days TTL).
 *
 * A register change (marks or sessions, their summaries, corrections, the month-open check) is written with
 * `write` as ONE transaction; the caller maps the cancellation reasons (by item position) to its answers.
 */
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { counterKeys, type AttendanceEntry, type CounterDelta, type MonthlyParticipationSummary, type SessionRecord } from './model.js';
import type { TransactItem } from '../cases/index.js';
import { cancellationReasons, isConditionalFailure, queryAll, stripKeys, type Db } from '../platform/db/db.js';
import { mapLimit } from '../platform/concurrency.js';

type Item = Record<string, unknown>;

export interface SheetHeader {
  serviceId: string;
  groupId: string;
  date: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  updatedByName: string;
}

export interface MarkRecord extends AttendanceEntry {
  groupId: string;
  recordedByName: string;
}

export interface StoredSession extends SessionRecord {
  sessionId: string;
  /** the records of one group / family session share it */
  sessionGroupId: string;
  groupId?: string | undefined;
  note?: string | undefined;
  recordedBy: string;
  recordedByName: string;
  recordedAt: string;
  cancelled?: boolean | undefined;
  version: number;
}

export type CorrectionKind = 'attendance' | 'session' | 'enrolment';

export interface CorrectionRecord {
  correctionId: string;
  kind: CorrectionKind;
  caseId: string;
  serviceId: string;
  month: string;
  /** the register day, for attendance and sessions */
  date?: string | undefined;
  before: unknown;
  after: unknown;
  /** the counter change it made to the month's summary */
  delta?: CounterDelta | undefined;
  reason: string;
  author: { userId: string; displayName: string };
  at: string;
  status: 'pending' | 'applied';
  appliedRunId?: string | undefined;
  appliedAt?: string | undefined;
}

export interface MonthClose {
  month: string;
  closedAt: string;
  closedBy: string;
  closedByName: string;
  /** why a coordinator closed it (the monthly run's own close has none) */
  reason?: string;
  /**
   * the close wrote `places` on the summary of every child who held a place (session 7 on): a summary without them
   * then means no place in that service that month
   */
  places?: boolean;
}

/** A period in which the child held a place in the service (an active or ended enrolment overlapping the month). */
export interface PlacePeriod {
  from: string;
  to?: string;
}

/**
 * `places`: the periods the child held a place in the service during the month, set with `enrolledDays` by the month
 * close and by enrolment changes of a closed month (absent on summaries written before, or without an enrolment).
 */
export type StoredSummary = MonthlyParticipationSummary & { updatedAt?: string; lastCorrectionAt?: string; places?: PlacePeriod[] };

/** One summary the month close refreshes: its enrolled days and the periods of the place. */
export interface SummaryRefresh {
  key: { caseId: string; month: string; serviceId: string };
  enrolledDays: number;
  places: readonly PlacePeriod[];
}

export const sheetPk = (serviceId: string, groupId: string, date: string) => `REG#${serviceId}#${groupId}#${date}`;
export const summaryKey = (caseId: string, month: string, serviceId: string) => ({ pk: `CASE#${caseId}`, sk: `PART#${month}#${serviceId}` });
export const sessionKey = (caseId: string, sessionId: string) => ({ pk: `CASE#${caseId}`, sk: `SESS#${sessionId}` });
export const monthCloseKey = (month: string) => ({ pk: `MONTHCLOSE#${month}`, sk: 'CLOSE' });
export const correctionKey = (id: string) => ({ pk: `CORR#${id}`, sk: 'CORR' });
export const PENDING_CORRECTIONS = 'CORRECTIONS#pending';
const childRegisterKey = (caseId: string) => `PARTREG#${caseId}`;
/** A session save's request id is the caller's, for one service: another user's (or service's) id never answers for it. */
export const sessionRequestKey = (userId: string, serviceId: string, clientRequestId: string) => ({ pk: `REQ#session#${userId}#${serviceId}#${clientRequestId}`, sk: 'REQ' });
const REQUEST_TTL_SECONDS = 7 * 86_400;

/** What a session save's request record remembers: the records it wrote. */
export interface SessionRequest {
  sessionGroupId: string;
  sessions: { caseId: string; sessionId: string }[];
}

/** How one register transaction ended: written, or cancelled with DynamoDB's reason for each item (in order). */
export type RegisterWriteOutcome = { written: true } | { written: false; reasons: string[]; error: unknown };

/** Opaque page cursor (the DynamoDB LastEvaluatedKey, base64url JSON). */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new RangeError('INVALID_CURSOR');
}

function toSummary(i: Item): StoredSummary {
  const s = stripKeys<Item>(i);
  const out: StoredSummary = {
    caseId: String(s.caseId),
    month: String(s.month),
    serviceId: String(s.serviceId),
    scheduledDays: 0, presentDays: 0, absentDays: 0, excusedDays: 0, sessions: 0, parentSessions: 0, corrections: 0,
  };
  for (const k of counterKeys) out[k] = Number(s[k] ?? 0);
  if (typeof s.enrolledDays === 'number') out.enrolledDays = s.enrolledDays;
  if (typeof s.updatedAt === 'string') out.updatedAt = s.updatedAt;
  if (typeof s.lastCorrectionAt === 'string') out.lastCorrectionAt = s.lastCorrectionAt;
  if (Array.isArray(s.places)) out.places = (s.places as Item[]).map((p) => ({ from: String(p.from), ...(typeof p.to === 'string' ? { to: p.to } : {}) }));
  return out;
}


export class RegisterStore {
  constructor(private readonly db: Db) {}

  /**
   * Write these items in one transaction (≤ 100 items). A cancelled transaction (a condition failed, a concurrent
   * write) is answered with its reasons (and the error, for the caller to throw when no reason is its own); any other
   * error is thrown.
   */
  async write(items: TransactItem[]): Promise<RegisterWriteOutcome> {
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { written: true };
    } catch (e) {
      const reasons = cancellationReasons(e);
      if (!reasons) throw e;
      return { written: false, reasons, error: e };
    }
  }

  // ── attendance ─────────────────────────────────────────────────────────────────────────────────────────────────

  async sheet(serviceId: string, groupId: string, date: string): Promise<{ header?: SheetHeader; marks: MarkRecord[] }> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': sheetPk(serviceId, groupId, date) }, ConsistentRead: true });
    let header: SheetHeader | undefined;
    const marks: MarkRecord[] = [];
    for (const i of items) {
      if (i.sk === 'SHEET') header = stripKeys<SheetHeader>(i);
      else if (String(i.sk).startsWith('MARK#')) marks.push(stripKeys<MarkRecord>(i));
    }
    return header ? { header, marks } : { marks };
  }

  /** The sheet header at its next version; the first save creates it, later ones are guarded by the version read. */
  sheetHeaderItem(next: SheetHeader): TransactItem {
    const key = { pk: sheetPk(next.serviceId, next.groupId, next.date), sk: 'SHEET' };
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...key, entity: 'sheet', ...next },
        ...(next.version === 1
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': next.version - 1 } }),
      },
    };
  }

  /** Condition on a sheet version without changing it (later chunks of a large save). */
  sheetVersionCheckItem(serviceId: string, groupId: string, date: string, version: number): TransactItem {
    return {
      ConditionCheck: {
        TableName: this.db.mainTable,
        Key: { pk: sheetPk(serviceId, groupId, date), sk: 'SHEET' },
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': version },
      },
    };
  }

  /** Write (after) or remove (after undefined) one child's mark, guarded by the mark it replaces. */
  markItem(before: MarkRecord | undefined, after: MarkRecord | undefined, key: { serviceId: string; groupId: string; date: string; caseId: string }): TransactItem {
    const k = { pk: sheetPk(key.serviceId, key.groupId, key.date), sk: `MARK#${key.caseId}` };
    const guard = before
      ? { ConditionExpression: 'recordedAt = :prev', ExpressionAttributeValues: { ':prev': before.recordedAt } }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
    if (!after) return { Delete: { TableName: this.db.mainTable, Key: k, ...guard } };
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...k, entity: 'mark', ...after, gsi3pk: childRegisterKey(after.caseId), gsi3sk: `${after.date}#${after.serviceId}#ATT` },
        ...guard,
      },
    };
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────────────────────────────

  private sessionAttributes(s: StoredSession) {
    return {
      entity: 'session',
      ...s,
      gsi2pk: `SESSIONS#${s.serviceId}#${s.date.slice(0, 7)}`,
      gsi2sk: `${s.date}#${s.sessionId}`,
      gsi3pk: childRegisterKey(s.caseId),
      gsi3sk: `${s.date}#${s.serviceId}#SESS#${s.sessionId}`,
    };
  }

  sessionPutItem(s: StoredSession): TransactItem {
    return { Put: { TableName: this.db.mainTable, Item: { ...sessionKey(s.caseId, s.sessionId), ...this.sessionAttributes(s) }, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  sessionReplaceItem(before: StoredSession, after: StoredSession): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...sessionKey(after.caseId, after.sessionId), ...this.sessionAttributes({ ...after, version: before.version + 1 }) },
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': before.version },
      },
    };
  }

  /** The request record of a session save (fails the transaction if the same request was saved already). */
  sessionRequestPutItem(key: { pk: string; sk: string }, request: SessionRequest, now: Date): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...key, entity: 'request', sessionGroupId: request.sessionGroupId, sessions: request.sessions, createdAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + REQUEST_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** The request record of a session save, read consistently (a repeat answers with the sessions it recorded). */
  async sessionRequest(key: { pk: string; sk: string }): Promise<SessionRequest> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: key, ConsistentRead: true }));
    return { sessionGroupId: String(res.Item?.sessionGroupId ?? ''), sessions: (res.Item?.sessions ?? []) as SessionRequest['sessions'] };
  }

  async session(caseId: string, sessionId: string): Promise<StoredSession | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: sessionKey(caseId, sessionId), ConsistentRead: true }));
    return res.Item ? stripKeys<StoredSession>(res.Item) : undefined;
  }

  /** Sessions of a service on one day (every child). */
  async sessionsOfServiceDay(serviceId: string, date: string): Promise<StoredSession[]> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND begins_with(gsi2sk, :d)',
      ExpressionAttributeValues: { ':p': `SESSIONS#${serviceId}#${date.slice(0, 7)}`, ':d': `${date}#` },
    });
    return items.map((i) => stripKeys<StoredSession>(i));
  }

  /** A child's marks and sessions between two days (inclusive). */
  async registersOfCase(caseId: string, from: string, to: string): Promise<{ marks: MarkRecord[]; sessions: StoredSession[] }> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p AND gsi3sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':p': childRegisterKey(caseId), ':lo': from, ':hi': `${to}\uffff` },
    });
    const marks: MarkRecord[] = [];
    const sessions: StoredSession[] = [];
    for (const i of items) {
      if (i.entity === 'mark') marks.push(stripKeys<MarkRecord>(i));
      else if (i.entity === 'session') sessions.push(stripKeys<StoredSession>(i));
    }
    return { marks, sessions };
  }

  // ── monthly summaries ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Add a counter delta to a summary (created at zero when missing). `enrolledDays` — the open days of the month
   * while the child held a place — is set (enrolment changes, month close) or only filled in when missing (register
   * writes: the enrolment changes of that month have set it already). Decrements are guarded: no counter goes below 0.
   */
  summaryUpdateItem(
    key: { caseId: string; month: string; serviceId: string },
    delta: CounterDelta,
    at: string,
    enrolledDays?: { value: number; mode: 'set' | 'ifMissing' },
    correctionAt?: string,
    places?: readonly PlacePeriod[],
  ): TransactItem {
    const names: Record<string, string> = { '#caseId': 'caseId', '#month': 'month', '#serviceId': 'serviceId', '#entity': 'entity', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = {
      ':caseId': key.caseId, ':month': key.month, ':serviceId': key.serviceId, ':entity': 'participation-summary', ':at': at,
      ':gpk': `PART#${key.month}`, ':gsk': `${key.caseId}#${key.serviceId}`,
    };
    const sets = ['#caseId = :caseId', '#month = :month', '#serviceId = :serviceId', '#entity = :entity', '#updatedAt = :at', 'gsi2pk = :gpk', 'gsi2sk = :gsk'];
    if (enrolledDays !== undefined) {
      names['#enrolledDays'] = 'enrolledDays';
      values[':enrolledDays'] = enrolledDays.value;
      sets.push(enrolledDays.mode === 'set' ? '#enrolledDays = :enrolledDays' : '#enrolledDays = if_not_exists(#enrolledDays, :enrolledDays)');
    }
    if (places) {
      names['#places'] = 'places';
      values[':places'] = places.map((p) => ({ from: p.from, ...(p.to !== undefined ? { to: p.to } : {}) }));
      sets.push('#places = :places');
    }
    if (correctionAt) {
      names['#lastCorrectionAt'] = 'lastCorrectionAt';
      values[':correctionAt'] = correctionAt;
      sets.push('#lastCorrectionAt = :correctionAt');
    }
    const adds: string[] = [];
    const guards: string[] = [];
    for (const k of counterKeys) {
      names[`#${k}`] = k;
      values[`:${k}`] = delta[k];
      adds.push(`#${k} :${k}`);
      if (delta[k] < 0) {
        values[`:min_${k}`] = -delta[k];
        guards.push(`#${k} >= :min_${k}`);
      }
    }
    return {
      Update: {
        TableName: this.db.mainTable,
        Key: summaryKey(key.caseId, key.month, key.serviceId),
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ...(guards.length ? { ConditionExpression: guards.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * A month's summary brought in by an import (a month before Vatra, counted on paper): written once (the condition
   * refuses a second write), findable by month like the ones the registers keep, with the row it came from.
   */
  importedSummaryPutItem(s: Omit<MonthlyParticipationSummary, 'corrections'> & { enrolledDays: number }, at: string, origin: object): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: {
          ...summaryKey(s.caseId, s.month, s.serviceId), entity: 'participation-summary',
          caseId: s.caseId, month: s.month, serviceId: s.serviceId,
          scheduledDays: s.scheduledDays, presentDays: s.presentDays, absentDays: s.absentDays, excusedDays: s.excusedDays,
          sessions: s.sessions, parentSessions: s.parentSessions, corrections: 0, enrolledDays: s.enrolledDays,
          updatedAt: at, gsi2pk: `PART#${s.month}`, gsi2sk: `${s.caseId}#${s.serviceId}`, origin,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Make sure a summary exists and carries the current `enrolledDays` (outside a transaction). */
  async refreshSummary(key: { caseId: string; month: string; serviceId: string }, enrolledDays: number, at: string, places?: readonly PlacePeriod[]): Promise<void> {
    const zero = Object.fromEntries(counterKeys.map((k) => [k, 0])) as CounterDelta;
    const item = this.summaryUpdateItem(key, zero, at, { value: enrolledDays, mode: 'set' }, undefined, places).Update!;
    await this.db.doc.send(new UpdateCommand(item as never));
  }

  /**
   * Refresh many summaries (the month close): the same update as `refreshSummary` (counters ADD 0, enrolled days and
   * places SET), 100 per TransactWriteItems instead of one request each. Idempotent (a repeated page writes the same
   * values); a transaction that meets a concurrent register write (TransactionConflict) is sent again.
   */
  async refreshSummaries(entries: readonly SummaryRefresh[], at: string, concurrency = 4): Promise<number> {
    const zero = Object.fromEntries(counterKeys.map((k) => [k, 0])) as CounterDelta;
    const chunks: SummaryRefresh[][] = [];
    for (let i = 0; i < entries.length; i += 100) chunks.push(entries.slice(i, i + 100));
    await mapLimit(chunks, concurrency, async (chunk) => {
      const items = chunk.map((e) => this.summaryUpdateItem(e.key, zero, at, { value: e.enrolledDays, mode: 'set' }, undefined, e.places));
      for (let attempt = 0; ; attempt++) {
        try {
          await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
          return;
        } catch (e) {
          const reasons = cancellationReasons(e);
          if (!reasons?.some((r) => r === 'TransactionConflict') || attempt >= 6) throw e;
          await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        }
      }
    });
    return chunks.length;
  }

  async summariesOfCase(caseId: string, month: string): Promise<StoredSummary[]> {
    const items = await queryAll(this.db, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': `CASE#${caseId}`, ':s': `PART#${month}#` },
      ConsistentRead: true,
    });
    return items.map(toSummary);
  }

  async summary(caseId: string, month: string, serviceId: string): Promise<StoredSummary | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: summaryKey(caseId, month, serviceId), ConsistentRead: true }));
    return res.Item ? toSummary(res.Item) : undefined;
  }

  /** One page of a month's summaries (gsi2 `PART#<month>`), in case order. */
  async monthPage(month: string, cursor: string | undefined, limit: number): Promise<{ items: StoredSummary[]; cursor?: string }> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.db.mainTable,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': `PART#${month}` },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }));
    const next = encodeCursor(res.LastEvaluatedKey);
    return { items: (res.Items ?? []).map(toSummary), ...(next ? { cursor: next } : {}) };
  }

  /**
   * Every summary of the month of the children from `fromCaseId` to `toCaseId` (inclusive, case order): one segment
   * of the subsidy run, cut on child boundaries so a child's summaries are never split.
   */
  async monthSegment(month: string, fromCaseId: string, toCaseId: string): Promise<StoredSummary[]> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':p': `PART#${month}`, ':lo': `${fromCaseId}#`, ':hi': `${toCaseId}#\uffff` },
    });
    return items.map(toSummary);
  }

  // ── month close ────────────────────────────────────────────────────────────────────────────────────────────────

  async monthClose(month: string): Promise<MonthClose | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: monthCloseKey(month), ConsistentRead: true }));
    return res.Item ? stripKeys<MonthClose>(res.Item) : undefined;
  }

  /** The closed months among `months`. */
  async closedAmong(months: readonly string[]): Promise<Set<string>> {
    const found = await Promise.all([...new Set(months)].map(async (m) => ((await this.monthClose(m)) ? m : undefined)));
    return new Set(found.filter((m): m is string => m !== undefined));
  }

  /** A register change for an open month: fails the transaction if the month was closed meanwhile. */
  monthOpenCheckItem(month: string): TransactItem {
    return { ConditionCheck: { TableName: this.db.mainTable, Key: monthCloseKey(month), ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** Write the close marker once; returns the marker that holds (the existing one when already closed). */
  async putMonthClose(c: MonthClose): Promise<{ close: MonthClose; created: boolean }> {
    try {
      await this.db.doc.send(new PutCommand({ TableName: this.db.mainTable, Item: { ...monthCloseKey(c.month), entity: 'month-close', ...c }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { close: c, created: true };
    } catch (e) {
      if (!isConditionalFailure(e)) throw e;
      const existing = await this.monthClose(c.month);
      return { close: existing ?? c, created: false };
    }
  }

  // ── corrections ────────────────────────────────────────────────────────────────────────────────────────────────

  correctionItem(c: CorrectionRecord): TransactItem {
    return {
      Put: {
        TableName: this.db.mainTable,
        Item: { ...correctionKey(c.correctionId), entity: 'correction', ...c, gsi2pk: PENDING_CORRECTIONS, gsi2sk: `${c.month}#${c.at}#${c.correctionId}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  async pendingCorrections(month?: string): Promise<CorrectionRecord[]> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi2',
      KeyConditionExpression: month ? 'gsi2pk = :p AND begins_with(gsi2sk, :m)' : 'gsi2pk = :p',
      ExpressionAttributeValues: month ? { ':p': PENDING_CORRECTIONS, ':m': `${month}#` } : { ':p': PENDING_CORRECTIONS },
    });
    return items.map((i) => stripKeys<CorrectionRecord>(i));
  }

  async correction(id: string): Promise<CorrectionRecord | undefined> {
    const res = await this.db.doc.send(new GetCommand({ TableName: this.db.mainTable, Key: correctionKey(id), ConsistentRead: true }));
    return res.Item ? stripKeys<CorrectionRecord>(res.Item) : undefined;
  }

  /** Mark one pending correction as settled by a subsidy run; false when it was not pending. */
  async markApplied(id: string, runId: string, at: string): Promise<boolean> {
    try {
      await this.db.doc.send(new UpdateCommand({
        TableName: this.db.mainTable,
        Key: correctionKey(id),
        UpdateExpression: 'SET #s = :applied, appliedRunId = :run, appliedAt = :at REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'attribute_exists(pk) AND #s = :pending',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':applied': 'applied', ':pending': 'pending', ':run': runId, ':at': at },
      }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }
}

// ── the functions other areas use (the monthly subsidy run) ───────────────────────────────────────────────────────

/**
 * One page of the participation summaries of a month, for the subsidy run: pass the returned cursor back for the
 * next page; no cursor in the answer means the month is done. Counters are kept up to date as registers are written.
 */
export function readMonthSummaries(db: Db, month: string, cursor?: string, limit = 100): Promise<{ items: StoredSummary[]; cursor?: string }> {
  return new RegisterStore(db).monthPage(month, cursor, Math.max(1, Math.min(1000, limit)));
}

/** The summaries of the children `fromCaseId`…`toCaseId` (case order) for a month: one segment of the subsidy run. */
export function readMonthSegment(db: Db, month: string, fromCaseId: string, toCaseId: string): Promise<StoredSummary[]> {
  return new RegisterStore(db).monthSegment(month, fromCaseId, toCaseId);
}

/** The summaries of one child for one month (one per service). */
export function participationFor(db: Db, caseId: string, month: string): Promise<StoredSummary[]> {
  return new RegisterStore(db).summariesOfCase(caseId, month);
}

/** Corrections made to closed months that no subsidy run has settled yet, oldest month first. */
export function pendingCorrections(db: Db, month?: string): Promise<CorrectionRecord[]> {
  return new RegisterStore(db).pendingCorrections(month);
}

/** Mark corrections as settled by a run (idempotent: a correction already settled is reported in `skipped`). */
export async function markCorrectionsApplied(db: Db, ids: readonly string[], runId: string, now: Date = new Date()): Promise<{ applied: string[]; skipped: string[] }> {
  const store = new RegisterStore(db);
  const at = now.toISOString();
  const results = await Promise.all([...new Set(ids)].map(async (id) => ({ id, ok: await store.markApplied(id, runId, at) })));
  return { applied: results.filter((r) => r.ok).map((r) => r.id), skipped: results.filter((r) => !r.ok).map((r) => r.id) };
}
