import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { participationRules, type ParticipationRules } from '../participation-rules.js';
import { emptySummary, type MonthlyParticipationSummary } from '../model.js';
import { countRo, evaluateParticipation, openDatesInMonth } from './participation.js';

// February 2026: Sunday 1st, 28 days → 20 weekdays (Mon–Fri), 24 days Mon–Sat.
const FEB = '2026-02';
const whole = { from: '2025-09-01' };
const summary = (serviceId: string, counts: Partial<MonthlyParticipationSummary>): MonthlyParticipationSummary => {
  const s = { ...emptySummary('c1', FEB, serviceId), ...counts };
  s.scheduledDays = s.presentDays + s.absentDays + s.excusedDays;
  return s;
};
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);
const dayCentre = (counts: Partial<MonthlyParticipationSummary>, enrolment: { from: string; to?: string } = whole, rules: ParticipationRules = participationRules) =>
  evaluateParticipation(summary('cz-kuncz', counts), 'day_centre', rules, enrolment, FEB);

describe('calendar', () => {
  it('open days of a month follow the ISO weekdays of the schedule', () => {
    const days = openDatesInMonth(FEB, [1, 2, 3, 4, 5]);
    expect(days).toHaveLength(20);
    expect(days[0]).toBe('2026-02-02');
    expect(days.at(-1)).toBe('2026-02-27');
    expect(openDatesInMonth(FEB, [7])).toEqual(['2026-02-01', '2026-02-08', '2026-02-15', '2026-02-22']);
    expect(openDatesInMonth('2024-02', [4])).toContain('2024-02-29');
  });

  it('Romanian counts', () => {
    expect(countRo(1, 'zi', 'zile')).toBe('1 zi');
    expect(countRo(12, 'zi', 'zile')).toBe('12 zile');
    expect(countRo(20, 'zi', 'zile')).toBe('20 de zile');
    expect(countRo(0, 'ședință', 'ședințe')).toBe('0 ședințe');
    expect(countRo(101, 'zi', 'zile')).toBe('101 zile');
  });
});

describe('day centres: attendance', () => {
  it('3 of 12 days is insufficient, with the Romanian reason', () => {
    const r = dayCentre({ presentDays: 3, absentDays: 9 });
    expect(r.active).toBe(false);
    expect(r.reasons[0]).toEqual({ code: 'ATTENDANCE_RATIO_LOW', message: 'Participare insuficientă: 3 din 12 zile (25%, minimum 50%)' });
    expect(codes(r)).toContain('PRESENT_DAYS_LOW');
  });

  it('half of the days and at least 4 is active', () => {
    const r = dayCentre({ presentDays: 10, absentDays: 10 });
    expect(r.active).toBe(true);
    expect(r.reasons).toEqual([{ code: 'ACTIVE_PARTICIPATION', message: 'Participare activă: 10 din 20 de zile' }]);
    expect(r.measures).toMatchObject({ attendanceRatio: 0.5, requiredPresentDays: 4, monthScheduledDays: 20, partialMonth: false });
  });

  it('a good ratio is not enough under the minimum of days', () => {
    const r = dayCentre({ presentDays: 3, absentDays: 1 });
    expect(codes(r)).toEqual(['PRESENT_DAYS_LOW']);
    expect(r.reasons[0]!.message).toBe('Prea puține zile de prezență: 3, minimum 4');
  });

  it('excused absences are removed from the denominator', () => {
    const counts = { presentDays: 4, absentDays: 2, excusedDays: 4 };
    const r = dayCentre(counts);
    expect(r.active).toBe(true);
    expect(r.measures.countedDays).toBe(6);
    const strict = structuredClone(participationRules);
    (strict.byType.day_centre as { excusedAbsencesNeutral: boolean }).excusedAbsencesNeutral = false;
    const s = dayCentre(counts, whole, strict);
    expect(s.active).toBe(false);
    expect(s.reasons[0]!.message).toContain('4 din 10 zile');
  });

  it('a long excused absence lowers the minimum of present days pro rata', () => {
    const counts = { presentDays: 2, absentDays: 2, excusedDays: 16 };
    const r = dayCentre(counts);
    expect(r.measures.requiredPresentDays).toBe(1);
    expect(r.active).toBe(true);
    const fixed = structuredClone(participationRules);
    (fixed.byType.day_centre as { excusedReduceMinimum: boolean }).excusedReduceMinimum = false;
    expect(codes(dayCentre(counts, whole, fixed))).toEqual(['PRESENT_DAYS_LOW']);
  });

  it('a month of only excused absences, or of no marks at all, is not active participation', () => {
    expect(codes(dayCentre({ excusedDays: 20 }))).toEqual(['ALL_DAYS_EXCUSED']);
    expect(codes(dayCentre({}))).toEqual(['NO_ATTENDANCE_RECORDED']);
  });

  it('partial month: enrolled for the last week, the minimum of 4 days is prorated and rounded up', () => {
    const r = dayCentre({ presentDays: 1, absentDays: 1 }, { from: '2026-02-23' });
    expect(r.measures).toMatchObject({ enrolledScheduledDays: 5, partialMonth: true, requiredPresentDays: 1 });
    expect(r.active).toBe(true);
    const ten = dayCentre({ presentDays: 2, absentDays: 1 }, { from: '2025-12-01', to: '2026-02-13' });
    expect(ten.measures).toMatchObject({ enrolledScheduledDays: 10, requiredPresentDays: 2 });
    expect(ten.active).toBe(true);
  });

  it('not enrolled on any open day of the month', () => {
    expect(codes(dayCentre({}, { from: '2025-01-01', to: '2026-01-31' }))).toEqual(['NOT_ENROLLED_IN_MONTH']);
    expect(codes(dayCentre({}, { from: '2026-02-28' }))).toEqual(['NOT_ENROLLED_IN_MONTH']);
  });

  it("the store's count of enrolled open days wins over the calendar (centre closed on a holiday)", () => {
    const r = dayCentre({ presentDays: 2, absentDays: 0, enrolledDays: 10 });
    expect(r.measures).toMatchObject({ enrolledScheduledDays: 10, requiredPresentDays: 2 });
  });
});

