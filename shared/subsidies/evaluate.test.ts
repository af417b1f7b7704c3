import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CaseRecord } from '../cases/index.js';
import { emptySummary, type MonthlyParticipationSummary } from '../services/index.js';
import { syntheticRoIban } from '../platform/ro/iban.js';
import {
  applyOverride, evaluateAdjustment, evaluateMonthly, ledgerFacts, monthLedgerFacts, placesOf,
  type ChildFacts, type EnrolmentSpan,
} from './evaluate.js';
import type { LedgerEntry, RunLine } from './model.js';

const MAY = '2025-05';
const ctx = { runId: '2025-05-1', runMonth: MAY };

function caseOf(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId: '01JTESTCASE00000000000000A', caseNumber: 'VT-2025-00001', track: 'prevention', stage: 'services', status: 'open',
    institution: 'DAS', sharedWith: [], caseManagerId: 'm',
    child: { firstName: 'Ana', lastName: 'Fictivescu', birthDate: '2014-01-01', residenceCity: 'Timișoara', ethnicity: 'not_declared', disability: false, inSpecialProtection: false },
    legalRepresentative: { firstName: 'Mama', lastName: 'Fictiva', relation: 'mother', iban: syntheticRoIban(7) },
    referral: { source: 'school', receivedAt: '2025-03-01T08:00:00Z', reason: 'test test test', riskFactors: ['x'] },
    consent: { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] },
    cohort: '18m', reviews: [], services: ['cz-sf-nicolae'], identityKeys: [], workflow: { seq: 0 },
    openedAt: '2025-03-01T08:00:00Z', createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z', version: 1, editVersion: 1,
    ...over,
  };
}

const summary = (over: Partial<MonthlyParticipationSummary> = {}, month = MAY): MonthlyParticipationSummary => ({
  ...emptySummary('01JTESTCASE00000000000000A', month, 'cz-sf-nicolae'), scheduledDays: 22, presentDays: 18, absentDays: 4, enrolledDays: 22, ...over,
});
const full: EnrolmentSpan[] = [{ serviceId: 'cz-sf-nicolae', status: 'active', from: '2025-03-03' }];

function facts(over: Partial<ChildFacts> = {}, entries: LedgerEntry[] = []): ChildFacts {
  return { case: caseOf(), enrolments: full, summaries: [summary()], ledger: ledgerFacts(entries), ...over };
}

const codes = (l: { reasons: { code: string }[] }) => l.reasons.map((r) => r.code);
const paid = (month: string, amount = 400, kind: LedgerEntry['kind'] = 'monthly', runId = 'old'): LedgerEntry => ({ caseId: 'c', month, amount, kind, runId, paidAt: '2025-06-04T00:00:00Z' });

