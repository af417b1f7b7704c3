/**
 * The steps of the `monthly-run` workflow (wf-subsidy). Each step is idempotent: Step Functions runs a Task at least
 * once (a Lambda retry, or the local service re-running the state after a crash), so every write is a put of a
 * deterministic key, a conditional write, or a SET of a value computed from the step's input.
 *
 * The workflow state is small and owned by these steps: each returns the whole next state ({ runId, month, … }).
 */
import { institutionIds } from '../platform/auth/principal.js';
import { cohortIds } from './config.js';
import type { SourceSummary } from './sources.js';
import { logger } from '../platform/log.js';
import { inProjectPeriod } from './rules/eligibility.js';
import { systemActor } from '../cases/index.js';
import { decodeCursor, encodeCursor, whoseEntry, type CorrectionRef } from './store.js';
import { lineTotals, netLei, paymentOf, sumTotals, type RunSummary, type Totals } from './aggregate.js';
import { budgetView } from './budget.js';
import type { SubsidyDeps } from './deps.js';
import { ALREADY_PAID_REASON, evaluateAdjustment, evaluateMonthly, ledgerFacts, monthLedgerFacts, placesOf, type OpenDaysOf } from './evaluate.js';
import { counted } from './metrics.js';
import { lineSk, newRun, type MetricStep, type RunLine, type RunRecord, type RunStage, type RunStatus } from './model.js';
import { previousMonthOf } from './months.js';
import { notify } from './notify.js';
import { runSettings } from './settings.js';
import { mapLimit } from '../platform/concurrency.js';

export class RunStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Vatra.RunStateInvalid';
  }
}

export interface LoopState {
  phase: 'children' | 'corrections';
  cursor: string | null;
  page: number;
  /** children (or corrections) processed so far in the phase */
  evaluated: number;
  /** the last child of the previous page (its summaries may continue on this page: already evaluated) */
  lastCaseId: string | null;
  done: boolean;
}

export interface PayState {
  cursor: string | null;
  page: number;
  paid: number;
  paidLei: number;
  recoveredLei: number;
  dropped: number;
  marked: number;
  done: boolean;
}

/** Where the paged month close stands (Freeze runs once per page until `done`). */
export interface FreezeState {
  /** the service (index in the catalogue) and the children of it already refreshed */
  segment: number;
  offset: number;
  page: number;
  summaries: number;
  done: boolean;
  /** the close writes (or wrote) the places of every held child: a summary without them means no place */
  places: boolean;
}

/** One page of the children: those from `from` to `to` (case ids, inclusive, case order). */
export interface Segment {
  /** the run (each Map iteration gets a segment as its whole input) */
  runId: string;
  index: number;
  from: string;
  to: string;
  /** the month's close wrote the places of every held child (no enrolment read for a summary without them) */
  places: boolean;
}

/** Cut the month's children (in case order) into segments of `size` children: a child is never split. */
export function segmentsOf(runId: string, ids: readonly string[], size: number, places: boolean): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < ids.length; i += size) out.push({ runId, index: out.length, from: ids[i]!, to: ids[Math.min(ids.length, i + size) - 1]!, places });
  return out;
}

export interface RunState {
  runId: string;
  month: string;
  freeze?: FreezeState;
  segments?: Segment[];
  loop?: LoopState;
  pay?: PayState;
  [k: string]: unknown;
}

/** Run a step with its DynamoDB requests counted and added to the run's metrics (+1 for that update itself). */
async function recordMetric(d: SubsidyDeps, runId: string, step: MetricStep, requests: number): Promise<void> {
  await d.store.addMetric(runId, step, requests + 1).catch((e: unknown) => logger.warn('run metric not recorded', { runId, step, error: (e as Error).name }));
}

async function measured<T>(d: SubsidyDeps, runId: string, step: MetricStep, fn: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const { result, requests } = await counted(fn);
  await recordMetric(d, runId, step, requests.total);
  return { result, requests: requests.total + 1 };
}

