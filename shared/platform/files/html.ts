/**
 * The one HTML escaper (issue #19): every text or attribute value Vatra puts into HTML it writes — mails
 * (shared/notifications/layout.ts), printable reports (shared/reports/render/html.ts), the payment summary — goes
 * through it. The five characters that can end a text or a quoted attribute become entities; nothing else changes.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML text node or a double- or single-quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
