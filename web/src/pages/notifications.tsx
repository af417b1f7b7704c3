/** In-app notifications (the same messages the e-mails carry), for staff who read them here rather than by e-mail. */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { formatInstant } from '../lib/format.js';
import { href } from '../lib/router.js';
import { Banner, Loading, Page } from '../ui/page.js';

/** A message as the API sends it: its kind and identifiers, and the title the server rendered (the e-mail subject). */
interface MailMessage {
  kind: string;
  data: unknown;
}
interface Note {
  message: MailMessage;
  title?: string;
  createdAt: string;
}

/** Links to the pages a message is about (task, case), from its identifiers. */
export function noteLinks(message: MailMessage): { href: string; label: string }[] {
  const d = message.data as { task?: { taskId?: string }; taskId?: string; case?: { caseId?: string; caseNumber?: string } };
  const out: { href: string; label: string }[] = [];
  const taskId = d.task?.taskId ?? d.taskId;
  if (taskId) out.push({ href: href('/sarcini/:taskId', { taskId }), label: 'Deschide sarcina' });
  if (d.case?.caseId) out.push({ href: href('/cazuri/:caseId', { caseId: d.case.caseId }), label: `Cazul ${d.case.caseNumber ?? ''}`.trim() });
  return out;
}

export function NotificationsPage() {
  const { api } = useApp();
  const [items, setItems] = useState<Note[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.get<{ items: Note[] }>('/me/notifications').then((r) => setItems(r.items)).catch((e: ApiError) => setError(e.message));
  }, []);
  return (
    <Page title="Notificări">
      {error && <Banner kind="error">{error}</Banner>}
      {!items && !error && <Loading what="notificările" />}
      {items && items.length === 0 && <p class="empty">Nu aveți notificări.</p>}
      {items && items.length > 0 && (
        <ul class="notes">
          {items.map((n, i) => (
            <li key={i} class="card">
              <p class="note-title">{n.title ?? 'Notificare'}</p>
              <p class="muted">
                <time dateTime={n.createdAt}>{formatInstant(n.createdAt)}</time>
                {noteLinks(n.message).map((l) => (
                  <span key={l.href}>
                    {' · '}
                    <a href={l.href}>{l.label}</a>
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
