import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  dateOfUtcMidnight,
  addCalendarMonths,
  addMonthsKeepingWallClock,
  addMonthsToMonth,
  ageOn,
  daysBetween,
  endOfLocalDay,
  formatDateRo,
  formatDateTimeRo,
  formatLei,
  instantOf,
  isIsoDate,
  isMonthKey,
  localDate,
  monthBounds,
  monthKey,
  monthRange,
  monthsBetween,
  offsetAt,
  startOfLocalDay,
} from './calendar.js';

const HOUR = 3_600_000;
const dates = (from = '1990-01-01', to = '2040-12-31') =>
  fc.integer({ min: 0, max: daysBetween(from, to) }).map((n) => addCalendarDays(from, n));
const months = fc.integer({ min: 1990 * 12, max: 2040 * 12 + 11 }).map((i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const instants = fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2040-12-31') }).map((ms) => new Date(ms));

// 2026: clocks go forward on 29 March at 03:00 EET (01:00Z) and back on 25 October at 04:00 EEST (01:00Z).
describe('Bucharest time across the DST transitions', () => {
  it('knows the offsets either side of both transitions', () => {
    expect(offsetAt('2026-03-29T00:59:59Z')).toBe(2 * HOUR);
    expect(offsetAt('2026-03-29T01:00:00Z')).toBe(3 * HOUR);
    expect(offsetAt('2026-10-25T00:59:59Z')).toBe(3 * HOUR);
    expect(offsetAt('2026-10-25T01:00:00Z')).toBe(2 * HOUR);
  });

  it('gives month bounds at local midnight, 2 h or 3 h before UTC midnight', () => {
    expect(monthBounds('2026-03')).toEqual({ start: '2026-02-28T22:00:00.000Z', end: '2026-03-31T21:00:00.000Z' });
    expect(monthBounds('2026-10')).toEqual({ start: '2026-09-30T21:00:00.000Z', end: '2026-10-31T22:00:00.000Z' });
    expect(monthBounds('2026-12')).toEqual({ start: '2026-11-30T22:00:00.000Z', end: '2026-12-31T22:00:00.000Z' });
  });

  it('puts instants near midnight in the right Bucharest month and day', () => {
    expect(monthKey('2026-03-31T20:59:59.999Z')).toBe('2026-03');
    expect(monthKey('2026-03-31T21:00:00Z')).toBe('2026-04');
    expect(monthKey('2026-12-31T22:30:00Z')).toBe('2027-01');
    expect(monthKey(new Date('2026-10-31T21:59:59Z'))).toBe('2026-10');
    expect(localDate('2026-10-25T00:30:00Z')).toBe('2026-10-25');
    expect(localDate('2026-10-24T20:59:59Z')).toBe('2026-10-24');
    expect(localDate('2026-10-24T21:00:00Z')).toBe('2026-10-25');
  });

  it('gives the local day its real length: 23 h in March, 25 h in October', () => {
    const len = (d: string) => Date.parse(endOfLocalDay(d)) + 1 - Date.parse(startOfLocalDay(d));
    expect(len('2026-03-29')).toBe(23 * HOUR);
    expect(len('2026-10-25')).toBe(25 * HOUR);
    expect(len('2026-07-01')).toBe(24 * HOUR);
  });

  it('resolves a skipped wall time to the jump and a repeated one to its first occurrence', () => {
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 4 }).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 3, minute: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 4 }).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('keeps the wall clock when adding months across a transition', () => {
    expect(addMonthsKeepingWallClock('2026-03-01T10:00:00Z', 1).toISOString()).toBe('2026-04-01T09:00:00.000Z');
    expect(addMonthsKeepingWallClock('2026-10-01T09:00:00Z', 1).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(addMonthsKeepingWallClock('2026-01-31T10:00:00Z', 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
  });

  it('round-trips every instant through its wall time', () => {
    fc.assert(
      fc.property(instants, (d) => {
        const local = d.getTime() + offsetAt(d);
        const w = new Date(local);
        const back = instantOf({ year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes(), second: w.getUTCSeconds(), millisecond: w.getUTCMilliseconds() });
        // a repeated October hour maps back to its first occurrence, one hour earlier at most
        expect(d.getTime() - back.getTime()).toBeGreaterThanOrEqual(0);
        expect(d.getTime() - back.getTime()).toBeLessThanOrEqual(HOUR);
      }),
    );
  });

  it('month bounds contain exactly the instants of that month (property)', () => {
    fc.assert(
      fc.property(instants, (d) => {
        const { start, end } = monthBounds(monthKey(d));
        expect(Date.parse(start)).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime()).toBeLessThan(Date.parse(end));
        expect(monthBounds(addMonthsToMonth(monthKey(d), 1)).start).toBe(end);
      }),
    );
  });
});

describe('calendar arithmetic', () => {
  it('adds months to month keys and counts months between them', () => {
    expect(addMonthsToMonth('2025-03', 35)).toBe('2028-02');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2025-03', '2028-02')).toBe(35);
    expect(monthRange('2025-03', '2028-02')).toHaveLength(36);
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2026-03', '2026-02')).toEqual([]);
    fc.assert(fc.property(months, months, (a, b) => {
      expect(addMonthsToMonth(a, monthsBetween(a, b))).toBe(b);
    }));
  });

  it('adds calendar days and months; a missing day becomes the end of the month', () => {
    expect(addCalendarDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addCalendarDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addCalendarMonths('2026-05-15', -6)).toBe('2025-11-15');
    fc.assert(fc.property(dates(), fc.integer({ min: -400, max: 400 }), (d, n) => {
      expect(daysBetween(d, addCalendarDays(d, n))).toBe(n);
    }));
  });

  it('counts age in whole years; a 29 February birthday is reached on 28 February in common years', () => {
    expect(ageOn('2008-03-02', '2026-03-01')).toBe(17);
    expect(ageOn('2008-03-01', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-27')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
    expect(ageOn('2020-05-05', '2020-05-04')).toBe(-1);
    fc.assert(
      fc.property(dates('1950-01-01', '2026-12-31'), fc.integer({ min: 1, max: 60 }), (birth, years) => {
        const birthday = addCalendarMonths(birth, years * 12);
        expect(ageOn(birth, birthday)).toBe(years);
        expect(ageOn(birth, addCalendarDays(birthday, -1))).toBe(years - 1);
      }),
    );
  });

  it('validates its inputs with a Romanian message', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isMonthKey('2026-13')).toBe(false);
    expect(() => monthBounds('2026-13')).toThrow(/nu este o dată, o lună sau un moment valid/);
    expect(() => localDate('ieri')).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonthsToMonth('2026-01', 1.5)).toThrow(RangeError);
  });
});

describe('Romanian formatting', () => {
  it('formats dates and instants on the Bucharest calendar', () => {
    expect(formatDateRo('2026-11-22')).toBe('22.11.2026');
    expect(formatDateRo('2026-11-22T22:30:00Z')).toBe('23.11.2026');
    expect(formatDateRo(new Date('2026-03-05T08:00:00Z'))).toBe('05.03.2026');
    expect(formatDateTimeRo('2026-11-22T12:05:00Z')).toBe('22.11.2026, 14:05');
    expect(formatDateTimeRo('2026-07-01T12:05:00Z')).toBe('01.07.2026, 15:05');
  });

  it('formats lei with ro-RO grouping and decimal comma', () => {
    expect(formatLei(1_725_600)).toBe('1.725.600,00 lei');
    expect(formatLei(400)).toBe('400,00 lei');
    expect(formatLei(1725.6)).toBe('1.725,60 lei');
    expect(formatLei(9_951_785.17)).toBe('9.951.785,17 lei');
    expect(formatLei(0.005)).toBe('0,01 lei');
    expect(formatLei(-400)).toMatch(/^[-−]400,00 lei$/);
    expect(() => formatLei(Number.NaN)).toThrow(RangeError);
  });
});

describe('date-only values that arrive as 00:00 UTC (spreadsheet cells)', () => {
  it('gives the date the cell names, whatever the process time zone or the hour in Bucharest', () => {
    fc.assert(fc.property(dates(), (d) => {
      expect(dateOfUtcMidnight(new Date(`${d}T00:00:00Z`))).toBe(d);
    }));
    expect(dateOfUtcMidnight(new Date('2026-12-31T00:00:00Z'))).toBe('2026-12-31');
    expect(dateOfUtcMidnight(new Date(Number.NaN))).toBeUndefined();
  });
});