async function loadRun(d: SubsidyDeps, runId: string, statuses: readonly RunStatus[]): Promise<RunRecord> {
  const run = await d.store.getRun(runId);
  if (!run) throw new RunStateError(`run ${runId} not found`);
  if (!statuses.includes(run.status)) throw new RunStateError(`run ${runId} is ${run.status}, expected ${statuses.join('|')}`);
  return run;
}

const stamp = (d: SubsidyDeps) => d.now().toISOString();

// ── Claim ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export type ClaimInput =
  | { trigger: 'schedule'; scheduledTime: string; deliveryId?: string | undefined; executionName: string }
  | { trigger: 'api'; runId: string; executionName: string };

export interface ClaimOutput {
  proceed: boolean;
  runId: string | null;
  month: string | null;
  reason: string | null;
}

/**
 * The schedule fires at least once: its run for the previous month is claimed by a conditional write; any other
 * delivery (or a month that already has a run) ends its execution here. A retried Claim of the same execution
 * recognises its own run by the execution name.
 */
export async function claim(d: SubsidyDeps, e: ClaimInput): Promise<ClaimOutput> {
  const { result, requests } = await counted(() => claimRun(d, e));
  if (result.proceed && result.runId) await recordMetric(d, result.runId, 'claim', requests.total);
  return result;
}

async function claimRun(d: SubsidyDeps, e: ClaimInput): Promise<ClaimOutput> {
  if (e.trigger === 'api') {
    const run = await d.store.getRun(e.runId);
    if (!run) throw new RunStateError(`run ${e.runId} not found`);
    if (run.executionName !== e.executionName) return { proceed: false, runId: run.runId, month: run.month, reason: 'EXECUTION_MISMATCH' };
    if (run.status !== 'evaluating') return { proceed: false, runId: run.runId, month: run.month, reason: 'RUN_NOT_RUNNING' };
    return { proceed: true, runId: run.runId, month: run.month, reason: null };
  }
  const month = previousMonthOf(e.scheduledTime);
  if (!inProjectPeriod(month)) return { proceed: false, runId: null, month, reason: 'OUTSIDE_PROJECT_PERIOD' };
  const mine = (r: RunRecord | undefined) => r !== undefined && r.executionName === e.executionName;
  const head = await d.store.getHead(month);
  if (head) {
    const existing = await d.store.getRun(head.runId);
    if (mine(existing) && existing!.status === 'evaluating') return { proceed: true, runId: existing!.runId, month, reason: null };
    return { proceed: false, runId: head.runId, month, reason: 'RUN_EXISTS' };
  }
  const run = newRun({ month, attempt: 1, trigger: 'schedule', requestedBy: { userId: systemActor.userId, name: systemActor.displayName }, executionName: e.executionName, deliveryId: e.deliveryId, now: d.now() });
  const r = await d.store.claim(run);
  if (r.created) {
    logger.info('subsidy run claimed', { runId: run.runId, trigger: 'schedule' });
    return { proceed: true, runId: run.runId, month, reason: null };
  }
  if (mine(r.existing)) return { proceed: true, runId: r.existing!.runId, month, reason: null };
  return { proceed: false, runId: r.head?.runId ?? null, month, reason: 'RUN_EXISTS' };
}

// ── Freeze ────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * ONE page of the month close per invocation (the children of one service, 1,000 at a time, summaries refreshed in
 * transactions of 100), then — on the last page — the close marker, the pending corrections of earlier months taken
 * over, the children counted. A month already closed (by a coordinator, or by an earlier attempt) needs no page. A
 * repeated page writes the same values; a crash between pages resumes at the page in the state.
 */
