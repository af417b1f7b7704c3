import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addWorkingDays,
  closedReason,
  datesInMonth,
  endOfLocalDay,
  formatDateLongRo,
  formatMonthRo,
  isoWeekday,
  isWorkingDay,
  localDate,
  monthKey,
  offsetAt,
  openDaysInMonth,
  publicHolidays,
  startOfLocalDay,
  termEnd,
  TIME_ZONE,
  workingDaysBetween,
  type Closure,
} from '../calendar.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const dates = (from = '2024-01-01', to = '2030-12-31') =>
  fc.integer({ min: Date.parse(from) / DAY, max: Date.parse(to) / DAY }).map((d) => localDate(new Date(d * DAY + 12 * HOUR)));
const months = fc.integer({ min: 2024 * 12, max: 2030 * 12 + 11 }).map((i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 7 });
// an independent oracle for the Bucharest day: the platform's Intl database
const oracle = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

describe('day and month of an instant around midnight and the DST changes (property)', () => {
  // instants within ±2 h of a Bucharest midnight, and within ±2 h of the 2024–2030 DST switches (01:00Z)
  const nearMidnight = fc.tuple(dates(), fc.integer({ min: -2 * HOUR, max: 2 * HOUR })).map(([d, off]) => new Date(Date.parse(startOfLocalDay(d)) + off));
  const dstSwitches = ['2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26', '2028-10-29'];
  const nearDst = fc.tuple(fc.constantFrom(...dstSwitches), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })).map(([d, off]) => new Date(Date.parse(`${d}T01:00:00Z`) + off));

  it('agrees with the Intl time-zone database and with the day bounds', () => {
    fc.assert(
      fc.property(fc.oneof(nearMidnight, nearDst), (t) => {
        const day = localDate(t);
        expect(day).toBe(oracle.format(t));
        expect(monthKey(t)).toBe(day.slice(0, 7));
        expect(Date.parse(startOfLocalDay(day))).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThanOrEqual(Date.parse(endOfLocalDay(day)));
        expect([2 * HOUR, 3 * HOUR]).toContain(offsetAt(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('23:30 UTC on the last day of a month is already the next month in Bucharest; 00:30 UTC on the 1st too', () => {
    expect(monthKey('2026-11-30T23:30:00Z')).toBe('2026-12');
    expect(localDate('2026-11-30T23:30:00Z')).toBe('2026-12-01');
    expect(monthKey('2026-12-01T00:30:00Z')).toBe('2026-12');
    expect(monthKey('2026-03-31T21:30:00Z')).toBe('2026-04'); // summer time: +3 h
    expect(monthKey('2026-03-31T20:30:00Z')).toBe('2026-03');
  });
});

describe('open days of a service', () => {
  const weekdaysOnly = { daysOpen: [1, 2, 3, 4, 5] };

  it('removes public holidays and closures from a month', () => {
    // December 2026: 23 weekdays, of which 1, 25 December (Tue, Fri) are holidays
    expect(openDaysInMonth('2026-12', { ...weekdaysOnly, closedOnPublicHolidays: false })).toHaveLength(23);
    expect(openDaysInMonth('2026-12', weekdaysOnly)).toHaveLength(21);
    const closures: Closure[] = [{ from: '2026-12-21', to: '2026-12-31', reason: 'Vacanța de iarnă' }];
    const open = openDaysInMonth('2026-12', { ...weekdaysOnly, closures });
    expect(open).toHaveLength(21 - 8); // 21–24, 28–31 closed (25 already a holiday)
    expect(open.at(-1)).toBe('2026-12-18');
    expect(closedReason('2026-12-25', { ...weekdaysOnly, closures })).toMatchObject({ kind: 'holiday', holiday: { name: 'Crăciunul' } });
    expect(closedReason('2026-12-22', { ...weekdaysOnly, closures })).toMatchObject({ kind: 'closure', closure: { reason: 'Vacanța de iarnă' } });
    expect(closedReason('2026-12-05', weekdaysOnly)).toMatchObject({ kind: 'weekday' });
    expect(closedReason('2026-12-07', weekdaysOnly)).toBeNull();
  });

  it('an open day is on an open weekday, not a holiday and in no closure (property)', () => {
    const closure = fc.tuple(dates('2024-01-01', '2030-12-01'), fc.integer({ min: 0, max: 40 })).map(([from, n]) => ({ from, to: addCalendarDays(from, n), reason: 'Dezinfecție' }));
    fc.assert(
      fc.property(months, weekdays, fc.array(closure, { maxLength: 3 }), (month, daysOpen, closures) => {
        const open = openDaysInMonth(month, { daysOpen, closures });
        const holidays = new Set(publicHolidays(Number(month.slice(0, 4))).map((h) => h.date));
        for (const d of datesInMonth(month)) {
          const expected = daysOpen.includes(isoWeekday(d)) && !holidays.has(d) && !closures.some((c) => c.from <= d && d <= c.to);
          expect(open.includes(d)).toBe(expected);
        }
        // adding a closure never adds an open day
        const fewer = openDaysInMonth(month, { daysOpen, closures: [...closures, { from: `${month}-10`, to: `${month}-12`, reason: 'x' }] });
        expect(fewer.every((d) => open.includes(d))).toBe(true);
      }),
    );
  });
});

describe('working days and terms', () => {
  it('skips weekends and public holidays', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-28')).toBe(true);
    // Thu 24 Dec 2026 + 5 working days: 28, 29, 30, 31 Dec, (1 Jan holiday, weekend), 4 Jan;
    // + 7: 5 Jan, (6–7 Jan holidays), 8 Jan
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-24', 7)).toBe('2027-01-08');
    expect(addWorkingDays('2027-01-04', -5)).toBe('2026-12-24');
    expect(workingDaysBetween('2026-12-24', '2027-01-08')).toBe(7);
    expect(termEnd('2026-12-24', { unit: 'workingDays', value: 7 })).toBe('2027-01-08');
    expect(termEnd('2026-11-30', { unit: 'days', value: 25 })).toBe('2026-12-25');
    expect(termEnd('2026-11-30', { unit: 'days', value: 25, extendToWorkingDay: true })).toBe('2026-12-28');
    expect(termEnd('2026-01-31', { unit: 'months', value: 1 })).toBe('2026-02-28');
    expect(termEnd('2026-01-31', { unit: 'years', value: 2 })).toBe('2028-01-31');
  });

  it('adding then counting working days gives n back; the result is a working day (property)', () => {
    fc.assert(
      fc.property(dates(), fc.integer({ min: 1, max: 60 }), (d, n) => {
        const end = addWorkingDays(d, n);
        expect(isWorkingDay(end)).toBe(true);
        expect(workingDaysBetween(d, end)).toBe(n);
        expect(termEnd(d, { unit: 'days', value: n, extendToWorkingDay: true }) >= addCalendarDays(d, n)).toBe(true);
      }),
    );
  });
});

describe('ro-RO formatting', () => {
  it('writes long dates and months in Romanian', () => {
    expect(formatDateLongRo('2026-11-23')).toBe('23 noiembrie 2026');
    expect(formatDateLongRo('2026-11-30T22:30:00Z')).toBe('1 decembrie 2026');
    expect(formatMonthRo('2026-03')).toBe('martie 2026');
    expect(formatMonthRo('2026-11-30T22:30:00Z')).toBe('decembrie 2026');
  });
});
