/**
 * Storage of the monthly subsidy run (queries only, never a Scan).
 *
 * - month head `SUBMONTH#<month>` / `HEAD`: the month's latest attempt. A run is claimed by a conditional write of the
 *   head (first attempt: the head must not exist; a new attempt: the head must still point at the previous attempt,
 *   and that run must be rejected or failed), in one transaction with the run item, so a second delivery of the
 *   schedule or a double click can never create a second run;
 * - run `SUBRUN#<runId>` / `RUN`, listed through gsi1 `SUBRUNS` / `<month>#<attempt>`;
 * - in the run's partition: decision lines `LINE#<caseId>#M` (the month) and `LINE#<caseId>#A#<month>` (adjustments
 *   of corrected earlier months), page totals `PAGE#…`, the corrections taken over `CORR#<caseId>#<month>`, the
 *   approval record holding the task token `APPROVAL`, and the coordinators' overrides `OVR#…`;
 * - the exactly-once ledger `PAID#<caseId>` / `<month>` (and `<month>#RECOVERY`): written only with
 *   `attribute_not_exists`, so a child's month is paid at most once whatever runs, retries or restarts happen.
 */
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '../cases/index.js';
import type { Totals } from './aggregate.js';
import { LEDGER_COUNT_SK, RECOVERY_SUFFIX, lineSk, restartableStatuses, type LedgerEntry, type RunLine, type RunRecord, type RunStatus } from './model.js';
import { caseKey, plainCodec, type CaseCodec, type TransactItem } from '../cases/index.js';
import { batchGetAll, cancellationReasons, isConditionalFailure, queryAll, stripKeys, type Db } from '../platform/db/db.js';
import { mapLimit } from '../platform/concurrency.js';

type Item = Record<string, unknown>;

export const runKey = (runId: string) => ({ pk: `SUBRUN#${runId}`, sk: 'RUN' });
export const headKey = (month: string) => ({ pk: `SUBMONTH#${month}`, sk: 'HEAD' });
export const ledgerKey = (caseId: string, month: string, kind: LedgerEntry['kind']) => ({ pk: `PAID#${caseId}`, sk: kind === 'recovery' ? `${month}${RECOVERY_SUFFIX}` : month });
const RUNS_INDEX = 'SUBRUNS';

export interface MonthHead {
  month: string;
  attempt: number;
  runId: string;
}

export interface CorrectionRef {
  caseId: string;
  month: string;
  correctionIds: string[];
  /** set when the run evaluated it: adjusted (a line), unchanged (nothing to settle), deferred (month not settled yet) */
  outcome?: 'adjusted' | 'unchanged' | 'deferred';
}

export interface PageRecord {
  phase: 'children' | 'corrections';
  page: number;
  totals: Totals;
  /** children (or corrections) the page processed */
  evaluated: number;
}

export interface OverrideRecord {
  runId: string;
  caseId: string;
  decision: 'include' | 'exclude' | 'clear';
  reason: string;
  by: string;
  byName: string;
  at: string;
  before: { eligible: boolean; amountLei: number };
  after: { eligible: boolean; amountLei: number };
}

export type ClaimResult = { created: true; run: RunRecord } | { created: false; existing: RunRecord | undefined; head: MonthHead | undefined };

/** Cursor for the API: the DynamoDB key, base64url. */
export const encodeCursor = (key: Record<string, unknown> | undefined) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null);
export function decodeCursor(cursor: string | undefined | null): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const pageSk = (phase: PageRecord['phase'], page: number) => `PAGE#${phase}#${String(page).padStart(6, '0')}`;

