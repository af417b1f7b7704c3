/**
 * The e-mails Vatra sends, as typed templates kept in code (no SES-stored templates).
 *
 * Each kind has a strict zod schema for its data: identifiers (caseId, caseNumber, taskId, runId, serviceId), the task
 * kind, dates, months, counts and amounts — nothing else is accepted, so a child's name, CNP, ethnicity or health
 * cannot be passed in. Each template is a pure function `(data, ctx) => { subject, html, text }`.
 */
import { z } from 'zod';
import { institutionIds, roleLabels, roles } from '../platform/auth/principal.js';
import { isIsoDate } from '../platform/calendar.js';
import { taskKindLabels, taskKinds, trackConfig, tracks, type TaskKind, type TrackConfig } from '../cases/index.js';
import { children, countOf, days, formatDate, formatInstant, formatInt, formatLei, formatMonth, inDays, links, months } from './format.js';
import { assertNoCnpLike, assertNoPersonalData, MailDataError, type RenderedMail } from './guard.js';
import { renderLayout, resolveContext, type Block, type Inline, type MailContent, type MailContext, type ResolvedMailContext } from './layout.js';

// ---------------------------------------------------------------------------------------------------------------
// Data primitives

/** Case numbers as shown to staff, e.g. 'VT-2026-00042'. */
export const CASE_NUMBER_PATTERN = /^VT-\d{4}-\d{5,6}$/;

const opaqueId = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, `${what}: identificator opac (litere, cifre, „-” și „_”, cel mult 64 de caractere)`);


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Data trebuie să aibă forma AAAA-LL-ZZ')
  .refine(isIsoDate, 'Data nu există în calendar');
const isoInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, 'Momentul trebuie să fie ISO-8601 (de ex. 2026-03-15T05:00:00Z)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Momentul nu există în calendar');
const monthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Luna trebuie să aibă forma AAAA-LL');
const count = z.number().int('Numărul trebuie să fie întreg').min(0, 'Numărul nu poate fi negativ').max(1_000_000, 'Număr prea mare');
const positive = count.min(1, 'Numărul trebuie să fie cel puțin 1');
const dayCount = z.number().int('Numărul de zile trebuie să fie întreg').min(0, 'Numărul de zile nu poate fi negativ').max(3650, 'Număr de zile prea mare');
const monthCount = z.number().int('Numărul de luni trebuie să fie întreg').min(0, 'Numărul de luni nu poate fi negativ').max(120, 'Număr de luni prea mare');
/** Lei with at most two decimals (bani). */
const lei = z
  .number()
  .finite('Suma trebuie să fie un număr')
  .min(-1_000_000_000, 'Sumă prea mare')
  .max(1_000_000_000, 'Sumă prea mare')
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'Suma are cel mult două zecimale');
const nonNegativeLei = lei.refine((n) => n >= 0, 'Suma nu poate fi negativă');
/** A service's catalogue name, e.g. 'Centrul de zi „Sf. Nicolae”'. */
const serviceName = z
  .string()
  .trim()
  .min(2, 'Numele serviciului: minimum 2 caractere')
  .max(120, 'Numele serviciului: maximum 120 de caractere')
  .regex(/^[\p{L}\p{N} .,&'"„”«»()\/–—-]+$/u, 'Numele serviciului conține caractere nepermise');

const strict = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'Câmpuri nepermise: mesajele conțin doar identificatori, date, numere și sume, niciodată date personale'
        : issue.code === 'invalid_type'
          ? 'Obiect așteptat'
          : undefined,
  });

const caseRef = strict({ caseId: opaqueId('Identificatorul cazului'), caseNumber: z.string().regex(CASE_NUMBER_PATTERN, 'Numărul cazului are forma VT-AAAA-NNNNN') });
const taskKind = z.enum(taskKinds, { error: 'Tip de sarcină necunoscut' });
const taskRef = strict({ taskId: opaqueId('Identificatorul sarcinii'), kind: taskKind, dueDate: isoDate.optional() });
const taskWithDue = strict({ taskId: opaqueId('Identificatorul sarcinii'), kind: taskKind, dueDate: isoDate });
const planType = z.enum(['PS', 'PIP'], { error: 'Tipul planului este PS sau PIP' });
const serviceRef = strict({ serviceId: opaqueId('Identificatorul serviciului'), name: serviceName });
const runId = opaqueId('Identificatorul rulării');

