import { addCalendarDays, addMonthsToMonth, monthDays } from '../platform/calendar.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';
import { serviceTargets } from '../services/index.js';
import { computeIndicators, findIndicator, isParticipant, type IndicatorSet } from './indicators.js';
import type { EnrolmentFact, PaidMonthFact, ReportCase, ReportData } from './model.js';
import { enrol, paid, rcase } from './test-fixtures.js';

const value = (set: IndicatorSet, id: string) => findIndicator(set, id)!.value;

describe('project indicators on a hand-built caseload', () => {
  // 8 cases, 7 children (c1 and c8 are the same child), values worked out by hand below
  const c1 = rcase({ caseId: 'c1', identityKeys: ['cnp#1'], ethnicity: 'roma', enteredOn: '2026-01-20', observatorRegisteredOn: '2026-02-01', cohort: '18m', status: 'closed', closedOn: '2026-05-01', closureReason: 'moved_away' });
  const c2 = rcase({ caseId: 'c2', identityKeys: ['cnp#2'], ethnicity: 'roma', enteredOn: '2026-02-10', cohort: '12m' });
  const c3 = rcase({ caseId: 'c3', identityKeys: ['cnp#3'], institution: 'DGASPC', track: 'reintegration', enteredOn: '2026-03-01', reintegrationDate: '2026-04-01', status: 'closed', closedOn: '2026-06-30', closureReason: 'reintegrated_monitored', cohort: '12m', observatorRegisteredOn: '2026-03-10' });
  const c4 = rcase({ caseId: 'c4', identityKeys: ['cnp#4'], enteredOn: null, cohort: null, stage: 'evaluation' });
  const c5 = rcase({ caseId: 'c5', identityKeys: ['cnp#5'], enteredOn: '2026-02-01', status: 'closed', closedOn: '2026-03-01', closureReason: 'not_eligible' });
  const c6 = rcase({ caseId: 'c6', identityKeys: ['cnp#6'], enteredOn: '2026-08-01' });
  const c7 = rcase({ caseId: 'c7', identityKeys: ['cnp#7'], institution: 'GAL', enteredOn: '2026-03-15', status: 'closed', closedOn: '2026-06-01', closureReason: 'separated' });
  const c8 = rcase({ caseId: 'c8', identityKeys: ['nbd#x', 'cnp#1'], ethnicity: 'roma', enteredOn: '2026-06-01', cohort: '18m' });
  const data: ReportData = {
    cases: [c1, c2, c3, c4, c5, c6, c7, c8],
    enrolments: [
      enrol('c1', 'cz-sf-nicolae', '2026-01-20', { status: 'ended', to: '2026-05-01' }),
      enrol('c2', 'cz-kuncz', '2026-02-10'),
      enrol('c2', 'cr-podu-lung', '2026-02-10', { status: 'waiting' }),
      enrol('c3', 'int-b', '2026-03-01'),
      enrol('c6', 'int-a', '2026-08-01'),
      enrol('c7', 'int-a', '2026-03-15'),
      enrol('c8', 'cz-sf-nicolae', '2026-06-01'),
    ],
    paid: [
      paid('c1', '2026-02', { paidOn: '2026-03-03' }),
      paid('c1', '2026-03', { paidOn: '2026-04-03' }),
      paid('c2', '2026-03', { paidOn: '2026-04-03' }),
      paid('c2', '2026-04', { paidOn: '2026-05-03' }),
      paid('c3', '2026-04'),
      paid('c8', '2026-06', { paidOn: '2026-07-03' }),
    ],
    identityDocuments: [],
  };
  const set = computeIndicators(data, '2026-06-30');

  it('counts children in the target group once, across their cases, and leaves out those not yet entered or not eligible', () => {
    // participants on 30 June: c1/c8 (one child), c2, c3, c7 — not c4 (no plan), c5 (not eligible), c6 (enters in August)
    expect(value(set, 'participants')).toBe(4);
    expect(findIndicator(set, 'participants')!.caseIds).toEqual(['c1', 'c2', 'c3', 'c7', 'c8']);
    expect(value(set, 'participants_roma')).toBe(2);
    expect(findIndicator(set, 'participants_roma')!.involvesEthnicity).toBe(true);
    expect(value(set, 'track_prevention')).toBe(3);
    expect(value(set, 'track_reintegration')).toBe(1);
    expect(findIndicator(set, 'participants')!.byInstitution).toEqual({ DAS: 2, DGASPC: 1, GAL: 1 });
  });

  it('counts service figures from enrolments, not from waiting lists', () => {
    expect(value(set, 'service_day-centres')).toBe(2);
    expect(value(set, 'service_day-centres_roma')).toBe(2);
    expect(value(set, 'service_podu-lung')).toBe(0);
    expect(value(set, 'service_int-a')).toBe(1);
    expect(value(set, 'service_int-b')).toBe(1);
    expect(findIndicator(set, 'service_day-centres')!.target).toBe(117);
    expect(findIndicator(set, 'service_day-centres_roma')!.target).toBe(27);
  });

  it('counts a child of intervention A for DAS and for GAL, both its providers (the total once)', () => {
    expect(findIndicator(set, 'service_int-a')!.byInstitution).toEqual({ DAS: 1, DGASPC: 0, GAL: 1 });
    expect(findIndicator(set, 'service_int-b')!.byInstitution).toEqual({ DAS: 0, DGASPC: 1, GAL: 1 });
    expect(findIndicator(set, 'service_day-centres')!.byInstitution).toEqual({ DAS: 2, DGASPC: 0, GAL: 0 });
    expect(findIndicator(set, 'service_int-a')!.note).toMatch(/DAS și la GAL/);
  });

  it('counts plans registered in the Observatorul against the 266 children of the target group', () => {
    expect(value(set, 'plans_registered')).toBe(2);
    expect(findIndicator(set, 'plans_registered')!.target).toBe(266);
    expect(findIndicator(set, 'plans_unregistered')!.caseIds).toEqual(['c2', 'c7', 'c8']);
  });

  it('counts distinct children who received a subsidy, and those who reached their cohort minimum against 187 / 79', () => {
    // on 30 June: the child of c1/c8 (February, March), c2 (March, April), c3 (April)
    expect(value(set, 'children_subsidised')).toBe(3);
    expect(findIndicator(set, 'children_subsidised')!.target).toBe(266);
    expect(value(set, 'cohort_18m_minimum_reached')).toBe(0);
    expect(findIndicator(set, 'cohort_18m_minimum_reached')!.target).toBe(187);
    expect(findIndicator(set, 'cohort_12m_minimum_reached')!.target).toBe(79);
    // 12 paid months in cohort 12 reach it; 11 do not; a recovered month does not count
    const months = (n: number) => Array.from({ length: n }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const a = rcase({ caseId: 'a', identityKeys: ['cnp#a'], enteredOn: '2026-01-01', cohort: '12m' });
    const b = rcase({ caseId: 'b', identityKeys: ['cnp#b'], enteredOn: '2026-01-01', cohort: '12m' });
    const c = rcase({ caseId: 'c', identityKeys: ['cnp#c'], enteredOn: '2026-01-01', cohort: '12m' });
    const long: ReportData = {
      cases: [a, b, c], enrolments: [], identityDocuments: [],
      paid: [...months(12).map((m) => paid('a', m)), ...months(11).map((m) => paid('b', m)), ...months(12).map((m) => paid('c', m)), paid('c', '2026-05', { amountLei: -400 })],
    };
    const year = computeIndicators(long, '2026-12-31');
    expect(findIndicator(year, 'cohort_12m_minimum_reached')!.caseIds).toEqual(['a']);
    expect(value(year, 'children_subsidised')).toBe(3);
  });

  it('counts cohorts, child-months and lei paid up to the day', () => {
    expect(value(set, 'cohort_18m')).toBe(2); // the child of c1/c8, and c7
    expect(value(set, 'cohort_12m')).toBe(2);
    // c8's June payment is made on 3 July: not yet on 30 June
    expect(value(set, 'child_months_paid')).toBe(5);
    expect(value(set, 'child_months_paid_18m')).toBe(2);
    expect(value(set, 'child_months_paid_12m')).toBe(3);
    expect(value(set, 'subsidies_paid')).toBe(2000);
    expect(findIndicator(set, 'subsidies_paid')!.target).toBe(1_725_600);
    expect(set.budget.spent).toBe(2000);
    expect(computeIndicators(data, '2026-07-31').indicators.find((i) => i.id === 'subsidies_paid')!.value).toBe(2400);
  });

  it('classifies closed cases by outcome', () => {
    expect(value(set, 'cases_closed')).toBe(3);
    expect(findIndicator(set, 'separation_prevented')!.caseIds).toEqual(['c1']);
    expect(findIndicator(set, 'separated')!.caseIds).toEqual(['c7']);
    expect(findIndicator(set, 'reintegrated')!.caseIds).toEqual(['c3']);
    expect(findIndicator(set, 'reintegration_sustained')!.caseIds).toEqual(['c3']);
    expect(set.preventionRate).toBe(0.5);
  });

  it('goes back in time: on 1 March only the cases that had entered by then', () => {
    const early = computeIndicators(data, '2026-03-01');
    expect(findIndicator(early, 'participants')!.caseIds).toEqual(['c1', 'c2', 'c3']);
    expect(value(early, 'cases_closed')).toBe(0);
    expect(value(early, 'child_months_paid')).toBe(0);
    expect(early.preventionRate).toBeNull();
  });

  it('keeps a case closed as not eligible in the target group until the day it closed', () => {
    expect(isParticipant(data.cases[4]!, '2026-02-15')).toBe(true);
    expect(isParticipant(data.cases[4]!, '2026-03-01')).toBe(false);
  });
});

// ── Property: every indicator equals an independent count over a random synthetic caseload ─────────────────────

const dayAt = (offset: number) => addCalendarDays('2025-03-01', offset);
const monthAt = (i: number) => addMonthsToMonth('2025-03', i);
const serviceIds = ['cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a', 'int-b'] as const;
const reasons = ['objectives_met', 'moved_away', 'turned_18', 'project_ended', 'separated', 'reintegrated_monitored', 'transferred', 'not_eligible'] as const;

const caseSpec = fc.record({
  child: fc.integer({ min: 0, max: 39 }),
  institution: fc.constantFrom<InstitutionId>('DAS', 'DGASPC', 'GAL'),
  track: fc.constantFrom('prevention' as const, 'reintegration' as const),
  entered: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
  closed: fc.option(fc.record({ after: fc.integer({ min: 0, max: 400 }), reason: fc.constantFrom(...reasons) }), { nil: null }),
  enrolments: fc.array(fc.record({ service: fc.constantFrom(...serviceIds), delay: fc.integer({ min: 0, max: 60 }), waiting: fc.boolean() }), { maxLength: 3 }),
  observator: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
  paidMonths: fc.uniqueArray(fc.integer({ min: 0, max: 35 }), { maxLength: 6 }),
  reintegration: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
});
const childSpec = fc.record({ roma: fc.boolean(), cohort: fc.constantFrom('18m' as const, '12m' as const) });

describe('project indicators (property)', () => {
  it('equal an independent count for any caseload and any day', () => {
    fc.assert(fc.property(fc.array(caseSpec, { minLength: 1, maxLength: 60 }), fc.array(childSpec, { minLength: 40, maxLength: 40 }), fc.integer({ min: 0, max: 1100 }), (specs, children, asOfOffset) => {
      const asOf = dayAt(asOfOffset);
      const cases: ReportCase[] = [];
      const enrolments: EnrolmentFact[] = [];
      const payments: PaidMonthFact[] = [];
      specs.forEach((s, i) => {
        const caseId = `k${String(i).padStart(3, '0')}`;
        const ch = children[s.child]!;
        const enteredOn = s.entered === null ? null : dayAt(s.entered);
        const closedOn = s.entered !== null && s.closed ? dayAt(s.entered + s.closed.after) : null;
        cases.push(rcase({
          caseId, institution: s.institution, track: s.track, identityKeys: [`child#${s.child}`],
          ethnicity: ch.roma ? 'roma' : 'not_declared', cohort: ch.cohort, enteredOn,
          status: closedOn ? 'closed' : 'open', closedOn, closureReason: closedOn ? s.closed!.reason : null,
          observatorRegisteredOn: s.entered !== null && s.observator !== null ? dayAt(s.entered + s.observator) : null,
          reintegrationDate: s.entered !== null && s.reintegration !== null ? dayAt(s.entered + s.reintegration) : null,
        }));
        if (s.entered !== null) {
          for (const e of s.enrolments) enrolments.push(enrol(caseId, e.service, dayAt(s.entered + e.delay), e.waiting ? { status: 'waiting' } : {}));
          for (const m of s.paidMonths) payments.push(paid(caseId, monthAt(m), { paidOn: m % 2 ? null : `${monthAt(m + 1)}-03` }));
        }
      });
      const set = computeIndicators({ cases, enrolments, paid: payments, identityDocuments: [] }, asOf);

      // independent expectations, straight from the specs
      const monthEnd = (m: string) => monthDays(m).last;
      const part = specs.map((s, i) => ({ s, i, caseId: `k${String(i).padStart(3, '0')}` })).filter(({ s }) => {
        if (s.entered === null || dayAt(s.entered) > asOf) return false;
        return !(s.closed && s.closed.reason === 'not_eligible' && dayAt(s.entered + s.closed.after) <= asOf);
      });
      const distinct = (xs: { s: { child: number } }[]) => new Set(xs.map((x) => x.s.child)).size;
      expect(value(set, 'participants')).toBe(distinct(part));
      expect(value(set, 'participants_roma')).toBe(distinct(part.filter((x) => children[x.s.child]!.roma)));
      expect(value(set, 'track_prevention')).toBe(distinct(part.filter((x) => x.s.track === 'prevention')));
      expect(value(set, 'track_reintegration')).toBe(distinct(part.filter((x) => x.s.track === 'reintegration')));
      for (const inst of institutionIds) expect(findIndicator(set, 'participants')!.byInstitution[inst]).toBe(distinct(part.filter((x) => x.s.institution === inst)));
      for (const t of serviceTargets) {
        const inT = part.filter((x) => x.s.enrolments.some((e) => !e.waiting && t.services.includes(e.service) && dayAt(x.s.entered! + e.delay) <= asOf));
        expect(value(set, `service_${t.id}`)).toBe(distinct(inT));
        if (t.minRoma > 0) expect(value(set, `service_${t.id}_roma`)).toBe(distinct(inT.filter((x) => children[x.s.child]!.roma)));
      }
      expect(value(set, 'plans_registered')).toBe(part.filter((x) => x.s.observator !== null && dayAt(x.s.entered! + x.s.observator) <= asOf).length);
      for (const cohort of ['18m', '12m'] as const) expect(value(set, `cohort_${cohort}`)).toBe(distinct(part.filter((x) => children[x.s.child]!.cohort === cohort)));

      const paidByDay = specs.flatMap((s, i) => (s.entered === null ? [] : s.paidMonths.map((m) => ({ child: s.child, month: monthAt(m), day: m % 2 ? monthEnd(monthAt(m)) : `${monthAt(m + 1)}-03`, i }))))
        .filter((p) => p.day <= asOf);
      expect(value(set, 'subsidies_paid')).toBe(paidByDay.length * 400);
      expect(value(set, 'child_months_paid')).toBe(new Set(paidByDay.map((p) => `${p.child}|${p.month}`)).size);
      for (const cohort of ['18m', '12m'] as const) {
        expect(value(set, `child_months_paid_${cohort}`)).toBe(new Set(paidByDay.filter((p) => children[p.child]!.cohort === cohort).map((p) => `${p.child}|${p.month}`)).size);
      }
      const lei = findIndicator(set, 'subsidies_paid')!.byInstitution;
      expect(lei.DAS + lei.DGASPC + lei.GAL).toBe(paidByDay.length * 400);

      const closed = part.filter((x) => x.s.closed && dayAt(x.s.entered! + x.s.closed.after) <= asOf);
      const withReason = (rs: string[]) => closed.filter((x) => rs.includes(x.s.closed!.reason)).length;
      expect(value(set, 'cases_closed')).toBe(closed.length);
      expect(value(set, 'separation_prevented')).toBe(withReason(['objectives_met', 'moved_away', 'turned_18', 'project_ended']));
      expect(value(set, 'separated')).toBe(withReason(['separated']));
      expect(value(set, 'reintegration_sustained')).toBe(withReason(['reintegrated_monitored']));
      expect(value(set, 'reintegrated')).toBe(distinct(part.filter((x) => x.s.reintegration !== null && dayAt(x.s.entered! + x.s.reintegration) <= asOf)));
    }), { numRuns: 150 });
  });
});
