import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/reports/dashboard.js';
import type { PresentedIndicator } from '../../../shared/reports/present.js';
import { dashboardCharts } from './dashboard.js';
import { isRunning, lineDecisions, progressPercent, renameError, runProgress } from './subsidy-run.js';
import { addMonth, budgetWarningLevel, defaultMonth, finishedMonths } from './subsidy-runs.js';

describe('monthly run helpers', () => {
  it('offers only the finished months of the project period, newest first', () => {
    expect(finishedMonths('2025-06-10', '2025-03', '2028-02')).toEqual(['2025-05', '2025-04', '2025-03']);
    expect(finishedMonths('2025-03-31', '2025-03', '2028-02')).toEqual([]);
    expect(finishedMonths('2029-01-02', '2025-03', '2028-02')[0]).toBe('2028-02');
    expect(finishedMonths('2029-01-02', '2025-03', '2028-02')).toHaveLength(36);
    expect(finishedMonths('2026-01-01', '2025-03', '2028-02')[0]).toBe('2025-12');
    expect(addMonth('2025-12', 1)).toBe('2026-01');
    expect(addMonth('2026-01', -1)).toBe('2025-12');
  });

  it('proposes the newest month without a valid run', () => {
    const months = ['2025-06', '2025-05', '2025-04'];
    expect(defaultMonth(months, [])).toBe('2025-06');
    expect(defaultMonth(months, [{ month: '2025-06', status: 'completed' }])).toBe('2025-05');
    expect(defaultMonth(months, [{ month: '2025-06', status: 'rejected' }])).toBe('2025-06');
    expect(defaultMonth(months, months.map((m) => ({ month: m, status: 'completed' as const })))).toBe('2025-06');
    expect(defaultMonth([], [])).toBe('');
  });

  it('warns at 80, 90 and 100% of the budget', () => {
    expect(budgetWarningLevel(0)).toBe(0);
    expect(budgetWarningLevel(79.9)).toBe(0);
    expect(budgetWarningLevel(80)).toBe(80);
    expect(budgetWarningLevel(89.99)).toBe(80);
    expect(budgetWarningLevel(90)).toBe(90);
    expect(budgetWarningLevel(100)).toBe(100);
    expect(budgetWarningLevel(130)).toBe(100);
  });

  it('computes the progress of a run: children evaluated, then payments recorded', () => {
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(5, 12)).toBe(41);
    expect(progressPercent(12, 12)).toBe(100);
    expect(progressPercent(20, 12)).toBe(100);
    expect(progressPercent(-1, 12)).toBe(0);
    const base = { stage: 'evaluating' as const, summary: null };
    expect(runProgress({ ...base, status: 'evaluating', progress: { evaluated: 0, total: 0, corrections: 0, correctionsEvaluated: 0, marked: 0, percent: 0 } }).text).toBe('Se pregătește lista copiilor…');
    const ev = runProgress({ ...base, status: 'evaluating', progress: { evaluated: 3, total: 12, corrections: 0, correctionsEvaluated: 0, marked: 0, percent: 25 } });
    expect(ev).toEqual({ done: 3, total: 12, percent: 25, text: '3 din 12 copii evaluați' });
    const totals = { eligible: 7, arrearsCount: 1, recoveryCount: 0 } as never;
    const paying = runProgress({ status: 'approved', stage: 'marking_paid', progress: { evaluated: 12, total: 12, corrections: 0, correctionsEvaluated: 0, marked: 4, percent: 50 }, summary: { totals } as never });
    expect(paying).toEqual({ done: 4, total: 8, percent: 50, text: '4 din 8 plăți înregistrate' });
    const many = runProgress({ status: 'approved', stage: 'marking_paid', progress: { evaluated: 30, total: 30, corrections: 0, correctionsEvaluated: 0, marked: 20, percent: 80 }, summary: { totals: { eligible: 25, arrearsCount: 0, recoveryCount: 0 } } as never });
    expect(many.text).toBe('20 din 25 de plăți înregistrate');
    expect(runProgress({ ...base, status: 'evaluating', progress: { evaluated: 1, total: 1, corrections: 0, correctionsEvaluated: 0, marked: 0, percent: 100 } }).text).toBe('1 din 1 copil evaluat');
    expect(isRunning({ status: 'evaluating' })).toBe(true);
    expect(isRunning({ status: 'approved' })).toBe(true);
    expect(isRunning({ status: 'awaiting_approval' })).toBe(false);
    expect(isRunning({ status: 'completed' })).toBe(false);
  });

  it('offers include for ineligible, exclude for eligible, undo for a decided line, nothing for adjustments', () => {
    expect(lineDecisions({ kind: 'monthly', eligible: true, override: null })).toEqual(['exclude']);
    expect(lineDecisions({ kind: 'monthly', eligible: false, override: null })).toEqual(['include']);
    expect(lineDecisions({ kind: 'monthly', eligible: false, override: { decision: 'exclude', reason: 'x', byName: 'y', at: 'z' } })).toEqual(['clear']);
    expect(lineDecisions({ kind: 'arrears', eligible: true, override: null })).toEqual([]);
    expect(renameError({ reason: 'Motivați', other: 'x' }, 'overrideReason')).toEqual({ overrideReason: 'Motivați', other: 'x' });
  });
});

