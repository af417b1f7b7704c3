import { describe, expect, it } from 'vitest';
import { loadRomaPlan } from './roma-plan/index.js';
import type { Refusal } from '../platform/errors.js';
import type { Principal } from '../platform/auth/principal.js';
import { computeIndicators } from './indicators.js';
import { indicatorDrillDown, planAsOf, planQuarterAsOf, quarterAsOf, resolveAsOf, romaLineDrillDown } from './service.js';
import { enrol, rcase } from './test-fixtures.js';

// 23:30 UTC on 30 September is already 1 October in Timișoara
const now = new Date('2026-09-30T23:30:00Z');
const code = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as Refusal).code; } return null; };

describe('report days', () => {
  it('defaults to today in Bucharest and refuses a future day', () => {
    expect(resolveAsOf(undefined, now)).toBe('2026-10-01');
    expect(resolveAsOf('2026-03-31', now)).toBe('2026-03-31');
    expect(code(() => resolveAsOf('2026-10-02', now))).toBe('REPORT_DATE_FUTURE');
  });

  it('takes a quarter at its last day, or today while it runs, and refuses one not begun', () => {
    expect(quarterAsOf('2026-Q3', now)).toBe('2026-09-30');
    expect(quarterAsOf('2026-Q4', now)).toBe('2026-10-01');
    expect(code(() => quarterAsOf('2027-Q1', now))).toBe('REPORT_QUARTER_FUTURE');
    expect(code(() => planQuarterAsOf(2026, '2025-Q4', now))).toBe('ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN');
    expect(planAsOf(2026, now)).toBe('2026-10-01');
    expect(planAsOf(2025, now)).toBe('2025-12-31');
  });
});

describe('drill-down requests', () => {
  const data = { cases: [rcase({ caseId: 'a', ethnicity: 'roma' as const, childName: 'Ana Fictiv' })], enrolments: [enrol('a', 'cz-kuncz', '2026-02-01')], paid: [], identityDocuments: [] };
  const pm = { userId: 'u', roles: ['project_manager'], institution: 'DAS' } as unknown as Principal;

  it('answers an unknown indicator with 404 and a known one with its cases, exact for the project team', () => {
    const set = computeIndicators(data, '2026-06-30');
    expect(code(() => indicatorDrillDown(data, set, 'nu_exista', pm))).toBe('REPORT_INDICATOR_UNKNOWN');
    const r = indicatorDrillDown(data, set, 'participants_roma', pm);
    expect(r.indicator).toMatchObject({ value: 1, suppressed: false });
    expect(r.drillDown.rows.map((x) => x.caseId)).toEqual(['a']);
    expect(r.namesShown).toBe(false);
  });

  it('lists the cases of a computed Roma plan line and refuses a manual action', async () => {
    const plan = await loadRomaPlan(2026);
    expect(romaLineDrillDown(plan, data, '2026-06-30', '2.3', 'kuncz', pm).rows.map((x) => x.caseId)).toEqual(['a']);
    expect(code(() => romaLineDrillDown(plan, data, '2026-06-30', '1.1', undefined, pm))).toBe('ROMA_ACTION_NOT_COMPUTED');
    expect(code(() => romaLineDrillDown(plan, data, '2026-06-30', '2.3', 'speranta', pm))).toBe('ROMA_PROGRESS_ROW_UNKNOWN');
  });
});
