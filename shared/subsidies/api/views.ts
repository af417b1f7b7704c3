/** How runs and their lines are shown (the API's answers): labels, progress, totals, masked IBANs. */
import { formatIban } from '../../platform/ro/iban.js';
import { tidyTotals } from '../aggregate.js';
import { budgetView, runNetFigure } from '../budget.js';
import { reasonLabel } from '../labels.js';
import { lineKindLabels, runStageLabels, runStatusLabels, type RunLine, type RunRecord } from '../model.js';
import { approvalRefusal } from '../rules/approval.js';
import { monthLabel } from '../rules/eligibility.js';

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
    /** the net to show in the runs list: paid once the payment is recorded, proposed before, null when nothing */
    net: runNetFigure(run),
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

export const paymentFileReady = (r: RunRecord) => r.approval?.decision === 'approved' && (r.status === 'completed' || (r.status === 'failed' && r.payment !== undefined));
