/**
 * Issue #17: a reference model of the subsidy rule, written here from the configuration's stated semantics (never by
 * calling the rule), compared with the run's evaluation of one child (`evaluateMonthly`) on generated children.
 * Semantics restated: a child is paid for a month when the case was open in it, the child is under the age limit for
 * at least part of it (birthday month: paid only if enrolled before the birthday and participation is active), and
 * participation in its service is active over the EXPECTED days — the service's open days (closures removed) on which
 * an enrolment interval held, clipped to the days the case was open:
 * - attendance: every expected day marked; present / (expected − excused) ≥ ratio and present ≥ the minimum of days;
 * - sessions: sessions ≥ the minimum (parents' sessions for intervention B);
 * - a partial month (fewer expected days than open days) below the partial minimum is never paid;
 * - a service with no open day in the month is not held against the child; it is paid only when `closedMonth` says so;
 * - with pro-rata on, a month with fewer available days than open days needs the same share of each minimum.
 * Compared under the defaults and under each of the two options (closed month paid, pro-rata on).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../cases/index.js';
import { emptySummary, participationRules, type MonthlyParticipationSummary, type ParticipationRules } from '../services/index.js';
import { syntheticRoIban } from '../platform/ro/iban.js';
import { subsidyConfig, subsidyConfigSchema, type SubsidyConfig } from './config.js';
import { evaluateMonthly, ledgerFacts, type EnrolmentSpan } from './evaluate.js';

const MONTH = '2026-04';
const DAYS = 30;
const date = (d: number) => `${MONTH}-${String(d).padStart(2, '0')}`;
// Mondays–Fridays of April 2026 (1 April is a Wednesday), written out by hand
const WEEKDAYS = [1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29, 30];

type Mark = 'present' | 'absent' | 'excused' | 'unmarked';
interface Child {
  service: 'cz-kuncz' | 'int-a';
  closures: number[];
  /** day-of-month intervals; 0 = began before the month, 31 = ongoing after it */
  intervals: { from: number; to: number }[];
  openedDay: number;
  closedDay: number | null;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  marks: Mark[];
  sessions: number;
}

const dayArb = fc.integer({ min: 0, max: 31 });
const childArb: fc.Arbitrary<Child> = fc.record({
  service: fc.constantFrom('cz-kuncz' as const, 'int-a' as const),
  closures: fc.oneof({ weight: 6, arbitrary: fc.subarray(WEEKDAYS, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant(WEEKDAYS) }),
  intervals: fc.array(fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })), { minLength: 1, maxLength: 3 }),
  openedDay: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
  closedDay: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }),
  birthYear: fc.integer({ min: 2007, max: 2012 }),
  birthMonth: fc.integer({ min: 1, max: 12 }),
  birthDay: fc.integer({ min: 1, max: 28 }),
  marks: fc.array(fc.constantFrom<Mark>('present', 'present', 'present', 'absent', 'excused', 'unmarked'), { minLength: DAYS, maxLength: DAYS })
    .chain((m) => fc.boolean().map((complete) => (complete ? m.map((x) => (x === 'unmarked' ? 'absent' : x)) : m))),
  sessions: fc.integer({ min: 0, max: 6 }),
}).filter((c) => c.closedDay === null || c.closedDay >= c.openedDay);

