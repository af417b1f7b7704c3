/**
 * The calendar's zone rules without Temporal (zone.ts), checked against Temporal itself (`temporal-polyfill`, kept as
 * the reference here only): offsets at any instant, wall time → instant around both DST switches, month arithmetic
 * and clock-offset durations.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { TIME_ZONE, addCalendarMonths, addMonthsKeepingWallClock, instantOf, offsetAt, startOfLocalDay } from '../calendar.js';
import { exactDurationMs, zoneOffsetMs } from './zone.js';

const HOUR = 3_600_000;
const temporalOffset = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(TIME_ZONE).offsetNanoseconds / 1e6;
const wallInstantByTemporal = (f: { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number }) => {
  const local = Temporal.PlainDateTime.from(f, { overflow: 'reject' });
  let z = local.toZonedDateTime(TIME_ZONE, { disambiguation: 'compatible' });
  // skipped: the moment the clocks jumped, the last transition at or before `z` ('compatible' puts a wall time at the
  // very start of the gap exactly on the transition, and 'previous' looks strictly before: 31 March 1991, 00:00)
  if (Temporal.PlainDateTime.compare(z.toPlainDateTime(), local) !== 0) z = z.add({ nanoseconds: 1 }).getTimeZoneTransition('previous') ?? z;
  return z.epochMilliseconds;
};
// the last Sundays of March and October in 1990–2040, where Bucharest's wall clock jumps
const switches = Array.from({ length: 51 }, (_, i) => 1990 + i).flatMap((y) => [3, 10].map((m) => {
  const last = new Date(Date.UTC(y, m, 0));
  return { year: y, month: m, day: last.getUTCDate() - last.getUTCDay() };
}));

describe('zone rules without Temporal', () => {
  it('gives the offset Temporal gives, at any instant from 1900 to 2100 and in the hours around every DST switch', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
      expect(zoneOffsetMs(TIME_ZONE, ms)).toBe(temporalOffset(ms));
      expect(offsetAt(new Date(ms))).toBe(temporalOffset(ms));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.constantFrom(...switches), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), (s, off) => {
      const ms = Date.UTC(s.year, s.month - 1, s.day, 1) + off;
      expect(offsetAt(new Date(ms))).toBe(temporalOffset(ms));
    }), { numRuns: 1000 });
  });

  it('maps a wall time to the instant Temporal does, skipped and repeated hours included', () => {
    const wall = fc.record({
      s: fc.constantFrom(...switches), hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }), millisecond: fc.integer({ min: 0, max: 999 }),
    }).map(({ s, ...t }) => ({ year: s.year, month: s.month, day: s.day, ...t }));
    fc.assert(fc.property(wall, (f) => {
      expect(instantOf(f).getTime()).toBe(wallInstantByTemporal(f));
    }), { numRuns: 2000 });
    // 29 March 2026, 03:30 does not exist in Bucharest: the moment the clocks jumped (01:00 UTC)
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // the first instant of a gap, where the reference once went wrong (a run of CI found it): 31 March 1991 began at 01:00
    for (const f of [{ year: 1991, month: 3, day: 31, hour: 0 }, { year: 2026, month: 3, day: 29, hour: 3 }]) {
      const wall = { minute: 0, second: 0, millisecond: 0, ...f };
      expect(instantOf(wall).getTime()).toBe(wallInstantByTemporal(wall));
    }
    expect(instantOf({ year: 1991, month: 3, day: 31, hour: 0 }).toISOString()).toBe('1991-03-30T22:00:00.000Z');
    // 25 October 2026, 03:30 happens twice: the first time (still summer time, +3)
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 3, minute: 30 }).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(startOfLocalDay('2026-03-29')).toBe('2026-03-28T22:00:00.000Z');
    expect(() => instantOf({ year: 2026, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => instantOf({ year: 2026, month: 1, day: 1, hour: 24 })).toThrow(RangeError);
  });

  it('adds months as Temporal does (day clamped to the month end), to dates and to wall-clock instants', () => {
    const days = fc.integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2060, 0, 1) / 86_400_000 })
      .map((d) => Temporal.PlainDate.from('1970-01-01').add({ days: d }));
    fc.assert(fc.property(days, fc.integer({ min: -600, max: 600 }), (d, n) => {
      expect(addCalendarMonths(d.toString(), n)).toBe(d.add({ months: n }, { overflow: 'constrain' }).toString());
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.integer({ min: -60, max: 60 }), (ms, n) => {
      const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(TIME_ZONE);
      const target = z.toPlainDate().add({ months: n }, { overflow: 'constrain' });
      const expected = wallInstantByTemporal({ year: target.year, month: target.month, day: target.day, hour: z.hour, minute: z.minute, second: z.second, millisecond: z.millisecond });
      expect(addMonthsKeepingWallClock(new Date(ms), n).getTime()).toBe(expected);
    }), { numRuns: 1000 });
  });

  it('reads exact ISO-8601 durations as Temporal does and refuses calendar units and non-durations', () => {
    for (const iso of ['P1D', '-P3D', 'PT2H30M', '-PT2H30M', 'PT90S', 'P1DT12H', 'PT1.5H', 'PT0.25S', '+P2DT3M', 'P0Y1D', 'pt1h']) {
      expect(exactDurationMs(iso), iso).toBe(Temporal.Duration.from(iso.toUpperCase()).total({ unit: 'milliseconds', relativeTo: undefined as never }));
    }
    for (const bad of ['P1M', 'P1Y', 'P2W', 'P', 'PT', '1D', 'P1.5HT', 'PT1.5H30M', 'P1DT', '', 'mâine']) expect(() => exactDurationMs(bad), bad).toThrow(RangeError);
  });
});
