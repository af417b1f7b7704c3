/**
 * The common e-mail frame. Templates describe their content once as blocks; this module turns the same blocks into
 * inline-styled HTML (header 'Vatra', footer with the reason and the preferences link) and into the plain-text part,
 * so the two parts always say the same thing. Every piece of text is HTML-escaped here, in one place.
 */
import { z } from 'zod';
import { formatInstant, links } from './format.js';
import { MailDataError, type RenderedMail } from './guard.js';
import { escapeHtml } from '../platform/files/html.js';

export type Inline = string | { strong: string } | { link: string; href: string };

export type Block =
  | { type: 'heading'; text: string; level?: 1 | 2 }
  | { type: 'paragraph'; parts: Inline[] }
  | { type: 'facts'; rows: { label: string; value: string }[] }
  | { type: 'button'; label: string; href: string }
  | { type: 'list'; items: Inline[][] };

export interface MailContent {
  /** subject without the '[Vatra]' prefix, which the layout adds */
  subject: string;
  /** one line shown by mail clients beside the subject; hidden in the HTML body */
  preheader: string;
  blocks: Block[];
  /** completes the sentence "Primiți acest mesaj pentru că …" */
  reason: string;
}

export const SUBJECT_PREFIX = '[Vatra]';

const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'Momentul trebuie să fie ISO-8601 (de ex. 2026-03-15T05:00:00Z)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Momentul nu există în calendar');

export const mailContextSchema = z.strictObject({
  baseUrl: z
    .string()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && !u.hash && !u.username && !u.password;
      } catch {
        return false;
      }
    }, 'Adresa aplicației trebuie să fie un URL absolut http(s), fără parametri sau fragment')
    .transform((s) => s.replace(/\/+$/, '')),
  now: isoInstant.optional(),
});
export type MailContext = z.input<typeof mailContextSchema>;
export type ResolvedMailContext = z.output<typeof mailContextSchema>;

export function resolveContext(ctx: MailContext): ResolvedMailContext {
  const parsed = mailContextSchema.safeParse(ctx);
  if (!parsed.success) {
    throw new MailDataError(
      'MAIL_CONTEXT_INVALID',
      'Contextul mesajului este invalid (adresa aplicației sau momentul generării).',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(rădăcină)', code: i.code, message: i.message })),
    );
  }
  return parsed.data;
}