export async function freeze(d: SubsidyDeps, s: RunState): Promise<RunState> {
  return (await measured(d, s.runId, 'freeze', async () => {
    const run = await loadRun(d, s.runId, ['evaluating']);
    let f: FreezeState = s.freeze ?? { segment: 0, offset: 0, page: 0, summaries: 0, done: false, places: true };
    if (f.page === 0) {
      await d.store.patchRun(run.runId, { stage: 'freezing', updatedAt: stamp(d) }, { statusIn: ['evaluating'] });
      const closed = await d.source.monthClose(run.month);
      if (closed) f = { ...f, done: true, places: closed.places };
    }
    if (!f.done) {
      const r = await d.source.freezePage(run.month, stamp(d), { segment: f.segment, offset: f.offset });
      f = { ...f, segment: r.next?.segment ?? f.segment, offset: r.next?.offset ?? f.offset, page: f.page + 1, summaries: f.summaries + r.summaries, done: r.next === null };
      if (!f.done) return { runId: run.runId, month: run.month, freeze: f } satisfies RunState;
      await d.source.markClosed(run.month, systemActor, d.now());
    }
    const pending = await d.source.pendingCorrections();
    const grouped = new Map<string, CorrectionRef>();
    for (const c of pending) {
      if (c.month >= run.month) continue; // the run's own month is read as it is now; later months are not closed
      const key = `${c.caseId}#${c.month}`;
      const ref = grouped.get(key) ?? { caseId: c.caseId, month: c.month, correctionIds: [] };
      ref.correctionIds.push(c.correctionId);
      grouped.set(key, ref);
    }
    const refs = [...grouped.values()];
    await d.store.putCorrections(run.runId, refs);
    const ids = await d.source.childIds(run.month);
    const total = ids.length;
    // the children of these registers are not evaluated (REGISTER_INCOMPLETE); the summary lists where to complete them
    const incomplete = await d.source.incompleteRegisters(run.month);
    await d.store.patchRun(run.runId, {
      stage: 'evaluating',
      incompleteRegisters: incomplete,
      'progress.total': total,
      'progress.corrections': refs.length,
      frozenAt: stamp(d),
      updatedAt: stamp(d),
    }, { statusIn: ['evaluating'] });
    // the children evaluated in parallel (Map EvaluateChildren), a segment of whole children per page; then the corrections
    return { runId: run.runId, month: run.month, freeze: f, segments: segmentsOf(run.runId, ids, runSettings.pageSize.value, f.places), loop: { phase: 'corrections', cursor: null, page: 0, evaluated: 0, lastCaseId: null, done: false } } satisfies RunState;
  })).result;
}

/**
 * The services' open days, read once per run in this process: every segment and correction page of a run asks for them
 * (5 closure queries each time). Safe to keep for the run: the run's month and the corrected months are closed, and a
 * closed month's closures can no longer be added or cancelled (MONTH_CLOSED); a closure of a later, open month changes
 * no day these evaluations count. The last few runs only (a container lives on between runs).
 */
const openDaysOfRun = new Map<string, Promise<OpenDaysOf | undefined>>();
function runOpenDays(d: SubsidyDeps, runId: string): Promise<OpenDaysOf | undefined> {
  let p = openDaysOfRun.get(runId);
  if (!p) {
    p = Promise.resolve(d.source.openDays?.());
    p.catch(() => openDaysOfRun.delete(runId)); // a failed read is tried again by the next segment
    openDaysOfRun.set(runId, p);
    while (openDaysOfRun.size > 4) openDaysOfRun.delete(openDaysOfRun.keys().next().value!);
  }
  return p;
}

// ── EvaluateBatch ─────────────────────────────────────────────────────────────────────────────────────────────────

function groupByCase(items: readonly SourceSummary[], skip: string | null): Map<string, SourceSummary[]> {
  const out = new Map<string, SourceSummary[]>();
  for (const s of items) {
    if (s.caseId === skip) continue;
    const list = out.get(s.caseId) ?? [];
    list.push(s);
    out.set(s.caseId, list);
  }
  return out;
}

