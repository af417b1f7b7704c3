import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { participationRules } from '../../services/index.js';
import { subsidyConfig, subsidyConfigSchema } from '../config.js';
import { emptySummary } from '../../services/index.js';
import type { SubsidyDecisionInput } from '../decision.js';
import { evaluateParticipation } from '../../services/index.js';
import { adjustmentsFor, amountFor, assignCohort, bucharestDate, caseOpenInMonth, decideSubsidy, monthLabel } from './eligibility.js';

const FEB = '2026-02';
const active = (serviceId: string, month = FEB) => ({ serviceId, month, active: true, reasons: [{ code: 'ACTIVE_PARTICIPATION', message: 'Participare activă: 15 din 20 de zile' }] });
const base = (over: Partial<SubsidyDecisionInput> = {}): SubsidyDecisionInput => ({
  month: FEB,
  case: { status: 'open', openedAt: '2025-06-01T08:00:00Z' },
  enrolments: [{ serviceId: 'cz-kuncz', from: '2025-06-02' }],
  participation: [active('cz-kuncz')],
  consent: 'valid',
  cohort: { id: '18m', monthsPaid: 5 },
  alreadyPaid: false,
  ...over,
});
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
const poorAttendance = evaluateParticipation(
  { ...emptySummary('c1', FEB, 'cz-kuncz'), scheduledDays: 20, presentDays: 3, absentDays: 17 }, 'day_centre', participationRules, { from: '2025-06-02' }, FEB,
);

