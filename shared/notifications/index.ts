/**
 * E-mail notifications: typed Romanian templates rendered in code, one entry point `renderMail`.
 *
 *   const mail = renderMail({ kind: 'task_overdue', data: { task, daysOverdue: 3, case } }, { baseUrl, now });
 *   // → { subject: '[Vatra] Sarcină în întârziere: …', html, text }
 *
 * Data carry identifiers, dates, counts and amounts only; invalid or CNP-like data throw MailDataError (code + Romanian message).
 */
import { MailDataError, type RenderedMail } from './guard.js';
import { SUBJECT_PREFIX as SUBJECT_PREFIX_TEXT, type MailContext } from './layout.js';
import { mailTemplates, type MailKind, type MailMessage } from './templates.js';

export { assertNoCnpLike, assertNoPersonalData, findCnpLike, MailDataError } from './guard.js';
export type { MailErrorCode, MailFieldIssue, RenderedMail } from './guard.js';
export { mailContextSchema, SUBJECT_PREFIX } from './layout.js';
export type { MailContext } from './layout.js';
export { formatDate, formatInstant, formatLei, formatMonth, links } from './format.js';
export {
  CASE_NUMBER_PATTERN,
  dailyDigestSchema,
  DIGEST_ORDER,
  digestGroupLabel,
  digestItemSchema,
  mailMessageSchema,
  mailTemplates,
} from './templates.js';
export type { DigestItem, DigestItemKind, MailData, MailKind, MailMessage, MailTemplate } from './templates.js';

export const mailKinds = Object.keys(mailTemplates) as MailKind[];

function isMailKind(kind: unknown): kind is MailKind {
  return typeof kind === 'string' && Object.hasOwn(mailTemplates, kind);
}

/** Render any message. Pure: the same message and context always give the same mail. */
export function renderMail(msg: MailMessage, ctx: MailContext): RenderedMail {
  const kind: unknown = (msg as { kind?: unknown } | null)?.kind;
  if (!isMailKind(kind)) {
    throw new MailDataError('MAIL_KIND_UNKNOWN', 'Tip de mesaj necunoscut.', [{ path: 'kind', code: 'MAIL_KIND_UNKNOWN', message: 'Tip de mesaj necunoscut' }]);
  }
  const render = mailTemplates[kind] as (data: unknown, ctx: MailContext) => RenderedMail;
  return render((msg as { data?: unknown }).data, ctx);
}

/**
 * The title of an in-app notification: the e-mail's subject without the "[Vatra]" prefix, rendered on the server so the
 * mail templates never ship to the browser; a message that does not render gets a generic title.
 */
export function noteTitle(message: MailMessage, baseUrl = 'http://localhost'): string {
  try {
    return renderMail(message, { baseUrl }).subject.replace(SUBJECT_PREFIX_TEXT, '').trim();
  } catch {
    return 'Notificare';
  }
}

// ── What other areas use (the only door into this area) ──
export { reminderPolicy } from './config.js';
