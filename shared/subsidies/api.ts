/**
 * What the API does with monthly runs: start one for a month, show it (progress, totals, budget), list its lines,
 * include / exclude a child, approve or reject, and produce the payment file. Parsing and routing are in
 * functions/subsidies; everything here is checked and audited.
 */
import type { Principal } from '../platform/auth/principal.js';
import { subsidyConfig } from './config.js';
import { conflict, forbidden, notFound, unprocessable } from '../platform/http/errors.js';
import { logger } from '../platform/log.js';
import type { RequestInfo } from '../cases/index.js';
import { inProjectPeriod, monthLabel } from './rules/eligibility.js';
import { formatIban } from '../platform/ro/iban.js';
import { runKey, type ClaimResult } from './store.js';
import type { TransactItem } from '../cases/index.js';
import { decodeCursor, encodeCursor } from './store.js';
import { lineTotals, subtractTotals, tidyTotals, totalsDeltaPaths, netLei } from './aggregate.js';
import { budgetView } from './budget.js';
import type { SubsidyDeps } from './deps.js';
import { applyOverride } from './evaluate.js';
import { reasonLabel, reasonLabels } from './labels.js';
import {
  executionNameOf, lineKindLabels, restartableStatuses, runIdOf, runStageLabels, runStatusLabels,
  type OverrideForm, type RunLine, type RunRecord, type lineFilters,
} from './model.js';
import { isFinished } from './months.js';
import { notify } from './notify.js';
import { buildPaymentFile, CSV_CONTENT_TYPE, HTML_CONTENT_TYPE, paymentCsv, paymentSummaryHtml, paymentXlsx, XLSX_CONTENT_TYPE } from './payment-file.js';
import { runSettings } from './settings.js';
import { newRun } from './steps.js';
import { alreadyDecided, approvalRefusal, rejectionRefusal, type Refusal } from './rules/approval.js';

export const WORKFLOW = 'monthly-run';
const lead = () => runSettings.leadInstitution.value;

/** Subsidy runs belong to the project lead: its coordinators, project manager and finance office. */
export function requireLead(p: Principal): void {
  if (p.institution !== lead()) throw forbidden('Rulările subvenției sunt gestionate de instituția care conduce proiectul.');
}

async function auditRun(d: SubsidyDeps, p: Principal, action: string, subjectType: 'run' | 'case' | 'export', subjectId: string, req: RequestInfo, detail?: Record<string, unknown>, subjectInstitution: string = lead()) {
  await d.audit.append({
    actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action, subjectType, subjectId, subjectInstitution,
    outcome: 'allowed', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId, ...(detail ? { detail } : {}), at: d.now().toISOString(),
  });
}

// ── views ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export function maskIban(iban: string | null): string | null {
  if (!iban) return null;
  const clean = iban.replace(/\s+/g, '');
  return clean.length > 8 ? `${clean.slice(0, 4)} •••• ${clean.slice(-4)}` : '••••';
}

function approvalBlocked(run: RunRecord): { code: string; message: string } | null {
  if (run.status !== 'awaiting_approval' || run.approval) return null;
  const r = approvalRefusal(run);
  return r ? { code: r.code, message: r.message } : null;
}

