/**
 * retention: the daily job (EventBridge Scheduler → this function) that anonymises cases closed longer than the
 * retention period. "Now" is the schedule's time, so a delivery retried later decides as of when it was due.
 */
import { z } from 'zod';
import { deps } from '../../shared/cases/deps.js';
import { runRetention } from '../../shared/protection/retention-job.js';
import { withInvocationLog } from '../../shared/platform/log.js';

const eventSchema = z.object({
  action: z.literal('retention'),
  scheduledTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'scheduledTime invalid').optional(),
  deliveryId: z.string().optional(),
});

async function handle(event: unknown) {
  const e = eventSchema.parse(event);
  const d = deps();
  return runRetention(d, e.scheduledTime ? new Date(e.scheduledTime) : d.now());
}

/** Log lines of an invocation name its request and function. */
export const handler = withInvocationLog(handle);