describe('decideSubsidy', () => {
  it('an open case, active participation, consent and a cohort: 400 lei', () => {
    const d = decideSubsidy(base());
    expect(d).toMatchObject({ month: FEB, eligible: true, amountLei: 400, overridden: false, cohort: { id: '18m', monthsPaidAfter: 6, minMonths: 18, minimumReached: false } });
    expect(d.reasons[0]).toEqual({ code: 'ELIGIBLE', message: 'Eligibil: 400 lei pentru februarie 2026' });
    expect(d.reasons[1]!.message).toBe('Participare activă: 15 din 20 de zile (CZ Kuncz)');
  });

  it('the 18th paid month reaches the cohort minimum', () => {
    expect(decideSubsidy(base({ cohort: { id: '18m', monthsPaid: 17 } })).cohort).toMatchObject({ monthsPaidAfter: 18, minimumReached: true });
  });

  it('outside the project period', () => {
    for (const month of ['2025-02', '2028-03']) {
      const d = decideSubsidy(base({ month, participation: [active('cz-kuncz', month)] }));
      expect(d.eligible).toBe(false);
      expect(d.reasons).toContainEqual({ code: 'OUTSIDE_PROJECT_PERIOD', message: 'Luna este în afara perioadei proiectului' });
    }
    expect(decideSubsidy(base({ month: '2025-03', case: { status: 'open', openedAt: '2025-03-10' }, participation: [active('cz-kuncz', '2025-03')], enrolments: [{ serviceId: 'cz-kuncz', from: '2025-03-10' }] })).eligible).toBe(true);
    expect(decideSubsidy(base({ month: '2028-02', participation: [active('cz-kuncz', '2028-02')] })).eligible).toBe(true);
  });

  it('never twice for the same month', () => {
    const d = decideSubsidy(base({ alreadyPaid: true }));
    expect(d).toMatchObject({ eligible: false, amountLei: 0 });
    expect(d.reasons).toEqual([{ code: 'ALREADY_PAID', message: 'Deja plătit pentru această lună' }]);
  });

  it('the case must be open on some day of the month, read in Bucharest time', () => {
    const notYet = decideSubsidy(base({ case: { status: 'open', openedAt: '2026-03-01' } }));
    expect(notYet.reasons).toContainEqual({ code: 'CASE_NOT_OPEN', message: 'Cazul nu era deschis în luna respectivă' });
    expect(decideSubsidy(base({ case: { status: 'closed', openedAt: '2025-06-01', closedAt: '2026-01-31T12:00:00Z' } })).eligible).toBe(false);
    expect(decideSubsidy(base({ case: { status: 'closed', openedAt: '2025-06-01', closedAt: '2026-02-03T12:00:00Z' } })).eligible).toBe(true);
    // 22:30 UTC on 28 February is 00:30 on 1 March in Bucharest (UTC+2)
    expect(bucharestDate('2026-02-28T22:30:00Z')).toBe('2026-03-01');
    expect(caseOpenInMonth({ status: 'open', openedAt: '2026-02-28T22:30:00Z' }, FEB)).toBe(false);
    // 22:30 UTC on 31 January is 00:30 on 1 February
    expect(caseOpenInMonth({ status: 'closed', openedAt: '2025-06-01', closedAt: '2026-01-31T22:30:00Z' }, FEB)).toBe(true);
  });

  it('consent for the subsidy is required', () => {
    expect(decideSubsidy(base({ consent: 'missing' })).reasons).toEqual([{ code: 'CONSENT_MISSING', message: 'Consimțământ pentru subvenție lipsă' }]);
    expect(codes(decideSubsidy(base({ consent: 'withdrawn' })))).toEqual(['CONSENT_WITHDRAWN']);
    expect(codes(decideSubsidy(base({ consent: 'expired' })))).toEqual(['CONSENT_EXPIRED']);
  });

  it('insufficient participation is explained with the numbers', () => {
    const d = decideSubsidy(base({ participation: [poorAttendance] }));
    expect(d.eligible).toBe(false);
    expect(d.reasons[0]!.code).toBe('ATTENDANCE_RATIO_LOW');
    expect(d.reasons[0]!.message).toMatch(/^Participare insuficientă: 3 din 20 de zile .*\(CZ Kuncz\)$/);
  });

  it('not enrolled, or enrolled without an evaluation', () => {
    expect(codes(decideSubsidy(base({ enrolments: [] })))).toEqual(['NOT_ENROLLED']);
    expect(codes(decideSubsidy(base({ enrolments: [{ serviceId: 'cz-kuncz', from: '2025-06-01', to: '2026-01-30' }] })))).toEqual(['NOT_ENROLLED']);
    expect(codes(decideSubsidy(base({ participation: [] })))).toEqual(['PARTICIPATION_NOT_EVALUATED']);
  });

  it('two services: active in one is enough by default; policy "all" needs both', () => {
    const two = base({ enrolments: [{ serviceId: 'cz-kuncz', from: '2025-06-02' }, { serviceId: 'int-a', from: '2025-06-02' }], participation: [poorAttendance, active('int-a')] });
    expect(decideSubsidy(two).eligible).toBe(true);
    const all = subsidyConfigSchema.parse({ ...subsidyConfig, participationPolicy: 'all' });
    const d = decideSubsidy(two, all);
    expect(d.eligible).toBe(false);
    expect(codes(d)).toContain('ATTENDANCE_RATIO_LOW');
  });

  it('a cohort is required; no cap by default, a configured cap stops payment', () => {
    expect(codes(decideSubsidy(base({ cohort: null })))).toEqual(['COHORT_MISSING']);
    expect(decideSubsidy(base({ cohort: { id: '12m', monthsPaid: 30 } })).eligible).toBe(true);
    const capped = subsidyConfigSchema.parse({ ...subsidyConfig, maxMonthsPerChild: 18 });
    expect(codes(decideSubsidy(base({ cohort: { id: '18m', monthsPaid: 18 } }), capped))).toEqual(['MAX_MONTHS_REACHED']);
    expect(decideSubsidy(base({ cohort: { id: '18m', monthsPaid: 17 } }), capped).eligible).toBe(true);
  });

  it('a manual grant sets aside insufficient participation only', () => {
    const override = { decision: 'grant' as const, reason: 'Spitalizare documentată în februarie', by: 'coord.das', at: '2026-03-03T09:00:00Z' };
    const granted = decideSubsidy(base({ participation: [poorAttendance], override }));
    expect(granted).toMatchObject({ eligible: true, amountLei: 400, overridden: true });
    expect(codes(granted)).toContain('MANUAL_GRANT');
    const noConsent = decideSubsidy(base({ participation: [poorAttendance], override, consent: 'missing' }));
    expect(noConsent).toMatchObject({ eligible: false, amountLei: 0, overridden: false });
    expect(codes(noConsent)).toEqual(['CONSENT_MISSING', 'ATTENDANCE_RATIO_LOW', 'PRESENT_DAYS_LOW', 'OVERRIDE_NOT_APPLICABLE']);
    expect(decideSubsidy(base({ override, alreadyPaid: true })).eligible).toBe(false);
  });

  it('a manual suspension withholds a payment the rule would make', () => {
    const d = decideSubsidy(base({ override: { decision: 'suspend', reason: 'Verificare IBAN în curs la finanțe', by: 'coord.das', at: '2026-03-03T09:00:00Z' } }));
    expect(d).toMatchObject({ eligible: false, amountLei: 0, overridden: true });
    expect(d.reasons[0]!.message).toBe('Plată suspendată prin decizie manuală: Verificare IBAN în curs la finanțe');
  });

  it('pays the amount configured for the month', () => {
    const raised = subsidyConfigSchema.parse({
      ...subsidyConfig,
      amounts: [{ from: '2025-03', to: '2026-12', amountLei: 400, source: 'test source' }, { from: '2027-01', to: '2028-02', amountLei: 450, source: 'test source' }],
      minimumTotalLei: subsidyConfig.minimumTotalLei,
    });
    expect(decideSubsidy(base({ month: '2027-05', participation: [active('cz-kuncz', '2027-05')] }), raised).amountLei).toBe(450);
    expect(decideSubsidy(base(), raised).amountLei).toBe(400);
  });

  it('refuses an evaluation of another month', () => {
    expect(() => decideSubsidy(base({ participation: [active('cz-kuncz', '2026-01')] }))).toThrow(/2026-01/);
  });

  const monthArb = fc.tuple(fc.integer({ min: 2024, max: 2029 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  // biased toward eligible inputs so that the properties are exercised on both outcomes
  const often = <T,>(value: T, others: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: others });
  const inputArb = fc
    .record({
      month: monthArb,
      openedDay: fc.integer({ min: 0, max: 1500 }),
      closedAfter: often<number | undefined>(undefined, fc.integer({ min: 0, max: 1500 })),
      enrolled: often(true, fc.boolean()),
      active: often(true, fc.boolean()),
      consent: often('valid', fc.constantFrom('missing', 'withdrawn', 'expired')),
      cohort: often<{ id: string; monthsPaid: number } | null>({ id: '18m', monthsPaid: 3 }, fc.option(fc.record({ id: fc.constantFrom('18m', '12m'), monthsPaid: fc.integer({ min: 0, max: 40 }) }), { nil: null })),
      alreadyPaid: often(false, fc.boolean()),
      override: often<string | undefined>(undefined, fc.constantFrom('grant', 'suspend')),
    })
    .map((r): SubsidyDecisionInput => {
      const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString();
      return {
        month: r.month,
        case: r.closedAfter === undefined ? { status: 'open', openedAt: day(r.openedDay) } : { status: 'closed', openedAt: day(r.openedDay), closedAt: day(r.openedDay + r.closedAfter) },
        enrolments: r.enrolled ? [{ serviceId: 'int-a', from: '2024-01-01' }] : [],
        participation: r.enrolled ? [{ serviceId: 'int-a', month: r.month, active: r.active, reasons: [{ code: r.active ? 'ACTIVE_PARTICIPATION' : 'SESSIONS_LOW', message: 'x' }] }] : [],
        consent: r.consent as 'valid',
        cohort: r.cohort as SubsidyDecisionInput['cohort'],
        alreadyPaid: r.alreadyPaid,
        ...(r.override ? { override: { decision: r.override as 'grant', reason: 'Motiv documentat pentru test', by: 'u', at: '2026-01-01T00:00:00Z' } } : {}),
      };
    });

  it('the generated inputs include eligible and ineligible months, inside and outside the period', () => {
    const decisions = fc.sample(inputArb, { numRuns: 2000, seed: 42 }).map((i) => [i.month, decideSubsidy(i).eligible] as const);
    const inside = (m: string) => m >= '2025-03' && m <= '2028-02';
    expect(decisions.filter(([m, e]) => inside(m) && e).length).toBeGreaterThan(100);
    expect(decisions.filter(([m, e]) => inside(m) && !e).length).toBeGreaterThan(100);
    expect(decisions.filter(([m]) => !inside(m)).length).toBeGreaterThan(100);
  });

  it('property: never eligible outside the project period', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const d = decideSubsidy(input);
      if (input.month < '2025-03' || input.month > '2028-02') expect(d.eligible).toBe(false);
    }), { numRuns: 500 });
  });

  it('property: never eligible when already paid', () => {
    fc.assert(fc.property(inputArb, (input) => {
      expect(decideSubsidy({ ...input, alreadyPaid: true }).eligible).toBe(false);
    }), { numRuns: 500 });
  });

  it('property: the amount is 0, or the amount of the month when eligible', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const d = decideSubsidy(input);
      expect(d.amountLei).toBe(d.eligible ? amountFor(input.month) : 0);
      expect([0, 400]).toContain(d.amountLei);
      expect(d.reasons.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });
});

