/**
 * The kit an area writes its mails with (issue #19: each area owns its mail templates). An area's `mail.ts` defines
 * its mail kinds — a strict zod schema for the data and a template (`TemplateDef`: content, digest group and line) —
 * from these primitives; notifications gathers every area's kinds (shared/notifications/templates.ts) and renders them
 * (layout, guard). Pure: zod schemas, formatting and types, no I/O and no area, so an area's mail.ts loads without the
 * renderer and the renderer loads an area's mail.ts without the area.
 *
 * Data carry identifiers (caseId, caseNumber, taskId, runId, serviceId), dates, months, counts and amounts — nothing
 * else is accepted, so a child's name, CNP, ethnicity or health cannot be passed in.
 */
import { z } from 'zod';
import { isIsoDate } from '../platform/calendar.js';
import { links } from './format.js';
import type { Block, Inline, MailContent, ResolvedMailContext } from './layout.js';

export { children, countOf, days, formatDate, formatInstant, formatInt, formatLei, formatMonth, inDays, links, months } from './format.js';
export type { Block, Inline, MailContent, ResolvedMailContext } from './layout.js';

// ---------------------------------------------------------------------------------------------------------------
// Data primitives

/** Case numbers as shown to staff, e.g. 'VT-2026-00042'. */
export const CASE_NUMBER_PATTERN = /^VT-\d{4}-\d{5,6}$/;

export const opaqueId = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, `${what}: identificator opac (litere, cifre, „-” și „_”, cel mult 64 de caractere)`);

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Data trebuie să aibă forma AAAA-LL-ZZ')
  .refine(isIsoDate, 'Data nu există în calendar');
export const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'Momentul trebuie să fie ISO-8601 (de ex. 2026-03-15T05:00:00Z)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Momentul nu există în calendar');
export const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Luna trebuie să aibă forma AAAA-LL');
export const count = z.number().int('Numărul trebuie să fie întreg').min(0, 'Numărul nu poate fi negativ').max(1_000_000, 'Număr prea mare');
export const positive = count.min(1, 'Numărul trebuie să fie cel puțin 1');
export const dayCount = z.number().int('Numărul de zile trebuie să fie întreg').min(0, 'Numărul de zile nu poate fi negativ').max(3650, 'Număr de zile prea mare');
export const monthCount = z.number().int('Numărul de luni trebuie să fie întreg').min(0, 'Numărul de luni nu poate fi negativ').max(120, 'Număr de luni prea mare');
/** Lei with at most two decimals (bani). */
export const lei = z
  .number()
  .finite('Suma trebuie să fie un număr')
  .min(-1_000_000_000, 'Sumă prea mare')
  .max(1_000_000_000, 'Sumă prea mare')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'Suma are cel mult două zecimale');
export const nonNegativeLei = lei.refine((n) => n >= 0, 'Suma nu poate fi negativă');

/** An object with exactly these fields: any other field is refused (no personal data slips in beside them). */
export const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'Câmpuri nepermise: mesajele conțin doar identificatori, date, numere și sume, niciodată date personale'
        : issue.code === 'invalid_type'
          ? 'Obiect așteptat'
          : undefined,
  });

export const caseRef = strict({ caseId: opaqueId('Identificatorul cazului'), caseNumber: z.string().regex(CASE_NUMBER_PATTERN, 'Numărul cazului are forma VT-AAAA-NNNNN') });
export type CaseRef = z.infer<typeof caseRef>;

/** A message of one kind: `{ kind, data }` (the union of these is the message schema the gatherer builds). */
export const mailItem = <K extends string, S extends z.ZodType>(kind: K, data: S) => strict({ kind: z.literal(kind), data });

// ---------------------------------------------------------------------------------------------------------------
// Templates

/** What a mail kind says: the mail on its own, and its group and line in the daily digest. */
export interface TemplateDef<D> {
  /** heading of this kind's group in the daily digest */
  group: string;
  content(data: D, ctx: ResolvedMailContext): MailContent;
  /** one line in the daily digest, with its link */
  line(data: D, ctx: ResolvedMailContext): Inline[];
}

/** The templates of an area's kinds, each typed by its schema's data (`schemas` as the area lists them). */
export type TemplatesOf<S extends Record<string, z.ZodType>> = { [K in keyof S]: TemplateDef<z.output<S[K]>> };

export const REASON_ASSIGNEE = 'sunteți responsabil de această sarcină în Vatra';
export const REASON_COORDINATOR = 'sunteți coordonator în proiect pentru instituția dumneavoastră';

/** "Fișa cazului: <link>" under a mail about a case, when it names one. */
export function caseLinkParagraph(kase: CaseRef | undefined, ctx: ResolvedMailContext): Block[] {
  return kase ? [{ type: 'paragraph', parts: ['Fișa cazului: ', { link: kase.caseNumber, href: links.case(ctx.baseUrl, kase.caseId) }] }] : [];
}
