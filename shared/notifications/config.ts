/** Reminder policy (configuration; Vatra's own operating rules, not legal deadlines). */
export const reminderPolicy = {
  /** a "due soon" mail this many days before the due date */
  dueSoonDays: 3,
  /** the coordinator is told about an overdue task after this many days */
  coordinatorGraceDays: 2,
  /** give up retrying a mail after this many attempts (it stays visible to admins as failed) */
  maxMailAttempts: 5,
  /** warn the case manager this many days before parental consent expires */
  consentNoticeDays: 30,
} as const;
