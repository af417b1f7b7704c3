import { describe, expect, it } from 'vitest';
import { participationRules } from '../participation-rules.js';
import { openDaysInMonth } from '../../platform/calendar.js';
import { incompleteRegistersByGroup, type HeldPlace } from './incomplete.js';
import { evaluateParticipation } from './participation.js';
import { serviceCalendar } from './closures.js';
import { getService } from '../catalogue.js';
import { emptySummary } from '../model.js';
import { publicHolidayOn } from '../../platform/calendar.js';

// May 2025: 22 weekdays, 1 May is a public holiday → 21 open days
const MAY = '2025-05';
const open = (serviceId: string) => (serviceId.startsWith('cz-') ? openDaysInMonth(MAY, { daysOpen: [1, 2, 3, 4, 5] }) : []);

describe('incomplete registers per centre and group', () => {
  it('lists children with unmarked expected days, per service and group, and nothing for session-based services', () => {
    const places: HeldPlace[] = [
      { caseId: 'a', caseNumber: 'VT-1', serviceId: 'cz-kuncz', groupId: 'g1', periods: [{ from: '2025-03-03' }] },
      { caseId: 'b', caseNumber: 'VT-2', serviceId: 'cz-kuncz', groupId: 'g1', periods: [{ from: '2025-03-03' }] },
      { caseId: 'c', caseNumber: 'VT-3', serviceId: 'cz-kuncz', groupId: 'g2', periods: [{ from: '2025-05-26' }] },
      // left and came back: two places, only their days expected
      { caseId: 'd', caseNumber: 'VT-4', serviceId: 'cz-sf-nicolae', groupId: 'g1', periods: [{ from: '2025-03-03', to: '2025-05-09' }] },
      { caseId: 'd', caseNumber: 'VT-4', serviceId: 'cz-sf-nicolae', groupId: 'g2', periods: [{ from: '2025-05-26' }] },
      { caseId: 'e', caseNumber: 'VT-5', serviceId: 'int-a', groupId: 'das', periods: [{ from: '2025-03-03' }] },
    ];
    const marks: Record<string, number> = { 'a#cz-kuncz': 21, 'b#cz-kuncz': 4, 'c#cz-kuncz': 3, 'd#cz-sf-nicolae': 11 };
    const rows = incompleteRegistersByGroup(places, (c, s) => marks[`${c}#${s}`] ?? 0, open, participationRules);
    expect(rows).toEqual([
      { serviceId: 'cz-kuncz', serviceName: 'CZ Kuncz', groupId: 'g1', groupName: 'Grupa mică (6–9 ani)', children: 1, unrecordedDays: 17, caseNumbers: ['VT-2'] },
      { serviceId: 'cz-kuncz', serviceName: 'CZ Kuncz', groupId: 'g2', groupName: 'Grupa mijlocie (10–13 ani)', children: 1, unrecordedDays: 2, caseNumbers: ['VT-3'] },
    ]);
  });

  it('a centre closed all month has no expected day, so no incomplete register', () => {
    const rows = incompleteRegistersByGroup([{ caseId: 'a', serviceId: 'cz-kuncz', groupId: 'g1', periods: [{ from: '2025-03-03' }] }], () => 0, () => [], participationRules);
    expect(rows).toEqual([]);
  });

  it('a closed day or a public holiday is never an unmarked day: the register and the rule agree (May 2025, disinfection 12–16 May)', () => {
    const kuncz = getService('cz-kuncz')!;
    expect(publicHolidayOn('2025-05-01')).toBeTruthy(); // a Thursday
    const closure = { from: '2025-05-12', to: '2025-05-16', reason: 'Dezinfecție (test)' };
    const days = openDaysInMonth(MAY, serviceCalendar(kuncz, [closure]));
    // 22 weekdays − 1 May − five closed days
    expect(days).toHaveLength(16);
    expect(days).not.toContain('2025-05-01');
    expect(days.some((d) => d >= closure.from && d <= closure.to)).toBe(false);
    const places: HeldPlace[] = [
      { caseId: 'full', caseNumber: 'VT-1', serviceId: 'cz-kuncz', groupId: 'g1', periods: [{ from: '2025-03-03' }] },
      { caseId: 'short', caseNumber: 'VT-2', serviceId: 'cz-kuncz', groupId: 'g1', periods: [{ from: '2025-03-03' }] },
    ];
    // staff marked every day the centre was open: 16 marks for one child, 15 for the other
    const marks: Record<string, number> = { full: 16, short: 15 };
    const rows = incompleteRegistersByGroup(places, (c) => marks[c] ?? 0, () => days, participationRules);
    expect(rows).toEqual([{ serviceId: 'cz-kuncz', serviceName: 'CZ Kuncz', groupId: 'g1', groupName: 'Grupa mică (6–9 ani)', children: 1, unrecordedDays: 1, caseNumbers: ['VT-2'] }]);

    // the rule, fed the same open days, evaluates the complete register and holds back the other one
    const summary = (presentDays: number, absentDays: number) => ({ ...emptySummary('x', MAY, 'cz-kuncz'), presentDays, absentDays, scheduledDays: presentDays + absentDays });
    const complete = evaluateParticipation(summary(10, 6), 'day_centre', participationRules, { from: '2025-03-03' }, MAY, { monthOpenDays: days });
    expect(complete.measures).toMatchObject({ monthScheduledDays: 16, enrolledScheduledDays: 16, unrecordedDays: 0 });
    expect(complete.outcome).toBe('active');
    const missing = evaluateParticipation(summary(10, 5), 'day_centre', participationRules, { from: '2025-03-03' }, MAY, { monthOpenDays: days });
    expect(missing.outcome).toBe('register_incomplete');
    expect(missing.reasons[0]!.message).toContain('1 zi programată nemarcată din 16 zile');
    // without the closure the same 16 marks would leave 5 days unmarked: the closure is what makes the register complete
    const noClosure = openDaysInMonth(MAY, serviceCalendar(kuncz));
    expect(incompleteRegistersByGroup(places.slice(0, 1), () => 16, () => noClosure, participationRules)[0]).toMatchObject({ unrecordedDays: 5 });
  });
});