describe('amountFor and monthLabel', () => {
  it('400 lei inside the project period, 0 outside', () => {
    expect(amountFor('2025-03')).toBe(400);
    expect(amountFor('2028-02')).toBe(400);
    expect(amountFor('2025-02')).toBe(0);
    expect(amountFor('2028-03')).toBe(0);
  });

  it('Romanian month names', () => {
    expect(monthLabel('2026-02')).toBe('februarie 2026');
    expect(monthLabel('2025-03')).toBe('martie 2025');
    expect(monthLabel('2027-12')).toBe('decembrie 2027');
  });
});

describe('issue #17: pay only for participation that happened', () => {
  const grant = { decision: 'grant' as const, reason: 'Registrul a fost pierdut, dovezi pe hârtie', by: 'coord.das', at: '2026-03-03T09:00:00Z' };
  const incomplete = evaluateParticipation(
    { ...emptySummary('c1', FEB, 'cz-kuncz'), scheduledDays: 4, presentDays: 4 }, 'day_centre', participationRules, { from: '2025-06-02' }, FEB,
  );

  it('4 of 20 open days marked: the month is not evaluated, and no manual grant gets past it', () => {
    const d = decideSubsidy(base({ participation: [incomplete] }));
    expect(d.eligible).toBe(false);
    expect(codes(d)).toEqual(['REGISTER_INCOMPLETE']);
    expect(d.reasons[0]!.message).toMatch(/^Registru incomplet: 16 zile programate nemarcate din 20 de zile; .*\(CZ Kuncz\)$/);
    expect(d.cohort).toMatchObject({ monthsPaidAfter: 5 });
    // even with another service active ('any'), an incomplete register holds the whole month back
    const two = base({ enrolments: [{ serviceId: 'cz-kuncz', from: '2025-06-02' }, { serviceId: 'int-a', from: '2025-06-02' }], participation: [incomplete, active('int-a')] });
    expect(codes(decideSubsidy(two))).toEqual(['REGISTER_INCOMPLETE']);
    expect(decideSubsidy(base({ participation: [incomplete], override: grant }))).toMatchObject({ eligible: false, overridden: false, reasons: [{ code: 'REGISTER_INCOMPLETE' }] });
  });

  it('19% attendance is not paid, with the ratio in the reason', () => {
    const low = evaluateParticipation({ ...emptySummary('c1', FEB, 'cz-kuncz'), scheduledDays: 20, presentDays: 4, absentDays: 16 }, 'day_centre', participationRules, { from: '2025-06-02' }, FEB);
    const d = decideSubsidy(base({ participation: [low] }));
    expect(d.eligible).toBe(false);
    expect(d.reasons[0]!.message).toMatch(/^Participare insuficientă: 4 din 20 de zile \(20%, minimum 50%\)/);
  });

  it('turned 18 in January: March is not paid, with the Romanian reason', () => {
    const d = decideSubsidy(base({ month: '2026-03', child: { birthDate: '2008-01-15' }, participation: [active('cz-kuncz', '2026-03')] }));
    expect(d.eligible).toBe(false);
    expect(d.reasons).toEqual([{ code: 'AGE_LIMIT_REACHED', message: 'Copilul a împlinit 18 ani la 15.01.2026; subvenția nu se acordă pentru o lună în care are 18 ani sau mai mult în toate zilele' }]);
    // no grant pays an adult
    expect(decideSubsidy(base({ month: '2026-03', child: { birthDate: '2008-01-15' }, participation: [active('cz-kuncz', '2026-03')], override: grant })).eligible).toBe(false);
    // 18 on the 1st: the whole month
    expect(codes(decideSubsidy(base({ child: { birthDate: '2008-02-01' } })))).toEqual(['AGE_LIMIT_REACHED']);
    // 17 all month: paid
    expect(decideSubsidy(base({ child: { birthDate: '2008-03-01' } })).eligible).toBe(true);
  });

  it('the month of the 18th birthday follows its configured rule (default: paid if the child participated before it)', () => {
    const feb = base({ child: { birthDate: '2008-02-16' } });
    expect(decideSubsidy(feb).eligible).toBe(true);
    const lateStart = decideSubsidy(base({ child: { birthDate: '2008-02-16' }, enrolments: [{ serviceId: 'cz-kuncz', from: '2026-02-16' }] }));
    expect(codes(lateStart)).toEqual(['AGE_LIMIT_BIRTHDAY_MONTH']);
    expect(lateStart.reasons[0]!.message).toBe('Copilul împlinește 18 ani la 16.02.2026 și nu a participat înainte de această dată în luna respectivă');
    expect(codes(decideSubsidy(base({ child: { birthDate: '2008-02-16' }, participation: [poorAttendance] })))).toContain('AGE_LIMIT_BIRTHDAY_MONTH');
    const notPaid = subsidyConfigSchema.parse({ ...subsidyConfig, age: { ...subsidyConfig.age, birthdayMonth: 'not_paid' } });
    expect(codes(decideSubsidy(feb, notPaid))).toEqual(['AGE_LIMIT_BIRTHDAY_MONTH']);
    const paid = subsidyConfigSchema.parse({ ...subsidyConfig, age: { ...subsidyConfig.age, birthdayMonth: 'paid' } });
    expect(decideSubsidy(base({ child: { birthDate: '2008-02-16' }, enrolments: [{ serviceId: 'cz-kuncz', from: '2026-02-16' }] }), paid).eligible).toBe(true);
    expect(subsidyConfig.age).toMatchObject({ limitYears: 18, birthdayMonthConfirmed: false });
    expect(subsidyConfig.age.limitSource).toMatch(/Legea 156\/2023/);
  });

  it('enrolled on the 27th: a partial month below the minimum is neither paid nor counted, and no grant pays it', () => {
    const short = evaluateParticipation({ ...emptySummary('c1', FEB, 'cz-kuncz'), scheduledDays: 1, presentDays: 1 }, 'day_centre', participationRules, { from: '2026-02-27' }, FEB);
    const d = decideSubsidy(base({ enrolments: [{ serviceId: 'cz-kuncz', from: '2026-02-27' }], participation: [short], cohort: { id: '18m', monthsPaid: 17 } }));
    expect(d.eligible).toBe(false);
    expect(codes(d)).toEqual(['PARTIAL_MONTH_TOO_SHORT']);
    expect(d.cohort).toMatchObject({ monthsPaidAfter: 17, minimumReached: false });
    expect(decideSubsidy(base({ enrolments: [{ serviceId: 'cz-kuncz', from: '2026-02-27' }], participation: [short], override: grant })).eligible).toBe(false);
  });

  it('enrolled on the 30th and present that one day: neither paid nor counted toward the cohort minimum', () => {
    const APRIL = '2026-04';
    const from = '2026-04-30'; // a Thursday; Good Friday (10th) and Easter Monday (13th) are holidays
    const oneDay = evaluateParticipation({ ...emptySummary('c1', APRIL, 'cz-kuncz'), scheduledDays: 1, presentDays: 1 }, 'day_centre', participationRules, { from }, APRIL);
    expect(oneDay.measures).toMatchObject({ enrolledScheduledDays: 1, monthScheduledDays: 20, partialMonth: true, unrecordedDays: 0 });
    const d = decideSubsidy(base({ month: APRIL, enrolments: [{ serviceId: 'cz-kuncz', from }], participation: [oneDay], cohort: { id: '12m', monthsPaid: 11 } }));
    expect(d).toMatchObject({ eligible: false, amountLei: 0, cohort: { monthsPaidAfter: 11, minMonths: 12, minimumReached: false } });
    expect(d.reasons).toEqual([{ code: 'PARTIAL_MONTH_TOO_SHORT', message: 'Lună parțială: înscris în 1 zi programată din 20, minimum 5; luna nu se plătește și nu se socotește în minimul cohortei (CZ Kuncz)' }]);
  });

  it('centre closed all of August: not held against the child; another open service decides', () => {
    const closed = evaluateParticipation(emptySummary('c1', '2026-08', 'cz-kuncz'), 'day_centre', participationRules, { from: '2025-06-02' }, '2026-08', { monthOpenDays: [] });
    const alone = decideSubsidy(base({ month: '2026-08', participation: [closed] }));
    expect(codes(alone)).toEqual(['SERVICE_CLOSED_ALL_MONTH']);
    // configured treatment of a month with 0 expected days (default 'not_counted'): not paid, not counted, said so
    expect(subsidyConfig.closedMonth).toMatchObject({ treatment: 'not_counted', confirmed: false });
    expect(alone.reasons[0]!.message).toContain('luna nu se plătește și nu se socotește în minimul cohortei');
    expect(alone.cohort).toMatchObject({ monthsPaidAfter: 5, minimumReached: false });
    // 'paid': paid and counted like an active month
    const paid = subsidyConfigSchema.parse({ ...subsidyConfig, closedMonth: { ...subsidyConfig.closedMonth, treatment: 'paid' } });
    const paidMonth = decideSubsidy(base({ month: '2026-08', participation: [closed] }), paid);
    expect(paidMonth).toMatchObject({ eligible: true, amountLei: 400, cohort: { monthsPaidAfter: 6, minimumReached: false } });
    expect(codes(paidMonth)).toEqual(['ELIGIBLE', 'SERVICE_CLOSED_ALL_MONTH']);
    const all = subsidyConfigSchema.parse({ ...subsidyConfig, participationPolicy: 'all' });
    const two = base({ month: '2026-08', enrolments: [{ serviceId: 'cz-kuncz', from: '2025-06-02' }, { serviceId: 'int-a', from: '2025-06-02' }], participation: [closed, active('int-a', '2026-08')] });
    expect(decideSubsidy(two, all).eligible).toBe(true);
  });
});

