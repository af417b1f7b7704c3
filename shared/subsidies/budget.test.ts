import { describe, expect, it } from 'vitest';
import { subsidyConfig } from './config.js';
import { emptyTotals } from './aggregate.js';
import { budgetView, runNetFigure } from './budget.js';
import type { RunRecord } from './model.js';

const summary = (netLei: number): RunRecord['summary'] => ({ totals: emptyTotals(), netLei, budget: budgetView([]), computedAt: '2025-06-03T04:00:00Z' });
const r = (runId: string, status: RunRecord['status'], netLei: number, paid?: number): Pick<RunRecord, 'runId' | 'status' | 'summary' | 'payment'> => ({
  runId, status, summary: summary(netLei), ...(paid !== undefined ? { payment: { paidCount: 1, paidAmountLei: paid, recoveredAmountLei: 0, droppedCount: 0 } } : {}),
});

describe('subsidy budget', () => {
  it('counts completed runs as spent (what the ledger took), approved ones as committed, rejected ones not at all', () => {
    const b = budgetView([r('a', 'completed', 400_000, 399_600), r('b', 'approved', 100_000), r('c', 'rejected', 50_000), r('d', 'awaiting_approval', 7_000)]);
    expect(b.spentLei).toBe(399_600);
    expect(b.committedLei).toBe(100_000);
    expect(b.remainingLei).toBe(subsidyConfig.budgetLei - 499_600);
    expect(b.minimumTotalLei).toBe(1_725_600);
  });

  it('counts what a run that failed while paying wrote to the ledger as spent, and a run that failed before as nothing', () => {
    const b = budgetView([r('a', 'failed', 400_000, 120_000), r('b', 'failed', 90_000)]);
    expect(b.spentLei).toBe(120_000);
    expect(b.committedLei).toBe(0);
  });

  it("shows a run's net as paid once its payment is recorded, proposed while it may pay, and none for a rejected run or a failed one without payment", () => {
    expect(runNetFigure(r('a', 'completed', 400_000, 399_600))).toEqual({ lei: 399_600, basis: 'paid' });
    expect(runNetFigure(r('b', 'failed', 400_000, 120_000))).toEqual({ lei: 120_000, basis: 'paid' });
    expect(runNetFigure(r('c', 'failed', 90_000))).toBeNull();
    expect(runNetFigure(r('c', 'rejected', 90_000))).toBeNull();
    for (const status of ['evaluating', 'awaiting_approval', 'approved'] as const) expect(runNetFigure(r('d', status, 7_000.5))).toEqual({ lei: 7_000.5, basis: 'planned' });
    expect(runNetFigure({ status: 'evaluating', summary: null })).toBeNull();
    // recoveries are negative: the net is what left the budget
    expect(runNetFigure({ status: 'completed', summary: summary(1), payment: { paidCount: 3, paidAmountLei: 1_000.1, recoveredAmountLei: -200.2, droppedCount: 0 } })).toEqual({ lei: 799.9, basis: 'paid' });
  });

  it('includes the run awaiting approval when asked, with the 80/90/100% warnings', () => {
    const runs = [r('a', 'completed', 1_300_000, 1_300_000), r('d', 'awaiting_approval', 100_000)];
    expect(budgetView(runs).level).toBe(0);
    const b = budgetView(runs, { pendingRunId: 'd' });
    expect(b.committedLei).toBe(100_000);
    expect(b.level).toBe(80);
    expect(b.warning?.code).toBe('BUDGET_80');
    const over = budgetView([r('a', 'completed', 1_800_000, 1_800_000)]);
    expect(over.warning?.code).toBe('BUDGET_EXCEEDED');
    expect(over.remainingToMinimumLei).toBe(1_725_600 - 1_800_000);
  });
});
