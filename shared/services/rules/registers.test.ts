import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getService } from '../catalogue.js';
import { attendanceDelta, counterKeys, type AttendanceMark } from '../model.js';
import type { EnrolmentRecord } from '../enrolment-store.js';
import { addDays, bucharestToday, enrolledOpenDays, isoWeekday, lastDayOf, monthRange } from '../calendar.js';
import {
  activeServiceIds, approvedPlanEntries, childLabel, chooseGroup, closedMonthDelta, enrolledDaysIn, heldOn, monthsBetweenDates, packChunks,
  planDecision, placesInMonth, registerDateError, sheetChanges, startDateError, transferTargetError,
} from './registers.js';

const kuncz = getService('cz-kuncz')!;
const intA = getService('int-a')!;
const intB = getService('int-b')!;

let n = 0;
function enrolment(over: Partial<EnrolmentRecord> = {}): EnrolmentRecord {
  n += 1;
  return {
    enrolmentId: `E${String(n).padStart(4, '0')}`, caseId: 'c1', caseNumber: 'VT-2026-00001', serviceId: 'cz-kuncz', groupId: 'g1', status: 'active', from: '2026-03-02',
    requestedAt: `2026-03-01T08:00:${String(n % 60).padStart(2, '0')}Z`, source: 'plan', planId: 'P1', createdAt: '2026-03-01T08:00:00Z', createdBy: 'u', updatedAt: '2026-03-01T08:00:00Z', version: 1,
    ...over,
  };
}