async function evaluateChildren(d: SubsidyDeps, run: RunRecord, segment: Segment): Promise<{ lines: RunLine[]; processed: number }> {
  const groups = groupByCase(await d.source.summarySegment(run.month, segment.from, segment.to), null);
  const ids = [...groups.keys()];
  const [cases, ledgers, openDays] = await Promise.all([d.store.casesByIds(ids), d.store.ledgerForMonth(ids, run.month), runOpenDays(d, run.runId)]);
  const lines = (await mapLimit(ids, runSettings.concurrency.value, async (caseId) => {
    const c = cases.get(caseId);
    if (!c) {
      logger.warn('participation summary without a case', { runId: run.runId, caseId });
      return null;
    }
    const summaries = groups.get(caseId)!;
    // the enrolment intervals themselves (a count of enrolled days cannot tell which days were expected): from the
    // places the month close wrote on the summaries, read from the enrolments only when a summary has none
    const enrolments = placesOf(summaries, segment.places) ?? await d.source.enrolmentsOf(caseId, run.month);
    const l = ledgers.get(caseId)!;
    const ledger = monthLedgerFacts(l.entries, run.month, l.paidMonths);
    return { ...evaluateMonthly({ case: c, enrolments, summaries, ledger }, { runId: run.runId, runMonth: run.month, ...(openDays ? { openDays } : {}) }), version: 0 };
  })).filter((l): l is RunLine => l !== null);
  return { lines, processed: ids.length };
}

/**
 * Evaluate ONE segment of the month's children (an iteration of the Map EvaluateChildren; several run at once):
 * lines written, the segment's page totals written, its children added to the progress once (a repeated segment
 * replaces its lines and totals and adds nothing).
 */
export async function evaluateSegment(d: SubsidyDeps, e: { runId: string; segment: Segment }): Promise<{ runId: string; segment: number; evaluated: number }> {
  return (await measured(d, e.runId, 'evaluate', async () => {
    const run = await loadRun(d, e.runId, ['evaluating']);
    const r = await evaluateChildren(d, run, e.segment);
    await d.store.putLines(r.lines);
    const totals = sumTotals(r.lines.map(lineTotals));
    if (await d.store.putPageOnce(run.runId, { phase: 'children', page: e.segment.index, totals, evaluated: r.processed })) {
      await d.store.addProgress(run.runId, 'evaluated', r.processed);
    }
    return { runId: run.runId, segment: e.segment.index, evaluated: r.processed };
  })).result;
}

async function evaluateCorrections(d: SubsidyDeps, run: RunRecord, loop: LoopState): Promise<{ lines: RunLine[]; processed: number; refs: CorrectionRef[]; next: LoopState }> {
  const page = await d.store.corrections(run.runId, decodeCursor(loop.cursor), runSettings.correctionsPageSize.value);
  const [cases, openDays] = await Promise.all([d.store.casesByIds(page.items.map((r) => r.caseId)), runOpenDays(d, run.runId)]);
  const settled = new Map<string, Promise<string | null>>();
  /** the completed run that settled a month, if any: only a settled month can be adjusted */
  const settledRun = (month: string) => {
    let p = settled.get(month);
    if (!p) {
      p = (async () => {
        const head = await d.store.getHead(month);
        const r = head ? await d.store.getRun(head.runId) : undefined;
        return r?.status === 'completed' ? r.runId : null;
      })();
      settled.set(month, p);
    }
    return p;
  };
  const results = await mapLimit(page.items, runSettings.concurrency.value, async (ref): Promise<{ ref: CorrectionRef; line: RunLine | null }> => {
    const c = cases.get(ref.caseId);
    const settledBy = inProjectPeriod(ref.month) ? await settledRun(ref.month) : null;
    if (!c || !settledBy) return { ref: { ...ref, outcome: 'deferred' }, line: null };
    const [enrolments, ledger, summaries, previous] = await Promise.all([
      d.source.enrolmentsOf(ref.caseId, ref.month),
      d.store.ledgerOf(ref.caseId),
      d.source.summariesOf(ref.caseId, ref.month),
      d.store.getLine(settledBy, ref.caseId, 'monthly'),
    ]);
    const line = evaluateAdjustment({ case: c, enrolments, summaries, ledger: ledgerFacts(ledger) }, ref.month, previous, { runId: run.runId, runMonth: run.month, correctionIds: ref.correctionIds, ...(openDays ? { openDays } : {}) });
    return { ref: { ...ref, outcome: line ? 'adjusted' : 'unchanged' }, line: line ? { ...line, version: 0 } : null };
  });
  const next: LoopState = page.cursor
    ? { phase: 'corrections', cursor: encodeCursor(page.cursor), page: loop.page + 1, evaluated: loop.evaluated + page.items.length, lastCaseId: null, done: false }
    : { phase: 'corrections', cursor: null, page: loop.page + 1, evaluated: loop.evaluated + page.items.length, lastCaseId: null, done: true };
  return { lines: results.flatMap((r) => (r.line ? [r.line] : [])), processed: page.items.length, refs: results.map((r) => r.ref), next };
}

