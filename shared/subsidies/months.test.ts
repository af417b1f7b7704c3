import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, isFinished, monthDays, monthEndInstant, monthOf, monthStartInstant, previousMonthOf } from './months.js';

describe('months in Bucharest', () => {
  it('runs on the 3rd at 06:00 Bucharest for the previous month, in winter and in summer time', () => {
    expect(previousMonthOf('2026-03-03T04:00:00Z')).toBe('2026-02'); // EET, +2
    expect(previousMonthOf('2026-08-03T03:00:00Z')).toBe('2026-07'); // EEST, +3
    expect(previousMonthOf('2026-01-03T04:00:00Z')).toBe('2025-12');
  });

  it('reads an instant in Bucharest, not in UTC, at a month boundary', () => {
    // 31 May 22:30 UTC is already 1 June 01:30 in Bucharest
    expect(monthOf('2025-05-31T22:30:00Z')).toBe('2025-06');
    expect(monthOf('2025-05-31T20:59:59Z')).toBe('2025-05');
  });

  it('knows the first and last instant of a month', () => {
    expect(monthStartInstant('2025-06').toISOString()).toBe('2025-05-31T21:00:00.000Z');
    expect(monthEndInstant('2025-05').toISOString()).toBe('2025-05-31T20:59:59.999Z');
    expect(monthStartInstant('2025-12').toISOString()).toBe('2025-11-30T22:00:00.000Z');
    expect(monthDays('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });

  it('treats a month as finished only once the Bucharest calendar has left it', () => {
    expect(isFinished('2025-05', new Date('2025-05-31T20:59:59Z'))).toBe(false);
    expect(isFinished('2025-05', new Date('2025-05-31T21:00:00Z'))).toBe(true);
    expect(isFinished('2025-06', new Date('2025-05-15T12:00:00Z'))).toBe(false);
  });

  it('adds months as calendar arithmetic (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -240, max: 240 }), (y, m, n) => {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      expect(addMonths(addMonths(month, n), -n)).toBe(month);
      expect(monthEndInstant(month).getTime() + 1).toBe(monthStartInstant(addMonths(month, 1)).getTime());
    }));
  });

  it('refuses malformed months', () => {
    expect(() => addMonths('2025-13', 1)).toThrow(RangeError);
    expect(() => monthDays('2025-5')).toThrow(RangeError);
  });
});