describe('adjustmentsFor', () => {
  const paid = decideSubsidy(base());
  const refused = decideSubsidy(base({ participation: [poorAttendance] }));

  it('a paid month found ineligible becomes a recovery of −400 with the reason', () => {
    expect(adjustmentsFor(paid, refused)).toEqual([{
      month: FEB, kind: 'recovery', amountLei: -400,
      reason: { code: 'RECOVERY', message: expect.stringMatching(/^Recuperare pentru februarie 2026: Participare insuficientă: 3 din 20 de zile/) },
    }]);
  });

  it('a refused month found eligible becomes arrears of +400', () => {
    const [line] = adjustmentsFor(refused, paid);
    expect(line).toMatchObject({ month: FEB, kind: 'arrears', amountLei: 400, reason: { code: 'ARREARS' } });
    expect(line!.reason.message).toMatch(/^Plată retroactivă pentru februarie 2026: /);
  });

  it('no change, no line', () => {
    expect(adjustmentsFor(paid, decideSubsidy(base()))).toEqual([]);
    expect(adjustmentsFor(refused, decideSubsidy(base({ consent: 'missing' })))).toEqual([]);
  });

  it('refuses mismatched months and a corrected decision computed as already paid', () => {
    expect(() => adjustmentsFor(paid, decideSubsidy(base({ month: '2026-03', participation: [active('cz-kuncz', '2026-03')] })))).toThrow(/2026-03/);
    expect(() => adjustmentsFor(paid, decideSubsidy(base({ alreadyPaid: true })))).toThrow(/alreadyPaid/);
  });
});

