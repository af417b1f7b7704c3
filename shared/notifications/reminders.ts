/**
 * Which reminders an open task deserves at a given moment (pure). Each (task, kind) has a stable dedupe key, so a
 * repeated or retried daily run never sends the same reminder twice.
 */
import { reminderPolicy } from './config.js';

export type ReminderKind = 'task_due_soon' | 'task_overdue' | 'task_overdue_coordinator';

export interface ReminderDue {
  kind: ReminderKind;
  dedupeKey: string;
  daysLeft?: number;
  daysOverdue?: number;
}

const DAY = 86_400_000;

export function remindersFor(task: { taskId: string; dueAt: string }, now: Date, policy: { dueSoonDays: number; coordinatorGraceDays: number } = reminderPolicy): ReminderDue[] {
  const due = new Date(task.dueAt).getTime();
  const t = now.getTime();
  const out: ReminderDue[] = [];
  if (due >= t) {
    const daysLeft = Math.floor((due - t) / DAY);
    if (daysLeft < policy.dueSoonDays) out.push({ kind: 'task_due_soon', dedupeKey: `REM#${task.taskId}#due_soon`, daysLeft });
    return out;
  }
  const daysOverdue = Math.max(1, Math.ceil((t - due) / DAY));
  out.push({ kind: 'task_overdue', dedupeKey: `REM#${task.taskId}#overdue`, daysOverdue });
  if (daysOverdue >= policy.coordinatorGraceDays) out.push({ kind: 'task_overdue_coordinator', dedupeKey: `REM#${task.taskId}#overdue_coordinator`, daysOverdue });
  return out;
}
