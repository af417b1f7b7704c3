import { describe, expect, it } from 'vitest';
import { legalDefaults, legalKeys, targetGroup, termComputation, unconfirmedDefaults } from './legal-defaults.js';

describe('legal defaults', () => {
  const cfg = legalDefaults();

  it('holds the values found so far, each with unit, basis, source and confidence', () => {
    const expected: Record<string, [number, string]> = {
      homeVisitAfterReportHours: [72, 'hours'],
      initialEvaluationHours: [72, 'hours'],
      planDrawUpDays: [30, 'days'],
      planDrawUpAfterEvaluationDays: [30, 'days'],
      planApprovalDays: [5, 'days'],
      pipReviewMonths: [3, 'months'],
      psReviewMonths: [3, 'months'],
      psMinimumDurationMonths: [12, 'months'],
      postReintegrationMonitoringMonths: [3, 'months'],
      closingEvaluationDays: [10, 'days'],
      observatorRegistrationDays: [5, 'days'],
      childAgeLimitYears: [18, 'years'],
      specialProtectionStudiesAgeLimitYears: [26, 'years'],
    };
    for (const [key, [value, unit]] of Object.entries(expected)) {
      expect(cfg[key as keyof typeof cfg]).toMatchObject({ key, value, unit });
    }
    for (const d of Object.values(cfg)) {
      expect(d.source.length).toBeGreaterThan(10);
      expect(['from_event', 'periodic', 'minimum_duration', 'age_limit']).toContain(d.basis);
      expect(d.source + d.note).not.toMatch(/[şţŞŢ]/);
    }
  });

  it('marks confidence as in the brief: only quoted values are confirmed', () => {
    expect(cfg.homeVisitAfterReportHours.confidence).toBe('secondary');
    expect(cfg.initialEvaluationHours.confidence).toBe('predecessor_act');
    expect(cfg.psReviewMonths.confidence).toBe('predecessor_act');
    expect(cfg.psMinimumDurationMonths.confidence).toBe('draft');
    expect(cfg.pipReviewMonths.confidence).toBe('quoted');
    for (const k of ['planDrawUpDays', 'postReintegrationMonitoringMonths', 'planApprovalDays', 'closingEvaluationDays', 'observatorRegistrationDays', 'planDrawUpAfterEvaluationDays'] as const) {
      expect(cfg[k]).toMatchObject({ confidence: 'not_found', confirmed: false });
    }
    for (const d of Object.values(cfg)) expect(d.confirmed).toBe(d.confidence === 'quoted');
    expect(unconfirmedDefaults().map((d) => d.key).sort()).toEqual(legalKeys.filter((k) => !cfg[k].confirmed).sort());
  });

  it('is frozen', () => {
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.pipReviewMonths)).toBe(true);
    expect(() => {
      (cfg.pipReviewMonths as { value: number }).value = 1;
    }).toThrow(TypeError);
    expect(Object.isFrozen(targetGroup.prevention.residenceLocalities)).toBe(true);
  });

  it('accepts overrides without touching the defaults and says so in the note', () => {
    const local = legalDefaults({ planDrawUpDays: 15 });
    expect(local.planDrawUpDays.value).toBe(15);
    expect(local.planDrawUpDays.note).toContain('configurată local');
    expect(local.planDrawUpDays.source).toBe(cfg.planDrawUpDays.source);
    expect(legalDefaults().planDrawUpDays.value).toBe(30);
    expect(legalDefaults({ planDrawUpDays: 30 }).planDrawUpDays.note).toBe(cfg.planDrawUpDays.note);
  });

  it('refuses invalid overrides with a Romanian message', () => {
    expect(() => legalDefaults({ pipReviewMonths: -1 })).toThrow(/„pipReviewMonths” nu este validă/);
    expect(() => legalDefaults({ pipReviewMonths: 1.5 })).toThrow(RangeError);
    expect(() => legalDefaults({ pipReviewMonths: Number.NaN })).toThrow(RangeError);
    expect(() => legalDefaults({ nope: 3 } as never)).toThrow(/nu există/);
  });

  it('documents how terms are counted and who is in the target group', () => {
    expect(termComputation.source).toContain('Codul civil');
    expect(targetGroup.prevention.residenceLocalities).toEqual(['Timișoara']);
    expect(targetGroup.reintegration.requiresSpecialProtection).toBe(true);
    expect(targetGroup.minimumRiskFactors).toBe(1);
  });
});
