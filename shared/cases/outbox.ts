/**
 * Transactional outbox for e-mails: the mail to send is written in the SAME transaction as the business change that
 * causes it, then delivered right after commit. A failed delivery never fails the business action: the item stays
 * pending (visible to an admin) and the daily run retries it. Recipients are resolved at delivery time from the
 * staff directory; their preference decides immediate mail, the daily digest, or the UI inbox only.
 */
import { localDate } from '../platform/calendar.js';
import { ulid } from 'ulid';
import { sesClient } from '../platform/aws.js';
import { settings } from '../platform/env.js';
import type { Db } from '../platform/db/db.js';
import type { TransactItem } from './store.js';
import { OutboxStore, type OutboxRecord, type Recipients } from './outbox-store.js';
import type { TaskRecord } from './task-store.js';
import { UserStore, type StaffProfile } from './staff-store.js';
import type { MailMessage } from '../notifications/index.js';

export type { OutboxRecord, Recipients } from './outbox-store.js';

export interface OutboxDeps {
  db: Db;
  now(): Date;
  webBaseUrl: string;
}

const bucharestDay = (iso: string) => localDate(iso);

export function taskMessage(task: TaskRecord, planType?: 'PS' | 'PIP'): MailMessage {
  if (task.kind === 'plan_approval' && planType) {
    return { kind: 'plan_awaiting_approval', data: { case: { caseId: task.caseId, caseNumber: task.caseNumber }, planType, submittedAt: task.createdAt, taskId: task.taskId } };
  }
  return {
    kind: 'task_assigned',
    data: { task: { taskId: task.taskId, kind: task.kind, dueDate: bucharestDay(task.dueAt) }, case: { caseId: task.caseId, caseNumber: task.caseNumber } },
  };
}

export function recipientsOfTask(task: Pick<TaskRecord, 'assigneeId' | 'assigneeRole' | 'institution'>): Recipients {
  return task.assigneeId ? { userId: task.assigneeId } : { role: task.assigneeRole, institution: task.institution };
}

type OutboxInput = { kind: 'task_assigned'; task: TaskRecord; now: Date; planType?: 'PS' | 'PIP' } | { message: MailMessage; recipients: Recipients; now: Date; dedupeKey?: string };

function outboxRecord(input: OutboxInput): OutboxRecord {
  const id = 'dedupeKey' in input && input.dedupeKey ? input.dedupeKey : ulid(input.now.getTime());
  return 'task' in input
    ? { outboxId: id, createdAt: input.now.toISOString(), status: 'pending', message: taskMessage(input.task, input.planType), recipients: recipientsOfTask(input.task), attempts: 0 }
    : { outboxId: id, createdAt: input.now.toISOString(), status: 'pending', message: input.message, recipients: input.recipients, attempts: 0, ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}) };
}

/**
 * The outbox item to include in a business transaction. With a dedupeKey it is created at most once. `record` is what
 * the item holds: once the transaction succeeded, hand it to `deliverOutbox` instead of the id (no read of it again).
 */
export function outboxItem(db: Db, input: OutboxInput): { id: string; item: TransactItem; record: OutboxRecord } {
  const record = outboxRecord(input);
  return { id: record.outboxId, item: new OutboxStore(db).putItem(record), record };
}

/** Write an outbox item on its own (not part of a business change); returns false if the dedupe key was already used. */
export async function enqueue(d: OutboxDeps, message: MailMessage, recipients: Recipients, dedupeKey?: string): Promise<{ id: string; created: boolean }> {
  const record = outboxRecord({ message, recipients, now: d.now(), ...(dedupeKey ? { dedupeKey } : {}) });
  return { id: record.outboxId, created: await new OutboxStore(d.db).create(record) };
}

async function resolve(users: UserStore, r: Recipients): Promise<StaffProfile[]> {
  if ('userId' in r) {
    const u = await users.get(r.userId);
    return u ? [u] : [];
  }
  return users.byRole(r.role, r.institution);
}

export interface Mailer {
  send(to: string, subject: string, html: string, text: string): Promise<void>;
}