/** The reference: the configuration's stated semantics, by hand. */
function reference(c: Child, config: SubsidyConfig = subsidyConfig, rules: ParticipationRules = participationRules): { paid: boolean; amount: number } {
  const no = { paid: false, amount: 0 };
  const open = WEEKDAYS.filter((d) => !c.closures.includes(d));
  const caseFrom = c.openedDay === 0 ? 1 : c.openedDay;
  const caseTo = c.closedDay ?? DAYS;
  const held = (d: number) => d >= caseFrom && d <= caseTo && c.intervals.some((i) => d >= Math.max(i.from, 1) && d <= Math.min(i.to, DAYS));
  const enrolledAtAll = c.intervals.some((i) => Math.max(i.from, 1, caseFrom) <= Math.min(i.to, DAYS, caseTo));
  const expected = open.filter(held);
  // age: 18th birthday in or before the month
  const limitYear = c.birthYear + config.age.limitYears;
  const limit = limitYear * 10_000 + c.birthMonth * 100 + c.birthDay;
  const first = 2026_04_01;
  const last = 2026_04_30;
  if (limit <= first) return no;
  if (!enrolledAtAll) return no;
  // closed all month: never held against the child; the configured treatment says whether it is paid
  if (open.length === 0) return config.closedMonth.treatment === 'paid' ? birthdayCheck() : no;
  if (expected.length === 0) return no;
  const partial = expected.length < open.length;
  // pro-rata (when on): with fewer available days than open days, a minimum becomes the same share of itself,
  // rounded up, at least `atLeast`, never above the full minimum
  const share = (rule: { prorate: { enabled: boolean; atLeast: number } }, min: number, available: number) =>
    !rule.prorate.enabled || min === 0 || available >= open.length ? min : Math.min(min, Math.max(rule.prorate.atLeast, Math.ceil((min * Math.max(0, available)) / open.length)));
  let active: boolean;
  if (c.service === 'cz-kuncz') {
    const rule = rules.byType.day_centre!;
    if (rule.kind !== 'attendance') throw new Error('day centres keep attendance');
    const marks = expected.map((d) => c.marks[d - 1]!);
    if (marks.includes('unmarked')) return no;
    if (partial && expected.length < rule.partialMonth.minExpectedDays) return no;
    const present = marks.filter((m) => m === 'present').length;
    const excused = marks.filter((m) => m === 'excused').length;
    const denominator = expected.length - excused;
    const minPresent = share(rule, rule.minPresentDays, expected.length - (rule.excusedReduceMinimum ? excused : 0));
    active = present > 0 && denominator > 0 && present / denominator >= rule.minAttendanceRatio && present >= minPresent;
  } else {
    const rule = rules.byType.intervention!;
    if (rule.kind !== 'sessions') throw new Error('interventions keep sessions');
    if (partial && expected.length < rule.partialMonth.minExpectedDays) return no;
    if (partial && rule.partialMonth.minSessions !== null && c.sessions < rule.partialMonth.minSessions) return no;
    active = c.sessions >= share(rule, rule.minSessions, expected.length);
  }
  if (!active) return no;
  return birthdayCheck();

  function birthdayCheck() {
    if (limit <= last) {
      const birthdayDay = limit % 100;
      if (!c.intervals.some((i) => Math.max(i.from, 1, caseFrom) < birthdayDay)) return no;
    }
    return { paid: true, amount: 400 };
  }
}

/** The same child as the run sees it: a case record, enrolments, the month's summary, the calendar's open days. */
function run(c: Child, config: SubsidyConfig = subsidyConfig, rules: ParticipationRules = participationRules) {
  const open = WEEKDAYS.filter((d) => !c.closures.includes(d)).map(date);
  const enrolments: EnrolmentSpan[] = c.intervals.map((i) => ({
    serviceId: c.service, status: i.to === 31 ? 'active' : 'ended',
    from: i.from === 0 ? '2025-09-01' : date(i.from),
    ...(i.to === 31 ? {} : { to: i.to === 0 ? '2026-03-31' : date(i.to) }),
  }));
  const s: MonthlyParticipationSummary = { ...emptySummary('C1', MONTH, c.service) };
  if (c.service === 'cz-kuncz') {
    // the register offers only open days on which the child held a place while the case was open; the summary keeps
    // counters, so the run finds unmarked days as expected − marked (a mark outside the expected days would hide one)
    const caseFrom = c.openedDay === 0 ? 1 : c.openedDay;
    const caseTo = c.closedDay ?? DAYS;
    for (let d = 1; d <= DAYS; d++) {
      const heldThen = d >= caseFrom && d <= caseTo && enrolments.some((e) => date(d) >= e.from && (!e.to || date(d) <= e.to));
      const m = c.marks[d - 1]!;
      if (!heldThen || !open.includes(date(d)) || m === 'unmarked') continue;
      s.scheduledDays += 1;
      if (m === 'present') s.presentDays += 1;
      else if (m === 'absent') s.absentDays += 1;
      else s.excusedDays += 1;
    }
  } else s.sessions = c.sessions;
  const birthDate = `${c.birthYear}-${String(c.birthMonth).padStart(2, '0')}-${String(c.birthDay).padStart(2, '0')}`;
  const closed = c.closedDay !== null;
  const kase = {
    caseId: 'C1', caseNumber: 'VT-2025-00001', track: 'prevention', stage: 'services', status: closed ? 'closed' : 'open',
    institution: 'DAS', sharedWith: [], caseManagerId: 'm',
    child: { firstName: 'Ana', lastName: 'Fictivescu', birthDate, residenceCity: 'Timișoara', ethnicity: 'not_declared', disability: false, inSpecialProtection: false },
    legalRepresentative: { firstName: 'Mama', lastName: 'Fictiva', relation: 'mother', iban: syntheticRoIban(7) },
    referral: { source: 'school', receivedAt: '2025-03-01T08:00:00Z', reason: 'test test test', riskFactors: ['x'] },
    consent: { given: true, givenByRelation: 'parent', date: '2025-03-01', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] },
    cohort: '18m', reviews: [], services: [c.service], identityKeys: [], workflow: { seq: 0 },
    openedAt: c.openedDay === 0 ? '2025-09-01T08:00:00Z' : `${date(c.openedDay)}T06:00:00Z`,
    ...(closed ? { closedAt: `${date(c.closedDay!)}T12:00:00Z` } : {}),
    createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z', version: 1, editVersion: 1,
  } as unknown as CaseRecord;
  const line = evaluateMonthly({ case: kase, enrolments, summaries: [s], ledger: ledgerFacts([]) }, { runId: `${MONTH}-1`, runMonth: MONTH, openDays: () => open, config, rules });
  return { paid: line.eligible, amount: line.amountLei, reasons: line.reasons };
}