async function sleep(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

export class SubsidyStore {
  constructor(private readonly db: Db, private readonly codec: CaseCodec = plainCodec) {}

  get table() {
    return this.db.mainTable;
  }

  // ── runs ──────────────────────────────────────────────────────────────────────────────────────────────────────

  private runItem(r: RunRecord): Item {
    return { ...runKey(r.runId), entity: 'subsidy-run', ...r, gsi1pk: RUNS_INDEX, gsi1sk: `${r.month}#${String(r.attempt).padStart(3, '0')}` };
  }

  async getHead(month: string): Promise<MonthHead | undefined> {
    const r = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: headKey(month), ConsistentRead: true }));
    return r.Item ? stripKeys<MonthHead>(r.Item) : undefined;
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const r = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: runKey(runId), ConsistentRead: true }));
    return r.Item ? stripKeys<RunRecord>(r.Item) : undefined;
  }

  /**
   * Claim the next attempt of a month. `run.attempt` must be head.attempt + 1 (or 1 without a head); the previous
   * attempt must have ended rejected or failed. Loses cleanly (created: false) against any concurrent claim.
   */
  async claim(run: RunRecord, previous?: MonthHead): Promise<ClaimResult> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...headKey(run.month), entity: 'subsidy-month', month: run.month, attempt: run.attempt, runId: run.runId },
          ...(previous
            ? { ConditionExpression: 'attempt = :prev', ExpressionAttributeValues: { ':prev': previous.attempt } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      { Put: { TableName: this.table, Item: this.runItem(run), ConditionExpression: 'attribute_not_exists(pk)' } },
    ];
    if (previous) {
      items.push({
        ConditionCheck: {
          TableName: this.table,
          Key: runKey(previous.runId),
          ConditionExpression: '#s IN (:a, :b)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':a': restartableStatuses[0], ':b': restartableStatuses[1] },
        },
      });
    }
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { created: true, run };
    } catch (e) {
      if (!cancellationReasons(e)) throw e;
      const head = await this.getHead(run.month);
      return { created: false, head, existing: head ? await this.getRun(head.runId) : undefined };
    }
  }

  /**
   * Set fields of a run (top-level names or dotted paths such as `progress.evaluated`). With `statusIn`, only while
   * the run is in one of those statuses; returns false when that condition fails.
   */
  async patchRun(runId: string, set: Record<string, unknown>, opts: { statusIn?: readonly RunStatus[]; bumpVersion?: boolean; expectedVersion?: number } = {}): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const clauses: string[] = [];
    let i = 0;
    for (const [path, value] of Object.entries(set)) {
      const parts = path.split('.').map((p) => {
        const n = `#n${i++}`;
        names[n] = p;
        return n;
      });
      const v = `:v${i++}`;
      values[v] = value;
      clauses.push(`${parts.join('.')} = ${v}`);
    }
    let update = `SET ${clauses.join(', ')}`;
    if (opts.bumpVersion) {
      names['#ver'] = 'version';
      values[':one'] = 1;
      update += ' ADD #ver :one';
    }
    const conds: string[] = ['attribute_exists(pk)'];
    if (opts.statusIn) {
      names['#st'] = 'status';
      conds.push(`#st IN (${opts.statusIn.map((s, k) => { values[`:s${k}`] = s; return `:s${k}`; }).join(', ')})`);
    }
    if (opts.expectedVersion !== undefined) {
      names['#ver'] = 'version';
      values[':ev'] = opts.expectedVersion;
      conds.push('#ver = :ev');
    }
    try {
      await this.db.doc.send(new UpdateCommand({
        TableName: this.table, Key: runKey(runId), UpdateExpression: update, ConditionExpression: conds.join(' AND '),
        ExpressionAttributeNames: names, ExpressionAttributeValues: values,
      }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  /** Add DynamoDB requests to a step's counter (`metrics` exists from the claim). */
  async addMetric(runId: string, step: string, requests: number): Promise<void> {
    await this.db.doc.send(new UpdateCommand({
      TableName: this.table, Key: runKey(runId),
      UpdateExpression: 'ADD #m.#s :n', ConditionExpression: 'attribute_exists(#m)',
      ExpressionAttributeNames: { '#m': 'metrics', '#s': step }, ExpressionAttributeValues: { ':n': requests },
    }));
  }

  /** Runs, newest month first; with `month`, that month's attempts. */
  async listRuns(opts: { month?: string; limit?: number } = {}): Promise<RunRecord[]> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi1',
      KeyConditionExpression: opts.month ? 'gsi1pk = :p AND begins_with(gsi1sk, :m)' : 'gsi1pk = :p',
      ExpressionAttributeValues: opts.month ? { ':p': RUNS_INDEX, ':m': `${opts.month}#` } : { ':p': RUNS_INDEX },
      ScanIndexForward: false,
    }, opts.limit);
    return items.map((i) => stripKeys<RunRecord>(i));
  }

  // ── lines ─────────────────────────────────────────────────────────────────────────────────────────────────────

  lineItem(l: RunLine): Item {
    // reasonCodes: a flat list the API can filter on (`contains`)
    return { pk: `SUBRUN#${l.runId}`, sk: lineSk(l.caseId, l.kind, l.month), entity: 'subsidy-line', ...l, reasonCodes: [...new Set(l.reasons.map((r) => r.code))] };
  }

  /**
   * Write (replace) lines: 100 per TransactWriteItems — a quarter of the requests of BatchWriteItem's 25, at twice the
   * write units (a line is written once per run: requests, not units, bound a page's time). Idempotent puts.
   */
  async putLines(lines: readonly RunLine[], concurrency = 4): Promise<void> {
    const chunks: RunLine[][] = [];
    for (let i = 0; i < lines.length; i += 100) chunks.push(lines.slice(i, i + 100));
    await mapLimit(chunks, concurrency, (chunk) => this.transact(chunk.map((l): TransactItem => ({ Put: { TableName: this.table, Item: this.lineItem(l) } }))));
  }

  async getLine(runId: string, caseId: string, kind: RunLine['kind'] = 'monthly', month = ''): Promise<RunLine | undefined> {
    const r = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `SUBRUN#${runId}`, sk: lineSk(caseId, kind, month) }, ConsistentRead: true }));
    if (!r.Item) return undefined;
    const { reasonCodes: _codes, ...line } = stripKeys<RunLine & { reasonCodes?: unknown }>(r.Item);
    return line;
  }

  /**
   * One page of lines in case order. `match` filters in DynamoDB (FilterExpression); pages are filled up to `limit`
   * with at most `maxRequests` queries, and the cursor continues where the last query stopped.
   */
  async lines(runId: string, opts: { cursor?: Record<string, unknown> | undefined; limit: number; filter?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> }; maxRequests?: number; consistent?: boolean }): Promise<{ items: RunLine[]; cursor: Record<string, unknown> | undefined }> {
    const out: RunLine[] = [];
    let start = opts.cursor;
    let requests = 0;
    do {
      const res = await this.db.doc.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :l)',
        ExpressionAttributeValues: { ':p': `SUBRUN#${runId}`, ':l': 'LINE#', ...(opts.filter?.values ?? {}) },
        ...(opts.filter ? { FilterExpression: opts.filter.expression } : {}),
        ...(opts.filter?.names ? { ExpressionAttributeNames: opts.filter.names } : {}),
        Limit: opts.limit - out.length,
        ExclusiveStartKey: start,
        ConsistentRead: opts.consistent ?? false,
      }));
      requests += 1;
      for (const i of res.Items ?? []) {
        const { reasonCodes: _codes, ...line } = stripKeys<RunLine & { reasonCodes?: unknown }>(i);
        out.push(line);
      }
      start = res.LastEvaluatedKey;
    } while (start && out.length < opts.limit && requests < (opts.maxRequests ?? 10));
    return { items: out, cursor: start };
  }

  /** Replace a line, guarded by its version, with an item for the run's summary and the override record. */
  async overrideLine(before: RunLine, after: RunLine, runUpdate: TransactItem, record: OverrideRecord): Promise<'ok' | 'line_changed' | 'run_locked'> {
    try {
      await this.db.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table, Item: this.lineItem(after),
              ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': before.version },
            },
          },
          runUpdate,
          {
            Put: {
              TableName: this.table,
              Item: { pk: `SUBRUN#${record.runId}`, sk: `OVR#${record.at}#${record.caseId}`, entity: 'subsidy-override', ...record },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }));
      return 'ok';
    } catch (e) {
      const reasons = cancellationReasons(e);
      if (!reasons) throw e;
      if (reasons[1] === 'ConditionalCheckFailed') return 'run_locked';
      if (reasons[0] === 'ConditionalCheckFailed' || reasons[2] === 'ConditionalCheckFailed') return 'line_changed';
      throw e;
    }
  }

  async overrides(runId: string): Promise<OverrideRecord[]> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p AND begins_with(sk, :o)', ExpressionAttributeValues: { ':p': `SUBRUN#${runId}`, ':o': 'OVR#' } });
    return items.map((i) => stripKeys<OverrideRecord>(i));
  }

  // ── pages ─────────────────────────────────────────────────────────────────────────────────────────────────────

  async putPage(runId: string, p: PageRecord): Promise<void> {
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `SUBRUN#${runId}`, sk: pageSk(p.phase, p.page), entity: 'subsidy-page', ...p } }));
  }

  /**
   * A segment's page record, written once: true when this call created it (its children then count toward the
   * progress once), false when it existed (a repeated segment: the record is replaced, the totals are the latest).
   */
  async putPageOnce(runId: string, p: PageRecord): Promise<boolean> {
    const Item = { pk: `SUBRUN#${runId}`, sk: pageSk(p.phase, p.page), entity: 'subsidy-page', ...p };
    try {
      await this.db.doc.send(new PutCommand({ TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (e) {
      if (!isConditionalFailure(e)) throw e;
      await this.db.doc.send(new PutCommand({ TableName: this.table, Item }));
      return false;
    }
  }

  /** Add to a progress counter of the run (`progress.<field>`), while the run is still being evaluated. */
  async addProgress(runId: string, field: 'evaluated', n: number): Promise<void> {
    await this.db.doc.send(new UpdateCommand({
      TableName: this.table, Key: runKey(runId),
      UpdateExpression: 'ADD #p.#f :n', ConditionExpression: '#s = :ev',
      ExpressionAttributeNames: { '#p': 'progress', '#f': field, '#s': 'status' }, ExpressionAttributeValues: { ':n': n, ':ev': 'evaluating' },
    }));
  }

  async pages(runId: string): Promise<PageRecord[]> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p AND begins_with(sk, :g)', ExpressionAttributeValues: { ':p': `SUBRUN#${runId}`, ':g': 'PAGE#' }, ConsistentRead: true });
    return items.map((i) => stripKeys<PageRecord>(i));
  }

  // ── corrections taken over by a run ─────────────────────────────────────────────────────────────────────────────

  async putCorrections(runId: string, refs: readonly CorrectionRef[]): Promise<void> {
    await this.batchWrite(refs.map((r) => ({ PutRequest: { Item: { pk: `SUBRUN#${runId}`, sk: `CORR#${r.caseId}#${r.month}`, entity: 'subsidy-correction', ...r } } })));
  }

  async corrections(runId: string, cursor?: Record<string, unknown>, limit?: number): Promise<{ items: CorrectionRef[]; cursor: Record<string, unknown> | undefined }> {
    const res = await this.db.doc.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':p': `SUBRUN#${runId}`, ':c': 'CORR#' },
      ExclusiveStartKey: cursor,
      ...(limit ? { Limit: limit } : {}),
      ConsistentRead: true,
    }));
    return { items: (res.Items ?? []).map((i) => stripKeys<CorrectionRef>(i)), cursor: res.LastEvaluatedKey };
  }

  async allCorrections(runId: string): Promise<CorrectionRef[]> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p AND begins_with(sk, :c)', ExpressionAttributeValues: { ':p': `SUBRUN#${runId}`, ':c': 'CORR#' }, ConsistentRead: true });
    return items.map((i) => stripKeys<CorrectionRef>(i));
  }

  // ── approval ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** The approval record holds the workflow's task token (never shown by the API). The latest token wins. */
  async putApproval(runId: string, taskToken: string, at: string): Promise<void> {
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `SUBRUN#${runId}`, sk: 'APPROVAL', entity: 'subsidy-approval', runId, taskToken, createdAt: at } }));
  }

  async getApproval(runId: string): Promise<{ runId: string; taskToken: string; createdAt: string } | undefined> {
    const r = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `SUBRUN#${runId}`, sk: 'APPROVAL' }, ConsistentRead: true }));
    return r.Item ? stripKeys(r.Item) : undefined;
  }

  // ── ledger ────────────────────────────────────────────────────────────────────────────────────────────────────

  async ledgerOf(caseId: string): Promise<LedgerEntry[]> {
    const items = await queryAll(this.db, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PAID#${caseId}` }, ConsistentRead: true });
    return items.map(ledgerFromItem).filter((e): e is LedgerEntry => e !== null);
  }

  /**
   * Months paid before Vatra, brought in by an import: one ledger entry per month (written once: the condition refuses
   * a second write) and the child's counter of paid months moved by as many, as a run's payment keeps them — for the
   * caller's transaction. `extra` is what the importing area adds to each entry (its own index, the row it came from).
   */
  importedLedgerItems(caseId: string, runId: string, months: readonly { month: string; amount: number; paidAt: string; paymentReference: string; extra: Record<string, unknown> }[]): TransactItem[] {
    if (!months.length) return [];
    return [
      ...months.map((m): TransactItem => ({
        Put: {
          TableName: this.table,
          Item: {
            ...m.extra, ...ledgerKey(caseId, m.month, 'monthly'), entity: 'paid',
            caseId, month: m.month, amount: m.amount, kind: 'monthly', runId, paidAt: m.paidAt, paymentReference: m.paymentReference, source: 'import',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
      {
        // the child's count of paid months (a cap per child reads it)
        Update: {
          TableName: this.table, Key: { pk: `PAID#${caseId}`, sk: LEDGER_COUNT_SK },
          UpdateExpression: 'SET entity = :ent, caseId = :c ADD months :d',
          ExpressionAttributeValues: { ':ent': 'paid-count', ':c': caseId, ':d': months.length },
        },
      },
    ];
  }

  /**
   * One month of the ledger for many children: the month's entry and the child's counter of paid months (2 keys a
   * child, BatchGets of 100), then the month's recovery only for the children whose month was paid (a recovery
   * exists only beside its payment: the other keys are known not to exist). Children without a counter have never
   * been paid through a run: 0.
   */
  async ledgerForMonth(caseIds: readonly string[], month: string): Promise<Map<string, { entries: LedgerEntry[]; paidMonths: number }>> {
    const out = new Map<string, { entries: LedgerEntry[]; paidMonths: number }>();
    const unique = [...new Set(caseIds)];
    for (const id of unique) out.set(id, { entries: [], paidMonths: 0 });
    const take = (items: readonly Item[]) => {
      for (const item of items) {
        const slot = out.get(String(item.pk).replace(/^PAID#/, ''));
        if (!slot) continue;
        if (item.sk === LEDGER_COUNT_SK) slot.paidMonths = Number(item.months ?? 0);
        else {
          const e = ledgerFromItem(item);
          if (e) slot.entries.push(e);
        }
      }
    };
    take(await batchGetAll(this.db, unique.flatMap((id) => [ledgerKey(id, month, 'monthly'), { pk: `PAID#${id}`, sk: LEDGER_COUNT_SK }])));
    const paid = unique.filter((id) => out.get(id)!.entries.length > 0);
    if (paid.length > 0) take(await batchGetAll(this.db, paid.map((id) => ledgerKey(id, month, 'recovery'))));
    return out;
  }

  /**
   * Pay up to 25 lines in ONE transaction: each line's ledger entry (conditional put) and one counter update per child.
   * The line itself is not written: a pending line whose entry this run wrote is paid (`resolvePayments`). All or
   * nothing: false when any entry already exists (a retried page, or a month another run paid) — then the caller
   * looks the entries up (`ledgerEntries`) and writes the missing ones one by one (`writeLedger`).
   */
  async writeLedgerGroup(entries: readonly (LedgerEntry & { lineSk: string })[]): Promise<boolean> {
    if (entries.length === 0) return true;
    if (entries.length > 25) throw new RangeError('at most 25 ledger entries per transaction');
    const perChild = new Map<string, number>();
    for (const e of entries) perChild.set(e.caseId, (perChild.get(e.caseId) ?? 0) + (e.kind === 'recovery' ? -1 : 1));
    const keys = new Set(entries.map((e) => JSON.stringify(ledgerKey(e.caseId, e.month, e.kind))));
    if (keys.size !== entries.length) return false;
    try {
      // a child's lines in two groups written at once meet on its counter: a conflict is sent again (`transact`)
      await this.transact([
        ...entries.map((e): TransactItem => ({ Put: { TableName: this.table, Item: { ...ledgerKey(e.caseId, e.month, e.kind), entity: 'paid', ...e }, ConditionExpression: 'attribute_not_exists(pk)' } })),
        ...[...perChild.entries()].map(([caseId, d]): TransactItem => ({
          Update: {
            TableName: this.table, Key: { pk: `PAID#${caseId}`, sk: LEDGER_COUNT_SK },
            UpdateExpression: 'SET entity = :ent, caseId = :c ADD months :d',
            ExpressionAttributeValues: { ':ent': 'paid-count', ':c': caseId, ':d': d },
          },
        })),
      ]);
      return true;
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.some((r) => r === 'ConditionalCheckFailed')) return false;
      throw err;
    }
  }

  /**
   * The ledger entries of these lines that exist, by line key (`lineSk`), each with the line it was written for
   * (`writtenFor`, absent on entries not written by a run: imports, seeds); consistent reads, 100 keys per request, 4
   * requests at a time.
   */
  async ledgerEntries(lines: readonly Pick<RunLine, 'caseId' | 'kind' | 'month'>[]): Promise<Map<string, LedgerEntry & { writtenFor?: string }>> {
    const out = new Map<string, LedgerEntry & { writtenFor?: string }>();
    const bySk = new Map(lines.map((l) => [JSON.stringify(ledgerKey(l.caseId, l.month, l.kind)), lineSk(l.caseId, l.kind, l.month)]));
    const keys = lines.map((l) => ledgerKey(l.caseId, l.month, l.kind));
    const chunks: (typeof keys)[] = [];
    for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
    await mapLimit(chunks, 4, async (chunk) => {
      for (const item of await batchGetAll(this.db, chunk)) {
        const sk = bySk.get(JSON.stringify({ pk: item.pk, sk: item.sk }));
        const e = ledgerFromItem(item);
        if (sk && e) out.set(sk, { ...e, ...(typeof item.lineSk === 'string' ? { writtenFor: item.lineSk } : {}) });
      }
    });
    return out;
  }

  /**
   * The lines with their payment as the ledger says it (one write per payment: a paid line keeps `pending` in its
   * item). A pending payable line whose entry THIS run wrote for THIS line is paid, at the entry's time; a line
   * dropped because another run paid its month carries that in its item (the only status MarkPaid writes); anything
   * else is as stored, and lines of runs paid before session 15 carry `paid` in their items. One consistent BatchGet
   * per 100 pending payable lines (1 RRU a key, found or not) — callers resolve only lines of an approved run.
   */
  async resolvePayments(runId: string, lines: readonly RunLine[]): Promise<RunLine[]> {
    const open = lines.filter((l) => l.eligible && l.payment.status === 'pending');
    if (open.length === 0) return [...lines];
    const entries = await this.ledgerEntries(open);
    return lines.map((l) => {
      if (!l.eligible || l.payment.status !== 'pending') return l;
      const sk = lineSk(l.caseId, l.kind, l.month);
      const e = entries.get(sk);
      return e && whoseEntry(e, runId, sk) === 'this-line' ? { ...l, payment: { status: 'paid', at: e.paidAt } } : l;
    });
  }

  /**
   * Every payable line of the run, its payment read from the ledger (`resolvePayments`): pages of 1,000 lines read
   * consistently. The payment file keeps the paid ones; a run that failed while paying counts them (`paymentOf`).
   */
  async payableLines(runId: string): Promise<RunLine[]> {
    const out: RunLine[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.lines(runId, { cursor, limit: 1000, maxRequests: 20, consistent: true, filter: { expression: 'eligible = :yes', values: { ':yes': true } } });
      out.push(...(await this.resolvePayments(runId, page.items)));
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  /**
   * Record the payment of a FAILED run (what its ledger entries pay). Only while it has none, or — with `replacing` —
   * when it still holds exactly that earlier figure: entries written by a MarkPaid invocation still running when the
   * run failed only add to it, never take away.
   */
  async recordFailedPayment(runId: string, payment: NonNullable<RunRecord['payment']>, replacing?: NonNullable<RunRecord['payment']>): Promise<boolean> {
    try {
      await this.db.doc.send(new UpdateCommand({
        TableName: this.table, Key: runKey(runId),
        UpdateExpression: 'SET #p = :p',
        ConditionExpression: replacing ? '#st = :failed AND #p = :old' : '#st = :failed AND attribute_not_exists(#p)',
        ExpressionAttributeNames: { '#p': 'payment', '#st': 'status' },
        ExpressionAttributeValues: { ':p': payment, ':failed': 'failed', ...(replacing ? { ':old': replacing } : {}) },
      }));
      return true;
    } catch (e) {
      if (isConditionalFailure(e)) return false;
      throw e;
    }
  }

  /**
   * Write a ledger entry if none exists for its key, and move the child's counter of paid months in the same
   * transaction (+1 for a payment, -1 for a recovery): the condition on the entry makes both happen at most once.
   * Returns 'written', 'mine' (already written by this run: a retry) or the run that wrote it first.
   */
  async writeLedger(e: LedgerEntry & { lineSk: string }): Promise<{ outcome: 'written' | 'mine' } | { outcome: 'other'; runId: string }> {
    const key = ledgerKey(e.caseId, e.month, e.kind);
    try {
      await this.transact([
        { Put: { TableName: this.table, Item: { ...key, entity: 'paid', ...e }, ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        {
          Update: {
            TableName: this.table, Key: { pk: `PAID#${e.caseId}`, sk: LEDGER_COUNT_SK },
            UpdateExpression: 'SET entity = :ent, caseId = :c ADD months :d',
            ExpressionAttributeValues: { ':ent': 'paid-count', ':c': e.caseId, ':d': e.kind === 'recovery' ? -1 : 1 },
          },
        },
      ]);
      return { outcome: 'written' };
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons?.[0] !== 'ConditionalCheckFailed') throw err;
      let old = ((err as { CancellationReasons?: { Item?: Item }[] }).CancellationReasons?.[0]?.Item) as Item | undefined;
      if (!old) old = (await this.db.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
      const text = (v: unknown) => String(v && typeof v === 'object' && 'S' in v ? (v as { S: string }).S : v ?? '');
      const runId = text(old?.runId);
      const whose = whoseEntry({ runId, ...(old?.lineSk === undefined ? {} : { writtenFor: text(old.lineSk) }) }, e.runId, e.lineSk);
      if (whose === 'other-run') return { outcome: 'other', runId };
      if (whose === 'other-line') throw new Error(`ledger ${key.pk} ${key.sk} was written by this run for another line`);
      return { outcome: 'mine' };
    }
  }

  // ── cases ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /** Case records by id, 100 per request (missing ones are left out). */
  async casesByIds(ids: readonly string[]): Promise<Map<string, CaseRecord>> {
    const out = new Map<string, CaseRecord>();
    for (const item of await batchGetAll(this.db, [...new Set(ids)].map((id) => caseKey(id)))) {
      const c = await this.codec.decode(stripKeys(item));
      out.set(c.caseId, c);
    }
    return out;
  }

  // ── the month's children ──────────────────────────────────────────────────────────────────────────────────────

  /** Distinct children with a participation summary in the month, in case order (gsi2 `PART#<month>`, case ids only). */
  async childIds(month: string): Promise<string[]> {
    const items = await queryAll(this.db, {
      IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `PART#${month}` }, ProjectionExpression: 'caseId',
    });
    return [...new Set(items.map((i) => String(i.caseId)))];
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────────────────────────

  /** One TransactWriteItems, sent again when it met a concurrent write (TransactionConflict). */
  private async transact(items: TransactItem[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (e) {
        if (!cancellationReasons(e)?.some((r) => r === 'TransactionConflict') || attempt >= 6) throw e;
        await sleep(Math.min(2000, 50 * 2 ** attempt));
      }
    }
  }

  async batchWrite(requests: readonly Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25) as Record<string, unknown>[];
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        const res = await this.db.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending as never } }));
        pending = res.UnprocessedItems?.[this.table] as Record<string, unknown>[] | undefined;
        if (pending?.length) await sleep(Math.min(1000, 25 * 2 ** attempt));
      }
    }
  }

}

/**
 * Whose payment a ledger entry is, for the line `sk` of run `runId`: this line's; this run's for ANOTHER line on the
 * same key (an adjustment and a month share it — never both in one run: counting it would pay one entry twice); or
 * another run's (imports included).
 */
export function whoseEntry(e: Pick<LedgerEntry, 'runId'> & { writtenFor?: string }, runId: string, sk: string): 'this-line' | 'other-line' | 'other-run' {
  if (e.runId !== runId) return 'other-run';
  return (e.writtenFor ?? sk) === sk ? 'this-line' : 'other-line';
}

/** A ledger item → entry; items written before kinds existed (or seeded) count as monthly payments. */
export function ledgerFromItem(i: Item): LedgerEntry | null {
  const caseId = String(i.caseId ?? String(i.pk ?? '').replace(/^PAID#/, ''));
  const sk = String(i.sk ?? '');
  const month = typeof i.month === 'string' ? i.month : sk.slice(0, 7);
  const amount = typeof i.amount === 'number' ? i.amount : typeof i.amountLei === 'number' ? i.amountLei : NaN;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !Number.isFinite(amount)) return null;
  const kind: LedgerEntry['kind'] = i.kind === 'recovery' || sk.endsWith(RECOVERY_SUFFIX) ? 'recovery' : i.kind === 'arrears' ? 'arrears' : 'monthly';
  return { caseId, month, amount, kind, runId: String(i.runId ?? ''), paidAt: String(i.paidAt ?? '') };
}