export function runView(run: RunRecord, runs: readonly RunRecord[] = []) {
  const p = run.progress;
  const percent = run.status === 'completed' ? 100
    : run.stage === 'marking_paid' && run.summary ? Math.min(99, Math.round((p.marked / Math.max(1, run.summary.totals.eligible + run.summary.totals.arrearsCount + run.summary.totals.recoveryCount)) * 100))
    : p.total > 0 ? Math.min(100, Math.round((p.evaluated / p.total) * 100)) : run.stage === 'claimed' || run.stage === 'freezing' ? 0 : 100;
  const totals = run.summary ? tidyTotals(run.summary.totals) : null;
  return {
    runId: run.runId,
    month: run.month,
    monthLabel: monthLabel(run.month),
    attempt: run.attempt,
    status: run.status,
    statusLabel: runStatusLabels[run.status],
    stage: run.stage,
    stageLabel: runStageLabels[run.stage],
    trigger: run.trigger,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    progress: { ...p, percent },
    summary: run.summary && totals
      ? {
          ...run.summary,
          totals,
          byReason: Object.entries(totals.byReason).sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ code, label: reasonLabel(code), count })),
          budget: runs.length ? budgetView(runs, { pendingRunId: run.runId }) : run.summary.budget,
        }
      : null,
    approval: run.approval ? { decision: run.approval.decision, byName: run.approval.byName, at: run.approval.at, ...(run.approval.reason ? { reason: run.approval.reason } : {}) } : null,
    payment: run.payment ?? null,
    failure: run.failure ?? null,
    /** registers with unmarked expected days when the month was frozen, per centre and group */
    incompleteRegisters: run.incompleteRegisters ?? [],
    metrics: run.metrics ?? {},
    locked: run.status !== 'awaiting_approval',
    /** why the run cannot be approved as it stands (0 children evaluated), said before anyone tries; null when it can */
    approvalBlocked: approvalBlocked(run),
    paymentFileAvailable: paymentFileReady(run),
    version: run.version,
  };
}

export function lineView(l: RunLine) {
  return {
    caseId: l.caseId,
    caseNumber: l.caseNumber,
    institution: l.institution,
    cohort: l.cohort,
    kind: l.kind,
    kindLabel: lineKindLabels[l.kind],
    month: l.month,
    monthLabel: monthLabel(l.month),
    eligible: l.eligible,
    amountLei: l.amountLei,
    reasons: l.reasons,
    override: l.override ? { decision: l.override.decision === 'grant' ? 'include' : 'exclude', reason: l.override.reason, byName: l.override.byName, at: l.override.at } : null,
    beneficiary: l.beneficiary,
    iban: maskIban(l.iban ? formatIban(l.iban) : null),
    ibanValid: l.ibanValid,
    payment: l.payment,
    version: l.version,
  };
}

const paymentFileReady = (r: RunRecord) => r.approval?.decision === 'approved' && (r.status === 'completed' || (r.status === 'failed' && r.payment !== undefined));

// ── start ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Start the run's execution. The name is the run's, and the input is always the same, so Step Functions answers a
 * repeated start of a RUNNING execution with that execution; 'ended' when an execution of that name has already
 * finished (AWS and the local service then answer ExecutionAlreadyExists).
 */
async function startExecution(d: SubsidyDeps, run: RunRecord): Promise<'running' | 'ended'> {
  try {
    await d.sfn.startExecution({
      stateMachineArn: d.stateMachineArn(WORKFLOW),
      name: executionNameOf(run.runId),
      input: JSON.stringify({ trigger: 'api', runId: run.runId, month: run.month }),
    });
    return 'running';
  } catch (e) {
    if ((e as { name?: string }).name === 'ExecutionAlreadyExists') return 'ended';
    throw e;
  }
}

/**
 * Start a run for a finished month of the project period. A month has one run at a time: another attempt only after
 * the previous one was rejected (or failed). Repeating the request while the run is starting returns the same run.
 */
