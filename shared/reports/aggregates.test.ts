import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonthsToMonth } from '../platform/calendar.js';
import type { InstitutionId } from '../platform/auth/principal.js';
import { addDeltas, aggregateOf, childContribution, countersOn, indicatorsFromCounters, splitByChild } from './aggregates.js';
import { computeIndicators, type IndicatorSet } from './indicators.js';
import type { EnrolmentFact, PaidMonthFact, ReportCase, ReportData } from './model.js';
import { enrol, paid, rcase } from './test-fixtures.js';

/** The full computation without its case lists: what the aggregate must reproduce exactly. */
const withoutCaseIds = (s: IndicatorSet) => ({ ...s, indicators: s.indicators.map((i) => ({ ...i, caseIds: [] })) });

const dayAt = (offset: number) => addCalendarDays('2025-03-01', offset);
const monthAt = (i: number) => addMonthsToMonth('2025-03', i);
const serviceIds = ['cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a', 'int-b'] as const;
const reasons = ['objectives_met', 'moved_away', 'turned_18', 'project_ended', 'separated', 'reintegrated_monitored', 'transferred', 'not_eligible'] as const;
const caseSpec = fc.record({
  child: fc.integer({ min: 0, max: 19 }),
  secondKey: fc.option(fc.integer({ min: 0, max: 19 }), { nil: null }),
  institution: fc.constantFrom<InstitutionId>('DAS', 'DGASPC', 'GAL'),
  track: fc.constantFrom('prevention' as const, 'reintegration' as const),
  roma: fc.boolean(),
  cohort: fc.constantFrom('18m' as const, '12m' as const, null),
  entered: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
  closed: fc.option(fc.record({ after: fc.integer({ min: 0, max: 400 }), reason: fc.constantFrom(...reasons) }), { nil: null }),
  enrolments: fc.array(fc.record({ service: fc.constantFrom(...serviceIds), delay: fc.integer({ min: 0, max: 60 }), waiting: fc.boolean() }), { maxLength: 3 }),
  observator: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  paidMonths: fc.uniqueArray(fc.record({ m: fc.integer({ min: 0, max: 35 }), amount: fc.constantFrom(400, 400, 250.5, -400, 0.01) }), { maxLength: 6, selector: (p) => p.m }),
  reintegration: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
});

type CaseSpec = typeof caseSpec extends fc.Arbitrary<infer T> ? T : never;
function caseload(specs: CaseSpec[]): ReportData {
  const cases: ReportCase[] = [];
  const enrolments: EnrolmentFact[] = [];
  const payments: PaidMonthFact[] = [];
  specs.forEach((s, i) => {
    const caseId = `k${String(i).padStart(3, '0')}`;
    const enteredOn = s.entered === null ? null : dayAt(s.entered);
    const closedOn = s.entered !== null && s.closed ? dayAt(s.entered + s.closed.after) : null;
    cases.push(rcase({
      caseId, institution: s.institution, track: s.track, identityKeys: [`child#${s.child}`, ...(s.secondKey === null ? [] : [`nbd#${s.secondKey}`])],
      ethnicity: s.roma ? 'roma' : 'not_declared', cohort: s.cohort, enteredOn,
      status: closedOn ? 'closed' : 'open', closedOn, closureReason: closedOn ? s.closed!.reason : null,
      observatorRegisteredOn: s.entered !== null && s.observator !== null ? dayAt(s.entered + s.observator) : null,
      reintegrationDate: s.entered !== null && s.reintegration !== null ? dayAt(s.entered + s.reintegration) : null,
    }));
    if (s.entered !== null) {
      for (const e of s.enrolments) enrolments.push(enrol(caseId, e.service, dayAt(s.entered + e.delay), e.waiting ? { status: 'waiting' } : {}));
    }
    for (const p of s.paidMonths) payments.push(paid(caseId, monthAt(p.m), { amountLei: p.amount, paidOn: p.m % 2 ? null : `${monthAt(p.m + 1)}-03` }));
  });
  return { cases, enrolments, paid: payments, identityDocuments: [] };
}

describe('indicators from maintained aggregates', () => {
  it('equal the full computation (case lists aside) for any caseload and any day, children shared across cases included', () => {
    fc.assert(fc.property(fc.array(caseSpec, { minLength: 0, maxLength: 40 }), fc.array(fc.integer({ min: -10, max: 1300 }), { minLength: 1, maxLength: 4 }), (specs, offsets) => {
      const data = caseload(specs);
      const agg = aggregateOf(data);
      for (const o of offsets) {
        const asOf = dayAt(o);
        const outcome = (f: () => IndicatorSet) => { try { return withoutCaseIds(f()); } catch (e) { return String(e); } };
        // a net recovery before its payment makes the budget refuse in both (a RangeError, never a wrong figure)
        expect(outcome(() => indicatorsFromCounters(countersOn(agg, asOf), asOf))).toEqual(outcome(() => computeIndicators(data, asOf)));
      }
    }), { numRuns: 80 });
  });

  it('moves by the difference of a child\'s old and new contribution when that child\'s facts change', () => {
    const a = rcase({ caseId: 'a1', identityKeys: ['cnp#a'], enteredOn: '2026-01-20', cohort: '18m' });
    const b = rcase({ caseId: 'b1', identityKeys: ['cnp#b'], enteredOn: '2026-02-01', ethnicity: 'roma', cohort: '12m' });
    const before: ReportData = { cases: [a, b], enrolments: [enrol('a1', 'int-a', '2026-01-20')], paid: [paid('b1', '2026-02', { paidOn: '2026-03-03' })], identityDocuments: [] };
    // b closes as separated and gets a second payment; a's facts do not change
    const b2 = { ...b, status: 'closed' as const, closedOn: '2026-05-01', closureReason: 'separated' };
    const after: ReportData = { ...before, cases: [a, b2], paid: [...before.paid, paid('b1', '2026-03', { paidOn: '2026-04-03' })] };
    const agg = aggregateOf(before);
    const oldB = childContribution(splitByChild(before).get('b1')!);
    const newB = childContribution(splitByChild(after).get('b1')!);
    addDeltas(addDeltas(agg, oldB, -1), newB);
    expect(agg).toEqual(aggregateOf(after));
    const day = '2026-06-01';
    expect(indicatorsFromCounters(countersOn(agg, day), day)).toEqual(withoutCaseIds(computeIndicators(after, day)));
  });
});
