import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { remindersFor } from './reminders.js';

const policy = { dueSoonDays: 3, coordinatorGraceDays: 2 };
const task = (dueAt: string) => ({ taskId: 'T1', dueAt });

describe('reminders for a task', () => {
  it('sends nothing while the due date is far', () => {
    expect(remindersFor(task('2026-12-10T09:00:00Z'), new Date('2026-12-01T07:00:00Z'), policy)).toEqual([]);
  });
  it('warns when the due date is within the due-soon window', () => {
    const r = remindersFor(task('2026-12-03T09:00:00Z'), new Date('2026-12-01T07:00:00Z'), policy);
    expect(r.map((x) => x.kind)).toEqual(['task_due_soon']);
    expect(r[0]!.daysLeft).toBe(2);
  });
  it('tells the assignee when overdue, and the coordinator only after the grace period', () => {
    expect(remindersFor(task('2026-12-01T09:00:00Z'), new Date('2026-12-02T07:00:00Z'), policy).map((x) => x.kind)).toEqual(['task_overdue']);
    expect(remindersFor(task('2026-12-01T09:00:00Z'), new Date('2026-12-04T07:00:00Z'), policy).map((x) => x.kind)).toEqual(['task_overdue', 'task_overdue_coordinator']);
  });
  it('gives every (task, kind) one stable dedupe key whatever the time of the run', () => {
    fc.assert(fc.property(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 0, max: 23 }), (days, hour) => {
      const now = new Date(Date.UTC(2026, 11, 15, hour));
      const due = new Date(now.getTime() + days * 86_400_000).toISOString();
      for (const r of remindersFor({ taskId: 'TX', dueAt: due }, now, policy)) expect(r.dedupeKey).toBe(`REM#TX#${r.kind.replace('task_', '')}`);
    }));
  });
});
