/**
 * The report aggregates in the main table — a projection kept current incrementally (docs/decisions/018-performance.md):
 *
 * - `RAGG` / `M#<YYYY-MM>`: the sum of every child's contribution (aggregates.ts), one item per month, one number
 *   attribute `<dd>|<counter>` per day and counter; the indicators of a day read the months up to it (one Query);
 * - `RCHILD#<child>` / `CONTRIB`: one child's contribution and its cases (child = smallest case id of the cases sharing
 *   an identity key), versioned: what a change subtracts before it adds the new one;
 * - `RFACT#<caseId>` / `FACT`: the case's report facts (no names) and its child; `RKEY#<identity key>` / `<caseId>`:
 *   which cases share a key — so a change finds the child's other cases without reading the caseload;
 * - `RAGG` / `META`: set by the first build (`rebuild`).
 *
 * What changed comes from the change journal (platform/db/journal.ts). `current()` applies the journal — per changed
 * case, one transaction that swaps the child's old contribution for the new one and moves the month counters by the
 * difference, guarded by the child items' versions — then reads the months. Nothing here is written by a request
 * that changes a case: that one only journals.
 */
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, cancellationReasons, isConditionalFailure, queryAll, type Db } from '../platform/db/db.js';
import { JOURNAL_SHARDS, journalPk } from '../platform/db/journal.js';
import { mapLimit } from '../platform/concurrency.js';
import { logger } from '../platform/log.js';
import { addDeltas, childContribution, deltasByMonth, splitByChild, type Counters, type DayDeltas } from './aggregates.js';
import type { ReportData } from './model.js';
import type { CaseFacts, ReportReader } from './store.js';

type Item = Record<string, unknown>;

const AGG_PK = 'RAGG';
const META = { pk: AGG_PK, sk: 'META' };
const monthKey = (month: string) => ({ pk: AGG_PK, sk: `M#${month}` });
const factKey = (caseId: string) => ({ pk: `RFACT#${caseId}`, sk: 'FACT' });
const childKey = (root: string) => ({ pk: `RCHILD#${root}`, sk: 'CONTRIB' });
const identityKey = (key: string, caseId: string) => ({ pk: `RKEY#${key}`, sk: caseId });

interface StoredFact { caseId: string; facts: CaseFacts; root: string }
interface StoredChild { root: string; caseIds: string[]; deltas: DayDeltas; version: number }
interface JournalEntry { caseId: string; shard: number; token: string }

/** Only what the figures need of a case: no names, no narratives. */
function minimal(f: CaseFacts): CaseFacts {
  return { ...f, rc: { ...f.rc, childName: '', legalRepresentativeKey: '', riskFactors: [], reviewDays: [] } };
}

const dataOf = (facts: Iterable<CaseFacts>): ReportData => {
  const out: ReportData = { cases: [], enrolments: [], paid: [], identityDocuments: [] };
  for (const f of facts) {
    out.cases.push(f.rc);
    out.enrolments.push(...f.enrolments);
    out.paid.push(...f.paid);
  }
  return out;
};

/** Month item attributes of some deltas: `<dd>|<counter>` → n. */
function monthAttributes(deltas: DayDeltas): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [day, counters] of Object.entries(deltas)) for (const [k, v] of Object.entries(counters)) out[`${day.slice(8, 10)}|${k}`] = v;
  return out;
}

export class AggregateConflict extends Error {}

/** One entry per case (the last read): applying a case once brings all its journalled changes in. */
const latestPerCase = (entries: readonly JournalEntry[]) => [...new Map(entries.map((e) => [e.caseId, e])).values()];

export class ReportAggregateStore {
  constructor(private readonly db: Db, private readonly reader: ReportReader, private readonly concurrency = 4) {}

  private get table() { return this.db.mainTable; }

  // ── reading ──────────────────────────────────────────────────────────────────────────────────────────────────

  /** The counters on `asOf`, after applying the journal (and building the aggregates the first time). */
  async countersOn(asOf: string): Promise<{ counters: Counters; applied: number; built: boolean }> {
    const [meta, journal, months] = await Promise.all([this.meta(), this.journal(), this.months(asOf)]);
    if (!meta) {
      await this.rebuild();
      return { counters: sumMonths(await this.months(asOf), asOf), applied: 0, built: true };
    }
    if (journal.length === 0) return { counters: sumMonths(months, asOf), applied: 0, built: false };
    await this.apply(journal);
    return { counters: sumMonths(await this.months(asOf), asOf), applied: journal.length, built: false };
  }

