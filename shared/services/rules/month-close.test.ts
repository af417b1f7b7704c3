import { describe, expect, it } from 'vitest';
import { monthCloseRefusal } from './month-close.js';

const period = { start: '2025-03', end: '2028-02' };

describe('closing a month', () => {
  it('allows a finished month of the project period that is not closed yet', () => {
    expect(monthCloseRefusal('2026-11', '2026-12', period)).toBeUndefined();
    expect(monthCloseRefusal('2025-03', '2026-12', period)).toBeUndefined();
  });

  it('refuses months outside the project period, the current month and future ones, in Romanian', () => {
    expect(monthCloseRefusal('1999-01', '2026-12', period)).toMatchObject({ status: 422, code: 'MONTH_OUTSIDE_PROJECT', message: 'Luna 01.1999 este în afara perioadei proiectului (03.2025 – 02.2028).' });
    expect(monthCloseRefusal('2025-02', '2026-12', period)?.code).toBe('MONTH_OUTSIDE_PROJECT');
    expect(monthCloseRefusal('2028-03', '2030-01', period)?.code).toBe('MONTH_OUTSIDE_PROJECT');
    expect(monthCloseRefusal('2026-12', '2026-12', period)).toMatchObject({ status: 422, code: 'MONTH_NOT_OVER' });
    expect(monthCloseRefusal('2027-01', '2026-12', period)?.code).toBe('MONTH_NOT_OVER');
  });

  it('refuses a month already closed, saying who closed it and when', () => {
    expect(monthCloseRefusal('2026-10', '2026-12', period, { closedAt: '2026-11-02T08:30:00.000Z', closedByName: 'Ana Popescu' })).toEqual({
      status: 409, code: 'MONTH_ALREADY_CLOSED', message: 'Luna a fost deja închisă de Ana Popescu la 02.11.2026, 10:30.',
      details: { closedBy: 'Ana Popescu', closedAt: '2026-11-02T08:30:00.000Z' },
    });
  });
});