const indicator = (id: string, group: PresentedIndicator['group'], unit: PresentedIndicator['unit'], value: number | null, target: number | null): PresentedIndicator => ({
  id, group, groupLabel: group, label: id, unit, unitLabel: unit, value, display: value === null ? '<5' : String(value), suppressed: value === null,
  target, targetDisplay: target === null ? null : target.toLocaleString('ro-RO'), progress: null, involvesEthnicity: false,
  byInstitution: {} as PresentedIndicator['byInstitution'], drillDown: false, note: null,
});

describe('dashboard charts', () => {
  const indicators = [
    indicator('participants', 'target_group', 'children', 40, 266),
    indicator('participants_roma', 'target_group', 'children', null, 27),
    indicator('service_day-centres', 'services', 'children', 20, 117),
    indicator('service_day-centres_roma', 'services', 'children', 3, 10),
    indicator('service_int-a', 'services', 'children', 9, 75),
    indicator('cohort_18m', 'cohorts', 'children', 30, 187),
    indicator('cohort_12m', 'cohorts', 'children', 10, 79),
    indicator('child_months_paid', 'cohorts', 'child_months', 80, 4314),
    indicator('subsidies_paid', 'subsidies', 'lei', 32000, 1_725_600),
  ];

  it('draws services, Roma children, cohorts, child-months and subsidies against their targets', () => {
    const charts = dashboardCharts({ indicators, charts: [] });
    expect(charts.map((c) => c.id)).toEqual(['services', 'roma', 'cohorts', 'child-months', 'subsidies']);
    expect(charts[0]!.rows.map((r) => r.key)).toEqual(['service_day-centres', 'service_int-a']);
    expect(charts[1]!.title).toContain('27');
    expect(charts[1]!.rows.map((r) => [r.key, r.value])).toEqual([['participants_roma', null], ['service_day-centres_roma', 3]]);
    expect(charts[2]!.title).toContain('187 / 79');
    expect(charts[2]!.rows.map((r) => r.target)).toEqual([187, 79]);
    expect(charts[4]!.title).toBe('Subvenții plătite față de minimul de 1.725.600 lei');
    expect(charts[4]!.unit).toBe('lei');
    expect(charts[4]!.rows[0]).toMatchObject({ value: 32000, target: 1_725_600, targetDisplay: '1.725.600' });
  });

  it('adds the overdue tasks per team only when the answer has them', () => {
    const overdue: Dashboard['charts'][number] = {
      id: 'overdue_tasks', kind: 'stacked_bar', title: 'Sarcini întârziate, pe echipe', unit: 'sarcini',
      series: [{ key: 'value', label: 'Întârziate', points: [{ key: 'DAS', label: 'DAS', value: 4, display: '4' }] }],
    };
    expect(dashboardCharts({ indicators, charts: [] }).some((c) => c.id === 'overdue')).toBe(false);
    const withOverdue = dashboardCharts({ indicators, charts: [overdue] });
    expect(withOverdue.at(-1)).toMatchObject({ id: 'overdue', title: 'Sarcini întârziate, pe echipe', rows: [{ key: 'DAS', value: 4 }] });
  });
});
