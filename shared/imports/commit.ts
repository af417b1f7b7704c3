/**
 * Writing an accepted case: ONE DynamoDB transaction holds the case, its history entries (each with the origin of
 * the records it brings), its identity keys, the import key, its enrolments and the places they take, its monthly
 * participation summaries, its paid months in the exactly-once ledger and its Observatorul registration task.
 * Either all of it is written or nothing. The case records the execution of its stage's workflow (review-cycle for a
 * case in services, case-intake for one in evaluation) with its `workflow.start` history entry, and the execution is
 * started right after the commit (idempotent by its name `<caseId>-1`; a start lost to a crash is made by the next
 * import of the file). Ids are derived from the import key, so a retried or concurrent write of the same case meets
 * itself in the conditions instead of creating a second case.
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { trackConfig } from '../cases/index.js';
import { getService } from '../services/index.js';
import type { CaseRecord, Plan } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { newTask } from '../cases/index.js';
import { workflowLabels } from '../cases/index.js';
import { formatLei } from '../platform/calendar.js';
import { protectIdentityKeys } from '../protection/index.js';
import { SubsidyStore } from '../subsidies/index.js';
import { EnrolmentStore, RegisterStore, type EnrolmentRecord } from '../services/index.js';
import { CaseStore, TransactionConflictError, type HistoryEntry, type TransactItem } from '../cases/index.js';
import { pad } from '../platform/db/db.js';
import { logger } from '../platform/log.js';
import { monthLabel } from '../subsidies/index.js';
import { sheetSpec } from './columns.js';
import type { CaseDraft, Origin } from './model.js';
import { dayInstant, referralInstant } from './parse.js';
import { historyKinds, needsObservatorTask, transactItemCount, workflowForStage } from './plan.js';
import { IMPORTED_PAYMENTS_INDEX, ImportStore } from './store.js';

/** gsi1 partition listing every paid month brought in by an import (the budget adds them to what runs paid). */
export { IMPORTED_PAYMENTS_INDEX };

export interface CommitMeta {
  fileName: string;
  fileSha256: string;
  by: string;
  byName: string;
  at: string;
}

export type CommitResult =
  | { status: 'imported'; caseId: string; caseNumber: string; workflowStarted: boolean }
  | { status: 'already_imported'; caseId: string; caseNumber: string }
  | { status: 'rejected'; code: string; message: string };

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose time part is `time` and whose random part comes from `seed`: the same seed gives the same id. */
export function deterministicUlid(time: number, seed: string): string {
  const hash = createHash('sha256').update(`vatra-import/v1\n${seed}`).digest();
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[hash[i]! % 32];
  return `${encodeTime(Math.max(0, time), 10)}${random}`;
}

export const importRunId = (fileSha256: string) => `import-${fileSha256.slice(0, 12)}`;

/**
 * Case numbers in blocks: one atomic ADD on the year's counter (the key CaseStore.nextCaseNumber uses) hands out up to
 * `block` numbers, so importing hundreds of cases does not queue on one counter item. A number handed out but not
 * used (a case refused at the last moment) leaves a gap, never a duplicate — as with the form.
 */
export class CaseNumbers {
  private readonly free = new Map<number, number[]>();
  private readonly pending = new Map<number, Promise<void>>();
  constructor(private readonly d: Pick<PathwayDeps, 'db'>, private readonly block = 10) {}

  async next(year: number): Promise<string> {
    for (;;) {
      const list = this.free.get(year);
      if (list?.length) return `VT-${year}-${pad(list.shift()!, 5)}`;
      let p = this.pending.get(year);
      if (!p) {
        p = this.take(year).finally(() => this.pending.delete(year));
        this.pending.set(year, p);
      }
      await p;
    }
  }

  private async take(year: number): Promise<void> {
    const last = await new CaseStore(this.d.db).reserveCaseNumbers(year, this.block);
    this.free.set(year, [...(this.free.get(year) ?? []), ...Array.from({ length: this.block }, (_, i) => last - this.block + 1 + i)]);
  }
}