export function sesMailer(): Mailer {
  return {
    async send(to, subject, html, text) {
      const s = settings();
      // SES and the templates are loaded on the first mail: most invocations send none (docs/decisions/018)
      const { SendEmailCommand } = await import('@aws-sdk/client-ses');
      await (await sesClient()).send(new SendEmailCommand({
        Source: s.mailFrom,
        Destination: { ToAddresses: [to] },
        Message: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Html: { Data: html, Charset: 'UTF-8' }, Text: { Data: text, Charset: 'UTF-8' } } },
        ...(process.env.VATRA_SES_CONFIGURATION_SET ? { ConfigurationSetName: process.env.VATRA_SES_CONFIGURATION_SET } : {}),
      }));
    },
  };
}

/** Deliver one outbox item. Immediate-mail users get the mail now; digest users get it in tomorrow's digest. */
export async function deliverOutbox(d: OutboxDeps, which: string | OutboxRecord, mailer: Mailer = sesMailer()): Promise<OutboxRecord | undefined> {
  // the mail renderer (every area's templates, gathered by notifications) is loaded when a mail is delivered: most
  // invocations send none (docs/decisions/018). It hides no circle: the gatherer loads shared/cases/mail.ts, not the area
  const { reminderPolicy } = await import('../notifications/index.js');
  const outbox = new OutboxStore(d.db);
  // a record the caller's transaction has just written (outboxItem's `record`) is not read again: one request less
  // on every task opened (decision 018, Session 14); an id is read, as the notifier and the daily sweep deliver
  const rec = typeof which === 'string' ? await outbox.get(which) : which;
  if (!rec) return undefined;
  const outboxId = rec.outboxId;
  if (rec.status === 'sent' || rec.status === 'failed') return rec;
  const users = new UserStore(d.db);
  const people = await resolve(users, rec.recipients);
  const delivered: NonNullable<OutboxRecord['deliveredTo']> = [];
  let error: string | undefined;
  for (const person of people) {
    const already = rec.deliveredTo?.find((x) => x.userId === person.userId);
    if (already) { delivered.push(already); continue; }
    if (!person.email) {
      // no e-mail address: the notification waits in the user's inbox in the web UI
      await outbox.putInboxNote(person.userId, rec, d.now());
      delivered.push({ userId: person.userId, channel: 'inbox' });
      continue;
    }
    if (person.mailPreference === 'digest') {
      await outbox.putDigestItem(person.userId, rec);
      delivered.push({ userId: person.userId, channel: 'digest' });
      continue;
    }
    try {
      const { renderMail } = await import('../notifications/index.js');
      const mail = renderMail(rec.message, { baseUrl: d.webBaseUrl, now: d.now().toISOString() });
      await mailer.send(person.email, mail.subject, mail.html, mail.text);
      delivered.push({ userId: person.userId, channel: 'email' });
    } catch (e) {
      error = (e as Error).message;
    }
  }
  const done = error === undefined;
  // after the configured attempts the mail is parked as failed: no more retries, still listed for the admin
  const giveUp = !done && rec.attempts + 1 >= reminderPolicy.maxMailAttempts;
  await outbox.recordAttempt(outboxId, done ? { done, delivered, at: d.now().toISOString() } : { done, delivered, at: d.now().toISOString(), error, giveUp });
  return { ...rec, status: done ? 'sent' : 'pending', deliveredTo: delivered };
}

/** Pending (or, with `status: 'failed'`, given-up) outbox items, oldest first (the daily run and admins use it). */
export async function pendingOutbox(db: Db, limit = 200, status: 'pending' | 'failed' = 'pending'): Promise<OutboxRecord[]> {
  return new OutboxStore(db).listByStatus(status, limit);
}

/** The UI inbox of a user (notifications kept for staff without e-mail, and for everyone as a record), newest first. */
export async function inboxNotes(db: Db, userId: string, limit = 100): Promise<{ message: MailMessage; createdAt: string }[]> {
  return new OutboxStore(db).inboxNotes(userId, limit);
}
