/**
 * The cases area's mails (issue #19: each area owns its mail templates): tasks assigned, due and overdue, plans
 * awaiting approval, consents expiring, children turning 18, Observator registrations missing, cases needing
 * attention. Written with the notifications kit (shared/notifications/model.ts); shared/notifications/templates.ts
 * gathers them with the other areas' kinds and renders them. Pure: schemas and templates, no I/O.
 */
import { z } from 'zod';
import { institutionIds, roleLabels, roles } from '../platform/auth/principal.js';
import {
  caseLinkParagraph, caseRef, countOf, days, dayCount, formatDate, formatInstant, formatInt, formatMonth, inDays, isoDate, isoInstant, links, mailItem, monthKey,
  opaqueId, positive, REASON_ASSIGNEE, REASON_COORDINATOR, strict, type CaseRef, type TemplatesOf,
} from '../notifications/model.js';
import { taskKindLabels, taskKinds, trackConfig, tracks, type TaskKind, type TrackConfig } from './config.js';

const taskKind = z.enum(taskKinds, { error: 'Tip de sarcină necunoscut' });
const taskRef = strict({ taskId: opaqueId('Identificatorul sarcinii'), kind: taskKind, dueDate: isoDate.optional() });
const taskWithDue = strict({ taskId: opaqueId('Identificatorul sarcinii'), kind: taskKind, dueDate: isoDate });
const planType = z.enum(['PS', 'PIP'], { error: 'Tipul planului este PS sau PIP' });

type TaskRef = z.infer<typeof taskRef>;
type PlanType = TrackConfig['planType'];

// ---------------------------------------------------------------------------------------------------------------
// Data schemas, one per kind

const taskAssignedSchema = strict({ task: taskRef, case: caseRef.optional() });
const taskDueSoonSchema = strict({ task: taskWithDue, daysLeft: dayCount, case: caseRef.optional() });
const taskOverdueSchema = strict({ task: taskWithDue, daysOverdue: dayCount.min(1, 'Întârzierea este de cel puțin o zi'), case: caseRef.optional() });
/** To the coordinator after the grace period: who is responsible (role, institution), never which child. */
const taskOverdueCoordinatorSchema = strict({
  task: taskWithDue,
  daysOverdue: dayCount.min(1, 'Întârzierea este de cel puțin o zi'),
  graceDays: dayCount,
  assignee: strict({ role: z.enum(roles, { error: 'Rol necunoscut' }), institution: z.enum(institutionIds, { error: 'Instituție necunoscută' }) }),
}).refine((d) => d.daysOverdue >= d.graceDays, { message: 'Coordonatorul este anunțat numai după perioada de grație', path: ['daysOverdue'] });
const planAwaitingApprovalSchema = strict({
  case: caseRef,
  planType,
  planVersion: positive.optional(),
  submittedAt: isoInstant.optional(),
  /** the coordinator's approval task, when the workflow created one */
  taskId: opaqueId('Identificatorul sarcinii').optional(),
});
const consentExpiringSchema = strict({ case: caseRef, expiresOn: isoDate, daysLeft: dayCount });
/**
 * Only the month, never the birthday. The ages come from the legal configuration (age of majority; age to which
 * special protection may continue during full-time studies), not from this template.
 */
const childTurning18Schema = strict({
  case: caseRef,
  month: monthKey,
  ageLimitYears: z.number().int().min(14).max(26),
  studiesAgeLimitYears: z.number().int().min(14).max(30).optional(),
});
const observatorRegistrationMissingSchema = strict({
  case: caseRef,
  planType,
  planApprovedOn: isoDate,
  daysSinceApproval: dayCount,
  taskId: opaqueId('Identificatorul sarcinii').optional(),
});

/** Automatic steps of the pathway whose failure is reported (decision record 016). */
const attentionSteps = ['enrol_from_plan'] as const;
export const attentionStepLabels: Record<(typeof attentionSteps)[number], string> = {
  enrol_from_plan: 'înscrierea copilului în serviciile planului aprobat',
};
/**
 * To the case's coordinators: an automatic workflow step failed for good and the case is flagged "needs attention".
 * The stable code of the failure, never its text (which could name someone).
 */
const caseNeedsAttentionSchema = strict({
  case: caseRef,
  step: z.enum(attentionSteps, { error: 'Pas necunoscut' }),
  failedAt: isoInstant,
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'Codul erorii are forma COD_STABIL'),
});

/** The cases area's kinds and their data, in the order the gatherer lists them. */
const schemas = {
  task_assigned: taskAssignedSchema,
  task_due_soon: taskDueSoonSchema,
  task_overdue: taskOverdueSchema,
  task_overdue_coordinator: taskOverdueCoordinatorSchema,
  plan_awaiting_approval: planAwaitingApprovalSchema,
  consent_expiring: consentExpiringSchema,
  child_turning_18: childTurning18Schema,
  observator_registration_missing: observatorRegistrationMissingSchema,
  case_needs_attention: caseNeedsAttentionSchema,
};

/** `{ kind, data }` of each kind, for the gathered message schema. */
export const casesMailItems = [
  mailItem('task_assigned', taskAssignedSchema),
  mailItem('task_due_soon', taskDueSoonSchema),
  mailItem('task_overdue', taskOverdueSchema),
  mailItem('task_overdue_coordinator', taskOverdueCoordinatorSchema),
  mailItem('plan_awaiting_approval', planAwaitingApprovalSchema),
  mailItem('consent_expiring', consentExpiringSchema),
  mailItem('child_turning_18', childTurning18Schema),
  mailItem('observator_registration_missing', observatorRegistrationMissingSchema),
  mailItem('case_needs_attention', caseNeedsAttentionSchema),
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Wording

const planLabels = Object.fromEntries(tracks.map((t) => [trackConfig[t].planType, trackConfig[t].planLabel])) as Record<PlanType, string>;
const planName = (t: PlanType) => `${planLabels[t]} (${t})`;
/** mid-sentence form: 'plan de servicii (PS)' */
const planPhrase = (t: PlanType) => `${planLabels[t].charAt(0).toLowerCase()}${planLabels[t].slice(1)} (${t})`;
const years = (n: number) => countOf(n, 'an', 'ani');
const taskLabel = (k: TaskKind) => taskKindLabels[k];
const caseSuffix = (c?: CaseRef) => (c ? ` — ${c.caseNumber}` : '');

function taskFacts(task: TaskRef, kase?: CaseRef): { label: string; value: string }[] {
  return [
    { label: 'Sarcina', value: taskLabel(task.kind) },
    ...(kase ? [{ label: 'Cazul', value: kase.caseNumber }] : []),
    ...(task.dueDate ? [{ label: 'Termen', value: formatDate(task.dueDate) }] : []),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Templates

export const casesMailTemplates: TemplatesOf<typeof schemas> = {
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
