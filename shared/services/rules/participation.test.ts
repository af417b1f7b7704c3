import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { participationRules, type ParticipationRules } from '../participation-rules.js';
import { emptySummary, type Enrolment, type MonthlyParticipationSummary } from '../model.js';
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
const dayCentre = (counts: Partial<MonthlyParticipationSummary>, enrolment: Enrolment | Enrolment[] = whole, rules: ParticipationRules = participationRules) =>
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

const prorating = (() => {
  const r = structuredClone(participationRules);
  for (const rule of [...Object.values(r.byType), ...Object.values(r.byService)]) rule.prorate.enabled = true;
  return r;
})();
const lenient = (() => {
  const r = structuredClone(participationRules);
  (r.byType.day_centre as { requireCompleteRegister: boolean }).requireCompleteRegister = false;
  return r;
})();

describe('day centres: attendance over the expected days (open days while enrolled)', () => {
  it('3 present of 20 expected days, every day marked, is insufficient, with the Romanian reason', () => {
    const r = dayCentre({ presentDays: 3, absentDays: 17 });
    expect(r.active).toBe(false);
    expect(r.outcome).toBe('insufficient');
    expect(r.reasons[0]).toEqual({ code: 'ATTENDANCE_RATIO_LOW', message: 'Participare insuficientă: 3 din 20 de zile (15%, minimum 50%)' });
    expect(codes(r)).toContain('PRESENT_DAYS_LOW');
  });

  it('half of the days and at least 4 is active', () => {
    const r = dayCentre({ presentDays: 10, absentDays: 10 });
    expect(r.active).toBe(true);
    expect(r.reasons).toEqual([{ code: 'ACTIVE_PARTICIPATION', message: 'Participare activă: 10 din 20 de zile' }]);
    expect(r.measures).toMatchObject({ attendanceRatio: 0.5, requiredPresentDays: 4, monthScheduledDays: 20, partialMonth: false, unrecordedDays: 0 });
  });

  it('4 of 21 open days marked: the month is not evaluated until the register is completed', () => {
    // March 2026: 22 weekdays; the centre is closed on the 2nd (from the calendar) → 21 open days
    const open = openDatesInMonth('2026-03', [1, 2, 3, 4, 5]).filter((d) => d !== '2026-03-02');
    expect(open).toHaveLength(21);
    const s = { ...emptySummary('c1', '2026-03', 'cz-kuncz'), presentDays: 4, scheduledDays: 4 };
    const r = evaluateParticipation(s, 'day_centre', participationRules, whole, '2026-03', { monthOpenDays: open });
    expect(r.active).toBe(false);
    expect(r.outcome).toBe('register_incomplete');
    expect(r.measures.unrecordedDays).toBe(17);
    expect(r.reasons).toEqual([{ code: 'REGISTER_INCOMPLETE', message: 'Registru incomplet: 17 zile programate nemarcate din 21 de zile; luna nu se evaluează până când zilele sunt marcate (prezent, absent sau absență motivată)' }]);
    // completed with the 17 days marked absent: 4 of 21 = 19%, not paid, the ratio in the reason
    const done = evaluateParticipation({ ...s, absentDays: 17, scheduledDays: 21 }, 'day_centre', participationRules, whole, '2026-03', { monthOpenDays: open });
    expect(done.outcome).toBe('insufficient');
    expect(done.reasons[0]).toEqual({ code: 'ATTENDANCE_RATIO_LOW', message: 'Participare insuficientă: 4 din 21 de zile (19%, minimum 50%)' });
    // with the register rule switched off, unmarked days still count in the denominator (never only the marked days)
    expect(evaluateParticipation(s, 'day_centre', lenient, whole, '2026-03', { monthOpenDays: open }).reasons[0]!.message).toContain('4 din 21 de zile (19%');
  });

  it('a good ratio is not enough under the minimum of days', () => {
    const r = evaluateParticipation(summary('cz-kuncz', { presentDays: 3, absentDays: 1 }), 'day_centre', lenient, whole, FEB);
    expect(codes(r)).toContain('PRESENT_DAYS_LOW');
    expect(r.reasons.at(-1)!.message).toBe('Prea puține zile de prezență: 3, minimum 4');
  });

  it('excused absences are removed from the denominator (configured treatment kept)', () => {
    const counts = { presentDays: 4, absentDays: 4, excusedDays: 12 };
    const r = dayCentre(counts);
    expect(r.active).toBe(true);
    expect(r.measures.countedDays).toBe(8);
    const strict = structuredClone(participationRules);
    (strict.byType.day_centre as { excusedAbsencesNeutral: boolean }).excusedAbsencesNeutral = false;
    const s = dayCentre(counts, whole, strict);
    expect(s.active).toBe(false);
    expect(s.reasons[0]!.message).toContain('4 din 20 de zile');
  });

  it('a long excused absence lowers the minimum of present days pro rata (when pro-rata is on)', () => {
    const counts = { presentDays: 2, absentDays: 2, excusedDays: 16 };
    const r = dayCentre(counts, whole, prorating);
    expect(r.measures.requiredPresentDays).toBe(1);
    expect(r.active).toBe(true);
    expect(codes(dayCentre(counts))).toEqual(['PRESENT_DAYS_LOW']);
  });

  it('a month of only excused absences, or of no marks at all, is not active participation', () => {
    expect(codes(dayCentre({ excusedDays: 20 }))).toEqual(['ALL_DAYS_EXCUSED']);
    expect(codes(dayCentre({}))).toEqual(['REGISTER_INCOMPLETE']);
    expect(codes(evaluateParticipation(summary('cz-kuncz', {}), 'day_centre', lenient, whole, FEB))).toEqual(['NO_ATTENDANCE_RECORDED']);
  });

  it('enrolled on the 27th (one week is 5 open days): below the partial-month minimum only when fewer than 5', () => {
    const lastDay = dayCentre({ presentDays: 1 }, { from: '2026-02-27' });
    expect(lastDay.outcome).toBe('partial_too_short');
    expect(lastDay.reasons).toEqual([{ code: 'PARTIAL_MONTH_TOO_SHORT', message: 'Lună parțială: înscris în 1 zi programată din 20, minimum 5; luna nu se plătește și nu se socotește în minimul cohortei' }]);
    const week = dayCentre({ presentDays: 4, absentDays: 1 }, { from: '2026-02-23' });
    expect(week.measures).toMatchObject({ enrolledScheduledDays: 5, partialMonth: true, requiredPresentDays: 4 });
    expect(week.active).toBe(true);
    // pro-rata (off by default) lowers the minimum of days in proportion
    const pr = dayCentre({ presentDays: 1, absentDays: 1 }, { from: '2026-02-23' }, prorating);
    expect(codes(pr)).toEqual(['REGISTER_INCOMPLETE']);
    expect(dayCentre({ presentDays: 3, absentDays: 2 }, { from: '2026-02-23' }, prorating).measures.requiredPresentDays).toBe(1);
  });

  it('left and came back: only the days of each interval are expected', () => {
    const r = dayCentre({ presentDays: 5, absentDays: 5 }, [{ from: '2025-09-01', to: '2026-02-06' }, { from: '2026-02-23' }] as Enrolment[]);
    expect(r.measures).toMatchObject({ enrolledScheduledDays: 10, unrecordedDays: 0 });
    expect(r.active).toBe(true);
  });

  it('centre closed all of August: the month is not held against anyone', () => {
    const s = { ...emptySummary('c1', '2026-08', 'cz-kuncz') };
    const r = evaluateParticipation(s, 'day_centre', participationRules, whole, '2026-08', { monthOpenDays: [] });
    expect(r.outcome).toBe('service_closed');
    expect(codes(r)).toEqual(['SERVICE_CLOSED_ALL_MONTH']);
  });

  it('not enrolled on any open day of the month', () => {
    expect(codes(dayCentre({}, { from: '2025-01-01', to: '2026-01-31' }))).toEqual(['NOT_ENROLLED_IN_MONTH']);
    expect(codes(dayCentre({}, { from: '2026-02-28' }))).toEqual(['NOT_ENROLLED_IN_MONTH']);
  });

  it("the calendar's open days win over the weekly schedule (centre closed on a holiday)", () => {
    const open = openDatesInMonth(FEB, [1, 2, 3, 4, 5]).slice(0, 10);
    const r = evaluateParticipation(summary('cz-kuncz', { presentDays: 5, absentDays: 5 }), 'day_centre', participationRules, whole, FEB, { monthOpenDays: open });
    expect(r.measures).toMatchObject({ enrolledScheduledDays: 10, monthScheduledDays: 10, unrecordedDays: 0 });
    expect(r.active).toBe(true);
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

  it('half a month needs the full minimum by default, half of it with pro-rata on', () => {
    const r = podu(2, { from: '2026-02-16' });
    expect(r.measures).toMatchObject({ enrolledScheduledDays: 10, partialMonth: true });
    expect(codes(r)).toEqual(['PARTIAL_MONTH_TOO_SHORT']);
    const pr = evaluateParticipation(summary('cr-podu-lung', { sessions: 4 }), 'recovery_centre', prorating, { from: '2026-02-16' }, FEB);
    expect(pr.active).toBe(true);
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
    const r = intB(2, 0, { from: '2026-02-16' });
    expect(r.measures).toMatchObject({ requiredSessions: 2, requiredParentSessions: 1, partialMonth: true });
    expect(codes(r)).toEqual(['PARENT_SESSIONS_MISSING']);
    expect(codes(intB(1, 1, { from: '2026-02-25' }))).toEqual(['PARTIAL_MONTH_TOO_SHORT']);
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
          evaluateParticipation(summary('cr-podu-lung', {}), 'recovery_centre', prorating, { from: `2026-02-${String(day).padStart(2, '0')}` }, FEB).measures.requiredSessions;
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