  /**
   * The projection made current for a reader of facts (`storedFacts`): built if it never was, else the journal applied
   * case by case. Answers the cases whose stored facts may be behind — a change that could not be applied (a conflict
   * that persisted, a child too large for one transaction), or `'all'` when the build failed — which the reader then
   * takes from their sources: a report is never refused because the projection is behind. Each failure is logged.
   */
  async makeCurrent(): Promise<ReadonlySet<string> | 'all'> {
    const [meta, journal] = await Promise.all([this.meta(), this.journal()]);
    if (!meta) {
      try {
        await this.rebuild();
        return new Set();
      } catch (err) {
        logger.warn('report projection: build failed, the report reads the sources', { error: (err as Error).name });
        return 'all';
      }
    }
    const behind = new Set<string>();
    await mapLimit(latestPerCase(journal), this.concurrency, async (e) => {
      try {
        await this.applyEntry(e);
      } catch (err) {
        logger.warn('report projection: a change was not applied, the report reads that case from its sources', { caseId: e.caseId, error: (err as Error).name });
        behind.add(e.caseId);
      }
    });
    return behind;
  }

  /** The stored facts of these cases, except those `makeCurrent` found behind (one BatchGet per 100 cases). */
  async storedFacts(caseIds: readonly string[], behind: ReadonlySet<string> | 'all'): Promise<Map<string, CaseFacts>> {
    if (behind === 'all') return new Map();
    const stored = await this.facts(caseIds.filter((id) => !behind.has(id)));
    return new Map([...stored].map(([id, f]) => [id, f.facts]));
  }

  private async meta(): Promise<Item | undefined> {
    return (await this.db.doc.send(new GetCommand({ TableName: this.table, Key: META, ConsistentRead: true }))).Item;
  }

