import { describe, expect, it } from 'vitest';
import { openDaysInMonth } from '../../platform/calendar.js';
import { getService } from '../catalogue.js';
import { enrolledOpenDays } from '../calendar.js';
import { openDatesInMonth } from './participation.js';
import { closedMonthError, closureLength, closureMonths, closureSpanError, daysToCheckForEntries, registerEntriesError, serviceCalendar } from './closures.js';
import { enrolledDaysIn, registerDateError } from './registers.js';

const TODAY = '2026-06-15';
const none = { today: TODAY, active: [] };

describe('closure spans', () => {
  it('accepts a summer break and counts its days and months', () => {
    const c = { from: '2026-07-20', to: '2026-08-14' };
    expect(closureSpanError(c, none)).toBeUndefined();
    expect(closureLength(c)).toBe(26);
    expect(closureMonths(c)).toEqual(['2026-07', '2026-08']);
    expect(closureMonths({ from: '2026-12-28', to: '2027-01-05' })).toEqual(['2026-12', '2027-01']);
  });

  it('refuses reversed, too long, too far ahead and before the project', () => {
    expect(closureSpanError({ from: '2026-07-10', to: '2026-07-09' }, none)?.code).toBe('CLOSURE_ENDS_BEFORE_START');
    expect(closureSpanError({ from: '2026-07-01', to: '2026-10-15' }, none)?.code).toBe('CLOSURE_TOO_LONG');
    expect(closureSpanError({ from: '2027-06-20', to: '2027-06-22' }, none)?.code).toBe('CLOSURE_TOO_FAR');
    expect(closureSpanError({ from: '2024-01-02', to: '2024-01-03' }, none)?.code).toBe('CLOSURE_BEFORE_PROJECT');
  });

  it('refuses an overlap with an active closure and names it in Romanian', () => {
    const active = [{ closureId: 'c1', from: '2026-08-03', to: '2026-08-07', reason: 'Dezinfecție anuală' }];
    const e = closureSpanError({ from: '2026-08-07', to: '2026-08-10' }, { today: TODAY, active });
    expect(e?.code).toBe('CLOSURE_OVERLAP');
    expect(e?.message).toContain('03.08.2026–07.08.2026 (Dezinfecție anuală)');
    expect(closureSpanError({ from: '2026-08-08', to: '2026-08-10' }, { today: TODAY, active })).toBeUndefined();
  });

  it('refuses a closed month (add and cancel) and register entries, naming the days', () => {
    const c = { from: '2026-05-29', to: '2026-06-02' };
    expect(closedMonthError(c, new Set(['2026-05']))).toMatchObject({ code: 'MONTH_CLOSED', message: expect.stringContaining('Luna 2026-05 este închisă') });
    expect(closedMonthError(c, new Set(['2026-05']), 'cancel')?.message).toContain('nu se mai pot anula');
    expect(closedMonthError(c, new Set(['2026-04']))).toBeUndefined();
    const e = registerEntriesError(['2026-06-02', '2026-06-01', '2026-06-01']);
    expect(e?.code).toBe('REGISTER_ENTRIES_ON_CLOSURE');
    expect(e?.message).toContain('zilele 01.06.2026, 02.06.2026');
    expect(registerEntriesError([])).toBeUndefined();
  });

  it('checks only past days (and today) for register entries', () => {
    expect(daysToCheckForEntries({ from: '2026-06-12', to: '2026-06-20' }, TODAY)).toEqual(['2026-06-12', '2026-06-13', '2026-06-14', '2026-06-15']);
    expect(daysToCheckForEntries({ from: '2026-07-01', to: '2026-07-20' }, TODAY)).toEqual([]);
  });
});

describe('closures in every count of days', () => {
  const kuncz = getService('cz-kuncz')!;
  const august = [{ from: '2026-08-01', to: '2026-08-31', reason: 'Vacanța de vară' }];

  it('open days drop public holidays and closures', () => {
    // December 2026: 23 weekdays; 1 Dec (Ziua națională) and 25 Dec (Crăciunul) are holidays; the winter break
    // 21–31 Dec takes its 9 weekdays, one of which (25 Dec) was already a holiday: 21 - 8 = 13
    expect(openDatesInMonth('2026-12', [1, 2, 3, 4, 5])).toHaveLength(21);
    expect(openDatesInMonth('2026-12', [1, 2, 3, 4, 5], [{ from: '2026-12-21', to: '2026-12-31', reason: 'Vacanța de iarnă' }])).toHaveLength(13);
    expect(openDaysInMonth('2026-08', serviceCalendar(kuncz, august))).toEqual([]);
  });

  it('enrolled days: a centre closed all of August holds nothing against anyone', () => {
    const enrolment = { enrolmentId: 'e1', caseId: 'c1', caseNumber: 'N1', serviceId: kuncz.id, groupId: kuncz.groups[0]!.id, status: 'active' as const, from: '2026-01-05', requestedAt: '2026-01-01T00:00:00Z', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    const withoutClosure = enrolledDaysIn('2026-08', kuncz, [enrolment as never]);
    expect(withoutClosure).toBe(openDaysInMonth('2026-08', { daysOpen: kuncz.schedule.daysOpen }).length);
    expect(enrolledDaysIn('2026-08', kuncz, [enrolment as never], august)).toBe(0);
    // a week of disinfection takes exactly its open days away
    const week = [{ from: '2026-09-07', to: '2026-09-11', reason: 'Dezinfecție' }];
    expect(enrolledOpenDays('2026-09', [1, 2, 3, 4, 5], [{ from: '2026-09-01' }], week)).toBe(enrolledOpenDays('2026-09', [1, 2, 3, 4, 5], [{ from: '2026-09-01' }]) - 5);
  });

  it('a register day in a closure or on a holiday is refused with the reason', () => {
    const week = [{ from: '2026-09-07', to: '2026-09-11', reason: 'Dezinfecție' }];
    expect(registerDateError(kuncz, '2026-09-08', '2026-09-30', { closures: week })).toMatchObject({ code: 'SERVICE_CLOSURE', message: expect.stringContaining('(Dezinfecție)') });
    expect(registerDateError(kuncz, '2026-12-25', '2026-12-30', { closures: [] })).toMatchObject({ code: 'PUBLIC_HOLIDAY' });
    expect(registerDateError(kuncz, '2026-09-14', '2026-09-30', { closures: week })).toBeUndefined();
  });
});
