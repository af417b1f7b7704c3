/** notifier: the daily reminder run (scheduled), also usable to deliver one pending mail. */
import { z } from 'zod';
import { deps } from '../../shared/cases/deps.js';
import { logger, withInvocationLog } from '../../shared/platform/log.js';

// each action's code is loaded by its first invocation: a retried delivery needs the outbox, not the reminder run
// (which reaches the whole cases area) — docs/decisions/018-performance.md
const daily = () => import('../../shared/notifications/daily.js');
const outbox = () => import('../../shared/cases/outbox.js');

const eventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dailyReminders'), scheduledTime: z.string().datetime({ offset: true }).optional(), deliveryId: z.string().optional() }),
  z.object({ action: z.literal('deliver'), outboxId: z.string().min(1) }),
]);

async function handle(event: unknown) {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    const err = new Error(`invalid notifier event: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`);
    err.name = 'Vatra.InvalidPayload';
    throw err;
  }
  const e = parsed.data;
  const d = deps();
  if (e.action === 'deliver') {
    const { deliverOutbox } = await outbox();
    const r = await deliverOutbox({ db: d.db, now: d.now, webBaseUrl: d.webBaseUrl }, e.outboxId);
    return { status: r?.status ?? 'missing' };
  }
  const now = e.scheduledTime ? new Date(e.scheduledTime) : d.now();
  const result = await (await daily()).dailyReminders(d, now);
  logger.info('daily reminders', { ...result, deliveryId: e.deliveryId });
  return result;
}

/** Log lines of an invocation name its request and function. */
export const handler = withInvocationLog(handle);
