/** api-system GET /mail/outbox: E-mailuri netrimise (de reîncercat / eșuate). */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { pendingOutbox } from '../../../shared/cases/outbox.js';

/** Mails that could not be delivered yet (pending retries) or gave up after the retries: ids and kinds only. */
const listOutbox = operation({
  async handle() {
    const items = [...(await pendingOutbox(deps().db, 500)), ...(await pendingOutbox(deps().db, 500, 'failed'))];
    return { body: { items: items.map((i) => ({ outboxId: i.outboxId, kind: i.message.kind, createdAt: i.createdAt, status: i.status, attempts: i.attempts, lastError: i.lastError ?? null })) } };
  },
});

export default listOutbox;
