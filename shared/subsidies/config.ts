/**
 * The monthly subsidy (măsuri de acompaniere — sprijin financiar pentru familii) as configuration.
 * Source: comunicat de presă al proiectului 328741, activitatea 6: „subvenții lunare în valoare de 400 lei/copil pentru
 * un total de 266 de copii […] Pentru 187 copii […] minim 18 luni, iar pentru 79 copii […] minim 12 luni.”
 * Validated by the schema in the unit test (config.test.ts; not parsed at every cold start, docs/decisions/018): amounts
 * must cover the project period exactly, cohorts must add up to the target group and the
 * minimum total must equal Σ quota × months × amount.
 */
import { z } from 'zod';
import { project } from '../project/project.js';
import { legalDefaults } from '../project/legal-defaults.js';

const monthKey = /* @__PURE__ */ z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const seed = 'Cererea de finanțare / comunicat proiect 328741';

export const cohortIds = ['18m', '12m'] as const;
export type CohortId = (typeof cohortIds)[number];

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

export const subsidyConfigSchema = /* @__PURE__ */ z
  .object({
    amounts: z.array(z.object({ from: monthKey, to: monthKey, amountLei: z.number().int().positive(), source: z.string().min(5) })).min(1),
    projectPeriod: z.object({ from: monthKey, to: monthKey }),
    cohorts: z.array(z.object({ id: z.enum(cohortIds), label: z.string(), minMonths: z.number().int().positive(), quota: z.number().int().positive() })).length(cohortIds.length),
    minimumChildMonths: z.number().int().positive(),
    minimumTotalLei: z.number().int().positive(),
    /** subsidy budget line the warnings are computed against (no separate figure in the seeds: the minimum total) */
    budgetLei: z.number().positive(),
    budgetConfirmed: z.boolean(),
    budgetWarningThresholds: z.array(z.number().gt(0).max(1)).min(1),
    /**
     * At most this many paid months per child. `null` (default): no cap other than the project period — the cohorts'
     * 18 and 12 months are minimums the project promised, not maximums, so a child who keeps participating keeps being
     * paid while the project lasts. Set a number if the project decides to cap it.
     */
    maxMonthsPerChild: z.number().int().positive().nullable(),
    /** a child enrolled in several services: active in 'any' of them, or in 'all' of them */
    participationPolicy: z.enum(['any', 'all']),
    /**
     * Age: no subsidy for a month in which the child is `limitYears` or older for the whole month. The month of the
     * birthday follows `birthdayMonth`: 'paid' (paid like any month), 'not_paid', or 'paid_if_participated_before'
     * (paid when the month's participation is active and the child held a place on an expected day before the
     * birthday — the registers keep counters per month, not the day of each presence).
     */
    age: z.object({
      limitYears: z.number().int().positive(),
      limitSource: z.string().min(5),
      birthdayMonth: z.enum(['paid', 'not_paid', 'paid_if_participated_before']),
      birthdayMonthSource: z.string().min(5),
      birthdayMonthConfirmed: z.boolean(),
    }),
    /**
     * A month in which every service of the child was closed (0 expected days: closures and holidays took every open
     * day). Never held against the child (not `REGISTER_INCOMPLETE`, not low participation). 'not_counted' (default):
     * not paid and not counted toward the cohort minimum — there was no participation to pay for; 'paid': paid and
     * counted like an active month (the family keeps its support while the centre is closed).
     */
    closedMonth: z.object({ treatment: z.enum(['not_counted', 'paid']), source: z.string().min(5), confirmed: z.boolean() }),
    source: z.string(),
  })
  .superRefine((c, ctx) => {
    const sorted = [...c.amounts].sort((a, b) => a.from.localeCompare(b.from));
    let expected = c.projectPeriod.from;
    for (const a of sorted) {
      if (a.to < a.from) ctx.addIssue({ code: 'custom', path: ['amounts'], message: `Perioada ${a.from}…${a.to} este inversată` });
      if (a.from !== expected) ctx.addIssue({ code: 'custom', path: ['amounts'], message: `Sumele nu acoperă continuu perioada proiectului (așteptat ${expected}, găsit ${a.from})` });
      expected = nextMonth(a.to);
    }
    if (expected !== nextMonth(c.projectPeriod.to)) ctx.addIssue({ code: 'custom', path: ['amounts'], message: 'Sumele nu acoperă exact perioada proiectului' });
    const quotas = c.cohorts.reduce((n, k) => n + k.quota, 0);
    if (quotas !== project.targetGroupCounts.children) ctx.addIssue({ code: 'custom', path: ['cohorts'], message: `Cotele cohortelor însumează ${quotas}, nu ${project.targetGroupCounts.children}` });
    const childMonths = c.cohorts.reduce((n, k) => n + k.quota * k.minMonths, 0);
    if (childMonths !== c.minimumChildMonths) ctx.addIssue({ code: 'custom', path: ['minimumChildMonths'], message: `Σ cotă × luni = ${childMonths}, nu ${c.minimumChildMonths}` });
    if (new Set(c.amounts.map((a) => a.amountLei)).size === 1 && c.minimumChildMonths * c.amounts[0]!.amountLei !== c.minimumTotalLei) {
      ctx.addIssue({ code: 'custom', path: ['minimumTotalLei'], message: 'Totalul minim diferă de luni-copil × sumă' });
    }
    const ts = c.budgetWarningThresholds;
    if (ts.some((t, i) => i > 0 && t <= ts[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['budgetWarningThresholds'], message: 'Pragurile trebuie să fie crescătoare' });
  });
export type SubsidyConfig = z.infer<typeof subsidyConfigSchema>;

export const subsidyConfig: SubsidyConfig = ({
  amounts: [{ from: '2025-03', to: '2028-02', amountLei: 400, source: seed }],
  projectPeriod: { from: project.period.start, to: project.period.end },
  cohorts: [
    { id: '18m', label: 'Cohorta de cel puțin 18 luni', minMonths: 18, quota: 187 },
    { id: '12m', label: 'Cohorta de cel puțin 12 luni', minMonths: 12, quota: 79 },
  ],
  minimumChildMonths: 4_314,
  minimumTotalLei: 1_725_600,
  budgetLei: 1_725_600,
  budgetConfirmed: false,
  budgetWarningThresholds: [0.8, 0.9, 1.0],
  maxMonthsPerChild: null,
  participationPolicy: 'any',
  age: {
    limitYears: legalDefaults().childAgeLimitYears.value,
    limitSource: legalDefaults().childAgeLimitYears.source,
    birthdayMonth: 'paid_if_participated_before',
    birthdayMonthSource: 'Vatra, issue #17 — regula lunii în care copilul împlinește 18 ani nu este definită în documentele proiectului (neconfirmat)',
    birthdayMonthConfirmed: false,
  },
  closedMonth: {
    treatment: 'not_counted',
    source: 'Vatra, issue #17 / decizia 014: subvenția este „condiționată de participarea activă” (activitatea 6); o lună fără nicio zi de program nu are participare de plătit — nedefinit în documentele proiectului (neconfirmat)',
    confirmed: false,
  },
  source: `${seed}, activitatea 6 (măsuri de acompaniere)`,
});

export const cohortLabels: Record<CohortId, string> = Object.fromEntries(subsidyConfig.cohorts.map((c) => [c.id, c.label])) as Record<CohortId, string>;
