/**
 * The subsidy budget as the runs see it (pure): spent = what completed runs wrote to the ledger (and runs that failed
 * after writing part of it: their recorded payment), committed = approved
 * runs still being written plus, optionally, a run awaiting approval; remaining against the configured budget and
 * against the project's minimum (1,725,600 lei by default), with the 80/90/100% warnings of shared/subsidies/rules/budget.ts.
 */
import { subsidyConfig, type SubsidyConfig } from './config.js';
import { budgetStatus } from './rules/budget.js';
import type { BudgetView } from './aggregate.js';
import type { RunRecord } from './model.js';

type RunFacts = Pick<RunRecord, 'runId' | 'status' | 'summary' | 'payment'>;

/**
 * The net lei to show for a run: what the ledger paid once the run recorded its payment (a completed run, or one that
 * failed after paying part of its lines; negative when its recoveries outweigh its payments), else what its summary
 * proposes while it may still pay (being evaluated, awaiting approval, approved and being paid). Null when there is
 * no figure: a rejected run, or one that failed with no payment recorded.
 */
export function runNetFigure(r: Pick<RunRecord, 'status' | 'summary' | 'payment'>): { lei: number; basis: 'paid' | 'planned' } | null {
  if (r.payment && (r.status === 'completed' || r.status === 'failed')) return { lei: Math.round((r.payment.paidAmountLei + r.payment.recoveredAmountLei) * 100) / 100, basis: 'paid' };
  if (r.status === 'failed' || r.status === 'rejected' || !r.summary) return null;
  return { lei: r.summary.netLei, basis: 'planned' };
}

/** Net lei a run pays or will pay: the ledger's figure once written, else its summary. */
const runNet = (r: RunFacts): number => runNetFigure(r)?.lei ?? 0;

export function budgetView(runs: readonly RunFacts[], opts: { pendingRunId?: string; config?: SubsidyConfig } = {}): BudgetView {
  const config = opts.config ?? subsidyConfig;
  let spent = 0;
  let committed = 0;
  for (const r of runs) {
    if (r.status === 'completed' || (r.status === 'failed' && r.payment)) spent += runNet(r);
    else if (r.status === 'approved') committed += runNet(r);
    else if (r.runId === opts.pendingRunId && (r.status === 'awaiting_approval' || r.status === 'evaluating')) committed += runNet(r);
  }
  const s = budgetStatus({ paidLei: Math.max(0, spent), committedLei: Math.max(0, committed), budgetLei: config.budgetLei }, config.budgetWarningThresholds);
  return {
    budgetLei: config.budgetLei,
    budgetConfirmed: config.budgetConfirmed,
    minimumTotalLei: config.minimumTotalLei,
    spentLei: s.spent,
    committedLei: s.committed,
    remainingLei: s.remaining,
    remainingToMinimumLei: Math.round((config.minimumTotalLei - s.spent - s.committed) * 100) / 100,
    usedPercent: Math.round(s.ratio * 1000) / 10,
    level: s.level,
    warning: s.warning,
  };
}