  private async months(asOf: string): Promise<Item[]> {
    return queryAll(this.db, {
      KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':p': AGG_PK, ':a': 'M#', ':b': `M#${asOf.slice(0, 7)}` },
      ConsistentRead: true,
    });
  }

  /** Every journal entry (one Query per shard, in parallel). */
  async journal(): Promise<JournalEntry[]> {
    const shards = await Promise.all(Array.from({ length: JOURNAL_SHARDS }, (_, shard) =>
      queryAll(this.db, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': journalPk(shard) }, ConsistentRead: true })
        .then((items) => items.map((i) => ({ caseId: String(i.sk), shard, token: String(i.token) })))));
    return shards.flat();
  }

  // ── applying the journal ─────────────────────────────────────────────────────────────────────────────────────

  /** Apply journal entries: each case's child is recomputed in one transaction; the entry is then removed if unchanged. */
  async apply(entries: readonly JournalEntry[]): Promise<void> {
    await mapLimit(latestPerCase(entries), this.concurrency, (e) => this.applyEntry(e));
  }

  /** One journal entry: its case's child recomputed (conflicts retried), then the entry removed if unchanged. */
  private async applyEntry(e: JournalEntry): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.refreshCase(e.caseId);
        break;
      } catch (err) {
        // another request refreshed the same child meanwhile: read again
        if (!(err instanceof AggregateConflict) || attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
      }
    }
    await this.clearJournal(e);
  }

  private async clearJournal(e: JournalEntry): Promise<void> {
    try {
      await this.db.doc.send(new DeleteCommand({
        TableName: this.table, Key: { pk: journalPk(e.shard), sk: e.caseId },
        ConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'token' }, ExpressionAttributeValues: { ':t': e.token },
      }));
    } catch (err) {
      // changed again while it was applied: the newer entry stays for the next read
      if (!isConditionalFailure(err)) throw err;
    }
  }

  private async facts(ids: readonly string[]): Promise<Map<string, StoredFact>> {
    const items = await batchGetAll(this.db, ids.map(factKey));
    return new Map(items.map((i) => [String(i.caseId), { caseId: String(i.caseId), facts: JSON.parse(String(i.facts)) as CaseFacts, root: String(i.root) }]));
  }

  private async children(roots: readonly string[]): Promise<Map<string, StoredChild>> {
    const items = await batchGetAll(this.db, roots.map(childKey));
    return new Map(items.map((i) => [String(i.root), { root: String(i.root), caseIds: i.caseIds as string[], deltas: JSON.parse(String(i.deltas)) as DayDeltas, version: Number(i.version) }]));
  }

  private async casesWithKey(key: string): Promise<string[]> {
    const res = await queryAll(this.db, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `RKEY#${key}` }, ConsistentRead: true });
    return res.map((i) => String(i.sk));
  }

  /**
   * Recompute the child of one changed case: its current facts, the cases it shares a key with (before and after the
   * change: children can merge or split), the old contributions of every child involved and the new ones; then one
   * transaction writes it all and moves the month counters by the difference.
   */
  async refreshCase(caseId: string): Promise<void> {
    const fresh = await this.reader.factsOf(caseId);
    const now = fresh ? minimal(fresh) : null;
    const stored = new Map<string, StoredFact>();
    const oldChildren = new Map<string, StoredChild>();
    const members = new Set<string>([caseId]);
    const seenKeys = new Set<string>();
    let frontier = [caseId];
    while (frontier.length > 0) {
      const got = await this.facts(frontier.filter((id) => !stored.has(id)));
      for (const [id, f] of got) stored.set(id, f);
      const roots = [...new Set(frontier.map((id) => stored.get(id)?.root).filter((r): r is string => !!r && !oldChildren.has(r)))];
      for (const [r, c] of await this.children(roots)) oldChildren.set(r, c);
      const next = new Set<string>();
      for (const r of roots) for (const id of oldChildren.get(r)?.caseIds ?? []) if (!members.has(id)) next.add(id);
      const keys = new Set<string>();
      for (const id of frontier) {
        const f = id === caseId ? now : stored.get(id)?.facts;
        for (const k of [...(f?.rc.identityKeys ?? []), ...(id === caseId ? stored.get(id)?.facts.rc.identityKeys ?? [] : [])]) if (!seenKeys.has(k)) keys.add(k);
      }
      for (const k of keys) seenKeys.add(k);
      for (const ids of await Promise.all([...keys].map((k) => this.casesWithKey(k)))) for (const id of ids) if (!members.has(id)) next.add(id);
      for (const id of next) members.add(id);
      frontier = [...next];
    }

    const factsNow = new Map<string, CaseFacts>();
    for (const id of members) {
      const f = id === caseId ? now : stored.get(id)?.facts;
      if (f) factsNow.set(id, f);
    }
    const groups = splitByChild(dataOf(factsNow.values()));
    const newChildren = new Map<string, { caseIds: string[]; deltas: DayDeltas }>();
    for (const [root, data] of groups) newChildren.set(root, { caseIds: data.cases.map((c) => c.caseId).sort(), deltas: childContribution(data) });
    const rootOf = new Map<string, string>();
    for (const [root, c] of newChildren) for (const id of c.caseIds) rootOf.set(id, root);

    const net: DayDeltas = {};
    for (const c of oldChildren.values()) addDeltas(net, c.deltas, -1);
    for (const c of newChildren.values()) addDeltas(net, c.deltas);

    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [];
    const versionIs = (v: number) => ({ ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': v } });
    for (const [root, old] of oldChildren) {
      if (!newChildren.has(root)) items.push({ Delete: { TableName: this.table, Key: childKey(root), ...versionIs(old.version) } });
    }
    for (const [root, c] of newChildren) {
      const old = oldChildren.get(root);
      items.push({
        Put: {
          TableName: this.table,
          Item: { ...childKey(root), entity: 'report-child', root, caseIds: c.caseIds, deltas: JSON.stringify(c.deltas), version: (old?.version ?? 0) + 1 },
          ...(old ? versionIs(old.version) : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      });
    }
    if (now) items.push({ Put: { TableName: this.table, Item: { ...factKey(caseId), entity: 'report-fact', caseId, root: rootOf.get(caseId)!, facts: JSON.stringify(now) } } });
    else if (stored.has(caseId)) items.push({ Delete: { TableName: this.table, Key: factKey(caseId) } });
    for (const [id, f] of stored) {
      if (id !== caseId && rootOf.get(id) && rootOf.get(id) !== f.root) {
        items.push({ Update: { TableName: this.table, Key: factKey(id), UpdateExpression: 'SET #r = :r', ExpressionAttributeNames: { '#r': 'root' }, ExpressionAttributeValues: { ':r': rootOf.get(id)! } } });
      }
    }
    const before = new Set(stored.get(caseId)?.facts.rc.identityKeys ?? []);
    const after = new Set(now?.rc.identityKeys ?? []);
    for (const k of before) if (!after.has(k)) items.push({ Delete: { TableName: this.table, Key: identityKey(k, caseId) } });
    for (const k of after) if (!before.has(k)) items.push({ Put: { TableName: this.table, Item: { ...identityKey(k, caseId), entity: 'report-key', caseId } } });
    for (const [month, deltas] of deltasByMonth(net)) {
      const attrs = Object.entries(monthAttributes(deltas));
      if (attrs.length === 0) continue;
      items.push({
        Update: {
          TableName: this.table, Key: monthKey(month),
          UpdateExpression: `SET entity = :e ADD ${attrs.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(attrs.map(([k], i) => [`#a${i}`, k])),
          ExpressionAttributeValues: { ':e': 'report-aggregate', ...Object.fromEntries(attrs.map(([, v], i) => [`:a${i}`, v])) },
        },
      });
    }
    if (items.length === 0) return;
    if (items.length > 100) throw new Error(`report aggregate: ${items.length} items for one child (more than one transaction holds)`);
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (reasons && (reasons.includes('ConditionalCheckFailed') || reasons.includes('TransactionConflict'))) throw new AggregateConflict(caseId);
      throw err;
    }
  }

  // ── building ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** Build everything from the caseload (the first read, and after a restore). The journal read before is cleared. */
  async rebuild(data?: ReportData): Promise<{ cases: number; children: number; months: number }> {
    const journal = await this.journal();
    const facts = data ? factsFromData(data) : await this.loadFacts();
    return this.write(facts, journal);
  }

  private async loadFacts(): Promise<Map<string, CaseFacts>> {
    return factsFromData(await this.reader.load());
  }

  private async write(facts: Map<string, CaseFacts>, journal: readonly JournalEntry[]): Promise<{ cases: number; children: number; months: number }> {
    const groups = splitByChild(dataOf(facts.values()));
    const total: DayDeltas = {};
    const puts: Item[] = [];
    for (const [root, data] of groups) {
      const deltas = childContribution(data);
      addDeltas(total, deltas);
      puts.push({ ...childKey(root), entity: 'report-child', root, caseIds: data.cases.map((c) => c.caseId).sort(), deltas: JSON.stringify(deltas), version: 1 });
      for (const c of data.cases) {
        puts.push({ ...factKey(c.caseId), entity: 'report-fact', caseId: c.caseId, root, facts: JSON.stringify(facts.get(c.caseId)) });
        for (const k of c.identityKeys) puts.push({ ...identityKey(k, c.caseId), entity: 'report-key', caseId: c.caseId });
      }
    }
    const oldMonths = await queryAll(this.db, { KeyConditionExpression: 'pk = :p AND begins_with(sk, :m)', ExpressionAttributeValues: { ':p': AGG_PK, ':m': 'M#' } });
    const months = deltasByMonth(total);
    await this.batchWrite([
      ...oldMonths.filter((m) => !months.has(String(m.sk).slice(2))).map((m) => ({ DeleteRequest: { Key: { pk: m.pk, sk: m.sk } } })),
      ...puts.map((Item) => ({ PutRequest: { Item } })),
      ...[...months].map(([month, deltas]) => ({ PutRequest: { Item: { ...monthKey(month), entity: 'report-aggregate', ...monthAttributes(deltas) } } })),
    ]);
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: { ...META, entity: 'report-aggregate-meta', builtAt: new Date().toISOString(), cases: facts.size, children: groups.size } }));
    await mapLimit(journal, 8, (e) => this.clearJournal(e));
    return { cases: facts.size, children: groups.size, months: months.size };
  }

  private async batchWrite(requests: Item[]): Promise<void> {
    await mapLimit(Array.from({ length: Math.ceil(requests.length / 25) }, (_, i) => requests.slice(i * 25, i * 25 + 25)), 4, async (chunk) => {
      let pending: Item[] | undefined = chunk;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
        const res = await this.db.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: pending as never } }));
        pending = res.UnprocessedItems?.[this.table] as Item[] | undefined;
      }
    });
  }
}

function factsFromData(data: ReportData): Map<string, CaseFacts> {
  const out = new Map<string, CaseFacts>();
  for (const rc of data.cases) out.set(rc.caseId, { rc, enrolments: [], paid: [] });
  for (const e of data.enrolments) out.get(e.caseId)?.enrolments.push(e);
  for (const p of data.paid) out.get(p.caseId)?.paid.push(p);
  for (const [id, f] of out) out.set(id, minimal(f));
  return out;
}

/** Counters on `asOf` from the month items up to its month. */
export function sumMonths(items: readonly Item[], asOf: string): Counters {
  const out: Counters = {};
  const lastDay = asOf.slice(8, 10);
  for (const item of items) {
    const month = String(item.sk).slice(2);
    const sameMonth = month === asOf.slice(0, 7);
    for (const [k, v] of Object.entries(item)) {
      if (typeof v !== 'number' || k[2] !== '|') continue;
      if (sameMonth && k.slice(0, 2) > lastDay) continue;
      const counter = k.slice(3);
      out[counter] = (out[counter] ?? 0) + v;
    }
  }
  return out;
}