/** Evaluate ONE page of the corrected earlier months and return the loop's next state. */
export async function evaluateBatch(d: SubsidyDeps, s: RunState): Promise<RunState> {
  const loop = s.loop;
  if (!loop) throw new RunStateError('evaluateBatch without loop state');
  const { result } = await measured(d, s.runId, 'evaluate', async () => {
    const run = await loadRun(d, s.runId, ['evaluating']);
    // the children are evaluated by segments (evaluateSegment); this loop evaluates the corrected earlier months
    if (loop.phase !== 'corrections') throw new RunStateError('evaluateBatch evaluates corrections; children go by segments');
    const r = await evaluateCorrections(d, run, loop);
    await d.store.putCorrections(run.runId, r.refs);
    await d.store.putLines(r.lines);
    const totals = sumTotals(r.lines.map(lineTotals));
    await d.store.putPage(run.runId, { phase: loop.phase, page: loop.page, totals, evaluated: r.processed });
    await d.store.patchRun(run.runId, { 'progress.correctionsEvaluated': loop.evaluated + r.processed, updatedAt: stamp(d) }, { statusIn: ['evaluating'] });
    return { run, r };
  });
  return { runId: result.run.runId, month: result.run.month, loop: result.r.next };
}

// ── Summarize ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Every key an override may ADD to exists from the start (DynamoDB cannot ADD inside a missing map). */
function withAllKeys(t: Totals): Totals {
  const out = structuredClone(t);
  for (const i of institutionIds) out.byInstitution[i] ??= { eligible: 0, lei: 0 };
  for (const c of [...cohortIds, 'none']) out.byCohort[c] ??= 0;
  return out;
}

export async function summarize(d: SubsidyDeps, s: RunState): Promise<RunState> {
  return (await measured(d, s.runId, 'summarize', async () => {
    const run = await loadRun(d, s.runId, ['evaluating']);
    const pages = await d.store.pages(run.runId);
    const totals = withAllKeys(sumTotals(pages.map((p) => p.totals)));
    const partial: RunSummary = { totals, netLei: netLei(totals), budget: budgetView([]), computedAt: stamp(d) };
    const runs = await d.store.listRuns();
    const all = runs.some((r) => r.runId === run.runId) ? runs.map((r) => (r.runId === run.runId ? { ...r, summary: partial } : r)) : [...runs, { ...run, summary: partial }];
    const summary: RunSummary = { ...partial, budget: budgetView(all, { pendingRunId: run.runId }) };
    // the children evaluated, exactly (the segments' additions are best effort: a crash between a page and its addition)
    const evaluated = pages.filter((p) => p.phase === 'children').reduce((n, p) => n + p.evaluated, 0);
    await d.store.patchRun(run.runId, { summary, stage: 'summarizing', 'progress.evaluated': evaluated, updatedAt: stamp(d) }, { statusIn: ['evaluating'] });
    return { runId: run.runId, month: run.month, summary: { eligible: totals.eligible, ineligible: totals.ineligible, netLei: summary.netLei, budgetLevel: summary.budget.level } };
  })).result;
}

