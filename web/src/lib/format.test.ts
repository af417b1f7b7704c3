import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, bucharestDay, bucharestLocalToIso, formatDate, formatInstant, formatLei, toBucharestLocal } from './format.js';

describe('Bucharest calendar', () => {
  it('converts Bucharest wall-clock times to UTC in winter and summer', () => {
    expect(bucharestLocalToIso('2026-01-15T10:00')).toBe('2026-01-15T08:00:00.000Z');
    expect(bucharestLocalToIso('2026-07-15T10:00')).toBe('2026-07-15T07:00:00.000Z');
  });

  it('takes the earlier instant in the repeated autumn hour and a spring-gap time to the moment clocks jumped', () => {
    // 25 Oct 2026: 04:00 EEST → 03:00 EET, so 03:30 happens twice
    expect(bucharestLocalToIso('2026-10-25T03:30')).toBe('2026-10-25T00:30:00.000Z');
    // 29 Mar 2026: 03:00 EET → 04:00 EEST, 03:30 does not exist
    const gap = bucharestLocalToIso('2026-03-29T03:30')!;
    expect(gap).toBe('2026-03-29T01:00:00.000Z');
    expect(toBucharestLocal(new Date(gap))).toBe('2026-03-29T04:00');
  });

  it('refuses values that are not a wall-clock time', () => {
    expect(bucharestLocalToIso('2026-02-30T10:00')).toBeUndefined();
    expect(bucharestLocalToIso('2026-01-15 10:00')).toBeUndefined();
    expect(bucharestLocalToIso('')).toBeUndefined();
  });

  it('round-trips any instant on whole minutes (property)', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2024, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }), (minutes) => {
      const at = new Date(minutes * 60_000);
      const local = toBucharestLocal(at);
      const back = bucharestLocalToIso(local)!;
      // only the repeated autumn hour maps two instants to one wall-clock time; the earlier one comes back
      expect(Date.parse(back) === at.getTime() || Date.parse(back) === at.getTime() - 3600_000).toBe(true);
      expect(toBucharestLocal(new Date(back))).toBe(local);
    }));
  });

  it('gives the Bucharest day of an instant, not the UTC one', () => {
    expect(bucharestDay(new Date('2026-03-14T22:30:00Z'))).toBe('2026-03-15');
    expect(bucharestDay(new Date('2026-07-31T20:59:00Z'))).toBe('2026-07-31');
    expect(bucharestDay(new Date('2026-07-31T21:00:00Z'))).toBe('2026-08-01');
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 60)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('formats in ro-RO', () => {
    expect(formatDate('2026-03-15')).toBe('15.03.2026');
    expect(formatInstant('2026-03-15T05:00:00Z')).toBe('15.03.2026, 07:00');
    expect(formatLei(1725600)).toBe('1.725.600,00 lei');
  });
});
