/**
 * The e-mails Vatra sends, as typed templates kept in code (no SES-stored templates), gathered from the areas that own
 * them (issue #19): the cases area's (shared/cases/mail.ts), the services area's (shared/services/mail.ts) and the
 * subsidies area's (shared/subsidies/mail.ts); the daily digest that gathers them all is written here.
 *
 * Each kind has a strict zod schema for its data: identifiers (caseId, caseNumber, taskId, runId, serviceId), the task
 * kind, dates, months, counts and amounts — nothing else is accepted, so a child's name, CNP, ethnicity or health
 * cannot be passed in. Each template is a pure function `(data, ctx) => { subject, html, text }`.
 */
import { z } from 'zod';
import { casesMailItems, casesMailTemplates } from '../cases/mail.js';
import { servicesMailItems, servicesMailTemplates } from '../services/mail.js';
import { subsidiesMailItems, subsidiesMailTemplates } from '../subsidies/mail.js';
import { formatDate, formatInt } from './format.js';
import { assertNoCnpLike, assertNoPersonalData, MailDataError, type RenderedMail } from './guard.js';
import { renderLayout, resolveContext, type Block, type Inline, type MailContent, type MailContext, type ResolvedMailContext } from './layout.js';
import { countOf, isoDate, mailItem, strict, type TemplateDef } from './model.js';

export { CASE_NUMBER_PATTERN } from './model.js';

// ---------------------------------------------------------------------------------------------------------------
// Gathered: every area's kinds

const notificationsCount = (n: number) => countOf(n, 'notificare', 'notificări');

/** Every message that can also be an item of the daily digest. */
export const digestItemSchema = z.discriminatedUnion(
  'kind',
  [
    ...casesMailItems,
    ...servicesMailItems,
    ...subsidiesMailItems,
  ],
  { error: 'Tip de mesaj necunoscut' },
);
export type DigestItem = z.infer<typeof digestItemSchema>;
export type DigestItemKind = DigestItem['kind'];

export const dailyDigestSchema = strict({
  date: isoDate,
  items: z.array(digestItemSchema).min(1, 'Rezumatul zilnic are cel puțin o notificare').max(1000, 'Prea multe notificări într-un rezumat'),
});

export const mailMessageSchema = z.discriminatedUnion('kind', [...digestItemSchema.options, mailItem('daily_digest', dailyDigestSchema)], {
  error: 'Tip de mesaj necunoscut',
});
export type MailMessage = z.infer<typeof mailMessageSchema>;
export type MailKind = MailMessage['kind'];
export type MailData<K extends MailKind> = Extract<MailMessage, { kind: K }>['data'];

type Defs = { [K in DigestItemKind]: TemplateDef<MailData<K>> };

const defs: Defs = { ...casesMailTemplates, ...servicesMailTemplates, ...subsidiesMailTemplates };

/** Digest groups, most urgent first. */
export const DIGEST_ORDER: readonly DigestItemKind[] = [
  'case_needs_attention',
  'task_overdue_coordinator',
  'task_overdue',
  'task_due_soon',
  'task_assigned',
  'plan_awaiting_approval',
  'monthly_run_awaiting_approval',
  'monthly_run_approved',
  'payment_file_ready',
  'consent_expiring',
  'observator_registration_missing',
  'child_turning_18',
  'cohort_months_running_out',
  'service_at_capacity',
  'waiting_list',
];

export function digestGroupLabel(kind: DigestItemKind): string {
  return defs[kind].group;
}

function lineOf(i: DigestItem, ctx: ResolvedMailContext): Inline[] {
  // the union is narrowed per kind by the schema; the cast only bridges TypeScript's correlated-union limit
  return (defs[i.kind] as TemplateDef<DigestItem['data']>).line(i.data, ctx);
}

function digestContent(d: MailData<'daily_digest'>, ctx: ResolvedMailContext): MailContent {
  const groups = DIGEST_ORDER.map((kind) => ({ kind, items: d.items.filter((i) => i.kind === kind) })).filter((g) => g.items.length > 0);
  const total = d.items.length;
  const notifications = notificationsCount(total);
  return {
    subject: `Rezumatul zilei ${formatDate(d.date)}: ${notifications}`,
    preheader: groups.map((g) => `${defs[g.kind].group} (${g.items.length})`).join(', '),
    reason: 'ați ales să primiți notificările o dată pe zi, într-un singur mesaj',
    blocks: [
      { type: 'heading', text: `Rezumatul zilei ${formatDate(d.date)}` },
      { type: 'paragraph', parts: [`Aveți ${notifications}, grupate pe tipuri. Fiecare rând duce la pagina din Vatra unde puteți acționa.`] },
      ...groups.flatMap((g): Block[] => [
        { type: 'heading', level: 2, text: `${defs[g.kind].group} (${formatInt(g.items.length)})` },
        { type: 'list', items: g.items.map((i) => lineOf(i, ctx)) },
      ]),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function parseData<S extends z.ZodType>(kind: string, schema: S, data: unknown): z.output<S> {
  assertNoCnpLike(data);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new MailDataError(
      'MAIL_DATA_INVALID',
      `Datele pentru mesajul „${kind}” sunt invalide.`,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(rădăcină)', code: i.code, message: i.message })),
    );
  }
  return parsed.data;
}

function finish(content: MailContent, ctx: ResolvedMailContext): RenderedMail {
  const rendered = renderLayout(content, ctx);
  // last line of defence: nothing CNP-like may leave, whatever the content
  assertNoPersonalData(rendered, []);
  return rendered;
}

export type MailTemplate<K extends MailKind> = (data: MailData<K>, ctx: MailContext) => RenderedMail;

function template<K extends DigestItemKind>(kind: K): MailTemplate<K> {
  const schema = digestItemSchema.options.find((o) => o.shape.kind.value === kind)!.shape.data;
  return (data, ctx) => {
    const c = resolveContext(ctx);
    const d = parseData(kind, schema, data) as MailData<K>;
    return finish(defs[kind].content(d, c), c);
  };
}

/** One pure function per kind: `(data, ctx) => { subject, html, text }`. Invalid or CNP-like data throws MailDataError. */
export const mailTemplates: { [K in MailKind]: MailTemplate<K> } = {
  task_assigned: template('task_assigned'),
  task_due_soon: template('task_due_soon'),
  task_overdue: template('task_overdue'),
  task_overdue_coordinator: template('task_overdue_coordinator'),
  plan_awaiting_approval: template('plan_awaiting_approval'),
  monthly_run_awaiting_approval: template('monthly_run_awaiting_approval'),
  monthly_run_approved: template('monthly_run_approved'),
  payment_file_ready: template('payment_file_ready'),
  service_at_capacity: template('service_at_capacity'),
  waiting_list: template('waiting_list'),
  consent_expiring: template('consent_expiring'),
  child_turning_18: template('child_turning_18'),
  cohort_months_running_out: template('cohort_months_running_out'),
  observator_registration_missing: template('observator_registration_missing'),
  case_needs_attention: template('case_needs_attention'),
  daily_digest: (data, ctx) => {
    const c = resolveContext(ctx);
    const d = parseData('daily_digest', dailyDigestSchema, data);
    return finish(digestContent(d, c), c);
  },
};