// ── WaitForApproval ───────────────────────────────────────────────────────────────────────────────────────────────

async function sendDecision(d: SubsidyDeps, taskToken: string, decision: 'approved' | 'rejected'): Promise<boolean> {
  try {
    await d.sfn.sendTaskSuccess({ taskToken, output: JSON.stringify({ decision }) });
    return true;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    // a token already used or replaced: the workflow has the decision, or will get it from the new token's step
    if (/TaskTimedOut|TaskDoesNotExist|InvalidToken/.test(name)) return false;
    throw e;
  }
}

/** Create the approval record (with the task token) and tell the lead institution's coordinators. */
export async function requestApproval(d: SubsidyDeps, e: { runId: string; taskToken: string }): Promise<{ runId: string; status: RunStatus }> {
  return (await measured(d, e.runId, 'approval', async () => {
    const run = await d.store.getRun(e.runId);
    if (!run) throw new RunStateError(`run ${e.runId} not found`);
    if (run.approval) {
      // decided while this step was being retried: hand the recorded decision to the new token
      await d.store.putApproval(run.runId, e.taskToken, stamp(d));
      await sendDecision(d, e.taskToken, run.approval.decision);
      return { runId: run.runId, status: run.status };
    }
    if (run.status !== 'evaluating' && run.status !== 'awaiting_approval') throw new RunStateError(`run ${run.runId} is ${run.status}`);
    await d.store.putApproval(run.runId, e.taskToken, stamp(d));
    await d.store.patchRun(run.runId, { status: 'awaiting_approval', stage: 'awaiting_approval', updatedAt: stamp(d) }, { statusIn: ['evaluating', 'awaiting_approval'] });
    const t = run.summary?.totals;
    if (t) {
      const adjustments = t.arrearsCount + t.recoveryCount;
      await notify(d, {
        kind: 'monthly_run_awaiting_approval',
        data: {
          runId: run.runId, month: run.month, eligibleCount: t.eligible, ineligibleCount: t.ineligible, totalAmountLei: Math.max(0, run.summary!.netLei),
          ...(adjustments > 0 ? { adjustments: { count: adjustments, amountLei: t.arrearsLei + t.recoveryLei } } : {}),
        },
      }, { role: 'coordinator', institution: runSettings.leadInstitution.value }, `subsidy-approval-${run.runId}`);
    }
    return { runId: run.runId, status: 'awaiting_approval' as const };
  })).result;
}

/** The decision reached the workflow: make sure a rejected run says so (the API already recorded it). */
export async function finishRejected(d: SubsidyDeps, s: RunState): Promise<RunState> {
  const run = await d.store.getRun(s.runId);
  if (run && run.status !== 'rejected') {
    await d.store.patchRun(s.runId, { status: 'rejected', stage: 'rejected', updatedAt: stamp(d) }, { statusIn: ['awaiting_approval'] });
  } else if (run && run.stage !== 'rejected') {
    await d.store.patchRun(s.runId, { stage: 'rejected', updatedAt: stamp(d) }, { statusIn: ['rejected'] });
  }
  return { runId: s.runId, month: s.month, status: 'rejected' };
}

// ── MarkPaid ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Write ONE page of payable lines to the exactly-once ledger. A line whose (child, month) was written by another run
 * is dropped with 'Deja plătit'; one written by this run (a retried page) counts as paid.
 */