type CaseRef = z.infer<typeof caseRef>;
type TaskRef = z.infer<typeof taskRef>;
type PlanType = TrackConfig['planType'];

// ---------------------------------------------------------------------------------------------------------------
// Data schemas, one per kind

export const taskAssignedSchema = strict({ task: taskRef, case: caseRef.optional() });
export const taskDueSoonSchema = strict({ task: taskWithDue, daysLeft: dayCount, case: caseRef.optional() });
export const taskOverdueSchema = strict({ task: taskWithDue, daysOverdue: dayCount.min(1, 'Întârzierea este de cel puțin o zi'), case: caseRef.optional() });
/** To the coordinator after the grace period: who is responsible (role, institution), never which child. */
export const taskOverdueCoordinatorSchema = strict({
  task: taskWithDue,
  daysOverdue: dayCount.min(1, 'Întârzierea este de cel puțin o zi'),
  graceDays: dayCount,
  assignee: strict({ role: z.enum(roles, { error: 'Rol necunoscut' }), institution: z.enum(institutionIds, { error: 'Instituție necunoscută' }) }),
}).refine((d) => d.daysOverdue >= d.graceDays, { message: 'Coordonatorul este anunțat numai după perioada de grație', path: ['daysOverdue'] });
export const planAwaitingApprovalSchema = strict({
  case: caseRef,
  planType,
  planVersion: positive.optional(),
  submittedAt: isoInstant.optional(),
  /** the coordinator's approval task, when the workflow created one */
  taskId: opaqueId('Identificatorul sarcinii').optional(),
});
export const monthlyRunAwaitingApprovalSchema = strict({
  runId,
  month: monthKey,
  eligibleCount: count,
  ineligibleCount: count,
  totalAmountLei: nonNegativeLei,
  adjustments: strict({ count: positive, amountLei: lei }).optional(),
});
export const monthlyRunApprovedSchema = strict({ runId, month: monthKey, approvedAt: isoInstant, paymentCount: count, totalAmountLei: nonNegativeLei });
export const paymentFileReadySchema = strict({
  runId,
  month: monthKey,
  paymentCount: count,
  totalAmountLei: nonNegativeLei,
  format: z.enum(['csv', 'xlsx'], { error: 'Formatul fișierului este csv sau xlsx' }).optional(),
});
export const serviceAtCapacitySchema = strict({ service: serviceRef, enrolled: count, capacity: positive, waitingCount: count }).refine(
  (d) => d.enrolled >= d.capacity,
  { message: 'Serviciul nu a atins capacitatea', path: ['enrolled'] },
);
export const waitingListSchema = strict({ service: serviceRef, freePlaces: positive, waitingCount: positive, nextCase: caseRef.optional() });
export const consentExpiringSchema = strict({ case: caseRef, expiresOn: isoDate, daysLeft: dayCount });
/**
 * Only the month, never the birthday. The ages come from the legal configuration (age of majority; age to which
 * special protection may continue during full-time studies), not from this template.
 */
export const childTurning18Schema = strict({
  case: caseRef,
  month: monthKey,
  ageLimitYears: z.number().int().min(14).max(26),
  studiesAgeLimitYears: z.number().int().min(14).max(30).optional(),
});
export const cohortMonthsRunningOutSchema = strict({
  case: caseRef,
  /** the cohort's minimum months (configuration: 18 or 12) */
  cohortMonths: monthCount.min(1, 'Cohorta are cel puțin o lună'),
  /** months with subsidy paid so far */
  monthsCounted: monthCount,
  /** months left in the project period, counting the current one */
  projectMonthsLeft: monthCount,
  projectEndMonth: monthKey,
});
export const observatorRegistrationMissingSchema = strict({
  case: caseRef,
  planType,
  planApprovedOn: isoDate,
  daysSinceApproval: dayCount,
  taskId: opaqueId('Identificatorul sarcinii').optional(),
});