/** The execution that takes the imported case over: its state machine, name `<caseId>-1` and input. */
export function firstExecution(d: Pick<PathwayDeps, 'stateMachineArn'>, caseId: string, stage: CaseDraft['stage']) {
  const wf = workflowForStage[stage];
  if (!wf) return undefined;
  const stateMachineArn = d.stateMachineArn(wf.workflow);
  const name = `${caseId}-1`;
  return {
    workflow: wf.workflow,
    stateMachineArn,
    name,
    executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
    input: JSON.stringify({ caseId, seq: 1, ...wf.extra }),
  };
}

const origin = (meta: CommitMeta, sheet: CaseDraft['sheet'], row: number): Origin => ({ kind: 'import', file: meta.fileName, sheet: sheetSpec(sheet).name, row, by: meta.by, at: meta.at });

const stageLabel: Record<CaseDraft['stage'], string> = { evaluation: 'evaluare inițială', services: 'servicii și revizuire periodică', monitoring: 'monitorizare post-reintegrare', closed: 'caz închis' };

/** The case record as Vatra would hold it had the case been worked in Vatra from the start. */
export function caseRecordOf(draft: CaseDraft, ids: { caseId: string; caseNumber: string; identityKeys: string[]; execution?: { workflow: string; executionArn: string } | undefined }, meta: CommitMeta): CaseRecord {
  const activeServices = [...new Set(draft.enrolments.filter((e) => e.status === 'active').map((e) => e.serviceId))];
  let plan: Plan | undefined;
  if (draft.plan) {
    const p = draft.plan.plan;
    const groupOf = (serviceId: string) => draft.enrolments.find((e) => e.serviceId === serviceId && e.status === 'active')?.groupId;
    plan = {
      planId: deterministicUlid(Date.parse(dayInstant(draft.plan.approvedOn)), `${draft.importKey}#plan`),
      type: p.type,
      version: 1,
      objectives: p.objectives,
      services: p.services.map((s) => ({ ...s, ...(groupOf(s.serviceId) ? { groupId: groupOf(s.serviceId) } : {}) })),
      cohort: p.cohort,
      reviewDate: p.reviewDate,
      ...(p.notes ? { notes: p.notes } : {}),
      status: 'approved',
      approvedAt: dayInstant(draft.plan.approvedOn),
      approvedBy: meta.by,
      ...(p.observator ? { observator: { ...p.observator, recordedBy: meta.by, recordedAt: meta.at } } : {}),
    };
  }
  const closed = draft.stage === 'closed';
  const record: CaseRecord = {
    caseId: ids.caseId,
    caseNumber: ids.caseNumber,
    track: draft.track,
    stage: draft.stage,
    status: closed ? 'closed' : 'open',
    institution: draft.institution,
    sharedWith: draft.sharedWith,
    caseManagerId: draft.caseManagerId,
    child: draft.child,
    legalRepresentative: draft.legalRepresentative,
    referral: draft.referral,
    reviews: [],
    services: closed ? [] : activeServices,
    identityKeys: ids.identityKeys,
    workflow: ids.execution ? { executionArn: ids.execution.executionArn, workflow: ids.execution.workflow, seq: 1 } : { seq: 0 },
    openedAt: referralInstant(draft.referral.receivedAt.slice(0, 10)),
    createdAt: meta.at,
    updatedAt: meta.at,
    version: historyKinds(draft).length,
    editVersion: 1,
    origin: origin(meta, 'children', draft.row),
  };
  if (draft.consent) record.consent = draft.consent;
  if (plan) {
    record.plan = plan;
    record.cohort = plan.cohort;
    if (!closed) record.nextReviewDate = plan.reviewDate;
  }
  if (draft.reintegrationDate) record.reintegrationDate = draft.reintegrationDate;
  if (draft.closure) {
    record.closure = { ...draft.closure, closedAt: dayInstant(draft.closure.closedOn), closedBy: meta.by };
    record.closedAt = dayInstant(draft.closure.closedOn);
  }
  return record;
}