export async function markPaid(d: SubsidyDeps, s: RunState): Promise<RunState> {
  const pay = s.pay;
  if (!pay) throw new RunStateError('markPaid without pay state');
  return (await measured(d, s.runId, 'markPaid', async () => {
    const run = await loadRun(d, s.runId, ['approved']);
    if (pay.page === 0) await d.store.patchRun(run.runId, { stage: 'marking_paid', updatedAt: stamp(d) }, { statusIn: ['approved'] });
    const page = await d.store.lines(run.runId, {
      cursor: decodeCursor(pay.cursor), limit: runSettings.markPageSize.value, consistent: true,
      filter: { expression: 'eligible = :yes', values: { ':yes': true } },
    });
    const at = stamp(d);
    const entry = (line: RunLine) => ({ caseId: line.caseId, month: line.month, amount: line.amountLei, kind: line.kind, runId: run.runId, paidAt: at, lineSk: lineSk(line.caseId, line.kind, line.month) });
    const todo = page.items.filter((l) => l.payment.status !== 'paid' && l.payment.status !== 'dropped');
    const groups: RunLine[][] = [];
    for (let i = 0; i < todo.length; i += 25) groups.push(todo.slice(i, i + 25));
    const outcome = new Map<RunLine, RunLine['payment']>();
    /** lines dropped because another run paid their month: the ledger cannot say so for this run, so they are written */
    const rewrite = new Set<RunLine>();
    await mapLimit(groups, Math.max(1, Math.floor(runSettings.concurrency.value / 4)), async (group) => {
      // the usual case: nobody paid these months yet — ONE transaction for the group: the ledger entries and the
      // children's counters. The lines are not written: their payment is read from the ledger (store.resolvePayments)
      if (await d.store.writeLedgerGroup(group.map(entry))) {
        for (const l of group) outcome.set(l, { status: 'paid', at });
        return;
      }
      // some entry exists (a retried page, or a month another run paid): the group's entries in one read, then the
      // missing ones one by one (each conditional: a run paying the same month meanwhile still loses to one of them)
      const found = await d.store.ledgerEntries(group);
      await mapLimit(group, 4, async (line) => {
        const sk = lineSk(line.caseId, line.kind, line.month);
        const existing = found.get(sk);
        const whose = existing && whoseEntry(existing, run.runId, sk);
        if (whose === 'other-line') throw new RunStateError(`ledger entry of run ${run.runId} for another line than ${sk}`);
        const r = existing ? (whose === 'this-line' ? { outcome: 'mine' as const } : { outcome: 'other' as const, runId: existing.runId }) : await d.store.writeLedger(entry(line));
        if (r.outcome === 'other') {
          outcome.set(line, { status: 'dropped', at, reason: ALREADY_PAID_REASON, otherRunId: r.runId });
          rewrite.add(line);
        } else outcome.set(line, { status: 'paid', at: existing?.paidAt ?? at });
      });
    });
    const updated = page.items.map((line) => {
      const payment = outcome.get(line);
      return payment ? { line: { ...line, payment }, changed: rewrite.has(line) } : { line, changed: false };
    });
    await d.store.putLines(updated.filter((u) => u.changed).map((u) => u.line));
    const next: PayState = { ...pay };
    for (const { line } of updated) {
      if (line.payment.status === 'paid') {
        next.paid += 1;
        if (line.amountLei >= 0) next.paidLei += line.amountLei;
        else next.recoveredLei += line.amountLei;
      } else next.dropped += 1;
    }
    next.marked += page.items.length;
    next.page += 1;
    next.cursor = encodeCursor(page.cursor);
    next.done = !page.cursor;
    await d.store.patchRun(run.runId, {
      'progress.marked': next.marked,
      ...(next.done ? { payment: { paidCount: next.paid, paidAmountLei: next.paidLei, recoveredAmountLei: next.recoveredLei, droppedCount: next.dropped } } : {}),
      updatedAt: stamp(d),
    }, { statusIn: ['approved'] });
    return { runId: run.runId, month: run.month, pay: next };
  })).result;
}

