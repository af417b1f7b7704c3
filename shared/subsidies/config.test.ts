import { describe, expect, it } from 'vitest';
import { project } from '../project/project.js';
import { subsidyConfig, subsidyConfigSchema } from './config.js';

describe('subsidy configuration', () => {
  it('the table in code passes its schema unchanged (it is not parsed at load)', () => {
    expect(subsidyConfigSchema.parse(subsidyConfig)).toEqual(subsidyConfig);
  });

  it('400 lei for every month of the project period, with a source', () => {
    expect(subsidyConfig.amounts).toEqual([{ from: '2025-03', to: '2028-02', amountLei: 400, source: expect.stringContaining('328741') }]);
    expect(subsidyConfig.projectPeriod).toEqual({ from: project.period.start, to: project.period.end });
  });

  it('cohorts 187 × 18 + 79 × 12 = 4,314 child-months = 1,725,600 lei', () => {
    const months = subsidyConfig.cohorts.reduce((n, c) => n + c.quota * c.minMonths, 0);
    expect(months).toBe(subsidyConfig.minimumChildMonths);
    expect(months * 400).toBe(subsidyConfig.minimumTotalLei);
    expect(subsidyConfig.cohorts.reduce((n, c) => n + c.quota, 0)).toBe(project.targetGroupCounts.children);
  });

  it('no cap per child by default; warnings at 80, 90 and 100%', () => {
    expect(subsidyConfig.maxMonthsPerChild).toBeNull();
    expect(subsidyConfig.budgetWarningThresholds).toEqual([0.8, 0.9, 1]);
  });

  it('refuses amounts that leave a gap or overlap in the project period', () => {
    const gap = { ...subsidyConfig, amounts: [{ from: '2025-03', to: '2026-12', amountLei: 400, source: 'test source' }, { from: '2027-02', to: '2028-02', amountLei: 450, source: 'test source' }] };
    expect(subsidyConfigSchema.safeParse(gap).success).toBe(false);
    const overlap = { ...subsidyConfig, amounts: [{ from: '2025-03', to: '2027-01', amountLei: 400, source: 'test source' }, { from: '2027-01', to: '2028-02', amountLei: 450, source: 'test source' }] };
    expect(subsidyConfigSchema.safeParse(overlap).success).toBe(false);
    const split = { ...subsidyConfig, amounts: [{ from: '2025-03', to: '2026-12', amountLei: 400, source: 'test source' }, { from: '2027-01', to: '2028-02', amountLei: 450, source: 'test source' }] };
    expect(subsidyConfigSchema.safeParse(split).success).toBe(true);
  });

  it('refuses quotas or totals that do not add up', () => {
    expect(subsidyConfigSchema.safeParse({ ...subsidyConfig, minimumTotalLei: 1_725_000 }).success).toBe(false);
    expect(subsidyConfigSchema.safeParse({ ...subsidyConfig, cohorts: [{ ...subsidyConfig.cohorts[0]!, quota: 186 }, subsidyConfig.cohorts[1]!] }).success).toBe(false);
    expect(subsidyConfigSchema.safeParse({ ...subsidyConfig, budgetWarningThresholds: [0.9, 0.8] }).success).toBe(false);
  });
});