describe('recovery centre: sessions', () => {
  const podu = (sessions: number, enrolment: { from: string; to?: string } = whole) =>
    evaluateParticipation(summary('cr-podu-lung', { sessions }), 'recovery_centre', participationRules, enrolment, FEB);

  it('needs 4 sessions a month', () => {
    expect(podu(4).active).toBe(true);
    const r = podu(3);
    expect(r.active).toBe(false);
    expect(r.reasons).toEqual([{ code: 'SESSIONS_LOW', message: 'Participare insuficientă: 3 din minimum 4 ședințe' }]);
  });

  it('half a month needs half the sessions', () => {
    const r = podu(2, { from: '2026-02-16' });
    expect(r.measures).toMatchObject({ enrolledScheduledDays: 10, requiredSessions: 2 });
    expect(r.active).toBe(true);
  });
});

describe('interventions', () => {
  const intA = (sessions: number) => evaluateParticipation(summary('int-a', { sessions }), 'intervention', participationRules, whole, FEB);
  const intB = (sessions: number, parentSessions: number, enrolment: { from: string; to?: string } = whole) =>
    evaluateParticipation(summary('int-b', { sessions, parentSessions }), 'intervention', participationRules, enrolment, FEB);

  it('intervention A: 2 sessions with the child or the family', () => {
    expect(intA(2).active).toBe(true);
    expect(codes(intA(1))).toEqual(['SESSIONS_LOW']);
    expect(intA(2).measures.requiredParentSessions).toBeNull();
  });

  it('intervention B: parents must attend at least one session', () => {
    const none = intB(3, 0);
    expect(none.active).toBe(false);
    expect(codes(none)).toEqual(['PARENT_SESSIONS_MISSING']);
    expect(none.reasons[0]!.message).toContain('consiliere sau abilități parentale');
    expect(intB(2, 1).active).toBe(true);
    expect(intB(2, 1).reasons[0]!.message).toBe('Participare activă: 2 ședințe, 1 ședință pentru părinți');
    expect(codes(intB(1, 1))).toEqual(['SESSIONS_LOW']);
    expect(codes(intB(0, 0))).toEqual(['SESSIONS_LOW', 'PARENT_SESSIONS_MISSING']);
  });

  it('intervention B in a partial month still needs one parents’ session', () => {
    const r = intB(1, 0, { from: '2026-02-25' });
    expect(r.measures).toMatchObject({ requiredSessions: 1, requiredParentSessions: 1, partialMonth: true });
    expect(codes(r)).toEqual(['PARENT_SESSIONS_MISSING']);
  });
});

describe('guards', () => {
  it('refuses a summary of another month or a service of another type', () => {
    expect(() => evaluateParticipation(summary('cz-kuncz', {}), 'day_centre', participationRules, whole, '2026-03')).toThrow(/2026-02/);
    expect(() => evaluateParticipation(summary('cz-kuncz', {}), 'intervention', participationRules, whole, FEB)).toThrow(/day_centre/);
  });

  it('property: the prorated minimum is between 1 and the full minimum and grows with the enrolled days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 28 }), (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const req = (day: number) =>
          evaluateParticipation(summary('cr-podu-lung', {}), 'recovery_centre', participationRules, { from: `2026-02-${String(day).padStart(2, '0')}` }, FEB).measures.requiredSessions;
        const fromEarly = req(early);
        const fromLate = req(late);
        if (fromEarly !== null) {
          expect(fromEarly).toBeGreaterThanOrEqual(1);
          expect(fromEarly).toBeLessThanOrEqual(4);
        }
        if (fromEarly !== null && fromLate !== null) expect(fromEarly).toBeGreaterThanOrEqual(fromLate);
      }),
    );
  });
});
