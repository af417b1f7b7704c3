/**
 * The daily reminder run (EventBridge Scheduler, Europe/Bucharest morning). Finds due and overdue tasks through the
 * open-tasks index (per institution, bounded by due date — no scans), enqueues each reminder once per (task, kind)
 * with a dedupe key, delivers, then retries pending mails and workflow resumes and sends the daily digests.
 * Running it twice (Scheduler's at-least-once delivery, a retry) sends nothing new.
 */
import { localDate } from '../platform/calendar.js';
import { institutionIds } from '../platform/auth/principal.js';
import { reminderPolicy } from './config.js';
import { legalDefaults } from '../project/legal-defaults.js';
import { remindersFor } from './reminders.js';
import type { PathwayDeps } from '../cases/index.js';
import { deliverOutbox, enqueue, OutboxStore, pendingOutbox, recipientsOfTask, sesMailer, type Mailer } from '../cases/index.js';
import { resumePending } from '../cases/index.js';
import { renderMail, digestItemSchema, type MailMessage } from './index.js';
import { logger } from '../platform/log.js';

const day = (d: Date) => localDate(d);

export interface DailyResult {
  scannedTasks: number;
  remindersQueued: number;
  mailsDelivered: number;
  resumed: number;
  digestsSent: number;
}

export async function dailyReminders(d: PathwayDeps, now: Date, mailer: Mailer = sesMailer()): Promise<DailyResult> {
  const res: DailyResult = { scannedTasks: 0, remindersQueued: 0, mailsDelivered: 0, resumed: 0, digestsSent: 0 };
  const horizon = new Date(now.getTime() + reminderPolicy.dueSoonDays * 86_400_000).toISOString();
  const od = { db: d.db, now: () => now, webBaseUrl: d.webBaseUrl };
  for (const inst of institutionIds) {
    const tasks = await d.tasks.openForInstitution(inst, horizon);
    res.scannedTasks += tasks.length;
    for (const t of tasks) {
      for (const r of remindersFor(t, now)) {
        const task = { taskId: t.taskId, kind: t.kind, dueDate: day(new Date(t.dueAt)) };
        const kase = { caseId: t.caseId, caseNumber: t.caseNumber };
        let message: MailMessage;
        let recipients = recipientsOfTask(t);
        if (r.kind === 'task_due_soon') message = { kind: 'task_due_soon', data: { task, daysLeft: r.daysLeft!, case: kase } };
        else if (r.kind === 'task_overdue' && t.kind === 'observator_registration') {
          const approvedOn = day(new Date(t.createdAt));
          message = { kind: 'observator_registration_missing', data: { case: kase, planType: (t.context?.planType as 'PS' | 'PIP' | undefined) ?? 'PS', planApprovedOn: approvedOn, daysSinceApproval: Math.max(0, Math.floor((now.getTime() - Date.parse(t.createdAt)) / 86_400_000)), taskId: t.taskId } };
        } else if (r.kind === 'task_overdue') message = { kind: 'task_overdue', data: { task, daysOverdue: r.daysOverdue!, case: kase } };
        else {
          message = { kind: 'task_overdue_coordinator', data: { task, daysOverdue: r.daysOverdue!, graceDays: reminderPolicy.coordinatorGraceDays, assignee: { role: t.assigneeRole, institution: t.institution as 'DAS' } } };
          recipients = { role: 'coordinator', institution: t.institution };
        }
        const q = await enqueue(od, message, recipients, r.dedupeKey);
        if (q.created) res.remindersQueued++;
      }
    }
  }
  res.remindersQueued += await caseReminders(d, now);
  // deliver everything pending (new reminders and earlier failures), oldest first
  for (const item of await pendingOutbox(d.db, 500)) {
    const out = await deliverOutbox(od, item.outboxId, mailer).catch((e: unknown) => {
      logger.warn('mail delivery failed', { outboxId: item.outboxId, error: (e as Error).message });
      return undefined;
    });
    if (out?.status === 'sent') res.mailsDelivered++;
  }
  res.resumed = await resumePending(d, await d.tasks.pendingResumes());
  res.digestsSent = await sendDigests(d, now, mailer);
  return res;
}

/** One mail per digest user with everything queued for them since the last digest. */
export async function sendDigests(d: PathwayDeps, now: Date, mailer: Mailer): Promise<number> {
  const outbox = new OutboxStore(d.db);
  const byUser = new Map<string, { pk: string; sk: string; message: MailMessage }[]>();
  for (const i of await outbox.pendingDigestItems()) {
    const list = byUser.get(i.userId) ?? [];
    list.push({ pk: i.pk, sk: i.sk, message: i.message });
    byUser.set(i.userId, list);
  }
  let sent = 0;
  const date = day(now);
  const { UserStore } = await import('../cases/index.js');
  const users = new UserStore(d.db);
  for (const [userId, items] of byUser) {
    const u = await users.get(userId);
    if (!u?.email) continue;
    // render first (skipping any stored item that no longer validates), then claim the day, then send
    const valid = items.filter((i) => digestItemSchema.safeParse(i.message).success);
    if (valid.length === 0) continue;
    const mail = renderMail({ kind: 'daily_digest', data: { date, items: valid.map((i) => i.message) as never } }, { baseUrl: d.webBaseUrl, now: now.toISOString() });
    // one digest per user and day, even if the run repeats
    if (!(await outbox.claimDigest(userId, date, now.toISOString(), valid.length))) continue;
    await mailer.send(u.email, mail.subject, mail.html, mail.text);
    for (const i of items) await outbox.markDigestItemSent(i, now.toISOString());
    sent++;
  }
  return sent;
}

const addMonthKey = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/**
 * Reminders about the case rather than a task: the child turns 18 this month or the next (the case manager plans the
 * transition), parental consent expires within the notice period. Open cases are read per institution through the
 * index, never scanned; each reminder has its dedupe key.
 */
export async function caseReminders(d: PathwayDeps, now: Date): Promise<number> {
  const cfg = legalDefaults();
  const month = day(now).slice(0, 7);
  const od = { db: d.db, now: () => now, webBaseUrl: d.webBaseUrl };
  let queued = 0;
  for (const inst of institutionIds) {
    for (const c of await d.cases.listByInstitution(inst, { status: 'open' })) {
      const kase = { caseId: c.caseId, caseNumber: c.caseNumber };
      const who = { userId: c.caseManagerId };
      const adult = `${Number(c.child.birthDate.slice(0, 4)) + cfg.childAgeLimitYears.value}${c.child.birthDate.slice(4, 7)}`;
      if (adult === month || adult === addMonthKey(month, 1)) {
        const r = await enqueue(od, { kind: 'child_turning_18', data: { case: kase, month: adult, ageLimitYears: cfg.childAgeLimitYears.value, studiesAgeLimitYears: cfg.specialProtectionStudiesAgeLimitYears.value } }, who, `REM#${c.caseId}#turning18`);
        if (r.created) queued++;
      }
      const expires = (c.consent as { expiresAt?: string } | undefined)?.expiresAt;
      if (expires) {
        const daysLeft = Math.floor((Date.parse(expires) - now.getTime()) / 86_400_000);
        if (daysLeft >= 0 && daysLeft <= reminderPolicy.consentNoticeDays) {
          const r = await enqueue(od, { kind: 'consent_expiring', data: { case: kase, expiresOn: day(new Date(expires)), daysLeft } }, who, `REM#${c.caseId}#consent#${expires.slice(0, 10)}`);
          if (r.created) queued++;
        }
      }
    }
  }
  return queued;
}
