/**
 * The calendar's offset table (bucharest-zone.ts) against the tz database it was read from: the same table read again
 * from this Node's ICU, offsets by the table and by Intl at any instant, and the lookup at the edges.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTable, tableSource } from '../../../scripts/gen-zone.js';
import { TIME_ZONE, offsetAt } from '../calendar.js';
import { bucharestZone } from './bucharest-zone.js';
import { offsetFromTable, readTransitions } from './transitions.js';
import { zoneOffsetMs } from './zone.js';

const HOUR = 3_600_000;

describe("the calendar's offset table", () => {
  it('is what the tz database says today (else run `npm run gen:zone`)', () => {
    // read once (~0.5 s): compared with the table, then written as the generator would write it
    const fresh = readTable();
    expect(fresh.changes, `the tz database ${process.versions.tz} differs from the table read from ${bucharestZone.tzVersion}: run npm run gen:zone`)
      .toEqual(bucharestZone.changes);
    expect(fresh.initialOffsetMinutes).toBe(bucharestZone.initialOffsetMinutes);
    // the generator writes the file as it is (a hand edit of the table fails here)
    const onDisk = readFileSync(new URL('./bucharest-zone.ts', import.meta.url), 'utf8');
    expect(onDisk.replace(/tz database \S+:/, '').replace(/tzVersion: '[^']*'/, ''))
      .toBe(tableSource(fresh).replace(/tz database \S+:/, '').replace(/tzVersion: '[^']*'/, ''));
  });

  it('holds two changes a year (last Sundays of March and October at 01:00 UTC since 1997) and whole hours only', () => {
    const years = new Map<number, number>();
    for (const [s, minutes] of bucharestZone.changes) {
      expect(s % 3600).toBe(0);
      expect([120, 180]).toContain(minutes);
      const y = new Date(s * 1000).getUTCFullYear();
      years.set(y, (years.get(y) ?? 0) + 1);
    }
    for (let y = 1979; y < 2100; y += 1) expect(years.get(y), String(y)).toBe(2);
    for (const [s, minutes] of bucharestZone.changes.filter(([s]) => s >= Date.UTC(1997, 0, 1) / 1000)) {
      const d = new Date(s * 1000);
      expect([d.getUTCMonth(), d.getUTCDay(), d.getUTCHours()]).toEqual([minutes === 180 ? 2 : 9, 0, 1]);
      expect(d.getUTCDate()).toBeGreaterThan(31 - 7); // the last Sunday
    }
    // 2026: summer time from 29 March 01:00 UTC, winter time from 25 October 01:00 UTC
    expect(bucharestZone.changes).toContainEqual([Date.UTC(2026, 2, 29, 1) / 1000, 180]);
    expect(bucharestZone.changes).toContainEqual([Date.UTC(2026, 9, 25, 1) / 1000, 120]);
  });

  it('gives the offset Intl gives at any instant, at the seconds around each change and at its edges', () => {
    fc.assert(fc.property(fc.integer({ min: bucharestZone.from, max: bucharestZone.until - 1 }), (ms) => {
      expect(offsetFromTable(bucharestZone, ms)).toBe(zoneOffsetMs(TIME_ZONE, ms));
    }), { numRuns: 3000 });
    for (const [s] of bucharestZone.changes) {
      for (const d of [-HOUR, -1000, -1, 0, 1, 999, HOUR]) {
        const ms = s * 1000 + d;
        expect(offsetFromTable(bucharestZone, ms), new Date(ms).toISOString()).toBe(zoneOffsetMs(TIME_ZONE, ms));
      }
    }
    expect(offsetFromTable(bucharestZone, bucharestZone.from - 1)).toBeUndefined();
    expect(offsetFromTable(bucharestZone, bucharestZone.until)).toBeUndefined();
    expect(offsetFromTable(bucharestZone, Number.NaN)).toBeUndefined();
    // outside the table the calendar asks Intl: 1950 and 2150
    for (const ms of [Date.UTC(1950, 6, 1), Date.UTC(2150, 0, 15), Date.UTC(2150, 6, 15)]) expect(offsetAt(new Date(ms))).toBe(zoneOffsetMs(TIME_ZONE, ms));
  });

  it('refuses a range that does not start and end at UTC midnights', () => {
    expect(() => readTransitions(TIME_ZONE, 1, Date.UTC(1971, 0, 1), 'x')).toThrow(RangeError);
    expect(() => readTransitions(TIME_ZONE, Date.UTC(1971, 0, 1), Date.UTC(1970, 0, 1), 'x')).toThrow(RangeError);
  });
});
