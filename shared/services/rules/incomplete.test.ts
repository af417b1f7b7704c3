import { describe, expect, it } from 'vitest';
import { participationRules } from '../participation-rules.js';
import { openDaysInMonth } from '../../platform/calendar.js';
import { incompleteRegistersByGroup, type HeldPlace } from './incomplete.js';

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
});