export async function startRun(d: SubsidyDeps, p: Principal, month: string, req: RequestInfo): Promise<{ run: RunRecord; created: boolean }> {
  requireLead(p);
  const now = d.now();
  if (!inProjectPeriod(month)) {
    throw unprocessable('MONTH_OUTSIDE_PROJECT', `Luna ${monthLabel(month)} este în afara perioadei proiectului (${monthLabel(subsidyConfig.projectPeriod.from)} – ${monthLabel(subsidyConfig.projectPeriod.to)}).`, [{ path: 'month', code: 'MONTH_OUTSIDE_PROJECT', message: 'Luna este în afara perioadei proiectului' }]);
  }
  if (!isFinished(month, now)) {
    throw unprocessable('MONTH_NOT_FINISHED', `Rularea se poate face numai pentru o lună încheiată; ${monthLabel(month)} nu s-a încheiat.`, [{ path: 'month', code: 'MONTH_NOT_FINISHED', message: 'Luna nu s-a încheiat' }]);
  }
  const head = await d.store.getHead(month);
  if (head) {
    const existing = await d.store.getRun(head.runId);
    if (existing && !restartableStatuses.includes(existing.status)) {
      if (existing.stage === 'claimed' && existing.trigger === 'api') {
        // claimed, but the execution may never have started (a crash between the two): start it, or replace a dead one
        if ((await startExecution(d, existing)) === 'running') return { run: existing, created: false };
        await d.store.patchRun(existing.runId, { status: 'failed', stage: 'failed', failure: { stage: 'claimed', error: 'ExecutionEnded', at: now.toISOString() }, updatedAt: now.toISOString() }, { statusIn: ['evaluating'] });
        return startRun(d, p, month, req);
      }
      throw conflict('RUN_EXISTS', `Există deja o rulare pentru ${monthLabel(month)} (${runStatusLabels[existing.status].toLowerCase()}). O nouă rulare se poate porni numai după respingerea celei existente.`, { runId: existing.runId });
    }
  }
  const attempt = (head?.attempt ?? 0) + 1;
  const run = newRun({ month, attempt, trigger: 'api', requestedBy: { userId: p.userId, name: p.displayName }, executionName: executionNameOf(runIdOf(month, attempt)), now });
  const claimed: ClaimResult = await d.store.claim(run, head);
  if (!claimed.created) {
    throw conflict('RUN_EXISTS', `Există deja o rulare pentru ${monthLabel(month)}.`, { runId: claimed.head?.runId ?? null });
  }
  await startExecution(d, run);
  await auditRun(d, p, 'subsidy.run.start', 'run', run.runId, req, { month, attempt });
  return { run, created: true };
}

// ── read ──────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function loadRun(d: SubsidyDeps, runId: string): Promise<RunRecord> {
  const run = await d.store.getRun(runId);
  if (!run) throw notFound('Rularea nu a fost găsită.');
  return run;
}

const filters: Record<(typeof lineFilters)[number], { expression: string; names?: Record<string, string>; values?: Record<string, unknown> } | undefined> = {
  all: undefined,
  eligible: { expression: 'eligible = :yes', values: { ':yes': true } },
  ineligible: { expression: 'eligible = :no', values: { ':no': false } },
  adjustments: { expression: '#k <> :monthly', names: { '#k': 'kind' }, values: { ':monthly': 'monthly' } },
  overridden: { expression: 'attribute_exists(#o)', names: { '#o': 'override' } },
};

export async function listLines(
  d: SubsidyDeps, p: Principal, runId: string,
  q: { filter: (typeof lineFilters)[number]; reason?: string | undefined; cursor?: string | undefined; limit: number },
  req: RequestInfo,
) {
  requireLead(p);
  await loadRun(d, runId);
  const base = filters[q.filter];
  let filter = base;
  if (q.reason) {
    const reasonPart = 'contains(reasonCodes, :code)';
    filter = base
      ? { expression: `(${base.expression}) AND ${reasonPart}`, ...(base.names ? { names: base.names } : {}), values: { ...(base.values ?? {}), ':code': q.reason } }
      : { expression: reasonPart, values: { ':code': q.reason } };
  }
  const decoded = decodeCursor(q.cursor);
  // only a key of this run's lines is a valid place to continue from (anything else would fail in DynamoDB: a 500)
  const start = decoded && Object.keys(decoded).length === 2 && decoded.pk === `SUBRUN#${runId}` && typeof decoded.sk === 'string' && decoded.sk.startsWith('LINE#') ? decoded : undefined;
  if (q.cursor && !start) throw unprocessable('INVALID_CURSOR', 'Cursorul paginii nu este valid.', [{ path: 'query.cursor', code: 'INVALID_CURSOR', message: 'Cursor invalid' }]);
  const page = await d.store.lines(runId, { cursor: start, limit: q.limit, ...(filter ? { filter } : {}) });
  const items = page.items.map(lineView);
  // the lines show the legal representative's name: reading them is reading personal data of these cases
  await auditRun(d, p, 'subsidy.run.lines.read', 'run', runId, req, { filter: q.filter, reason: q.reason ?? null, caseIds: items.map((l) => l.caseId) });
  return { items, cursor: encodeCursor(page.cursor) };
}

