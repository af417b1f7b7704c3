import { describe, expect, it } from 'vitest';
import { participationRules, participationRulesSchema, ruleFor } from './participation-rules.js';
import { serviceCatalogue } from './catalogue.js';

describe('participation rules', () => {
  it('the table in code passes its schema unchanged (it is not parsed at load)', () => {
    expect(participationRulesSchema.parse(participationRules)).toEqual(participationRules);
  });

  it('every service in the catalogue has a rule', () => {
    for (const s of serviceCatalogue) expect(() => ruleFor(participationRules, s.type, s.id)).not.toThrow();
  });

  it('defaults: day centres 50% and 4 days with excused absences neutral; Podu Lung 4 sessions; interventions 2 sessions', () => {
    expect(ruleFor(participationRules, 'day_centre', 'cz-kuncz')).toMatchObject({ kind: 'attendance', minAttendanceRatio: 0.5, minPresentDays: 4, excusedAbsencesNeutral: true });
    expect(ruleFor(participationRules, 'recovery_centre', 'cr-podu-lung')).toMatchObject({ kind: 'sessions', minSessions: 4, minParentSessions: 0 });
    expect(ruleFor(participationRules, 'intervention', 'int-a')).toMatchObject({ kind: 'sessions', minSessions: 2, minParentSessions: 0 });
  });

  it('intervention B overrides its type: parents must attend at least one counselling or parenting-skills session', () => {
    expect(ruleFor(participationRules, 'intervention', 'int-b')).toMatchObject({ minSessions: 2, minParentSessions: 1, parentSessionTypes: ['parent_counselling', 'parenting_skills'] });
    expect(ruleFor(participationRules, 'intervention')).toMatchObject({ minParentSessions: 0 });
  });

  it('every default is marked for the project to confirm, with its source, pro-rata off and a partial-month minimum', () => {
    for (const r of [...Object.values(participationRules.byType), ...Object.values(participationRules.byService)]) {
      expect(r).toMatchObject({ confirmed: false, confidence: 'project_to_confirm', prorate: { enabled: false, rounding: 'up', atLeast: 1, confirmed: false }, partialMonth: { confirmed: false } });
      expect(r.partialMonth.source).toMatch(/neconfirmat/);
      expect(r.prorate.source).toMatch(/neconfirmat/);
      expect(r.source).toMatch(/participarea activă/);
    }
  });

  it('refuses a parents’ minimum without session types, and a ratio above 1', () => {
    const bad = structuredClone(participationRules);
    bad.byService['int-b'] = { ...bad.byService['int-b']!, parentSessionTypes: [] } as never;
    expect(participationRulesSchema.safeParse(bad).success).toBe(false);
    const ratio = structuredClone(participationRules);
    (ratio.byType.day_centre as { minAttendanceRatio: number }).minAttendanceRatio = 1.5;
    expect(participationRulesSchema.safeParse(ratio).success).toBe(false);
  });
});
