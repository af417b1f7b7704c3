/**
 * Synthetic children for the monthly-run tests and benchmark, written FAST and directly into the local table with the
 * stores' own item shapes (cases: CaseStore.item, enrolments: EnrolmentStore.putItem, summaries: the register's
 * summary item, corrections: RegisterStore.correctionItem) — the RUN itself always goes through the API and the
 * workflow. Every child is clearly fake. Also: a tiny CSV reader and the expected verdict of a child computed
 * independently of the rule code, from what the child was made to be.
 */
import { BatchWriteCommand, DynamoDBDocumentClient, type BatchWriteCommandOutput, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { localTableName } from '../../local/dynamo.js';
import { getService, type ServiceId } from '../../shared/services/catalogue.js';
import type { CaseRecord } from '../../shared/cases/model.js';
import { openDatesInMonth } from '../../shared/services/rules/participation.js';
import { syntheticRoIban } from '../../shared/platform/ro/iban.js';
import { CaseStore } from '../../shared/cases/store.js';
import type { Db } from '../../shared/platform/db/db.js';
import { EnrolmentStore, type EnrolmentRecord } from '../../shared/services/enrolment-store.js';
import { RegisterStore, summaryKey, type CorrectionRecord } from '../../shared/services/register-store.js';
import { auditTable, mainTable } from '../../shared/platform/db/tables.js';
import type { Api } from './api.js';
import { eventually } from './api.js';
import { letters } from './fixtures.js';
import { dynamoCredentials, type RuntimeUrls } from './runtime.js';
import { installChangeJournal } from '../../shared/platform/db/journal.js';

export interface ChildSpec {
  serviceId: ServiceId;
  cohort: '18m' | '12m' | null;
  /** late = given after May 2025 (valid from 15 June) */
  consent: 'valid' | 'missing' | 'withdrawn' | 'late';
  /** closed_during: closed 20 May 2025; opened_after: opened 5 June 2025 */
  caseState: 'open' | 'closed_before' | 'closed_during' | 'opened_after';
  /** partial: from 19 May 2025 */
  enrolment: 'full' | 'partial' | 'waiting' | 'ended_before';
  participation: 'active' | 'low' | 'none';
  iban: 'valid' | 'missing' | 'invalid';
  /** the seeded month already has a payment from an earlier (legacy) run */
  alreadyPaid: boolean;
}

export interface SeededChild extends ChildSpec {
  caseId: string;
  caseNumber: string;
  institution: 'DAS' | 'DGASPC';
  beneficiary: string;
  childFirstName: string;
  ibanValue: string | null;
}

export function documentClient(urls: RuntimeUrls): DynamoDBDocumentClient {
  return installChangeJournal(DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: urls.dynamodb, region: 'eu-central-1', credentials: dynamoCredentials(urls), maxAttempts: 8 }), {
    marshallOptions: { removeUndefinedValues: true },
  }));
}

export function localDb(urls: RuntimeUrls): Db {
  return { doc: documentClient(urls), mainTable: localTableName(mainTable), auditTable: localTableName(auditTable) };
}

/** A small deterministic PRNG (mulberry32), so a failing population can be reproduced. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: number, table: readonly [number, T][]): T => {
  let acc = 0;
  for (const [w, v] of table) {
    acc += w;
    if (r < acc) return v;
  }
  return table[table.length - 1]![1];
};

/** The project's 266 children (117 day centres, 60 Podu Lung, 75 intervention A, 14 intervention B) with varied facts. */
export function population(n: number, seed: number): ChildSpec[] {
  const rnd = prng(seed);
  const services: ServiceId[] = [];
  const quota: [ServiceId, number][] = [['cz-sf-nicolae', 59], ['cz-kuncz', 58], ['cr-podu-lung', 60], ['int-a', 75], ['int-b', 14]];
  while (services.length < n) for (const [id, q] of quota) for (let i = 0; i < q && services.length < n; i++) services.push(id);
  return services.map((serviceId, i) => ({
    serviceId,
    cohort: rnd() < 0.02 ? null : i < Math.round((n * 187) / 266) ? '18m' : '12m',
    consent: pick(rnd(), [[0.85, 'valid'], [0.05, 'missing'], [0.05, 'withdrawn'], [0.05, 'late']] as const),
    caseState: pick(rnd(), [[0.88, 'open'], [0.04, 'closed_before'], [0.04, 'closed_during'], [0.04, 'opened_after']] as const),
    enrolment: pick(rnd(), [[0.8, 'full'], [0.1, 'partial'], [0.05, 'waiting'], [0.05, 'ended_before']] as const),
    participation: pick(rnd(), [[0.7, 'active'], [0.2, 'low'], [0.1, 'none']] as const),
    iban: pick(rnd(), [[0.9, 'valid'], [0.05, 'missing'], [0.05, 'invalid']] as const),
    alreadyPaid: rnd() < 0.02,
  }));
}

