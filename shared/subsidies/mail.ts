/**
 * The subsidies area's mails (issue #19: each area owns its mail templates): a monthly run awaiting approval, a run
 * approved, the payment file ready for finance, a child's cohort months running out. Written with the notifications
 * kit (shared/notifications/model.ts); shared/notifications/templates.ts gathers them with the other areas' kinds and
 * renders them. Pure: schemas and templates, no I/O; identifiers, months, counts and amounts only — never a name.
 */
import { z } from 'zod';
import {
  caseRef, count, countOf, formatInstant, formatInt, formatLei, formatMonth, isoInstant, lei, links, mailItem, monthCount, monthKey, months,
  nonNegativeLei, opaqueId, positive, REASON_COORDINATOR, strict, type TemplatesOf,
} from '../notifications/model.js';

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

/** `{ kind, data }` of each kind, for the gathered message schema. */
export const subsidiesMailItems = [
  mailItem('monthly_run_awaiting_approval', monthlyRunAwaitingApprovalSchema),
  mailItem('monthly_run_approved', monthlyRunApprovedSchema),
  mailItem('payment_file_ready', paymentFileReadySchema),
  mailItem('cohort_months_running_out', cohortMonthsRunningOutSchema),
] as const;

const payments = (n: number) => countOf(n, 'plată', 'plăți');

export const subsidiesMailTemplates: TemplatesOf<typeof subsidySchemas> = {
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