/** Automatic steps of the pathway whose failure is reported (decision record 016). */
export const attentionSteps = ['enrol_from_plan'] as const;
export const attentionStepLabels: Record<(typeof attentionSteps)[number], string> = {
  enrol_from_plan: 'înscrierea copilului în serviciile planului aprobat',
};
/**
 * To the case's coordinators: an automatic workflow step failed for good and the case is flagged "needs attention".
 * The stable code of the failure, never its text (which could name someone).
 */
export const caseNeedsAttentionSchema = strict({
  case: caseRef,
  step: z.enum(attentionSteps, { error: 'Pas necunoscut' }),
  failedAt: isoInstant,
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'Codul erorii are forma COD_STABIL'),
});

const item = <K extends string, S extends z.ZodType>(kind: K, data: S) => strict({ kind: z.literal(kind), data });

/** Every message that can also be an item of the daily digest. */
export const digestItemSchema = z.discriminatedUnion(
  'kind',
  [
    item('task_assigned', taskAssignedSchema),
    item('task_due_soon', taskDueSoonSchema),
    item('task_overdue', taskOverdueSchema),
    item('task_overdue_coordinator', taskOverdueCoordinatorSchema),
    item('plan_awaiting_approval', planAwaitingApprovalSchema),
    item('monthly_run_awaiting_approval', monthlyRunAwaitingApprovalSchema),
    item('monthly_run_approved', monthlyRunApprovedSchema),
    item('payment_file_ready', paymentFileReadySchema),
    item('service_at_capacity', serviceAtCapacitySchema),
    item('waiting_list', waitingListSchema),
    item('consent_expiring', consentExpiringSchema),
    item('child_turning_18', childTurning18Schema),
    item('cohort_months_running_out', cohortMonthsRunningOutSchema),
    item('observator_registration_missing', observatorRegistrationMissingSchema),
    item('case_needs_attention', caseNeedsAttentionSchema),
  ],
  { error: 'Tip de mesaj necunoscut' },
);
export type DigestItem = z.infer<typeof digestItemSchema>;
export type DigestItemKind = DigestItem['kind'];

export const dailyDigestSchema = strict({
  date: isoDate,
  items: z.array(digestItemSchema).min(1, 'Rezumatul zilnic are cel puțin o notificare').max(1000, 'Prea multe notificări într-un rezumat'),
});

export const mailMessageSchema = z.discriminatedUnion('kind', [...digestItemSchema.options, item('daily_digest', dailyDigestSchema)], {
  error: 'Tip de mesaj necunoscut',
});
export type MailMessage = z.infer<typeof mailMessageSchema>;
export type MailKind = MailMessage['kind'];
export type MailData<K extends MailKind> = Extract<MailMessage, { kind: K }>['data'];

// ---------------------------------------------------------------------------------------------------------------
// Shared wording

const planLabels = Object.fromEntries(tracks.map((t) => [trackConfig[t].planType, trackConfig[t].planLabel])) as Record<PlanType, string>;
const planName = (t: PlanType) => `${planLabels[t]} (${t})`;
/** mid-sentence form: 'plan de servicii (PS)' */
const planPhrase = (t: PlanType) => `${planLabels[t].charAt(0).toLowerCase()}${planLabels[t].slice(1)} (${t})`;
const payments = (n: number) => countOf(n, 'plată', 'plăți');
const places = (n: number) => countOf(n, 'loc', 'locuri');
const years = (n: number) => countOf(n, 'an', 'ani');
const notificationsCount = (n: number) => countOf(n, 'notificare', 'notificări');
const freed = (n: number) => (n === 1 ? 'S-a eliberat un loc' : `S-au eliberat ${places(n)}`);
const taskLabel = (k: TaskKind) => taskKindLabels[k];
const caseSuffix = (c?: CaseRef) => (c ? ` — ${c.caseNumber}` : '');

