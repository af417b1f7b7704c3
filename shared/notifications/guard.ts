/**
 * Defences that keep personal data out of e-mails. Mail data is made of identifiers, dates, counts and amounts only
 * (see templates.ts); these checks catch what a type cannot: a CNP pasted into an identifier, or a name that
 * reached the output some other way. Errors never echo the offending value, so they are safe to log.
 */

export type MailErrorCode = 'MAIL_DATA_INVALID' | 'MAIL_CONTEXT_INVALID' | 'MAIL_KIND_UNKNOWN' | 'MAIL_CNP_LIKE' | 'MAIL_PERSONAL_DATA';

export interface MailFieldIssue {
  path: string;
  code: string;
  message: string;
}

export class MailDataError extends Error {
  constructor(
    readonly code: MailErrorCode,
    message: string,
    readonly fields: MailFieldIssue[] = [],
  ) {
    super(message);
    this.name = 'MailDataError';
  }
}

/** 13 digits, optionally split by single spaces, dots, hyphens or slashes — how a CNP is typed or pasted. */
const CNP_LIKE_INPUT = /(?<!\d)\d(?:[ ./-]?\d){12}/;
/** In rendered output numbers sit next to each other legitimately ("15.03.2026, 07:00"): only unbroken runs count. */
const CNP_LIKE_OUTPUT = /\d{13}/;
const MAX_DEPTH = 8;

function pathText(path: (string | number)[]): string {
  return path.length === 0 ? '(rădăcină)' : path.join('.');
}

/** Paths of every string or number in `value` that looks like a CNP (13 digits). */
export function findCnpLike(value: unknown, path: (string | number)[] = [], depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  if (typeof value === 'string') return CNP_LIKE_INPUT.test(value) ? [pathText(path)] : [];
  if (typeof value === 'number' || typeof value === 'bigint') {
    return CNP_LIKE_INPUT.test(String(value)) ? [pathText(path)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findCnpLike(v, [...path, i], depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      // a key can carry data too (a map keyed by CNP)
      const own = CNP_LIKE_INPUT.test(k) ? [pathText([...path, '(cheie)'])] : [];
      return [...own, ...findCnpLike(v, [...path, k], depth + 1)];
    });
  }
  return [];
}

/** Throws MAIL_CNP_LIKE if any string (or number) anywhere in the mail data looks like a CNP. */
export function assertNoCnpLike(value: unknown): void {
  const paths = findCnpLike(value);
  if (paths.length > 0) {
    throw new MailDataError(
      'MAIL_CNP_LIKE',
      'Datele mesajului conțin o valoare care arată ca un CNP (13 cifre). Mesajele nu pot conține date personale.',
      paths.map((p) => ({ path: p, code: 'MAIL_CNP_LIKE', message: 'Valoare cu aspect de CNP' })),
    );
  }
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

/** Lower case, without diacritics (so 'Ștefan', its cedilla spelling and 'Stefan' compare equal), whitespace collapsed. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Throws MAIL_PERSONAL_DATA if the rendered mail contains any of `forbidden` (e.g. the child's names, the parent's
 * name, the CNP, the IBAN), compared without case and diacritics, in the subject, the text or the HTML (entities
 * decoded, so escaping cannot hide a match). Also refuses any 13-digit run. Reports only where, never what.
 */
export function assertNoPersonalData(rendered: RenderedMail, forbidden: string[]): void {
  const parts: [keyof RenderedMail, string][] = [
    ['subject', fold(rendered.subject)],
    ['text', fold(rendered.text)],
    ['html', fold(decodeEntities(rendered.html))],
  ];
  const issues: MailFieldIssue[] = [];
  forbidden.forEach((item, index) => {
    const needle = fold(item);
    if (needle.length < 2) return;
    for (const [field, haystack] of parts) {
      if (haystack.includes(needle)) {
        issues.push({ path: field, code: 'MAIL_PERSONAL_DATA', message: `Elementul interzis nr. ${index + 1} apare în mesaj` });
      }
    }
  });
  for (const [field, haystack] of parts) {
    if (CNP_LIKE_OUTPUT.test(haystack)) issues.push({ path: field, code: 'MAIL_CNP_LIKE', message: 'Valoare cu aspect de CNP în mesaj' });
  }
  if (issues.length > 0) {
    throw new MailDataError('MAIL_PERSONAL_DATA', 'Mesajul conține date personale și nu poate fi trimis.', issues);
  }
}