export async function listRuns(d: SubsidyDeps, p: Principal, month?: string) {
  requireLead(p);
  const runs = await d.store.listRuns(month ? { month } : {});
  const all = month ? await d.store.listRuns() : runs;
  return { items: runs.map((r) => runView(r)), budget: budgetView(all) };
}

export async function getRunView(d: SubsidyDeps, p: Principal, runId: string) {
  requireLead(p);
  const run = await loadRun(d, runId);
  const runs = await d.store.listRuns();
  return runView(run, runs);
}

export async function budget(d: SubsidyDeps, p: Principal) {
  requireLead(p);
  const runs = await d.store.listRuns();
  const pending = runs.find((r) => r.status === 'awaiting_approval');
  return {
    budget: budgetView(runs, pending ? { pendingRunId: pending.runId } : {}),
    runs: runs.map((r) => ({ runId: r.runId, month: r.month, status: r.status, netLei: r.summary?.netLei ?? null, paidLei: r.payment ? r.payment.paidAmountLei + r.payment.recoveredAmountLei : null })),
    reasonLabels,
  };
}

// ── decide ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The run update that keeps its summary exact after a line changed (ADD of the differences), while still open. */
function summaryDeltaItem(table: string, runId: string, before: RunLine, after: RunLine, at: string): TransactItem {
  const delta = subtractTotals(lineTotals(after), lineTotals(before));
  const names: Record<string, string> = { '#st': 'status', '#ver': 'version', '#sum': 'summary', '#tot': 'totals', '#net': 'netLei', '#upd': 'updatedAt' };
  const values: Record<string, unknown> = { ':await': 'awaiting_approval', ':one': 1, ':at': at };
  const adds = ['#ver :one'];
  let i = 0;
  for (const { path, value } of totalsDeltaPaths(delta)) {
    const parts = path.map((seg) => {
      const n = `#p${i++}`;
      names[n] = seg;
      return n;
    });
    const v = `:d${i++}`;
    values[v] = value;
    adds.push(`#sum.#tot.${parts.join('.')} ${v}`);
  }
  const dn = netLei(delta);
  if (dn !== 0) {
    values[':dn'] = dn;
    adds.push('#sum.#net :dn');
  }
  return {
    Update: {
      TableName: table, Key: runKey(runId),
      UpdateExpression: `SET #upd = :at ADD ${adds.join(', ')}`,
      ConditionExpression: '#st = :await',
      ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    },
  };
}

