import { describe, expect, it } from 'vitest';
import { incompleteRegisters } from './incomplete-registers.js';
import type { StoredSummary } from '../register-store.js';

const catalogue = [
  { id: 'cz-a', name: 'Centrul de zi A', type: 'day_centre' as const },
  { id: 'cr-b', name: 'Centrul de recuperare B', type: 'recovery_centre' as const },
  { id: 'int-c', name: 'Intervenția C', type: 'intervention' as const },
];
const sum = (caseId: string, serviceId: string, enrolledDays: number | undefined, presentDays: number, absentDays = 0, excusedDays = 0): StoredSummary => ({
  caseId, month: '2026-03', serviceId, scheduledDays: presentDays + absentDays + excusedDays, presentDays, absentDays, excusedDays,
  sessions: 0, parentSessions: 0, corrections: 0, ...(enrolledDays === undefined ? {} : { enrolledDays }),
});

describe('incomplete registers of a month', () => {
  it('counts, per centre, the children and days left unmarked', () => {
    const r = incompleteRegisters([
      sum('c1', 'cz-a', 22, 20, 1, 1), // complete: 22 marked
      sum('c2', 'cz-a', 22, 15, 2), // 5 unmarked
      sum('c3', 'cz-a', 10, 0), // 10 unmarked (no mark at all)
      sum('c4', 'cr-b', 22, 21), // 1 unmarked
    ], catalogue);
    expect(r).toEqual([
      { serviceId: 'cz-a', serviceName: 'Centrul de zi A', children: 2, unmarkedDays: 15, enrolledDays: 54 },
      { serviceId: 'cr-b', serviceName: 'Centrul de recuperare B', children: 1, unmarkedDays: 1, enrolledDays: 22 },
    ]);
  });

  it('leaves out interventions, complete centres and summaries without enrolled days', () => {
    expect(incompleteRegisters([sum('c1', 'int-c', 22, 0), sum('c2', 'cz-a', 22, 22), sum('c3', 'cz-a', undefined, 0), sum('c4', 'nu-exista', 5, 0)], catalogue)).toEqual([]);
  });
});