describe('calendar', () => {
  it('knows weekdays, month ends and the Timișoara day of an instant', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    // 22:30 UTC on 31 March is already 1 April in Bucharest (UTC+3 in summer)
    expect(bucharestToday(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(bucharestToday(new Date('2026-01-31T21:59:00Z'))).toBe('2026-01-31');
  });

  it('counts the enrolled open days of a month once, however the periods overlap', () => {
    const weekdays = [1, 2, 3, 4, 5];
    // November 2026: 21 weekdays, Monday 30 November (Sfântul Andrei) is a public holiday: never an expected day
    expect(enrolledOpenDays('2026-11', weekdays, [{ from: '2026-01-01' }])).toBe(20);
    expect(enrolledOpenDays('2026-11', weekdays, [{ from: '2026-11-16' }])).toBe(10);
    // a closure takes its open days away too
    expect(enrolledOpenDays('2026-11', weekdays, [{ from: '2026-11-16' }], [{ from: '2026-11-18', to: '2026-11-22', reason: 'Dezinfecție' }])).toBe(7);
    expect(enrolledOpenDays('2026-11', weekdays, [{ from: '2026-11-02', to: '2026-11-06' }, { from: '2026-11-05', to: '2026-11-10' }])).toBe(7);
    expect(enrolledOpenDays('2026-11', weekdays, [{ from: '2026-12-01' }])).toBe(0);
  });
});

describe('enrolments', () => {
  it('case.services is the set of services with an active enrolment, never a waiting or ended one', () => {
    const list = [
      enrolment({ serviceId: 'cz-kuncz' }),
      enrolment({ serviceId: 'int-a', status: 'waiting' }),
      enrolment({ serviceId: 'cr-podu-lung', status: 'ended', to: '2026-04-01' }),
      enrolment({ serviceId: 'cz-kuncz', groupId: 'g2' }),
    ];
    expect(activeServiceIds(list)).toEqual(['cz-kuncz']);
    expect(activeServiceIds([])).toEqual([]);
  });

  it('enrolled days count only periods that held a place, across groups of the service', () => {
    const list = [
      enrolment({ groupId: 'g1', status: 'ended', from: '2026-11-02', to: '2026-11-06' }),
      enrolment({ groupId: 'g2', from: '2026-11-09' }),
      enrolment({ groupId: 'g3', status: 'waiting', from: '2026-11-01' }),
      enrolment({ serviceId: 'int-a', groupId: 'das', from: '2026-11-01' }),
    ];
    // 30 November 2026 (Sfântul Andrei) is a public holiday
    expect(enrolledDaysIn('2026-11', kuncz, list)).toBe(5 + 15);
    expect(enrolledDaysIn('2026-11', kuncz, list, [{ from: '2026-11-02', to: '2026-11-03', reason: 'Dezinfecție' }])).toBe(3 + 15);
    expect(heldOn(list[0]!, '2026-11-06')).toBe(true);
    expect(heldOn(list[0]!, '2026-11-09')).toBe(false);
    expect(heldOn(list[2]!, '2026-11-10')).toBe(false);
  });

  it('an enrolment starts inside the project, not before the consent, not too far ahead', () => {
    const ctx = { today: '2026-11-23', consentDate: '2026-06-15' };
    expect(startDateError('2026-06-15', ctx)).toBeUndefined();
    expect(startDateError('2026-06-14', ctx)?.code).toBe('START_BEFORE_CONSENT');
    expect(startDateError('2025-02-28', { today: '2026-11-23' })?.code).toBe('START_BEFORE_PROJECT');
    expect(startDateError('2026-12-25', ctx)?.code).toBe('START_TOO_FAR');
    expect(startDateError('2026-12-24', ctx)).toBeUndefined();
  });

  it('the plan decides: enrol what is missing, keep what is open, never re-open what was ended under this plan', () => {
    const entries = [{ serviceId: 'cz-kuncz', groupId: 'g2' }, { serviceId: 'int-a' }, { serviceId: 'cr-podu-lung' }];
    const open = enrolment({ serviceId: 'cz-kuncz', groupId: 'g2' });
    const endedHere = enrolment({ serviceId: 'cr-podu-lung', status: 'ended', to: '2026-05-01', planId: 'P2' });
    const oldPlan = enrolment({ serviceId: 'int-b', groupId: 'g1', planId: 'P1' });
    const d = planDecision({ planId: 'P2' }, entries, [open, endedHere, oldPlan]);
    expect(d.keep.map((k) => k.entry.serviceId)).toEqual(['cz-kuncz']);
    expect(d.endedUnderPlan.map((k) => k.entry.serviceId)).toEqual(['cr-podu-lung']);
    expect(d.enrol).toEqual([{ serviceId: 'int-a' }]);
    expect(d.end.map((e) => e.serviceId)).toEqual(['int-b']);
  });

  it('deciding again after acting on the decision asks for nothing more (idempotent)', () => {
    fc.assert(fc.property(
      fc.subarray(['cz-kuncz', 'cz-sf-nicolae', 'cr-podu-lung', 'int-a', 'int-b']),
      fc.array(fc.record({ serviceId: fc.constantFrom('cz-kuncz', 'cz-sf-nicolae', 'int-a', 'int-b'), status: fc.constantFrom('active', 'waiting', 'ended', 'cancelled'), planId: fc.constantFrom('P1', 'P2') }), { maxLength: 6 }),
      (services, existing) => {
        const entries = services.map((serviceId) => ({ serviceId }));
        const start = existing.map((e) => enrolment(e as Partial<EnrolmentRecord>));
        const first = planDecision({ planId: 'P2' }, entries, start);
        const after = [
          ...start.map((e) => (first.end.includes(e) ? { ...e, status: 'ended' as const } : e)),
          ...first.enrol.map((x) => enrolment({ serviceId: x.serviceId, planId: 'P2' })),
        ];
        const second = planDecision({ planId: 'P2' }, entries, after);
        expect(second.enrol).toEqual([]);
        expect(second.end).toEqual([]);
      },
    ));
  });

  it('only an approved plan lists services, each once', () => {
    const plan = { planId: 'P', type: 'PS' as const, version: 1, objectives: [], cohort: '18m' as const, reviewDate: '2026-12-01', status: 'approved' as const,
      services: [{ serviceId: 'cz-kuncz', groupId: 'g3', responsible: 'x' }, { serviceId: 'int-a', responsible: 'x' }, { serviceId: 'cz-kuncz', groupId: 'g1', responsible: 'x' }] };
    expect(approvedPlanEntries({ plan })).toEqual([{ serviceId: 'cz-kuncz', groupId: 'g3' }, { serviceId: 'int-a' }]);
    expect(approvedPlanEntries({ plan: { ...plan, status: 'submitted' } })).toEqual([]);
    expect(approvedPlanEntries({})).toEqual([]);
  });

  it('a group is full at capacity or while anybody waits; without a preference the first free group is used', () => {
    const counters = [{ groupId: 'g1', enrolled: 20, waiting: 0 }, { groupId: 'g2', enrolled: 3, waiting: 1 }];
    expect(chooseGroup(kuncz, counters)).toEqual({ groupId: 'g3', full: false });
    expect(chooseGroup(kuncz, counters, 'g1')).toEqual({ groupId: 'g1', full: true });
    expect(chooseGroup(kuncz, counters, 'g2')).toEqual({ groupId: 'g2', full: true });
    expect(chooseGroup(kuncz, [{ groupId: 'g1', enrolled: 20, waiting: 4 }, { groupId: 'g2', enrolled: 20, waiting: 2 }, { groupId: 'g3', enrolled: 20, waiting: 3 }])).toEqual({ groupId: 'g2', full: true });
    expect(() => chooseGroup(kuncz, [], 'g9')).toThrow(RangeError);
  });

  it('a transfer goes to another place of the same kind, or to a service of the plan, on the case track', () => {
    const c = { track: 'prevention' as const, plan: undefined };
    expect(transferTargetError(kuncz, getService('cz-sf-nicolae')!, 'g1', 'g1', c)).toBeUndefined();
    expect(transferTargetError(kuncz, kuncz, 'g2', 'g1', c)).toBeUndefined();
    expect(transferTargetError(kuncz, kuncz, 'g1', 'g1', c)?.code).toBe('TRANSFER_SAME_PLACE');
    expect(transferTargetError(kuncz, intA, 'das', 'g1', c)?.code).toBe('TRANSFER_TARGET_NOT_IN_PLAN');
    expect(transferTargetError(intA, intB, 'g1', 'das', c)?.code).toBe('SERVICE_NOT_FOR_TRACK');
  });

  it('moving a boundary touches every month between, up to this month', () => {
    expect(monthsBetweenDates('2026-08-10', '2026-11-23', '2026-11-23')).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(monthsBetweenDates('2026-11-23', '2026-08-10', '2026-11-23')).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(monthsBetweenDates('2026-11-28', '2027-01-05', '2026-11-23')).toEqual(['2026-11']);
  });
});

describe('registers', () => {
  it('a register day is past or today and a day the service works', () => {
    expect(registerDateError(kuncz, '2026-11-23', '2026-11-23')).toBeUndefined();
    expect(registerDateError(kuncz, '2026-11-24', '2026-11-23')?.code).toBe('DATE_IN_FUTURE');
    expect(registerDateError(kuncz, '2026-11-22', '2026-11-23')?.code).toBe('SERVICE_CLOSED_ON_DATE');
    expect(registerDateError(intA, '2026-11-21', '2026-11-23')).toBeUndefined(); // interventions also work on Saturdays
  });

  it('refuses a public holiday and a closure with a Romanian message and a stable code', () => {
    const holiday = registerDateError(kuncz, '2026-12-01', '2026-12-04', { closures: [] });
    expect(holiday).toMatchObject({ code: 'PUBLIC_HOLIDAY', field: 'date' });
    expect(holiday?.message).toContain('Ziua Națională a României');
    expect(registerDateError(kuncz, '2026-12-01', '2026-12-04')).toBeUndefined(); // sessions: weekdays only, for now
    const closures = [{ from: '2026-07-20', to: '2026-07-31', reason: 'dezinfecție' }];
    expect(registerDateError(kuncz, '2026-07-22', '2026-12-04', { closures })).toMatchObject({ code: 'SERVICE_CLOSURE', message: expect.stringContaining('dezinfecție') });
    expect(registerDateError(kuncz, '2026-08-03', '2026-12-04', { closures })).toBeUndefined();
  });

  const mark = fc.oneof(
    fc.constant<AttendanceMark>({ status: 'present' }),
    fc.constant<AttendanceMark>({ status: 'absent' }),
    fc.constantFrom<AttendanceMark>({ status: 'excused', excuseReason: 'medical' }, { status: 'excused', excuseReason: 'school_event' }),
  );

  it('a sheet save changes the counters exactly by the difference between the saved and the requested marks', () => {
    fc.assert(fc.property(
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), mark),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.option(mark, { nil: null })),
      (currentObj, requestedObj) => {
        const current = new Map(Object.entries(currentObj));
        const requested = Object.entries(requestedObj).map(([caseId, m]) => ({ caseId, mark: m }));
        const changes = sheetChanges(current, requested);
        // every change is a real one, and unchanged rows are not written
        for (const ch of changes) expect(counterKeys.some((k) => ch.delta[k] !== 0)).toBe(true);
        // applying the changes to a count of the current marks gives the count of the resulting marks
        const result = new Map(current);
        for (const r of requested) (r.mark ? result.set(r.caseId, r.mark) : result.delete(r.caseId));
        const count = (m: Map<string, AttendanceMark>) => ({
          scheduledDays: m.size,
          presentDays: [...m.values()].filter((x) => x.status === 'present').length,
          absentDays: [...m.values()].filter((x) => x.status === 'absent').length,
          excusedDays: [...m.values()].filter((x) => x.status === 'excused').length,
        });
        const before = count(current);
        const sum = (k: 'scheduledDays' | 'presentDays' | 'absentDays' | 'excusedDays') => changes.reduce((s, c) => s + c.delta[k], before[k]);
        const after = count(result);
        for (const k of ['scheduledDays', 'presentDays', 'absentDays', 'excusedDays'] as const) expect(sum(k)).toBe(after[k]);
      },
    ));
  });

  it('after the month is closed, every change counts as a correction, a late first entry too', () => {
    const first = attendanceDelta(undefined, { status: 'present' });
    expect(first.corrections).toBe(0);
    expect(closedMonthDelta(first, true).corrections).toBe(1);
    expect(closedMonthDelta(first, false)).toEqual(first);
    const changed = attendanceDelta({ status: 'absent' }, { status: 'present' });
    expect(closedMonthDelta(changed, true).corrections).toBe(1);
  });

  it('splits rows into transactions of at most 100 items, whole rows only, in order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 200 }), fc.integer({ min: 0, max: 3 }), (sizes, fixed) => {
      const rows = sizes.map((size, i) => ({ size, value: i }));
      const chunks = packChunks(rows, fixed, 100);
      expect(chunks.flat()).toEqual(sizes.map((_, i) => i));
      for (const c of chunks) {
        expect(c.length).toBeGreaterThan(0);
        expect(fixed + c.reduce((s, i) => s + sizes[i]!, 0)).toBeLessThanOrEqual(100);
      }
    }));
    // a day-centre group of 20 children (mark + summary each) fits one transaction; 49 rows is the most with 2 fixed items
    expect(packChunks(Array.from({ length: 20 }, (_, i) => ({ size: 2, value: i })), 2)).toHaveLength(1);
    expect(packChunks(Array.from({ length: 49 }, (_, i) => ({ size: 2, value: i })), 2)).toHaveLength(1);
    expect(packChunks(Array.from({ length: 50 }, (_, i) => ({ size: 2, value: i })), 2)).toHaveLength(2);
  });

  it('centre staff see a first name and an initial; coordinators the full name', () => {
    expect(childLabel({ firstName: 'Ana Maria', lastName: 'Știrbu' }, false)).toBe('Ana Maria Ș.');
    expect(childLabel({ firstName: 'Ana Maria', lastName: 'Știrbu' }, true)).toBe('Ana Maria Știrbu');
    expect(childLabel({ firstName: 'Ion', lastName: ' țăran' }, false)).toBe('Ion Ț.');
  });
});

describe('places of a month (what the month close writes on a summary)', () => {
  it('keeps each held period of the service that overlaps the month, in order, and nothing else', () => {
    const list = [
      enrolment({ status: 'active', from: '2026-03-20' }),
      enrolment({ status: 'ended', from: '2026-01-05', to: '2026-03-06' }),
      enrolment({ status: 'ended', from: '2026-01-05', to: '2026-02-27' }), // ended before March
      enrolment({ status: 'waiting', from: '2026-03-02' }), // never held the place
      enrolment({ status: 'cancelled', from: '2026-03-02' }),
      enrolment({ status: 'active', from: '2026-04-01' }), // starts after March
      enrolment({ status: 'active', from: '2026-03-02', serviceId: 'int-a' }), // another service
    ];
    expect(placesInMonth('2026-03', 'cz-kuncz', list)).toEqual([{ from: '2026-01-05', to: '2026-03-06' }, { from: '2026-03-20' }]);
    expect(placesInMonth('2026-03', 'int-a', list)).toEqual([{ from: '2026-03-02' }]);
    expect(placesInMonth('2026-05', 'int-b', list)).toEqual([]);
  });
});