describe('the monthly line of a child', () => {
  it('pays 400 lei to an open case with active participation, valid consent, a cohort and a valid IBAN', () => {
    const l = evaluateMonthly(facts(), ctx);
    expect(l).toMatchObject({ eligible: true, amountLei: 400, kind: 'monthly', month: MAY, cohort: '18m', beneficiary: 'Mama Fictiva', ibanValid: true, payment: { status: 'pending' } });
    expect(codes(l)[0]).toBe('ELIGIBLE');
    expect(JSON.stringify(l)).not.toContain('Ana');
  });

  it('refuses a missing or invalid IBAN with „IBAN lipsă sau invalid”, even when the rule would pay', () => {
    const none = evaluateMonthly(facts({ case: caseOf({ legalRepresentative: { firstName: 'Mama', lastName: 'Fictiva', relation: 'mother' } }) }), ctx);
    expect(none.eligible).toBe(false);
    expect(none.reasons).toEqual([{ code: 'IBAN_INVALID', message: 'IBAN lipsă sau invalid' }]);
    const bad = evaluateMonthly(facts({ case: caseOf({ legalRepresentative: { firstName: 'M', lastName: 'F', relation: 'mother', iban: 'RO00DEMO0000000000000001' } }) }), ctx);
    expect(codes(bad)).toContain('IBAN_INVALID');
    const low = evaluateMonthly(facts({ case: caseOf({ legalRepresentative: { firstName: 'M', lastName: 'F', relation: 'mother' } }), summaries: [summary({ presentDays: 1, absentDays: 19 })] }), ctx);
    expect(codes(low)).toEqual(expect.arrayContaining(['ATTENDANCE_RATIO_LOW', 'IBAN_INVALID']));
  });

  it('never pays a month already in the ledger, nor without subsidy consent, an open case, enrolment or cohort', () => {
    expect(codes(evaluateMonthly(facts({}, [paid(MAY)]), ctx))).toContain('ALREADY_PAID');
    expect(codes(evaluateMonthly(facts({ case: caseOf({ consent: { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: ['services'] } }) }), ctx))).toContain('CONSENT_MISSING');
    expect(codes(evaluateMonthly(facts({ case: caseOf({ consent: { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: ['subsidy'], withdrawnAt: '2025-05-10T10:00:00Z' } }) }), ctx))).toContain('CONSENT_WITHDRAWN');
    expect(codes(evaluateMonthly(facts({ case: caseOf({ status: 'closed', closedAt: '2025-04-20T10:00:00Z' }) }), ctx))).toContain('CASE_NOT_OPEN');
    expect(evaluateMonthly(facts({ case: caseOf({ status: 'closed', closedAt: '2025-05-20T10:00:00Z' }) }), ctx).eligible).toBe(true);
    expect(codes(evaluateMonthly(facts({ enrolments: [{ serviceId: 'cz-sf-nicolae', status: 'waiting', from: '2025-05-01' }] }), ctx))).toContain('NOT_ENROLLED');
    expect(codes(evaluateMonthly(facts({ enrolments: [{ serviceId: 'cz-sf-nicolae', status: 'ended', from: '2025-03-01', to: '2025-04-25' }] }), ctx))).toContain('NOT_ENROLLED');
    expect(codes(evaluateMonthly(facts({ case: caseOf({ cohort: undefined }) }), ctx))).toContain('COHORT_MISSING');
    const outside = evaluateMonthly({ ...facts(), summaries: [summary({}, '2028-03')] }, { runId: '2028-03-1', runMonth: '2028-03' });
    expect(codes(outside)).toContain('OUTSIDE_PROJECT_PERIOD');
  });

  it('takes the cohort from the approved plan when the case has none, and counts the months already paid', () => {
    const plan = { planId: 'p', type: 'PS' as const, version: 1, objectives: [], services: [], cohort: '12m' as const, reviewDate: '2025-09-01', status: 'approved' as const };
    const l = evaluateMonthly(facts({ case: caseOf({ cohort: undefined, plan }) }, [paid('2025-03'), paid('2025-04')]), ctx);
    expect(l.cohort).toBe('12m');
    expect(l.decisionInput?.cohort).toEqual({ id: '12m', monthsPaid: 2 });
  });

  it('left and came back: only the days of each enrolment interval are expected, never the span between them', () => {
    // May 2025: 22 weekdays; enrolled 1–9 (7 open days) and 26–31 (5 open days) = 12 expected days, 12 days away
    const spans: EnrolmentSpan[] = [
      { serviceId: 'cz-sf-nicolae', status: 'ended', from: '2025-03-03', to: '2025-05-09' },
      { serviceId: 'cz-sf-nicolae', status: 'active', from: '2025-05-26' },
    ];
    const marked = summary({ enrolledDays: 12, scheduledDays: 12, presentDays: 6, absentDays: 6 });
    const l = evaluateMonthly(facts({ enrolments: spans, summaries: [marked] }), ctx);
    expect(l.eligible).toBe(true);
    expect(l.reasons.find((r) => r.code === 'ACTIVE_PARTICIPATION')?.message).toContain('6 din 12 zile');
    expect(l.decisionInput?.enrolments).toEqual([{ serviceId: 'cz-sf-nicolae', from: '2025-03-03', to: '2025-05-09' }, { serviceId: 'cz-sf-nicolae', from: '2025-05-26' }]);
    // judged over one first-to-last span the same child would owe 22 days and be refused as "incomplete"
    const oneSpan = evaluateMonthly(facts({ enrolments: [{ serviceId: 'cz-sf-nicolae', status: 'active', from: '2025-03-03' }], summaries: [marked] }), ctx);
    expect(codes(oneSpan)).toEqual(['REGISTER_INCOMPLETE']);
  });

  it('a case closed on the 2nd after one session: the enrolment is clipped to the open case and the partial month is too short', () => {
    const l = evaluateMonthly(facts({ case: caseOf({ status: 'closed', closedAt: '2025-05-02T10:00:00Z' }), summaries: [summary({ enrolledDays: 2, scheduledDays: 2, presentDays: 1, absentDays: 1 })] }), ctx);
    expect(l.eligible).toBe(false);
    expect(codes(l)).toEqual(['PARTIAL_MONTH_TOO_SHORT']);
    expect(l.decisionInput?.enrolments).toEqual([{ serviceId: 'cz-sf-nicolae', from: '2025-03-03', to: '2025-05-02' }]);
  });

  it('gets the same answer from one month of the ledger plus the counter as from the whole ledger (property)', () => {
    const months = ['2025-03', '2025-04', MAY, '2025-06'];
    fc.assert(fc.property(fc.subarray(months), fc.subarray(months), (paidMonths, recovered) => {
      const entries = [...paidMonths.map((m) => paid(m)), ...recovered.filter((m) => paidMonths.includes(m)).map((m) => paid(m, -400, 'recovery'))];
      const whole = ledgerFacts(entries);
      const counter = months.filter((m) => whole.netPaid(m) > 0).length;
      const one = monthLedgerFacts(entries.filter((e) => e.month === MAY), MAY, counter);
      expect(one.isPaid(MAY)).toBe(whole.isPaid(MAY));
      expect(one.netPaid(MAY)).toBe(whole.netPaid(MAY));
      expect(one.monthsPaid(MAY)).toBe(whole.monthsPaid(MAY));
    }));
  });
});

