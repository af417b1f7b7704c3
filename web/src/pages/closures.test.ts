import { describe, expect, it } from 'vitest';
import { closedDayLabels } from './attendance.js';
import { closureMonthsAround, spanLabel } from './closures.js';

describe('closures on the pages', () => {
  it('labels the closed days of the chooser\'s range with why, most recent first, and leaves out the others', () => {
    const views = [
      { closedDays: [{ date: '2026-11-30', kind: 'holiday' as const, reason: 'Sfântul Andrei' }, { date: '2026-11-02', kind: 'closure' as const, reason: 'Dezinfecție' }] },
      { closedDays: [{ date: '2026-12-01', kind: 'holiday' as const, reason: 'Ziua națională a României' }, { date: '2026-12-09', kind: 'closure' as const, reason: 'Lucrări' }] },
    ];
    const labels = closedDayLabels(views, '2026-11-03', '2026-12-06');
    expect([...labels]).toEqual([
      ['2026-12-01', 'sărbătoare legală: Ziua națională a României'],
      ['2026-11-30', 'sărbătoare legală: Sfântul Andrei'],
    ]);
  });

  it('offers two months back and twelve ahead, and names a span in ro-RO', () => {
    const months = closureMonthsAround('2026-12');
    expect(months[0]).toBe('2026-10');
    expect(months[2]).toBe('2026-12');
    expect(months.at(-1)).toBe('2027-12');
    expect(spanLabel('2026-07-20', '2026-08-14')).toBe('20.07.2026 – 14.08.2026');
    expect(spanLabel('2026-08-03', '2026-08-03')).toBe('03.08.2026');
  });
});