const ENROL_FROM = { full: '2025-03-03', partial: '2025-05-19', waiting: '2025-05-01', ended_before: '2025-03-03' } as const;

function enrolmentSpan(s: ChildSpec): { from: string; to?: string; status: EnrolmentRecord['status'] } {
  if (s.enrolment === 'waiting') return { from: ENROL_FROM.waiting, status: 'waiting' };
  if (s.enrolment === 'ended_before') return { from: ENROL_FROM.ended_before, to: '2025-04-25', status: 'ended' };
  return { from: ENROL_FROM[s.enrolment], status: 'active' };
}

/** Open days of the service in the month while the child holds a place. */
export function enrolledDays(s: ChildSpec, month: string): number {
  const span = enrolmentSpan(s);
  if (span.status === 'waiting') return 0;
  const days = openDatesInMonth(month, getService(s.serviceId)!.schedule.daysOpen);
  return days.filter((d) => d >= span.from && (!span.to || d <= span.to)).length;
}

/** Counters far from the thresholds: active = 80% present or plenty of sessions; low = 10% / none; none = nothing. */
export function summaryCounters(s: ChildSpec, month: string, participation = s.participation) {
  const e = enrolledDays(s, month);
  const zero = { scheduledDays: 0, presentDays: 0, absentDays: 0, excusedDays: 0, sessions: 0, parentSessions: 0, corrections: 0 };
  if (e === 0) return { ...zero, enrolledDays: e };
  const type = getService(s.serviceId)!.type;
  // a child who did not come is marked absent every open day: an unmarked register holds the month back instead
  if (participation === 'none') return type === 'day_centre' ? { ...zero, scheduledDays: e, absentDays: e, enrolledDays: e } : { ...zero, enrolledDays: e };
  if (type === 'day_centre') {
    const present = participation === 'active' ? Math.ceil(0.8 * e) : Math.floor(0.1 * e);
    return { ...zero, scheduledDays: e, presentDays: present, absentDays: e - present, enrolledDays: e };
  }
  return participation === 'active' ? { ...zero, sessions: 6, parentSessions: 2, enrolledDays: e } : { ...zero, enrolledDays: e };
}

function consentOf(s: ChildSpec): CaseRecord['consent'] {
  const all = ['case_management', 'services', 'subsidy', 'data_processing'];
  if (s.consent === 'missing') return { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: ['case_management', 'services', 'data_processing'] };
  if (s.consent === 'withdrawn') return { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: all, withdrawnAt: '2025-05-10T10:00:00.000Z', withdrawnPurposes: ['subsidy'] };
  if (s.consent === 'late') return { given: true, givenByRelation: 'parent', date: '2025-06-15', purposes: all };
  return { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: all };
}

let numberBase = 100_000 + Math.floor(Math.random() * 800_000);

function caseRecord(s: ChildSpec, i: number, tag: string): { record: CaseRecord; meta: Omit<SeededChild, keyof ChildSpec> } {
  const caseId = ulid();
  const caseNumber = `VT-2025-${String(numberBase++ % 1_000_000).padStart(6, '0')}`;
  const institution = s.serviceId === 'int-b' ? 'DGASPC' : 'DAS';
  const first = `Copil ${letters(i + 1)}${tag}`;
  const beneficiary = { firstName: 'Mama', lastName: `Fictiva ${letters(i + 7)}${tag}` };
  const iban = s.iban === 'valid' ? syntheticRoIban(1_000_000 + i) : s.iban === 'invalid' ? `RO00DEMO${String(i).padStart(16, '0')}` : null;
  const openedAt = s.caseState === 'opened_after' ? '2025-06-05T08:00:00.000Z' : '2025-03-01T08:00:00.000Z';
  const closedAt = s.caseState === 'closed_before' ? '2025-04-20T10:00:00.000Z' : s.caseState === 'closed_during' ? '2025-05-20T10:00:00.000Z' : undefined;
  const record: CaseRecord = {
    caseId,
    caseNumber,
    track: institution === 'DGASPC' ? 'reintegration' : 'prevention',
    stage: closedAt ? 'closed' : 'services',
    status: closedAt ? 'closed' : 'open',
    institution,
    sharedWith: [],
    caseManagerId: 'seed-subsidy-test',
    child: { firstName: first, lastName: 'Fictivescu', birthDate: '2014-06-01', residenceCity: 'Timișoara', ethnicity: 'not_declared', disability: s.serviceId === 'cr-podu-lung', inSpecialProtection: false },
    legalRepresentative: { ...beneficiary, relation: 'mother', ...(iban ? { iban } : {}) },
    referral: { source: 'school', receivedAt: '2025-03-01T08:00:00.000Z', reason: 'Date fictive pentru testul rulării lunare.', riskFactors: ['school_dropout'] },
    consent: consentOf(s),
    ...(s.cohort
      ? {
          cohort: s.cohort,
          plan: {
            planId: `P${caseId}`, type: institution === 'DGASPC' ? 'PIP' : 'PS', version: 1,
            objectives: [{ id: 'O1', text: 'Participare regulată la serviciu (test)' }],
            services: [{ serviceId: s.serviceId, responsible: 'Ana Demo' }],
            cohort: s.cohort, reviewDate: '2025-09-01', status: 'approved', approvedAt: '2025-03-02T08:00:00.000Z', approvedBy: 'seed',
          },
        }
      : {}),
    reviews: [],
    services: s.enrolment === 'full' || s.enrolment === 'partial' ? [s.serviceId] : [],
    identityKeys: [],
    workflow: { seq: 0 },
    openedAt,
    ...(closedAt ? { closedAt } : {}),
    createdAt: openedAt,
    updatedAt: closedAt ?? openedAt,
    version: 1,
    editVersion: 1,
  };
  return { record, meta: { caseId, caseNumber, institution, beneficiary: `${beneficiary.firstName} ${beneficiary.lastName}`, childFirstName: first, ibanValue: iban } };
}