function taskFacts(task: TaskRef, kase?: CaseRef): { label: string; value: string }[] {
  return [
    { label: 'Sarcina', value: taskLabel(task.kind) },
    ...(kase ? [{ label: 'Cazul', value: kase.caseNumber }] : []),
    ...(task.dueDate ? [{ label: 'Termen', value: formatDate(task.dueDate) }] : []),
  ];
}

function caseLinkParagraph(kase: CaseRef | undefined, ctx: ResolvedMailContext): Block[] {
  return kase ? [{ type: 'paragraph', parts: ['Fișa cazului: ', { link: kase.caseNumber, href: links.case(ctx.baseUrl, kase.caseId) }] }] : [];
}

const REASON_ASSIGNEE = 'sunteți responsabil de această sarcină în Vatra';
const REASON_COORDINATOR = 'sunteți coordonator în proiect pentru instituția dumneavoastră';

// ---------------------------------------------------------------------------------------------------------------
// Templates

interface TemplateDef<D> {
  /** heading of this kind's group in the daily digest */
  group: string;
  content(data: D, ctx: ResolvedMailContext): MailContent;
  /** one line in the daily digest, with its link */
  line(data: D, ctx: ResolvedMailContext): Inline[];
}

type Defs = { [K in DigestItemKind]: TemplateDef<MailData<K>> };