describe('adjustments of a corrected month', () => {
  const june = { runId: '2025-06-1', runMonth: '2025-06', correctionIds: ['c1'] };
  it('pays arrears when a refused month becomes eligible', () => {
    const l = evaluateAdjustment(facts(), MAY, undefined, june)!;
    expect(l).toMatchObject({ kind: 'arrears', month: MAY, runMonth: '2025-06', amountLei: 400, eligible: true, correctionIds: ['c1'] });
    expect(l.reasons[0]!.message).toContain('Plată retroactivă pentru mai 2025');
  });

  it('recovers a paid month that turns out ineligible, and changes nothing when the verdict stands', () => {
    const low = facts({ summaries: [summary({ presentDays: 1, absentDays: 19 })] }, [paid(MAY)]);
    const r = evaluateAdjustment(low, MAY, undefined, june)!;
    expect(r).toMatchObject({ kind: 'recovery', amountLei: -400, eligible: true });
    expect(r.reasons[0]!.message).toContain('Recuperare pentru mai 2025');
    expect(evaluateAdjustment(facts({}, [paid(MAY)]), MAY, undefined, june)).toBeNull();
    // refused before, still refused after the correction: nothing to settle
    expect(evaluateAdjustment(facts({ summaries: [summary({ presentDays: 1, absentDays: 19 })] }), MAY, undefined, june)).toBeNull();
  });

  it('keeps the earlier override: a month granted by the coordinator is not recovered', () => {
    const low = facts({ summaries: [summary({ presentDays: 1, absentDays: 19 })] }, [paid(MAY)]);
    const override = { decision: 'grant' as const, reason: 'Spitalizare documentată la dosar', by: 'u', at: '2025-06-02T08:00:00Z', byName: 'U' };
    expect(evaluateAdjustment(low, MAY, { override }, june)).toBeNull();
  });

  it('never pays a month twice: a month paid and recovered is not paid again as arrears', () => {
    const l = evaluateAdjustment(facts({}, [paid(MAY), paid(MAY, -400, 'recovery')]), MAY, undefined, june)!;
    expect(l.kind).toBe('arrears');
    expect(l.eligible).toBe(false);
    expect(codes(l)).toContain('ALREADY_PAID');
    expect(l.reasons.find((r) => r.code === 'ALREADY_PAID')!.message).toBe('Deja plătit');
  });

  it('blocks arrears without a usable IBAN (the correction stays pending); a recovery needs none', () => {
    const noIban = caseOf({ legalRepresentative: { firstName: 'M', lastName: 'F', relation: 'mother' } });
    const a = evaluateAdjustment(facts({ case: noIban }), MAY, undefined, june)!;
    expect(a.eligible).toBe(false);
    expect(codes(a)).toContain('IBAN_INVALID');
    const r = evaluateAdjustment(facts({ case: noIban, summaries: [summary({ presentDays: 0, absentDays: 20 })] }, [paid(MAY)]), MAY, undefined, june)!;
    expect(r).toMatchObject({ kind: 'recovery', eligible: true, amountLei: -400 });
  });
});

