import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { orthodoxEaster, publicHolidayOn, publicHolidays } from './holidays.js';

// Every public holiday of 2025–2028, written out by hand from the published calendars (Codul muncii art. 139).
const EXPECTED: Record<number, string[]> = {
  2025: ['01-01', '01-02', '01-06', '01-07', '01-24', '04-18', '04-20', '04-21', '05-01', '06-01', '06-08', '06-09', '08-15', '11-30', '12-01', '12-25', '12-26'],
  2026: ['01-01', '01-02', '01-06', '01-07', '01-24', '04-10', '04-12', '04-13', '05-01', '05-31', '06-01', '08-15', '11-30', '12-01', '12-25', '12-26'],
  2027: ['01-01', '01-02', '01-06', '01-07', '01-24', '04-30', '05-01', '05-02', '05-03', '06-01', '06-20', '06-21', '08-15', '11-30', '12-01', '12-25', '12-26'],
  2028: ['01-01', '01-02', '01-06', '01-07', '01-24', '04-14', '04-16', '04-17', '05-01', '06-01', '06-04', '06-05', '08-15', '11-30', '12-01', '12-25', '12-26'],
};

describe('Romanian public holidays', () => {
  it('computes Orthodox Easter', () => {
    expect(orthodoxEaster(2025)).toBe('2025-04-20');
    expect(orthodoxEaster(2026)).toBe('2026-04-12');
    expect(orthodoxEaster(2027)).toBe('2027-05-02');
    expect(orthodoxEaster(2028)).toBe('2028-04-16');
    expect(orthodoxEaster(2024)).toBe('2024-05-05');
    expect(() => orthodoxEaster(2100)).toThrow(RangeError);
  });

  for (const [year, days] of Object.entries(EXPECTED)) {
    it(`lists exactly the public holidays of ${year}`, () => {
      expect(publicHolidays(Number(year)).map((h) => h.date)).toEqual(days.map((d) => `${year}-${d}`));
    });
  }

  it('names each day and cites its source; a day that is two holidays is listed once', () => {
    expect(publicHolidayOn('2026-04-10')).toMatchObject({ name: 'Vinerea Mare', source: expect.stringContaining('Legea 64/2018') });
    expect(publicHolidayOn('2026-06-01')?.name).toBe('Ziua Copilului; Rusaliile (a doua zi)');
    expect(publicHolidayOn('2026-05-31')?.name).toBe('Rusaliile');
    expect(publicHolidayOn('2026-01-06')?.source).toContain('Legea 17/2024');
    expect(publicHolidayOn('2026-12-24')).toBeUndefined();
    const all = publicHolidays(2026);
    expect(new Set(all.map((h) => h.date)).size).toBe(all.length);
    for (const h of all) expect(h.source).toMatch(/Codul muncii/);
  });

  it('Easter is a Sunday in spring, Good Friday and Rusalii follow it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2099 }), (year) => {
        const easter = orthodoxEaster(year);
        const d = new Date(`${easter}T00:00:00Z`);
        expect(d.getUTCDay()).toBe(0);
        expect(easter >= `${year}-04-04` && easter <= `${year}-05-08`).toBe(true);
        const list = publicHolidays(year);
        expect(list.length).toBeGreaterThanOrEqual(15);
        expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
      }),
    );
  });
});
