import { describe, expect, it } from 'vitest';
import { institutions } from './institutions.js';
import { budget, budgetSchema, project, projectSchema } from './project.js';

describe('project', () => {
  it('the tables in code pass their schemas unchanged (they are not parsed at load)', () => {
    expect(projectSchema.parse(project)).toEqual(project);
    expect(budgetSchema.parse(budget)).toEqual(budget);
  });

  it('runs 36 months, March 2025 to February 2028', () => {
    expect(project.period).toEqual({ start: '2025-03', end: '2028-02', months: 36 });
  });

  it('lists the same partners and roles as the institutions', () => {
    expect(project.partners).toEqual(institutions.map((i) => ({ id: i.id, name: i.name, role: i.role })));
  });

  it('target group: 252 prevention + 14 reintegration = 266, of them 27 Roma', () => {
    const t = project.targetGroupCounts;
    expect(t.prevention + t.reintegration).toBe(t.children);
    expect(t).toMatchObject({ children: 266, roma: 27 });
  });

  it('refuses a period whose month count does not match, or counts that do not add up', () => {
    expect(projectSchema.safeParse({ ...project, period: { ...project.period, months: 35 } }).success).toBe(false);
    expect(projectSchema.safeParse({ ...project, targetGroupCounts: { ...project.targetGroupCounts, prevention: 251 } }).success).toBe(false);
  });
});

describe('budget', () => {
  it('partners add up to the total, to the ban', () => {
    const sum = budget.byPartner.reduce((s, p) => s + Math.round(p.totalLei * 100), 0);
    expect(sum).toBe(Math.round(budget.totalLei * 100));
  });

  it("DAS's sources are 85% EU, 13% state, 2% local and add up to its budget", () => {
    const das = budget.byPartner.find((p) => p.institution === 'DAS')!;
    expect(das.sources.map((s) => [s.kind, s.percent])).toEqual([['eu', 85], ['state', 13], ['local', 2]]);
    for (const s of das.sources) expect(Math.abs(s.lei / das.totalLei - s.percent / 100)).toBeLessThan(0.005);
  });

  it('refuses a partner budget that breaks the total', () => {
    const broken = { ...budget, byPartner: budget.byPartner.map((p) => (p.institution === 'GAL' ? { ...p, totalLei: 2_339_526.65 } : p)) };
    expect(budgetSchema.safeParse(broken).success).toBe(false);
    const badSources = { ...budget, byPartner: budget.byPartner.map((p) => (p.institution === 'DAS' ? { ...p, sources: p.sources.slice(0, 2) } : p)) };
    expect(budgetSchema.safeParse(badSources).success).toBe(false);
  });
});
