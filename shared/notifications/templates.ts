/**
 * The e-mails Vatra sends, as typed templates kept in code (no SES-stored templates), gathered from the areas that own
 * them (issue #19): the cases area's (shared/cases/mail.ts), the services area's (shared/services/mail.ts), and the
 * subsidy run's, which are still written here (the subsidies area was being changed elsewhere when the others moved).
 *
 * Each kind has a strict zod schema for its data: identifiers (caseId, caseNumber, taskId, runId, serviceId), the task
 * kind, dates, months, counts and amounts — nothing else is accepted, so a child's name, CNP, ethnicity or health
 * cannot be passed in. Each template is a pure function `(data, ctx) => { subject, html, text }`.
 */
import { z } from 'zod';
import { casesMailItems, casesMailTemplates } from '../cases/mail.js';
import { servicesMailItems, servicesMailTemplates } from '../services/mail.js';
import { formatDate, formatInstant, formatInt, formatLei, formatMonth, links, months } from './format.js';
import { assertNoCnpLike, assertNoPersonalData, MailDataError, type RenderedMail } from './guard.js';
import { renderLayout, resolveContext, type Block, type Inline, type MailContent, type MailContext, type ResolvedMailContext } from './layout.js';
import { caseRef, count, countOf, isoDate, isoInstant, lei, mailItem, monthCount, monthKey, nonNegativeLei, opaqueId, positive, REASON_COORDINATOR, strict, type TemplateDef, type TemplatesOf } from './model.js';

export { CASE_NUMBER_PATTERN } from './model.js';

// ---------------------------------------------------------------------------------------------------------------
// The subsidy run's kinds

const runId = opaqueId('Identificatorul rulării');

const monthlyRunAwaitingApprovalSchema = strict({
  runId,
  month: monthKey,
  eligibleCount: count,
  ineligibleCount: count,
  totalAmountLei: nonNegativeLei,
  adjustments: strict({ count: positive, amountLei: lei }).optional(),
});
const monthlyRunApprovedSchema = strict({ runId, month: monthKey, approvedAt: isoInstant, paymentCount: count, totalAmountLei: nonNegativeLei });
const paymentFileReadySchema = strict({
  runId,
  month: monthKey,
  paymentCount: count,
  totalAmountLei: nonNegativeLei,
  format: z.enum(['csv', 'xlsx'], { error: 'Formatul fișierului este csv sau xlsx' }).optional(),
});
const cohortMonthsRunningOutSchema = strict({
  case: caseRef,
  /** the cohort's minimum months (configuration: 18 or 12) */
  cohortMonths: monthCount.min(1, 'Cohorta are cel puțin o lună'),
  /** months with subsidy paid so far */
  monthsCounted: monthCount,
  /** months left in the project period, counting the current one */
  projectMonthsLeft: monthCount,
  projectEndMonth: monthKey,
});

const subsidySchemas = {
  monthly_run_awaiting_approval: monthlyRunAwaitingApprovalSchema,
  monthly_run_approved: monthlyRunApprovedSchema,
  payment_file_ready: paymentFileReadySchema,
  cohort_months_running_out: cohortMonthsRunningOutSchema,
};

const payments = (n: number) => countOf(n, 'plată', 'plăți');
const notificationsCount = (n: number) => countOf(n, 'notificare', 'notificări');