// ── NotifyFinance ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Settle the corrections this run paid or found unchanged, tell finance the payment file is ready, close the run. */
export async function complete(d: SubsidyDeps, s: RunState): Promise<RunState> {
  return (await measured(d, s.runId, 'complete', async () => {
    const run = await loadRun(d, s.runId, ['approved', 'completed']);
    await d.store.patchRun(run.runId, { stage: 'notifying', updatedAt: stamp(d) }, { statusIn: ['approved', 'completed'] });
    const refs = await d.store.allCorrections(run.runId);
    const ids: string[] = [];
    await mapLimit(refs, runSettings.concurrency.value, async (ref) => {
      if (ref.outcome === 'unchanged') ids.push(...ref.correctionIds);
      else if (ref.outcome === 'adjusted') {
        const stored = await d.store.getLine(run.runId, ref.caseId, 'arrears', ref.month);
        const line = stored && (await d.store.resolvePayments(run.runId, [stored]))[0];
        // an adjustment that could not be paid (no usable IBAN) keeps its corrections pending for the next run
        if (line && (line.payment.status === 'paid' || line.payment.status === 'dropped')) ids.push(...ref.correctionIds);
      }
    });
    await d.source.markCorrectionsApplied(ids, run.runId, d.now());
    const p = run.payment ?? { paidCount: 0, paidAmountLei: 0, recoveredAmountLei: 0, droppedCount: 0 };
    await notify(d, {
      kind: 'payment_file_ready',
      data: { runId: run.runId, month: run.month, paymentCount: p.paidCount, totalAmountLei: Math.max(0, p.paidAmountLei + p.recoveredAmountLei) },
    }, { role: 'finance', institution: runSettings.leadInstitution.value }, `subsidy-payment-file-${run.runId}`);
    await d.store.patchRun(run.runId, { status: 'completed', stage: 'completed', 'payment.completedAt': stamp(d), completedAt: stamp(d), updatedAt: stamp(d) }, { statusIn: ['approved', 'completed'] });
    return { runId: run.runId, month: run.month, status: 'completed' };
  })).result;
}

// ── RecordFailure ─────────────────────────────────────────────────────────────────────────────────────────────────

export async function recordFailure(d: SubsidyDeps, e: { runId: string; error?: { Error?: string; Cause?: string } | undefined }): Promise<{ runId: string; status: RunStatus | null }> {
  const run = await d.store.getRun(e.runId);
  if (!run) return { runId: e.runId, status: null };
  if (run.status === 'completed' || run.status === 'rejected') return { runId: run.runId, status: run.status };
  if (run.status !== 'failed') {
    const stage: RunStage = run.stage;
    await d.store.patchRun(run.runId, {
      status: 'failed', stage: 'failed', updatedAt: stamp(d),
      failure: { stage, error: String(e.error?.Error ?? 'Unknown').slice(0, 200), at: stamp(d) },
    }, { statusIn: ['evaluating', 'awaiting_approval', 'approved'] });
    logger.error('subsidy run failed', { runId: run.runId, stage, error: e.error?.Error });
  }
  await recordPaidBeforeFailure(d, run.runId);
  return { runId: run.runId, status: 'failed' };
}

/**
 * A run that failed while paying has paid what its ledger entries say (a child's month is paid at most once, whatever
 * fails): that is recorded as its payment, so its payment file holds those payments, the budget counts them, finance
 * is told, and a new attempt — which drops those months as already paid — pays only the rest. Apart from marking the
 * run failed, so that a failure here still leaves the run failed; a repeated RecordFailure finishes it.
 */
async function recordPaidBeforeFailure(d: SubsidyDeps, runId: string): Promise<void> {
  const run = await d.store.getRun(runId);
  if (run?.status !== 'failed' || run.payment || run.approval?.decision !== 'approved') return;
  const payment = paymentOf(await d.store.payableLines(runId));
  if (payment.paidCount === 0) return;
  if (!(await d.store.recordFailedPayment(runId, payment))) return;
  logger.warn('failed subsidy run: its ledger entries recorded as its payment', { runId, paidCount: payment.paidCount });
  await notify(d, {
    kind: 'payment_file_ready',
    data: { runId, month: run.month, paymentCount: payment.paidCount, totalAmountLei: Math.max(0, payment.paidAmountLei + payment.recoveredAmountLei) },
  }, { role: 'finance', institution: runSettings.leadInstitution.value }, `subsidy-payment-file-${runId}`);
}