/** One line, no control characters: a subject must never be able to break into another mail header. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const COLOR = { brand: '#8a3b12', text: '#1f1f1f', muted: '#555555', line: '#e3dcd2', page: '#f4f1ec', factLabel: '#5b4636' };
const FONT = 'Arial, Helvetica, sans-serif';

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return escapeHtml(p);
      if ('strong' in p) return `<strong>${escapeHtml(p.strong)}</strong>`;
      return `<a href="${escapeHtml(p.href)}" style="color:${COLOR.brand};text-decoration:underline;">${escapeHtml(p.link)}</a>`;
    })
    .join('');
}

function inlineText(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('strong' in p) return p.strong;
      return p.link === p.href ? p.href : `${p.link} <${p.href}>`;
    })
    .join('');
}

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'heading':
      return b.level === 2
        ? `<h2 style="margin:24px 0 8px;font-size:17px;line-height:1.3;color:${COLOR.brand};font-family:${FONT};">${escapeHtml(b.text)}</h2>`
        : `<h1 style="margin:0 0 16px;font-size:21px;line-height:1.3;color:${COLOR.text};font-family:${FONT};">${escapeHtml(b.text)}</h1>`;
    case 'paragraph':
      return `<p style="margin:0 0 14px;">${inlineHtml(b.parts)}</p>`;
    case 'facts':
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;width:100%;">` +
        b.rows
          .map(
            (r) =>
              `<tr><td style="padding:6px 12px 6px 0;border-bottom:1px solid ${COLOR.line};color:${COLOR.factLabel};font-weight:bold;white-space:nowrap;vertical-align:top;">${escapeHtml(r.label)}:</td>` +
              `<td style="padding:6px 0;border-bottom:1px solid ${COLOR.line};vertical-align:top;">${escapeHtml(r.value)}</td></tr>`,
          )
          .join('') +
        `</table>`
      );
    case 'button':
      return (
        `<p style="margin:20px 0;"><a href="${escapeHtml(b.href)}" ` +
        `style="display:inline-block;background-color:${COLOR.brand};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:4px;">` +
        `${escapeHtml(b.label)}</a></p>`
      );
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px;">${b.items.map((i) => `<li style="margin:0 0 8px;">${inlineHtml(i)}</li>`).join('')}</ul>`;
  }
}

function blockText(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${b.text}\n${(b.level === 2 ? '-' : '=').repeat(b.text.length)}`;
    case 'paragraph':
      return inlineText(b.parts);
    case 'facts':
      return b.rows.map((r) => `${r.label}: ${r.value}`).join('\n');
    case 'button':
      return `${b.label}: ${b.href}`;
    case 'list':
      return b.items.map((i) => `- ${inlineText(i)}`).join('\n');
  }
}

function footerBlocks(reason: string, ctx: ResolvedMailContext): Block[] {
  const prefs = links.preferences(ctx.baseUrl);
  const blocks: Block[] = [
    { type: 'paragraph', parts: [`Primiți acest mesaj pentru că ${reason}.`] },
    {
      type: 'paragraph',
      parts: ['Puteți alege ce notificări primiți și cât de des (imediat sau într-un rezumat zilnic) la ', { link: 'Preferințe', href: prefs }, '.'],
    },
    {
      type: 'paragraph',
      parts: ['Mesajul nu conține date personale: detaliile se văd numai în Vatra, după autentificare. Este un mesaj automat; vă rugăm să nu răspundeți.'],
    },
  ];
  if (ctx.now) blocks.push({ type: 'paragraph', parts: [`Generat la ${formatInstant(ctx.now)}.`] });
  return blocks;
}

const HEADER_TITLE = 'Vatra';
const HEADER_SUBTITLE = 'Servicii pentru copii și familii — Timișoara';

/** Frame the content: subject with the '[Vatra]' prefix, HTML document and the mirroring text part. */
export function renderLayout(content: MailContent, ctx: ResolvedMailContext): RenderedMail {
  const subject = oneLine(`${SUBJECT_PREFIX} ${content.subject}`);
  const preheader = oneLine(content.preheader);
  const footer = footerBlocks(content.reason, ctx);

  const html =
    `<!DOCTYPE html>\n<html lang="ro">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light">\n` +
    `<title>${escapeHtml(subject)}</title>\n</head>\n` +
    `<body style="margin:0;padding:0;background-color:${COLOR.page};">\n` +
    `<div data-preheader style="display:none;max-height:0;overflow:hidden;opacity:0;color:transparent;">${escapeHtml(preheader)}</div>\n` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${COLOR.page};">` +
    `<tr><td align="center" style="padding:24px 12px;">\n` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" ` +
    `style="max-width:600px;width:100%;background-color:#ffffff;border-collapse:collapse;font-family:${FONT};color:${COLOR.text};">\n` +
    `<tr><td style="background-color:${COLOR.brand};padding:16px 24px;color:#ffffff;font-family:${FONT};">` +
    `<div style="font-size:24px;font-weight:bold;letter-spacing:1px;">${escapeHtml(HEADER_TITLE)}</div>` +
    `<div style="font-size:13px;">${escapeHtml(HEADER_SUBTITLE)}</div></td></tr>\n` +
    `<tr><td style="padding:24px;font-size:15px;line-height:1.5;font-family:${FONT};">\n${content.blocks.map(blockHtml).join('\n')}\n</td></tr>\n` +
    `<tr><td style="padding:16px 24px;border-top:1px solid ${COLOR.line};font-size:12px;line-height:1.5;color:${COLOR.muted};font-family:${FONT};">\n` +
    `${footer.map(blockHtml).join('\n')}\n</td></tr>\n` +
    `</table>\n</td></tr></table>\n</body>\n</html>\n`;

  const rule = '-'.repeat(60);
  const text =
    `${HEADER_TITLE.toUpperCase()}\n${HEADER_SUBTITLE}\n${'='.repeat(60)}\n\n` +
    `${content.blocks.map(blockText).join('\n\n')}\n\n${rule}\n` +
    `${footer.map(blockText).join('\n\n')}\n`;

  return { subject, html, text };
}