export async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[], concurrency = 8): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending: unknown[] | undefined = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending?.length; attempt++) {
        const r: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
        pending = r.UnprocessedItems?.[table];
        if (pending?.length) await new Promise((res) => setTimeout(res, 20 * 2 ** Math.min(attempt, 6)));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Write the children: case items, enrolments, a monthly summary for each of `months`, and the legacy payments of the
 * `alreadyPaid` ones in `paidMonth`.
 */
export async function seedChildren(urls: RuntimeUrls, specs: readonly ChildSpec[], months: readonly string[], opts: { paidMonth?: string; tag?: string; enrolments?: boolean; concurrency?: number } = {}): Promise<SeededChild[]> {
  const db = localDb(urls);
  const cases = new CaseStore(db);
  const enrolments = new EnrolmentStore(db);
  const tag = opts.tag ?? letters(Math.floor(Math.random() * 10_000));
  const items: Record<string, unknown>[] = [];
  const out: SeededChild[] = [];
  const at = '2025-03-01T08:00:00.000Z';
  for (const [i, s] of specs.entries()) {
    const { record, meta } = caseRecord(s, i, tag);
    out.push({ ...s, ...meta });
    items.push(await cases.item(record));
    const span = enrolmentSpan(s);
    const e: EnrolmentRecord = {
      enrolmentId: ulid(), caseId: record.caseId, caseNumber: record.caseNumber, serviceId: s.serviceId, groupId: getService(s.serviceId)!.groups[0]!.id,
      status: span.status, from: span.from, ...(span.to ? { to: span.to, endReason: 'no_longer_attending', endedAt: `${span.to}T12:00:00.000Z`, endedBy: 'seed' } : {}),
      requestedAt: at, source: 'plan', createdAt: at, createdBy: 'seed', updatedAt: at, version: 1,
    };
    if (opts.enrolments !== false) items.push((enrolments.putItem(e).Put as { Item: Record<string, unknown> }).Item);
    for (const month of months) {
      items.push({
        ...summaryKey(record.caseId, month, s.serviceId), entity: 'participation-summary', caseId: record.caseId, month, serviceId: s.serviceId,
        ...summaryCounters(s, month), updatedAt: at, gsi2pk: `PART#${month}`, gsi2sk: `${record.caseId}#${s.serviceId}`,
      });
    }
    if (s.alreadyPaid && opts.paidMonth) {
      items.push({ pk: `PAID#${record.caseId}`, sk: opts.paidMonth, entity: 'paid', caseId: record.caseId, month: opts.paidMonth, amount: 400, kind: 'monthly', runId: 'legacy-import', paidAt: '2025-06-04T08:00:00.000Z' });
      items.push({ pk: `PAID#${record.caseId}`, sk: 'COUNT', entity: 'paid-count', caseId: record.caseId, months: 1 });
    }
  }
  await batchWrite(db.doc, db.mainTable, items, opts.concurrency);
  return out;
}

/** What the run must decide for a child, from what the child was made to be (never from the rule's code). */
export function expectedEligible(c: ChildSpec, month: '2025-05' | '2025-06', participation = c.participation): boolean {
  const open = month === '2025-05' ? c.caseState === 'open' || c.caseState === 'closed_during' : c.caseState === 'open' || c.caseState === 'opened_after';
  const consent = c.consent === 'valid' || (month === '2025-06' && c.consent === 'late');
  const enrolled = c.enrolment === 'full' || c.enrolment === 'partial';
  const paidBefore = month === '2025-05' && c.alreadyPaid;
  // enrolled from 19 May and the case closed on 20 May: 2 expected days, under the partial-month minimum of 5
  const tooShort = month === '2025-05' && c.caseState === 'closed_during' && c.enrolment === 'partial';
  return open && consent && enrolled && !tooShort && participation === 'active' && c.cohort !== null && c.iban === 'valid' && !paidBefore;
}

/**
 * A register correction of a closed month for one day-centre child, as the registers write it: the summary's counters
 * move (present ↔ absent) and a pending correction record is stored, in one transaction.
 */
export async function seedCorrection(urls: RuntimeUrls, child: SeededChild, month: string, to: 'active' | 'low'): Promise<string> {
  const db = localDb(urls);
  const registers = new RegisterStore(db);
  const before = summaryCounters(child, month);
  const after = summaryCounters(child, month, to);
  const delta = {
    scheduledDays: after.scheduledDays - before.scheduledDays, presentDays: after.presentDays - before.presentDays, absentDays: after.absentDays - before.absentDays,
    excusedDays: 0, sessions: after.sessions - before.sessions, parentSessions: after.parentSessions - before.parentSessions, corrections: 1,
  };
  const at = new Date().toISOString();
  const correction: CorrectionRecord = {
    correctionId: ulid(), kind: 'attendance', caseId: child.caseId, serviceId: child.serviceId, month, date: `${month}-15`,
    before: { presentDays: before.presentDays }, after: { presentDays: after.presentDays }, delta,
    reason: 'Foaia de prezență corectată după verificare (test).', author: { userId: 'seed', displayName: 'Test' }, at, status: 'pending',
  };
  await db.doc.send(new TransactWriteCommand({
    TransactItems: [registers.summaryUpdateItem({ caseId: child.caseId, month, serviceId: child.serviceId }, delta, at, undefined, at), registers.correctionItem(correction)],
  }));
  return correction.correctionId;
}

export async function correctionStatus(urls: RuntimeUrls, id: string): Promise<string | undefined> {
  const db = localDb(urls);
  const r = await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: { pk: `CORR#${id}`, sk: 'CORR' }, ConsistentRead: true }));
  return r.Item?.status as string | undefined;
}

