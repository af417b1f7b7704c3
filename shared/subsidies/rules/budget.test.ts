import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subsidyConfig } from '../config.js';
import { budgetStatus } from './budget.js';

const budgetLei = subsidyConfig.budgetLei;

describe('budgetStatus', () => {
  it('below 80%: no warning', () => {
    const s = budgetStatus({ paidLei: 1_000_000, committedLei: 100_000, budgetLei });
    expect(s).toMatchObject({ spent: 1_000_000, committed: 100_000, remaining: 625_600, level: 0, warning: null });
    expect(s.ratio).toBeCloseTo(1_100_000 / budgetLei, 10);
  });

  it('committed money counts toward the warnings', () => {
    expect(budgetStatus({ paidLei: 1_300_000, committedLei: 0, budgetLei }).level).toBe(0);
    const s = budgetStatus({ paidLei: 1_300_000, committedLei: 80_480, budgetLei });
    expect(s.level).toBe(80);
    expect(s.warning).toMatchObject({ code: 'BUDGET_80' });
    expect(s.warning!.message).toMatch(/^S-a atins 80% din buget; mai rămân 345\.120,00 lei$/);
  });

  it('90%, exactly 100% and exceeded', () => {
    expect(budgetStatus({ paidLei: 1_553_040, committedLei: 0, budgetLei }).level).toBe(90);
    expect(budgetStatus({ paidLei: budgetLei, committedLei: 0, budgetLei })).toMatchObject({ level: 100, remaining: 0, warning: { code: 'BUDGET_EXHAUSTED' } });
    const over = budgetStatus({ paidLei: budgetLei, committedLei: 400, budgetLei });
    expect(over).toMatchObject({ level: 100, remaining: -400, warning: { code: 'BUDGET_EXCEEDED' } });
    expect(over.warning!.message).toContain('400,00 lei');
  });

  it('counts in bani, without floating-point drift', () => {
    expect(budgetStatus({ paidLei: 0.1, committedLei: 0.2, budgetLei: 0.3 })).toMatchObject({ remaining: 0, level: 100 });
  });

  it('refuses an empty or negative budget and negative amounts', () => {
    expect(() => budgetStatus({ paidLei: 0, committedLei: 0, budgetLei: 0 })).toThrow(RangeError);
    expect(() => budgetStatus({ paidLei: -1, committedLei: 0, budgetLei })).toThrow(RangeError);
    expect(() => budgetStatus({ paidLei: Number.NaN, committedLei: 0, budgetLei })).toThrow(RangeError);
  });

  it('custom thresholds', () => {
    expect(budgetStatus({ paidLei: 50, committedLei: 0, budgetLei: 100 }, [0.5, 0.75]).level).toBe(50);
  });

  it('property: remaining = budget − paid − committed; the level never falls when more is spent', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 200_000 }), (paid, committed, more) => {
      const a = budgetStatus({ paidLei: paid, committedLei: committed, budgetLei });
      const b = budgetStatus({ paidLei: paid + more, committedLei: committed, budgetLei });
      expect(a.remaining).toBe(budgetLei - paid - committed);
      expect(b.level).toBeGreaterThanOrEqual(a.level);
      expect([0, 80, 90, 100]).toContain(a.level);
    }));
  });
});
