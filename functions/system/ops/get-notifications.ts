/** api-system GET /me/notifications: Notificările din aplicație. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { inboxNotes } from '../../../shared/cases/outbox.js';

const getNotifications = operation({
  async handle({ principal }) {
    // the title is rendered here (the mail templates stay on the server): the browser shows it as is. The templates
    // are a chunk loaded by this route only, not by every cold start of api-system (docs/decisions/018-performance.md)
    const [items, { noteTitle }] = await Promise.all([inboxNotes(deps().db, principal!.userId), import('../../../shared/notifications/index.js')]);
    return { body: { items: items.map((n) => ({ ...n, title: noteTitle(n.message) })) } };
  },
});

export default getNotifications;