export async function ledgerOf(urls: RuntimeUrls, caseId: string): Promise<Record<string, unknown>[]> {
  const db = localDb(urls);
  const r = await db.doc.send(new QueryCommand({ TableName: db.mainTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `PAID#${caseId}` }, ConsistentRead: true }));
  return (r.Items ?? []) as Record<string, unknown>[];
}

export async function auditOf(urls: RuntimeUrls, pk: string): Promise<Record<string, unknown>[]> {
  const db = localDb(urls);
  const r = await db.doc.send(new QueryCommand({ TableName: db.auditTable, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk } }));
  return (r.Items ?? []) as Record<string, unknown>[];
}

/** Wait until the run reaches one of `statuses` (or fails, which throws). */
export async function waitRun(api: Api, runId: string, statuses: readonly string[], as = 'coord.das', timeoutMs = 120_000): Promise<any> {
  return eventually(async () => {
    const r = await api.get(`/subsidy-runs/${runId}`, as);
    if (r.status !== 200) throw new Error(`GET run ${r.status} ${JSON.stringify(r.body)}`);
    const run = r.body.run;
    if (run.status === 'failed' && !statuses.includes('failed')) throw new Error(`run failed: ${JSON.stringify(run.failure)}`);
    return statuses.includes(run.status) ? run : undefined;
  }, `run ${runId} ${statuses.join('|')}`, timeoutMs);
}

/** Every line of a run, through the API's pages. */
export async function allLines(api: Api, runId: string, filter = 'all', as = 'coord.das'): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `filter=${filter}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r: { status: number; body: any } = await api.get(`/subsidy-runs/${runId}/lines?${q}`, as);
    if (r.status !== 200) throw new Error(`lines ${r.status} ${JSON.stringify(r.body)}`);
    out.push(...r.body.items);
    cursor = r.body.cursor;
  } while (cursor);
  return out;
}

export { parseCsv } from './csv.js';

/** Download a file from the API as bytes. */
export async function download(api: Api, path: string, as: string): Promise<{ status: number; bytes: Buffer; contentType: string }> {
  const token = await api.token(as);
  const r = await fetch(`${api.urls.api}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()), contentType: r.headers.get('content-type') ?? '' };
}