describe('reference model of the subsidy rule (issue #17)', () => {
  it('agrees with the run on 2,000 generated children (0 disagreements)', () => {
    const children = fc.sample(childArb, { numRuns: 2000, seed: 17 });
    const results = children.map((c) => ({ c, ref: reference(c), got: run(c) }));
    const disagreements = results.filter((x) => x.ref.paid !== x.got.paid || x.ref.amount !== x.got.amount);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(children.length).toBeGreaterThanOrEqual(1000);
    // the sample exercises both verdicts and every reason the issue names
    const paid = results.filter((x) => x.got.paid).length;
    expect(paid).toBeGreaterThan(100);
    expect(children.length - paid).toBeGreaterThan(100);
    const reasons = new Set(results.flatMap((x) => x.got.reasons.map((r) => r.code)));
    for (const code of ['ELIGIBLE', 'REGISTER_INCOMPLETE', 'PARTIAL_MONTH_TOO_SHORT', 'AGE_LIMIT_REACHED', 'AGE_LIMIT_BIRTHDAY_MONTH', 'ATTENDANCE_RATIO_LOW', 'SESSIONS_LOW', 'SERVICE_CLOSED_ALL_MONTH']) {
      expect(reasons, code).toContain(code);
    }
  });

  it('agrees with the run when a month with every service closed is configured as paid (1,000 children)', () => {
    const paid = subsidyConfigSchema.parse({ ...subsidyConfig, closedMonth: { ...subsidyConfig.closedMonth, treatment: 'paid' } });
    const children = fc.sample(childArb, { numRuns: 1000, seed: 1708 });
    const results = children.map((c) => ({ c, ref: reference(c, paid), got: run(c, paid) }));
    expect(results.filter((x) => x.ref.paid !== x.got.paid || x.ref.amount !== x.got.amount).slice(0, 3)).toEqual([]);
    // the setting matters: some closed months are paid under it and none under the default
    const closedPaid = results.filter((x) => x.got.paid && x.got.reasons.some((r) => r.code === 'SERVICE_CLOSED_ALL_MONTH'));
    expect(closedPaid.length).toBeGreaterThan(5);
    for (const x of closedPaid) expect(run(x.c).paid).toBe(false);
  });

  it('agrees with the run with the pro-rata option on (1,000 children)', () => {
    const prorating = structuredClone(participationRules);
    for (const r of [...Object.values(prorating.byType), ...Object.values(prorating.byService)]) r.prorate.enabled = true;
    const children = fc.sample(childArb, { numRuns: 1000, seed: 1709 });
    const results = children.map((c) => ({ c, ref: reference(c, subsidyConfig, prorating), got: run(c, subsidyConfig, prorating) }));
    expect(results.filter((x) => x.ref.paid !== x.got.paid || x.ref.amount !== x.got.amount).slice(0, 3)).toEqual([]);
    // the option matters: some children are paid with it and not without it
    expect(results.filter((x) => x.got.paid && !run(x.c).paid).length).toBeGreaterThan(0);
  });

  it('property: the run never pays what the reference model refuses (random seeds)', () => {
    fc.assert(fc.property(childArb, (c) => {
      expect(run(c).paid).toBe(reference(c).paid);
    }), { numRuns: 300 });
  });
});
