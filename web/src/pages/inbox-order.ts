/** Inbox order: overdue tasks first, then by due date (earliest first); ties by task id so the order is stable. */
export function sortInbox<T extends { overdue: boolean; dueAt: string; taskId: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt) || a.taskId.localeCompare(b.taskId));
}