const subsidyTemplates: TemplatesOf<typeof subsidySchemas> = {
  monthly_run_awaiting_approval: {
    group: 'Rulări lunare în așteptarea aprobării',
    content: (d, ctx) => ({
      subject: `Rularea lunară a subvenției pentru ${formatMonth(d.month)} așteaptă aprobarea`,
      preheader: `Copii eligibili: ${formatInt(d.eligibleCount)}; total de plată: ${formatLei(d.totalAmountLei)}.`,
      reason: REASON_COORDINATOR,
      blocks: [
        { type: 'heading', text: 'Rularea lunară a subvenției așteaptă aprobarea' },
        {
          type: 'paragraph',
          parts: [`Rularea eligibilității pentru luna ${formatMonth(d.month)} s-a încheiat și așteaptă aprobarea dumneavoastră. Verificați motivele de neeligibilitate înainte de aprobare; după aprobare se generează fișierul de plată.`],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Luna', value: formatMonth(d.month) },
            { label: 'Copii eligibili', value: formatInt(d.eligibleCount) },
            { label: 'Copii neeligibili', value: formatInt(d.ineligibleCount) },
            ...(d.adjustments
              ? [{ label: 'Ajustări din lunile anterioare', value: `${formatInt(d.adjustments.count)} (${formatLei(d.adjustments.amountLei)})` }]
              : []),
            { label: 'Total de plată', value: formatLei(d.totalAmountLei) },
          ],
        },
        { type: 'button', label: 'Verifică și aprobă rularea', href: links.run(ctx.baseUrl, d.runId) },
      ],
    }),
    line: (d, ctx) => [
      { link: `Subvenția pentru ${formatMonth(d.month)}`, href: links.run(ctx.baseUrl, d.runId) },
      ` — copii eligibili: ${formatInt(d.eligibleCount)}, total ${formatLei(d.totalAmountLei)}`,
    ],
  },

  monthly_run_approved: {
    group: 'Rulări lunare aprobate',
    content: (d, ctx) => ({
      subject: `Rularea lunară a subvenției pentru ${formatMonth(d.month)} a fost aprobată`,
      preheader: `${payments(d.paymentCount)}, total ${formatLei(d.totalAmountLei)}.`,
      reason: 'urmăriți rulările lunare ale subvenției în proiect',
      blocks: [
        { type: 'heading', text: 'Rularea lunară a subvenției a fost aprobată' },
        {
          type: 'paragraph',
          parts: [`Rularea subvenției pentru luna ${formatMonth(d.month)} a fost aprobată la ${formatInstant(d.approvedAt)}. Fișierul de plată este pus la dispoziția compartimentului financiar.`],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Luna', value: formatMonth(d.month) },
            { label: 'Plăți', value: formatInt(d.paymentCount) },
            { label: 'Total', value: formatLei(d.totalAmountLei) },
            { label: 'Aprobată la', value: formatInstant(d.approvedAt) },
          ],
        },
        { type: 'button', label: 'Vezi rularea', href: links.run(ctx.baseUrl, d.runId) },
      ],
    }),
    line: (d, ctx) => [
      { link: `Subvenția pentru ${formatMonth(d.month)}`, href: links.run(ctx.baseUrl, d.runId) },
      ` — aprobată, ${payments(d.paymentCount)}, ${formatLei(d.totalAmountLei)}`,
    ],
  },

  payment_file_ready: {
    group: 'Fișiere de plată disponibile',
    content: (d, ctx) => ({
      subject: `Fișierul de plată pentru ${formatMonth(d.month)} este gata`,
      preheader: `${payments(d.paymentCount)}, total ${formatLei(d.totalAmountLei)}.`,
      reason: 'faceți parte din compartimentul financiar care efectuează plățile subvenției',
      blocks: [
        { type: 'heading', text: 'Fișierul de plată este gata' },
        {
          type: 'paragraph',
          parts: [
            `Fișierul de plată pentru subvenția lunii ${formatMonth(d.month)} a fost generat după aprobarea rulării și poate fi descărcat din Vatra, după autentificare. `,
            'Din motive de protecție a datelor, fișierul nu este atașat acestui mesaj.',
          ],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Luna', value: formatMonth(d.month) },
            { label: 'Număr de plăți', value: formatInt(d.paymentCount) },
            { label: 'Total', value: formatLei(d.totalAmountLei) },
            ...(d.format ? [{ label: 'Format', value: d.format.toUpperCase() }] : []),
          ],
        },
        { type: 'button', label: 'Descarcă fișierul din Vatra', href: links.run(ctx.baseUrl, d.runId) },
      ],
    }),
    line: (d, ctx) => [
      { link: `Fișierul de plată pentru ${formatMonth(d.month)}`, href: links.run(ctx.baseUrl, d.runId) },
      ` — ${payments(d.paymentCount)}, ${formatLei(d.totalAmountLei)}`,
    ],
  },


  cohort_months_running_out: {
    group: 'Luni de subvenție pe terminate',
    content: (d, ctx) => {
      const needed = Math.max(0, d.cohortMonths - d.monthsCounted);
      const atRisk = needed > d.projectMonthsLeft;
      const title = atRisk ? 'Lunile cohortei nu mai pot fi completate' : 'Lunile de subvenție se apropie de final';
      return {
        subject: `${title}: ${d.case.caseNumber}`,
        preheader: `Cazul ${d.case.caseNumber}: ${formatInt(d.monthsCounted)} din ${months(d.cohortMonths)} ale cohortei.`,
        reason: 'urmăriți subvenția lunară pentru cazurile dumneavoastră',
        blocks: [
          { type: 'heading', text: title },
          {
            type: 'paragraph',
            parts: [
              'Pentru cazul ',
              { strong: d.case.caseNumber },
              ` s-au acordat ${formatInt(d.monthsCounted)} din cele ${months(d.cohortMonths)} ale cohortei; `,
              needed === 0 ? 'minimul cohortei a fost atins.' : `mai sunt necesare ${months(needed)}.`,
            ],
          },
          {
            type: 'paragraph',
            parts: [
              atRisk
                ? `Atenție: până la încheierea proiectului (${formatMonth(d.projectEndMonth)}) au mai rămas doar ${months(d.projectMonthsLeft)}, mai puțin decât este necesar. Verificați participarea și planul.`
                : `Proiectul se încheie în ${formatMonth(d.projectEndMonth)} (mai sunt ${months(d.projectMonthsLeft)}). Planificați continuarea sprijinului și închiderea cazului.`,
            ],
          },
          {
            type: 'facts',
            rows: [
              { label: 'Cazul', value: d.case.caseNumber },
              { label: 'Luni acordate', value: `${formatInt(d.monthsCounted)} din ${formatInt(d.cohortMonths)}` },
              { label: 'Luni rămase în proiect', value: formatInt(d.projectMonthsLeft) },
            ],
          },
          { type: 'button', label: 'Deschide cazul', href: links.case(ctx.baseUrl, d.case.caseId) },
        ],
      };
    },
    line: (d, ctx) => [
      { link: d.case.caseNumber, href: links.case(ctx.baseUrl, d.case.caseId) },
      ` — ${formatInt(d.monthsCounted)} din ${months(d.cohortMonths)} acordate, ${months(d.projectMonthsLeft)} rămase în proiect`,
    ],
  },

};

// ---------------------------------------------------------------------------------------------------------------
// Gathered: every area's kinds

/** Every message that can also be an item of the daily digest. */
export const digestItemSchema = z.discriminatedUnion(
  'kind',
  [
    ...casesMailItems,
    ...servicesMailItems,
    mailItem('monthly_run_awaiting_approval', monthlyRunAwaitingApprovalSchema),
    mailItem('monthly_run_approved', monthlyRunApprovedSchema),
    mailItem('payment_file_ready', paymentFileReadySchema),
    mailItem('cohort_months_running_out', cohortMonthsRunningOutSchema),
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

const defs: Defs = { ...casesMailTemplates, ...servicesMailTemplates, ...subsidyTemplates };

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