describe('assignCohort', () => {
  it('admits while the quota has room', () => {
    expect(assignCohort({ '18m': 186, '12m': 0 }, '18m')).toEqual({ ok: true, cohort: '18m' });
    expect(assignCohort({}, '12m')).toEqual({ ok: true, cohort: '12m' });
  });

  it('refuses a full cohort, pointing to the other one', () => {
    const r = assignCohort({ '18m': 187, '12m': 70 }, '18m');
    expect(r).toEqual({ ok: false, code: 'COHORT_QUOTA_FULL', alternative: '12m', message: 'Cohorta de 18 luni este completă (187 din 187 de copii). Mai sunt 9 locuri în cohorta de 12 luni.' });
    expect(assignCohort({ '18m': 186, '12m': 79 }, '12m')).toMatchObject({ ok: false, alternative: '18m', message: expect.stringContaining('Mai este un loc') });
  });

  it('when every cohort is full there is no alternative', () => {
    const r = assignCohort({ '18m': 187, '12m': 79 }, '12m');
    expect(r).toEqual({ ok: false, code: 'COHORT_QUOTA_FULL', message: 'Cohorta de 12 luni este completă (79 din 79 de copii). Toate cohortele sunt complete.' });
  });

  it('property: never admits beyond the quota', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.constantFrom('18m' as const, '12m' as const), (a, b, c) => {
      const counts = { '18m': a, '12m': b };
      const quota = subsidyConfig.cohorts.find((k) => k.id === c)!.quota;
      expect(assignCohort(counts, c).ok).toBe(counts[c] < quota);
    }));
  });
});
