import { describe, expect, it } from 'vitest';
import { finishedMonths, incompleteSummary } from './months.js';

describe('the month-close page', () => {
  it('sums the incomplete registers in Romanian with the right plurals', () => {
    expect(incompleteSummary([{ children: 1, unrecordedDays: 1 }])).toBe('o grupă, 1 copil, 1 zi nemarcată');
    expect(incompleteSummary([{ children: 2, unrecordedDays: 3 }, { children: 1, unrecordedDays: 16 }])).toBe('2 grupe, 3 copii, 19 zile nemarcate');
    expect(incompleteSummary([{ children: 12, unrecordedDays: 60 }, { children: 8, unrecordedDays: 41 }])).toBe('2 grupe, 20 de copii, 101 zile nemarcate');
    expect(incompleteSummary(Array.from({ length: 20 }, () => ({ children: 1, unrecordedDays: 1 })))).toBe('20 de grupe, 20 de copii, 20 de zile nemarcate');
  });

  it('offers the finished months, newest first, across a year boundary', () => {
    expect(finishedMonths('2026-01-15', 3)).toEqual(['2025-12', '2025-11', '2025-10']);
  });
});