/** Include or exclude a child (with a written reason), or clear that decision; only while the run awaits approval. */
export async function overrideLine(d: SubsidyDeps, p: Principal, runId: string, caseId: string, form: OverrideForm, req: RequestInfo) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (run.status !== 'awaiting_approval') throw conflict('RUN_LOCKED', `Rularea este ${runStatusLabels[run.status].toLowerCase()}: includerile și excluderile nu mai pot fi modificate.`);
  const line = await d.store.getLine(runId, caseId, 'monthly');
  if (!line) throw notFound('Copilul nu apare în această rulare.');
  if (line.version !== form.expectedVersion) throw conflict('LINE_CHANGED', 'Linia a fost modificată între timp. Reîncărcați lista și încercați din nou.', { version: line.version });
  const at = d.now().toISOString();
  const outcome = applyOverride(line, form, { userId: p.userId, name: p.displayName, at });
  if (!outcome.ok) throw unprocessable(outcome.code, outcome.message, [{ path: 'decision', code: outcome.code, message: outcome.message }]);
  const after = outcome.line;
  const r = await d.store.overrideLine(line, after, summaryDeltaItem(d.store.table, runId, line, after, at), {
    runId, caseId, decision: form.decision, reason: form.reason, by: p.userId, byName: p.displayName, at,
    before: { eligible: line.eligible, amountLei: line.amountLei }, after: { eligible: after.eligible, amountLei: after.amountLei },
  });
  if (r === 'run_locked') throw conflict('RUN_LOCKED', 'Rularea nu mai așteaptă aprobarea: includerile și excluderile nu mai pot fi modificate.');
  if (r === 'line_changed') throw conflict('LINE_CHANGED', 'Linia a fost modificată între timp. Reîncărcați lista și încercați din nou.');
  await auditRun(d, p, `subsidy.line.${form.decision}`, 'case', caseId, req, { runId, month: run.month, eligibleBefore: line.eligible, eligibleAfter: after.eligible }, line.institution);
  const fresh = await loadRun(d, runId);
  return { line: lineView(after), run: runView(fresh) };
}

async function sendToWorkflow(d: SubsidyDeps, runId: string, decision: 'approved' | 'rejected'): Promise<boolean> {
  const approval = await d.store.getApproval(runId);
  if (!approval) return false;
  try {
    await d.sfn.sendTaskSuccess({ taskToken: approval.taskToken, output: JSON.stringify({ decision }) });
  } catch (e) {
    // a used or replaced token: the approval step hands the recorded decision to the workflow itself
    logger.warn('subsidy decision not sent to the workflow', { runId, error: (e as Error).name });
    return false;
  }
  await d.store.patchRun(runId, { 'approval.sentToWorkflow': true });
  return true;
}

const refuse = (r: Refusal) => conflict(r.code, r.message, r.details);

/**
 * Approve what the coordinator saw (the run's version): the run is locked and the ledger is written. Exactly one
 * caller gets 200; any other (at the same time or later) gets 409 RUN_ALREADY_DECIDED naming who decided and when.
 * A decision recorded but not yet handed to the workflow (a crash in between) is handed over again on any later call.
 */
export async function approveRun(d: SubsidyDeps, p: Principal, runId: string, expectedVersion: number, req: RequestInfo) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (run.approval) {
    if (!run.approval.sentToWorkflow) await sendToWorkflow(d, runId, run.approval.decision);
    throw refuse(alreadyDecided(run.approval));
  }
  if (run.status !== 'awaiting_approval') throw conflict('RUN_NOT_AWAITING_APPROVAL', `Rularea nu așteaptă aprobarea (${runStatusLabels[run.status].toLowerCase()}).`);
  if (run.version !== expectedVersion) throw conflict('RUN_CHANGED', 'Rularea a fost modificată între timp (includeri sau excluderi). Verificați totalurile și aprobați din nou.', { version: run.version });
  const refusal = approvalRefusal(run);
  if (refusal) throw refuse(refusal);
  const at = d.now().toISOString();
  const ok = await d.store.patchRun(runId, {
    status: 'approved', stage: 'marking_paid', updatedAt: at,
    approval: { decision: 'approved', by: p.userId, byName: p.displayName, at, sentToWorkflow: false },
  }, { statusIn: ['awaiting_approval'], expectedVersion, bumpVersion: true });
  if (!ok) throw await lostRace(d, runId, 'RUN_CHANGED', 'Rularea a fost modificată între timp. Reîncărcați și aprobați din nou.');
  await auditRun(d, p, 'subsidy.run.approve', 'run', runId, req, { month: run.month, version: expectedVersion, netLei: run.summary?.netLei ?? null });
  await sendToWorkflow(d, runId, 'approved');
  const t = run.summary?.totals;
  const message = {
    kind: 'monthly_run_approved' as const,
    data: { runId, month: run.month, approvedAt: at, paymentCount: t ? t.eligible + t.arrearsCount + t.recoveryCount : 0, totalAmountLei: Math.max(0, run.summary?.netLei ?? 0) },
  };
  await notify(d, message, { role: 'project_manager', institution: lead() }, `subsidy-approved-${runId}-pm`);
  return runView(await loadRun(d, runId));
}

