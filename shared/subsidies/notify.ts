/**
 * Mails of the monthly run, through the outbox: queued with a dedupe key (a retried step never mails twice), then
 * delivered at once. A mail failure never fails the run: the item stays pending and the daily run retries it.
 */
import type { Role } from '../platform/auth/principal.js';
import { logger } from '../platform/log.js';
import type { MailMessage } from '../notifications/index.js';
import { deliverOutbox, enqueue } from '../cases/index.js';
import type { SubsidyDeps } from './deps.js';

export async function notify(d: SubsidyDeps, message: MailMessage, to: { role: Role; institution: string }, dedupeKey: string): Promise<void> {
  try {
    const { id } = await enqueue({ db: d.db, now: d.now, webBaseUrl: d.webBaseUrl }, message, to, dedupeKey);
    await deliverOutbox({ db: d.db, now: d.now, webBaseUrl: d.webBaseUrl }, id, ...(d.mailer ? [d.mailer] : []));
  } catch (e) {
    logger.warn('subsidy mail not delivered now; it stays in the outbox', { kind: message.kind, dedupeKey, error: (e as Error).name });
  }
}