const defs: Defs = {
  task_assigned: {
    group: 'Sarcini noi',
    content: (d, ctx) => ({
      subject: `Sarcină nouă: ${taskLabel(d.task.kind)}${caseSuffix(d.case)}`,
      preheader: `Vi s-a atribuit sarcina „${taskLabel(d.task.kind)}”.`,
      reason: REASON_ASSIGNEE,
      blocks: [
        { type: 'heading', text: 'Sarcină nouă' },
        { type: 'paragraph', parts: ['Vi s-a atribuit o sarcină nouă în Vatra.'] },
        { type: 'facts', rows: taskFacts(d.task, d.case) },
        { type: 'button', label: 'Deschide sarcina', href: links.task(ctx.baseUrl, d.task.taskId) },
        ...caseLinkParagraph(d.case, ctx),
      ],
    }),
    line: (d, ctx) => [
      { link: taskLabel(d.task.kind), href: links.task(ctx.baseUrl, d.task.taskId) },
      d.case ? ` — cazul ${d.case.caseNumber}` : '',
      d.task.dueDate ? `, termen ${formatDate(d.task.dueDate)}` : '',
    ],
  },

  task_due_soon: {
    group: 'Termene apropiate',
    content: (d, ctx) => ({
      subject: `Termen ${inDays(d.daysLeft)}: ${taskLabel(d.task.kind)}${caseSuffix(d.case)}`,
      preheader: `Sarcina „${taskLabel(d.task.kind)}” are termen ${inDays(d.daysLeft)}.`,
      reason: REASON_ASSIGNEE,
      blocks: [
        { type: 'heading', text: 'Termen apropiat pentru o sarcină' },
        {
          type: 'paragraph',
          parts: ['Sarcina de mai jos trebuie finalizată ', { strong: inDays(d.daysLeft) }, `, până la ${formatDate(d.task.dueDate)}.`],
        },
        { type: 'facts', rows: [...taskFacts(d.task, d.case), { label: 'Timp rămas', value: d.daysLeft === 0 ? 'termenul este astăzi' : days(d.daysLeft) }] },
        { type: 'button', label: 'Deschide sarcina', href: links.task(ctx.baseUrl, d.task.taskId) },
        ...caseLinkParagraph(d.case, ctx),
      ],
    }),
    line: (d, ctx) => [
      { link: taskLabel(d.task.kind), href: links.task(ctx.baseUrl, d.task.taskId) },
      d.case ? ` — cazul ${d.case.caseNumber}` : '',
      `, termen ${inDays(d.daysLeft)} (${formatDate(d.task.dueDate)})`,
    ],
  },

  task_overdue: {
    group: 'Sarcini în întârziere',
    content: (d, ctx) => ({
      subject: `Sarcină în întârziere: ${taskLabel(d.task.kind)}${caseSuffix(d.case)}`,
      preheader: `Termenul sarcinii „${taskLabel(d.task.kind)}” a trecut de ${days(d.daysOverdue)}.`,
      reason: REASON_ASSIGNEE,
      blocks: [
        { type: 'heading', text: 'Sarcină în întârziere' },
        {
          type: 'paragraph',
          parts: [`Termenul sarcinii de mai jos a fost ${formatDate(d.task.dueDate)}; sarcina este în întârziere de `, { strong: days(d.daysOverdue) }, '.'],
        },
        { type: 'facts', rows: [...taskFacts(d.task, d.case), { label: 'Întârziere', value: days(d.daysOverdue) }] },
        {
          type: 'paragraph',
          parts: ['Vă rugăm să o finalizați cât mai curând. Dacă există un impediment, anunțați coordonatorul; după perioada de grație, coordonatorul este informat automat.'],
        },
        { type: 'button', label: 'Deschide sarcina', href: links.task(ctx.baseUrl, d.task.taskId) },
        ...caseLinkParagraph(d.case, ctx),
      ],
    }),
    line: (d, ctx) => [
      { link: taskLabel(d.task.kind), href: links.task(ctx.baseUrl, d.task.taskId) },
      d.case ? ` — cazul ${d.case.caseNumber}` : '',
      `, în întârziere de ${days(d.daysOverdue)} (termen ${formatDate(d.task.dueDate)})`,
    ],
  },

  task_overdue_coordinator: {
    group: 'Sarcini în întârziere după perioada de grație',
    content: (d, ctx) => {
      const who = `${roleLabels[d.assignee.role]}, ${d.assignee.institution}`;
      return {
        subject: `Sarcină în întârziere de ${days(d.daysOverdue)}: ${taskLabel(d.task.kind)} (${d.assignee.institution})`,
        preheader: `O sarcină a instituției ${d.assignee.institution} nu a fost finalizată după perioada de grație.`,
        reason: REASON_COORDINATOR,
        blocks: [
          { type: 'heading', text: 'Sarcină în întârziere: informare pentru coordonator' },
          {
            type: 'paragraph',
            parts: [
              'O sarcină nu a fost finalizată nici după perioada de grație de ',
              { strong: days(d.graceDays) },
              ` de la termen. Întârzierea este acum de ${days(d.daysOverdue)}.`,
            ],
          },
          {
            type: 'facts',
            rows: [
              { label: 'Sarcina', value: taskLabel(d.task.kind) },
              { label: 'Responsabil', value: who },
              { label: 'Termen', value: formatDate(d.task.dueDate) },
              { label: 'Întârziere', value: days(d.daysOverdue) },
            ],
          },
          {
            type: 'paragraph',
            parts: ['Vă rugăm să verificați cu responsabilul ce împiedică finalizarea sau să redistribuiți sarcina. Detaliile cazului se văd numai în Vatra, de către persoanele cu acces la caz.'],
          },
          { type: 'button', label: 'Deschide sarcina', href: links.task(ctx.baseUrl, d.task.taskId) },
        ],
      };
    },
    line: (d, ctx) => [
      { link: taskLabel(d.task.kind), href: links.task(ctx.baseUrl, d.task.taskId) },
      ` — ${roleLabels[d.assignee.role]}, ${d.assignee.institution}; în întârziere de ${days(d.daysOverdue)}`,
    ],
  },

  plan_awaiting_approval: {
    group: 'Planuri în așteptarea aprobării',
    content: (d, ctx) => {
      const href = d.taskId ? links.task(ctx.baseUrl, d.taskId) : links.case(ctx.baseUrl, d.case.caseId);
      return {
        subject: `Plan în așteptarea aprobării: ${planName(d.planType)} — ${d.case.caseNumber}`,
        preheader: `${planName(d.planType)} pentru cazul ${d.case.caseNumber} așteaptă aprobarea dumneavoastră.`,
        reason: REASON_COORDINATOR,
        blocks: [
          { type: 'heading', text: 'Plan în așteptarea aprobării' },
          {
            type: 'paragraph',
            parts: [`Managerul de caz a transmis spre aprobare un ${planPhrase(d.planType)} pentru cazul `, { strong: d.case.caseNumber }, '.'],
          },
          {
            type: 'facts',
            rows: [
              { label: 'Cazul', value: d.case.caseNumber },
              { label: 'Tipul planului', value: planName(d.planType) },
              ...(d.planVersion ? [{ label: 'Versiunea', value: formatInt(d.planVersion) }] : []),
              ...(d.submittedAt ? [{ label: 'Transmis la', value: formatInstant(d.submittedAt) }] : []),
            ],
          },
          { type: 'paragraph', parts: ['Serviciile din plan încep după aprobare. Dacă respingeți planul, explicați motivul, ca managerul de caz să îl poată revizui.'] },
          { type: 'button', label: 'Verifică și aprobă planul', href },
          ...(d.taskId ? caseLinkParagraph(d.case, ctx) : []),
        ],
      };
    },
    line: (d, ctx) => [
      { link: planName(d.planType), href: d.taskId ? links.task(ctx.baseUrl, d.taskId) : links.case(ctx.baseUrl, d.case.caseId) },
      ` — cazul ${d.case.caseNumber}`,
    ],
  },

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

  service_at_capacity: {
    group: 'Servicii la capacitate maximă',
    content: (d, ctx) => ({
      subject: `Capacitate atinsă: ${d.service.name}`,
      preheader: `${formatInt(d.enrolled)} din ${formatInt(d.capacity)} locuri ocupate; ${children(d.waitingCount)} pe lista de așteptare.`,
      reason: REASON_COORDINATOR,
      blocks: [
        { type: 'heading', text: 'Serviciu la capacitate maximă' },
        {
          type: 'paragraph',
          parts: ['Serviciul ', { strong: d.service.name }, ' a atins capacitatea maximă. Copiii nou referiți către acest serviciu sunt trecuți pe lista de așteptare.'],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Serviciul', value: d.service.name },
            { label: 'Locuri ocupate', value: `${formatInt(d.enrolled)} din ${formatInt(d.capacity)}` },
            { label: 'Pe lista de așteptare', value: children(d.waitingCount) },
          ],
        },
        { type: 'button', label: 'Vezi serviciul și lista de așteptare', href: links.service(ctx.baseUrl, d.service.serviceId) },
      ],
    }),
    line: (d, ctx) => [
      { link: d.service.name, href: links.service(ctx.baseUrl, d.service.serviceId) },
      ` — ${formatInt(d.enrolled)} din ${formatInt(d.capacity)} locuri ocupate, ${children(d.waitingCount)} în așteptare`,
    ],
  },

  waiting_list: {
    group: 'Locuri eliberate pentru lista de așteptare',
    content: (d, ctx) => ({
      subject: `${d.freePlaces === 1 ? 'Loc disponibil' : 'Locuri disponibile'}: ${d.service.name} — ${children(d.waitingCount)} pe lista de așteptare`,
      preheader: `${freed(d.freePlaces)} în serviciul ${d.service.name}.`,
      reason: REASON_COORDINATOR,
      blocks: [
        { type: 'heading', text: 'Loc disponibil pentru lista de așteptare' },
        {
          type: 'paragraph',
          parts: [`În serviciul `, { strong: d.service.name }, ` ${freed(d.freePlaces).toLowerCase()}. Pe lista de așteptare ${d.waitingCount === 1 ? 'este' : 'sunt'} ${children(d.waitingCount)}.`],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Serviciul', value: d.service.name },
            { label: 'Locuri libere', value: formatInt(d.freePlaces) },
            { label: 'Pe lista de așteptare', value: children(d.waitingCount) },
            ...(d.nextCase ? [{ label: 'Primul caz de pe listă', value: d.nextCase.caseNumber }] : []),
          ],
        },
        { type: 'button', label: 'Vezi lista de așteptare', href: links.service(ctx.baseUrl, d.service.serviceId) },
        ...caseLinkParagraph(d.nextCase, ctx),
      ],
    }),
    line: (d, ctx) => [
      { link: d.service.name, href: links.service(ctx.baseUrl, d.service.serviceId) },
      ` — ${d.freePlaces === 1 ? '1 loc liber' : `${places(d.freePlaces)} libere`}, ${children(d.waitingCount)} în așteptare`,
      d.nextCase ? `; primul caz: ${d.nextCase.caseNumber}` : '',
    ],
  },

  consent_expiring: {
    group: 'Consimțăminte care expiră',
    content: (d, ctx) => ({
      subject: `Consimțământul expiră ${inDays(d.daysLeft)}: ${d.case.caseNumber}`,
      preheader: `Consimțământul pentru cazul ${d.case.caseNumber} expiră la ${formatDate(d.expiresOn)}.`,
      reason: 'sunteți managerul de caz',
      blocks: [
        { type: 'heading', text: 'Consimțământ care expiră' },
        {
          type: 'paragraph',
          parts: ['Consimțământul părintelui sau al reprezentantului legal pentru cazul ', { strong: d.case.caseNumber }, ` expiră la ${formatDate(d.expiresOn)} (${inDays(d.daysLeft)}).`],
        },
        {
          type: 'paragraph',
          parts: ['Fără un consimțământ valabil nu se pot acorda serviciile și subvenția. Reînnoiți acordul și înregistrați-l în fișa cazului.'],
        },
        { type: 'facts', rows: [{ label: 'Cazul', value: d.case.caseNumber }, { label: 'Expiră la', value: formatDate(d.expiresOn) }] },
        { type: 'button', label: 'Deschide cazul', href: links.case(ctx.baseUrl, d.case.caseId) },
      ],
    }),
    line: (d, ctx) => [
      { link: d.case.caseNumber, href: links.case(ctx.baseUrl, d.case.caseId) },
      ` — expiră ${inDays(d.daysLeft)} (${formatDate(d.expiresOn)})`,
    ],
  },

  child_turning_18: {
    group: 'Copii care ating majoratul',
    content: (d, ctx) => ({
      subject: `Împlinirea vârstei de ${years(d.ageLimitYears)} în ${formatMonth(d.month)}: ${d.case.caseNumber}`,
      preheader: `Copilul din cazul ${d.case.caseNumber} împlinește ${years(d.ageLimitYears)} în ${formatMonth(d.month)}.`,
      reason: 'sunteți managerul de caz',
      blocks: [
        { type: 'heading', text: `Copil care împlinește ${years(d.ageLimitYears)}` },
        {
          type: 'paragraph',
          parts: ['Copilul din cazul ', { strong: d.case.caseNumber }, ` împlinește ${years(d.ageLimitYears)} în luna ${formatMonth(d.month)}.`],
        },
        {
          type: 'paragraph',
          parts: [
            'Pregătiți revizuirea planului: închiderea cazului sau, după caz, continuarea sprijinului.',
            d.studiesAgeLimitYears ? ` Măsura de protecție specială poate continua până la vârsta de ${years(d.studiesAgeLimitYears)}, pe durata studiilor la zi.` : '',
          ],
        },
        { type: 'facts', rows: [{ label: 'Cazul', value: d.case.caseNumber }, { label: 'Luna', value: formatMonth(d.month) }] },
        { type: 'button', label: 'Deschide cazul', href: links.case(ctx.baseUrl, d.case.caseId) },
      ],
    }),
    line: (d, ctx) => [
      { link: d.case.caseNumber, href: links.case(ctx.baseUrl, d.case.caseId) },
      ` — împlinește ${years(d.ageLimitYears)} în ${formatMonth(d.month)}`,
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

  observator_registration_missing: {
    group: 'Înregistrări lipsă în Observatorul Național al Copilului',
    content: (d, ctx) => ({
      subject: `Lipsește înregistrarea în Observatorul Național al Copilului: ${d.case.caseNumber}`,
      preheader: `Planul aprobat la ${formatDate(d.planApprovedOn)} pentru cazul ${d.case.caseNumber} nu are încă număr de înregistrare.`,
      reason: 'sunteți managerul de caz',
      blocks: [
        { type: 'heading', text: 'Lipsește înregistrarea în Observatorul Național al Copilului' },
        {
          type: 'paragraph',
          parts: [
            'Planul pentru cazul ',
            { strong: d.case.caseNumber },
            `, un ${planPhrase(d.planType)} aprobat la ${formatDate(d.planApprovedOn)}, nu are încă numărul de înregistrare din Observatorul Național al Copilului (${days(d.daysSinceApproval)} de la aprobare).`,
          ],
        },
        {
          type: 'paragraph',
          parts: ['Înregistrați planul în Observator, apoi completați în Vatra numărul și data înregistrării. Mementoul se repetă până la completare.'],
        },
        {
          type: 'facts',
          rows: [
            { label: 'Cazul', value: d.case.caseNumber },
            { label: 'Planul', value: planName(d.planType) },
            { label: 'Aprobat la', value: formatDate(d.planApprovedOn) },
          ],
        },
        {
          type: 'button',
          label: 'Completează înregistrarea',
          href: d.taskId ? links.task(ctx.baseUrl, d.taskId) : links.case(ctx.baseUrl, d.case.caseId),
        },
        ...(d.taskId ? caseLinkParagraph(d.case, ctx) : []),
      ],
    }),
    line: (d, ctx) => [
      { link: d.case.caseNumber, href: d.taskId ? links.task(ctx.baseUrl, d.taskId) : links.case(ctx.baseUrl, d.case.caseId) },
      ` — ${planName(d.planType)} aprobat la ${formatDate(d.planApprovedOn)}, neînregistrat de ${days(d.daysSinceApproval)}`,
    ],
  },

  case_needs_attention: {
    group: 'Cazuri care necesită atenție',
    content: (d, ctx) => {
      const step = attentionStepLabels[d.step];
      return {
        subject: `Cazul ${d.case.caseNumber} necesită atenție: ${step} nu s-a făcut`,
        preheader: `Un pas automat al cazului ${d.case.caseNumber} a eșuat: ${step}.`,
        reason: REASON_COORDINATOR,
        blocks: [
          { type: 'heading', text: 'Caz care necesită atenție' },
          {
            type: 'paragraph',
            parts: ['La cazul ', { strong: d.case.caseNumber }, `, pasul automat „${step}” a eșuat și nu a mai fost reluat. Cazul este marcat „necesită atenție” până când pasul reușește.`],
          },
          {
            type: 'facts',
            rows: [
              { label: 'Cazul', value: d.case.caseNumber },
              { label: 'Pasul', value: step },
              { label: 'Data', value: formatInstant(d.failedAt) },
              { label: 'Codul erorii', value: d.code },
            ],
          },
          {
            type: 'paragraph',
            parts: ['Verificați în Vatra planul și înscrierile cazului. Dacă aprobarea planului nu a fost dată în Vatra, planul trebuie transmis din nou spre aprobare; altfel înscrieți copilul din pagina cazului.'],
          },
          { type: 'button', label: 'Deschide cazul', href: links.case(ctx.baseUrl, d.case.caseId) },
        ],
      };
    },
    line: (d, ctx) => [
      { link: d.case.caseNumber, href: links.case(ctx.baseUrl, d.case.caseId) },
      ` — ${attentionStepLabels[d.step]} nu s-a făcut (${d.code})`,
    ],
  },
};

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