/** The conditional write lost: say who decided meanwhile, or that the run changed. */
async function lostRace(d: SubsidyDeps, runId: string, code: string, message: string) {
  const fresh = await d.store.getRun(runId); // a consistent read
  if (fresh?.approval) return refuse(alreadyDecided(fresh.approval));
  return conflict(code, message);
}

/** Reject the run with a reason; like the approval, exactly one caller gets 200. */
export async function rejectRun(d: SubsidyDeps, p: Principal, runId: string, reason: string, req: RequestInfo) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (run.approval) {
    if (!run.approval.sentToWorkflow) await sendToWorkflow(d, runId, run.approval.decision);
    throw refuse(alreadyDecided(run.approval));
  }
  if (run.status !== 'awaiting_approval') throw conflict('RUN_NOT_AWAITING_APPROVAL', `Rularea nu așteaptă aprobarea (${runStatusLabels[run.status].toLowerCase()}).`);
  const refusal = rejectionRefusal(run);
  if (refusal) throw refuse(refusal);
  const at = d.now().toISOString();
  const ok = await d.store.patchRun(runId, {
    status: 'rejected', stage: 'rejected', updatedAt: at,
    approval: { decision: 'rejected', by: p.userId, byName: p.displayName, at, reason, sentToWorkflow: false },
  }, { statusIn: ['awaiting_approval'], bumpVersion: true });
  if (!ok) throw await lostRace(d, runId, 'RUN_NOT_AWAITING_APPROVAL', 'Rularea nu mai așteaptă aprobarea.');
  await auditRun(d, p, 'subsidy.run.reject', 'run', runId, req, { month: run.month });
  await sendToWorkflow(d, runId, 'rejected');
  return runView(await loadRun(d, runId));
}

// ── payment file ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function allPaidLines(d: SubsidyDeps, runId: string): Promise<RunLine[]> {
  const out: RunLine[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await d.store.lines(runId, {
      cursor, limit: 1000, maxRequests: 20,
      filter: { expression: '#pay.#ps = :paid', names: { '#pay': 'payment', '#ps': 'status' }, values: { ':paid': 'paid' } },
    });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** The payment file of an approved run whose payments are recorded: CSV, XLSX, or the HTML summary for signature. */
export async function paymentFile(d: SubsidyDeps, p: Principal, runId: string, format: 'csv' | 'xlsx' | 'html', req: RequestInfo) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (!paymentFileReady(run)) {
    throw conflict('PAYMENT_FILE_NOT_READY', 'Fișierul de plată este disponibil numai după aprobarea rulării și înregistrarea plăților.', { status: run.status });
  }
  const file = buildPaymentFile(run, await allPaidLines(d, runId));
  await auditRun(d, p, 'export.subsidy.payment_file', 'export', `payment-file:${runId}:${format}`, req, {
    runId, month: run.month, format, payments: file.payments.length, recoveries: file.recoveries.length, caseNumbers: file.payments.length + file.recoveries.length,
  });
  const now = d.now();
  const base = `plati-subventie-${run.month}-${run.attempt}`;
  if (format === 'csv') return { contentType: CSV_CONTENT_TYPE, content: paymentCsv(file), filename: `${base}.csv` };
  if (format === 'xlsx') {
    return { contentType: XLSX_CONTENT_TYPE, content: await paymentXlsx(file, { generatedAt: now, ...(run.approval ? { approvedBy: run.approval.byName, approvedAt: run.approval.at } : {}) }), filename: `${base}.xlsx` };
  }
  return { contentType: HTML_CONTENT_TYPE, content: paymentSummaryHtml(file, run, { generatedAt: now, generatedBy: p.displayName, reasonLabels }) };
}
