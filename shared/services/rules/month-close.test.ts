import { describe, expect, it } from 'vitest';
import { incompleteRegistersRefusal, monthCloseRefusal } from './month-close.js';
import type { GroupIncompleteRegister } from './incomplete.js';

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

  it('refuses while registers are incomplete, per centre and group with Romanian plurals, unless the close accepts it', () => {
    const row = (over: Partial<GroupIncompleteRegister>): GroupIncompleteRegister => ({
      serviceId: 'cz-kuncz', serviceName: 'CZ Kuncz', groupId: 'g1', groupName: 'Grupa mică (6–9 ani)', children: 1, unrecordedDays: 1, caseNumbers: ['VT-1'], ...over,
    });
    expect(incompleteRegistersRefusal('2026-08', [])).toBeUndefined();
    const one = incompleteRegistersRefusal('2026-08', [row({})]);
    expect(one).toMatchObject({ status: 409, code: 'REGISTERS_INCOMPLETE' });
    expect(one!.message).toBe('Luna 08.2026 nu se poate închide: registre incomplete (1 copil, 1 zi programată nemarcată) — CZ Kuncz, Grupa mică (6–9 ani): 1 copil, 1 zi programată nemarcată. '
      + 'Marcați zilele (prezent, absent sau absență motivată) în foile de prezență, apoi închideți luna.');
    const many = incompleteRegistersRefusal('2026-08', [
      row({ children: 2, unrecordedDays: 19 }),
      row({ serviceId: 'cz-sf-nicolae', serviceName: 'CZ Sf. Nicolae', groupId: 'g2', groupName: 'Grupa mijlocie', children: 20, unrecordedDays: 101 }),
    ]);
    expect(many!.message).toContain('registre incomplete (22 de copii, 120 de zile programate nemarcate)');
    expect(many!.message).toContain('CZ Kuncz, Grupa mică (6–9 ani): 2 copii, 19 zile programate nemarcate; CZ Sf. Nicolae, Grupa mijlocie: 20 de copii, 101 zile programate nemarcate.');
    // details name the places, never the children
    expect(many!.details).toEqual({ incomplete: [{ serviceId: 'cz-kuncz', groupId: 'g1', children: 2, unrecordedDays: 19 }, { serviceId: 'cz-sf-nicolae', groupId: 'g2', children: 20, unrecordedDays: 101 }] });
    expect(incompleteRegistersRefusal('2026-08', [row({})], true)).toBeUndefined();
  });
});