function enrolmentRecords(draft: CaseDraft, record: CaseRecord, meta: CommitMeta): (EnrolmentRecord & { origin: Origin })[] {
  return draft.enrolments.map((e) => ({
    enrolmentId: deterministicUlid(Date.parse(dayInstant(e.from)), `${draft.importKey}#enrolment#${e.serviceId}#${e.from}`),
    caseId: record.caseId,
    caseNumber: record.caseNumber,
    serviceId: e.serviceId,
    groupId: e.groupId,
    status: e.status,
    from: e.from,
    ...(e.to ? { to: e.to, endedAt: dayInstant(e.to), endedBy: meta.by } : {}),
    ...(e.endReason ? { endReason: e.endReason as EnrolmentRecord['endReason'] } : e.to ? { endReason: 'other' as const, endNote: 'Încheiere preluată din evidența anterioară (import)' } : {}),
    requestedAt: dayInstant(e.from),
    source: 'plan',
    ...(record.plan ? { planId: record.plan.planId, planVersion: record.plan.version } : {}),
    createdAt: meta.at,
    createdBy: meta.by,
    updatedAt: meta.at,
    version: 1,
    origin: origin(meta, 'enrolments', e.row),
  }));
}

/** Everything the case's transaction writes besides the case item and its last history entry, in a known order. */
export function caseTransaction(d: PathwayDeps, draft: CaseDraft, record: CaseRecord, meta: CommitMeta): { history: Omit<HistoryEntry, 'caseId' | 'version'>; extra: TransactItem[]; layout: Record<string, [number, number]> } {
  const runId = importRunId(meta.fileSha256);
  const actor = { at: meta.at, actorId: meta.by, actorName: meta.byName };
  const entries: Omit<HistoryEntry, 'caseId' | 'version'>[] = [];

  for (const kind of historyKinds(draft)) {
    switch (kind) {
      case 'import.case':
        entries.push({
          ...actor, action: 'case.import', stageAfter: draft.stage,
          summary: `Caz preluat din evidența anterioară: fișierul „${meta.fileName}”, foaia „${sheetSpec('children').name}”, rândul ${draft.row} (cod ${draft.childCode}); etapa: ${stageLabel[draft.stage]}`,
          detail: { origin: record.origin, childCode: draft.childCode, importKey: draft.importKey, fingerprint: draft.fingerprint, stage: draft.stage },
        });
        break;
      case 'import.plan':
        entries.push({
          ...actor, action: 'plan.import',
          summary: `${trackConfig[draft.track].planLabel} aprobat la ${draft.plan!.approvedOn} preluat (cohorta de ${draft.plan!.plan.cohort === '18m' ? 18 : 12} luni; revizuire la ${draft.plan!.plan.reviewDate}${draft.plan!.plan.observator ? `; Observator nr. ${draft.plan!.plan.observator.registrationNumber}` : ''})`,
          detail: { origin: origin(meta, 'plans', draft.plan!.row), planId: record.plan!.planId, services: record.plan!.services.map((s) => s.serviceId) },
        });
        break;
      case 'import.enrolments':
        entries.push({
          ...actor, action: 'enrolment.import',
          summary: `Înscrieri preluate: ${draft.enrolments.map((e) => `${getService(e.serviceId)?.shortName ?? e.serviceId} ${e.from}${e.to ? `…${e.to}` : ' (în curs)'}`).join('; ')}`,
          detail: { items: draft.enrolments.map((e) => ({ serviceId: e.serviceId, groupId: e.groupId, from: e.from, to: e.to ?? null, origin: origin(meta, e.sheet, e.row) })) },
        });
        break;
      case 'import.participation': {
        const months = [...new Set(draft.participation.map((p) => p.month))].sort();
        entries.push({
          ...actor, action: 'participation.import',
          summary: `Participare lunară preluată: ${months.length === 1 ? monthLabel(months[0]!) : `${monthLabel(months[0]!)} – ${monthLabel(months.at(-1)!)}`} (${draft.participation.length} rânduri)`,
          detail: { items: draft.participation.map((p) => ({ month: p.month, serviceId: p.serviceId, origin: origin(meta, p.sheet, p.row) })) },
        });
        break;
      }
      case 'import.payments': {
        const total = draft.payments.reduce((s, p) => s + p.amountLei, 0);
        entries.push({
          ...actor, action: 'subsidy.import',
          summary: `Luni de subvenție plătite preluate: ${draft.payments.length} (${formatLei(total)}); nu se mai plătesc a doua oară`,
          detail: { runId, items: draft.payments.map((p) => ({ month: p.month, amountLei: p.amountLei, paymentReference: p.reference, origin: origin(meta, p.sheet, p.row) })) },
        });
        break;
      }
      case 'workflow.start':
        entries.push({
          ...actor, actorId: 'system', actorName: 'Vatra (automat)', action: 'workflow.start',
          summary: `Etapă de lucru pornită: ${workflowLabels[record.workflow.workflow ?? ''] ?? record.workflow.workflow} (#1) — cazul preluat continuă de la etapa înregistrată`,
          detail: { workflow: record.workflow.workflow, seq: 1, executionArn: record.workflow.executionArn },
        });
        break;
    }
  }
  const last = entries.pop()!;
  const layout: Record<string, [number, number]> = {};
  const extra: TransactItem[] = [];
  const section = (name: string, items: TransactItem[]) => {
    // offsets in the whole transaction: [case, last history, ...extra]
    layout[name] = [2 + extra.length, 2 + extra.length + items.length];
    extra.push(...items);
  };
  section('history', entries.map((h, i) => d.cases.historyItem({ ...h, caseId: record.caseId, version: i + 1 })));
  section('identity', record.status === 'open'
    ? record.identityKeys.map((k) => d.cases.identityPutItem(k, record.caseId, record.caseNumber))
    : []);
  section('importKey', [new ImportStore(d.db).importKeyPutItem({
    importKey: draft.importKey, childCode: draft.childCode, institution: draft.institution,
    caseId: record.caseId, caseNumber: record.caseNumber, fingerprint: draft.fingerprint, runId, origin: record.origin,
  })]);
  const enrolments = new EnrolmentStore(d.db);
  const records = enrolmentRecords(draft, record, meta);
  section('enrolments', records.map(({ origin: o, ...e }) => {
    const put = enrolments.putItem(e);
    return { Put: { ...put.Put!, Item: { ...put.Put!.Item, origin: o } } };
  }));
  section('capacity', records.filter((e) => e.status === 'active').map((e) => {
    const group = getService(e.serviceId)!.groups.find((g) => g.id === e.groupId)!;
    return enrolments.takePlaceItem(e.serviceId, e.groupId, group.capacity);
  }));
  const registers = new RegisterStore(d.db);
  section('participation', draft.participation.map((p) => registers.importedSummaryPutItem({
    caseId: record.caseId, month: p.month, serviceId: p.serviceId,
    scheduledDays: p.scheduledDays, presentDays: p.presentDays, absentDays: p.absentDays, excusedDays: p.excusedDays,
    sessions: p.sessions, parentSessions: p.parentSessions, enrolledDays: p.enrolledDays,
  }, meta.at, origin(meta, p.sheet, p.row))));
  section('ledger', new SubsidyStore(d.db).importedLedgerItems(record.caseId, runId, draft.payments.map((p) => ({
    month: p.month, amount: p.amountLei, paidAt: p.paidOn ? dayInstant(p.paidOn) : '', paymentReference: p.reference,
    // listed for the budget (months paid before Vatra count with what the runs pay)
    extra: { gsi1pk: IMPORTED_PAYMENTS_INDEX, gsi1sk: `${p.month}#${record.caseId}`, origin: origin(meta, p.sheet, p.row) },
  }))));
  const tasks: TransactItem[] = [];
  if (needsObservatorTask(draft)) {
    const task = { ...newTask(record, { caseId: record.caseId, kind: 'observator_registration' }, new Date(meta.at)), context: { planType: record.plan!.type, imported: true } };
    tasks.push(d.tasks.createItem(task));
  }
  section('task', tasks);
  return { history: last, extra, layout };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const failedIn = (reasons: string[], [from, to]: [number, number]) => reasons.slice(from, to).some((r) => r === 'ConditionalCheckFailed');

/** Write one case (and start its workflow). Never throws for a business reason: the result says what happened. */
export async function commitCase(d: PathwayDeps, draft: CaseDraft, meta: CommitMeta, numbers: CaseNumbers = new CaseNumbers(d, 1)): Promise<CommitResult> {
  const size = transactItemCount(draft);
  const caseId = deterministicUlid(Date.parse(referralInstant(draft.referral.receivedAt.slice(0, 10))), draft.importKey);
  const identityKeys = await protectIdentityKeys(draft.identityKeys);
  const caseNumber = await numbers.next(Number(draft.referral.receivedAt.slice(0, 4)));
  const execution = firstExecution(d, caseId, draft.stage);
  const record = caseRecordOf(draft, { caseId, caseNumber, identityKeys, execution }, meta);
  const tx = caseTransaction(d, draft, record, meta);
  if (tx.extra.length + 2 !== size) throw new Error(`import transaction of ${draft.importKey} has ${tx.extra.length + 2} items, planned ${size}`);
  for (let attempt = 0; ; attempt++) {
    try {
      await d.cases.create(record, tx.history, tx.extra);
      break;
    } catch (e) {
      if (!(e instanceof TransactionConflictError)) throw e;
      const r = e.reasons;
      if (r[0] === 'ConditionalCheckFailed' || failedIn(r, tx.layout.importKey!)) {
        // the same case was written by a concurrent or earlier import of this file
        const existing = await d.cases.get(caseId);
        return { status: 'already_imported', caseId, caseNumber: existing?.caseNumber ?? caseNumber };
      }
      if (failedIn(r, tx.layout.identity!)) return { status: 'rejected', code: 'DUPLICATE_CHILD', message: 'Copilul are deja un caz deschis (deschis între timp în Vatra)' };
      if (failedIn(r, tx.layout.capacity!)) return { status: 'rejected', code: 'SERVICE_AT_CAPACITY', message: 'Între timp s-au ocupat locurile la un serviciu al copilului' };
      if (failedIn(r, tx.layout.ledger!)) return { status: 'rejected', code: 'ALREADY_PAID', message: 'O lună plătită există deja în registrul plăților' };
      if (r.includes('TransactionConflict') && attempt < 8) {
        // another case's transaction held the same capacity counter: try again
        await sleep(20 * 2 ** attempt + Math.random() * 50);
        continue;
      }
      throw e;
    }
  }
  const workflowStarted = execution ? await startExecution(d, execution) : false;
  return { status: 'imported', caseId, caseNumber, workflowStarted };
}

async function startExecution(d: Pick<PathwayDeps, 'sfn'>, e: NonNullable<ReturnType<typeof firstExecution>>): Promise<boolean> {
  try {
    await d.sfn.startExecution({ stateMachineArn: e.stateMachineArn, name: e.name, input: e.input });
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ExecutionAlreadyExists') return true;
    // the case is written and says which execution takes it over; the next import of the file starts it
    logger.warn('import: workflow start deferred', { executionName: e.name, error: (err as { name?: string }).name ?? 'Error' });
    return false;
  }
}

/**
 * A case imported earlier whose first execution never started (the import stopped between the write and the start):
 * start it now. Reads only when there is nothing to do.
 */
export async function ensureWorkflow(d: PathwayDeps, c: Pick<CaseRecord, 'caseId' | 'stage' | 'status' | 'workflow'>): Promise<boolean> {
  if (c.status !== 'open' || c.workflow.seq !== 1 || !c.workflow.executionArn) return false;
  const execution = firstExecution(d, c.caseId, c.stage as CaseDraft['stage']);
  if (!execution || execution.executionArn !== c.workflow.executionArn) return false;
  try {
    await d.sfn.describeExecution({ executionArn: execution.executionArn });
    return false;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ExecutionDoesNotExist') throw err;
  }
  return startExecution(d, execution);
}