describe('include / exclude by the coordinator', () => {
  const who = { userId: 'coord', name: 'Maria Demo', at: '2025-06-04T08:00:00.000Z' };
  const line = (f: ChildFacts): RunLine => ({ ...evaluateMonthly(f, ctx), version: 0 });
  const reason = 'Copilul a fost internat, document la dosar.';

  it('includes a child refused only for participation, and records who and why', () => {
    const l = line(facts({ summaries: [summary({ presentDays: 2, absentDays: 18 })] }));
    expect(l.eligible).toBe(false);
    const r = applyOverride(l, { decision: 'include', reason }, who);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.line).toMatchObject({ eligible: true, amountLei: 400, version: 1, override: { decision: 'grant', reason, by: 'coord', byName: 'Maria Demo' } });
    expect(codes(r.line)).toContain('MANUAL_GRANT');
    const cleared = applyOverride(r.line, { decision: 'clear', reason }, who);
    expect(cleared.ok && cleared.line.eligible).toBe(false);
    expect(cleared.ok && cleared.line.override).toBeUndefined();
  });

  it('excludes an eligible child; refuses to include one already eligible or to exclude one refused', () => {
    const ok = line(facts());
    const ex = applyOverride(ok, { decision: 'exclude', reason }, who);
    expect(ex.ok && ex.line.eligible).toBe(false);
    expect(ex.ok && codes(ex.line)).toContain('MANUAL_SUSPENSION');
    expect(applyOverride(ok, { decision: 'include', reason }, who)).toMatchObject({ ok: false, code: 'OVERRIDE_NOT_NEEDED' });
    expect(applyOverride(line(facts({ case: caseOf({ cohort: undefined }) })), { decision: 'exclude', reason }, who)).toMatchObject({ ok: false, code: 'OVERRIDE_NOT_NEEDED' });
    expect(applyOverride(ok, { decision: 'clear', reason }, who)).toMatchObject({ ok: false, code: 'NO_OVERRIDE' });
  });

  it('never includes past the ledger, the project period, consent, an open case, the cohort or the IBAN (property)', () => {
    const hard = fc.record({
      paidAlready: fc.boolean(), noConsent: fc.boolean(), closed: fc.boolean(), noCohort: fc.boolean(), noIban: fc.boolean(), outside: fc.boolean(),
      present: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(fc.property(hard, (h) => {
      const month = h.outside ? '2028-03' : MAY;
      const c = caseOf({
        ...(h.noConsent ? { consent: { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: ['services'] } } : {}),
        ...(h.closed ? { status: 'closed' as const, closedAt: '2025-04-01T10:00:00Z' } : {}),
        ...(h.noCohort ? { cohort: undefined } : {}),
        ...(h.noIban ? { legalRepresentative: { firstName: 'M', lastName: 'F', relation: 'mother' as const } } : {}),
      });
      const f: ChildFacts = { case: c, enrolments: full, summaries: [summary({ presentDays: h.present, absentDays: 20 - h.present }, month)], ledger: ledgerFacts(h.paidAlready ? [paid(month)] : []) };
      const l: RunLine = { ...evaluateMonthly(f, { runId: 'r', runMonth: month }), version: 0 };
      const r = applyOverride(l, { decision: 'include', reason }, who);
      const anyHard = h.paidAlready || h.noConsent || h.closed || h.noCohort || h.noIban || h.outside;
      if (anyHard) {
        expect(l.eligible).toBe(false);
        expect(r.ok).toBe(false);
      } else {
        expect(r.ok ? r.line.eligible : l.eligible).toBe(true);
      }
    }));
  });

  it('refuses an override on an adjustment line', () => {
    const adj: RunLine = { ...evaluateAdjustment(facts(), MAY, undefined, { ...ctx, correctionIds: [] })!, version: 0 };
    expect(applyOverride(adj, { decision: 'exclude', reason }, who)).toMatchObject({ ok: false, code: 'NOT_A_MONTHLY_LINE' });
  });
});

describe('enrolments from the places on the summaries (no enrolment read)', () => {
  it('gives the spans the enrolment read gives, service by service, and the same line', () => {
    const spans: EnrolmentSpan[] = [
      { serviceId: 'cz-sf-nicolae', status: 'ended', from: '2025-03-03', to: '2025-05-09' },
      { serviceId: 'cz-sf-nicolae', status: 'active', from: '2025-05-26' },
      { serviceId: 'int-a', status: 'active', from: '2025-04-01' },
    ];
    const withPlaces = [
      { ...summary({ enrolledDays: 12, scheduledDays: 12, presentDays: 6, absentDays: 6 }), places: [{ from: '2025-03-03', to: '2025-05-09' }, { from: '2025-05-26' }] },
      { ...emptySummary('01JTESTCASE00000000000000A', MAY, 'int-a'), sessions: 6, places: [{ from: '2025-04-01' }] },
    ];
    expect(placesOf(withPlaces)).toEqual(spans);
    expect(evaluateMonthly(facts({ enrolments: placesOf(withPlaces)!, summaries: withPlaces }), ctx)).toEqual(evaluateMonthly(facts({ enrolments: spans, summaries: withPlaces }), ctx));
  });

  it('knows a child without a place (empty places) and reads the enrolments when any summary has no places', () => {
    expect(placesOf([{ ...summary(), places: [] }])).toEqual([]);
    expect(placesOf([{ ...summary(), places: [{ from: '2025-03-03' }] }, summary()])).toBeNull();
    expect(placesOf([summary()])).toBeNull();
    expect(placesOf([])).toBeNull();
  });

  it('after a close that wrote every held child\'s places, a summary without places means no place: nothing to read', () => {
    expect(placesOf([summary()], true)).toEqual([]);
    expect(placesOf([{ ...summary(), places: [{ from: '2025-03-03' }] }, { ...emptySummary('01JTESTCASE00000000000000A', MAY, 'int-a') }], true)).toEqual([{ serviceId: 'cz-sf-nicolae', status: 'active', from: '2025-03-03' }]);
    // a child with no place anywhere is refused for it, exactly as with an empty enrolment read
    expect(evaluateMonthly(facts({ enrolments: placesOf([summary()], true)!, summaries: [summary()] }), ctx)).toEqual(evaluateMonthly(facts({ enrolments: [], summaries: [summary()] }), ctx));
  });
});
