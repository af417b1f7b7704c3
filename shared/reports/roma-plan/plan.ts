/**
 * The municipality's local plan for the integration of the Roma minority, held as data (one JSON file per year in
 * shared/reports/roma-plan/), and the quarterly progress the responsible structures record against it.
 *
 * An action is either a single table row (indicator and target on the action) or several rows, one per structure
 * (`targetBreakdown`, each row with its own indicator, target and funding). Four actions are computed by Vatra from
 * case data (`tracking: 'computed'`, with the metric and its parameters); everything else, and the rows of computed
 * actions that Vatra cannot see, is recorded manually every quarter.
 */
import { monthKey } from '../../platform/calendar.js';
import { z } from 'zod';
import { institutionIds } from '../../platform/auth/principal.js';

export const romaPlanMetrics = [
  'roma_children_in_service',
  'roma_children_disability_podu_lung',
  'roma_children_case_management',
  'children_identity_documents',
] as const;
export type RomaPlanMetric = (typeof romaPlanMetrics)[number];

export const progressStatuses = ['not_started', 'in_progress', 'done', 'at_risk'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];
export const progressStatusLabels: Record<ProgressStatus, string> = {
  not_started: 'Neînceput',
  in_progress: 'În desfășurare',
  done: 'Realizat',
  at_risk: 'Risc de nerealizare',
};

export const targetQualifiers = ['exact', 'minimum', 'approximate'] as const;
export type TargetQualifier = (typeof targetQualifiers)[number];
/** 'total' = over the action's whole term (no period stated in the plan) */
export const targetPeriods = ['total', 'per_year', 'per_quarter'] as const;
export type TargetPeriod = (typeof targetPeriods)[number];

export const objectiveThemes = ['housing', 'education', 'employment', 'health', 'culture', 'anti_discrimination'] as const;
export const noteKinds = ['extraction', 'typo', 'grammar', 'diacritics', 'structure', 'source', 'interpretation'] as const;

const ACTION_ID = /^[1-9]\d*\.[1-9]\d*$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data trebuie să aibă forma AAAA-LL-ZZ')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Data nu există în calendar');
const isoInstant = z.string().refine((s) => /T/.test(s) && !Number.isNaN(Date.parse(s)), 'Data și ora nu sunt valide (ISO-8601)');
const nonEmpty = (what: string) => z.string().trim().min(1, `${what}: câmp obligatoriu`);
const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Cheia rândului: litere mici, cifre și cratimă');

export const actionIdSchema = z.string().regex(ACTION_ID, 'Numărul acțiunii are forma „2.3”');
export const quarterSchema = z.string().regex(QUARTER, 'Trimestrul trebuie să aibă forma AAAA-Qn (de ex. 2026-Q1)');
export type QuarterKey = `${number}-Q${1 | 2 | 3 | 4}`;

export const measureSchema = z.object({
  value: z.number().int().nonnegative(),
  unit: nonEmpty('Unitatea'),
  qualifier: z.enum(targetQualifiers),
});
export type Measure = z.infer<typeof measureSchema>;

export const fundingSchema = z.object({
  /** the funding cell as written in the plan */
  text: nonEmpty('Sursa de finanțare'),
  sources: z.array(nonEmpty('Sursa de finanțare')).min(1),
  /** the plan's asterisk: carried out by DAS staff, no additional cost to the local budget */
  noAdditionalLocalCost: z.boolean(),
});
export type Funding = z.infer<typeof fundingSchema>;

export const deadlineSchema = z.object({
  text: nonEmpty('Termenul'),
  kind: z.enum(['year', 'school_year', 'date']),
  year: z.number().int().min(2000).max(2100),
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/).nullable(),
  dueDate: isoDate,
}).superRefine((d, ctx) => {
  if (!d.dueDate.startsWith(`${d.year}-`)) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'Data-limită nu este în anul termenului' });
  if ((d.kind === 'school_year') !== (d.schoolYear !== null)) {
    ctx.addIssue({ code: 'custom', path: ['schoolYear'], message: 'Anul școlar se completează numai pentru termenele de tip an școlar' });
  }
  if (d.schoolYear && Number(d.schoolYear.slice(5)) !== d.year) ctx.addIssue({ code: 'custom', path: ['schoolYear'], message: 'Anul școlar trebuie să se încheie în anul termenului' });
});
export type Deadline = z.infer<typeof deadlineSchema>;

const nullableCount = z.number().int().nonnegative().nullable();
const nullableUnit = z.string().trim().min(1).nullable();
const nullableQualifier = z.enum(targetQualifiers).nullable();
const nullablePeriod = z.enum(targetPeriods).nullable();

/** One structure's line inside a multi-row action (e.g. 2.3: Sf. Nicolae 10 Roma children/year). */
export const targetBreakdownEntrySchema = z.object({
  key,
  structure: nonEmpty('Structura'),
  assisting: z.array(nonEmpty('Structura care asistă')),
  /** the partnership, with each partner's role, when the row belongs to a project */
  partners: z.array(nonEmpty('Partenerul')),
  project: z.string().trim().min(1).nullable(),
  indicator: z.string().trim().min(1).nullable(),
  target: nonEmpty('Ținta'),
  /** the target's main number (null when the plan states none, e.g. „la solicitare/referire caz”) */
  value: nullableCount,
  unit: nullableUnit,
  qualifier: nullableQualifier,
  period: nullablePeriod,
  additionalTargets: z.array(measureSchema),
  funding: fundingSchema,
  tracking: z.enum(['computed', 'manual']),
});
export type TargetBreakdownEntry = z.infer<typeof targetBreakdownEntrySchema>;

const period = z.literal('calendar_year');
const serviceId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Identificator de serviciu invalid');
const computedMeta = {
  /** how Vatra counts, in Romanian, for the report's footnote */
  rule: nonEmpty('Regula de calcul'),
  /** 'stated': the counting follows from the plan's wording; 'interpretation': to be confirmed with the project */
  confidence: z.enum(['stated', 'interpretation']),
};

export const computedSpecSchema = z.discriminatedUnion('metric', [
  z.object({
    metric: z.literal('roma_children_in_service'),
    params: z.object({
      period,
      ethnicity: z.literal('roma'),
      counts: z.array(z.object({
        breakdownKey: key,
        services: z.array(serviceId).min(1),
        providerInstitution: z.enum(institutionIds).optional(),
      })).min(1)
        // a child is counted once per row it belongs to: a service in two rows would count one child twice
        .refine((rows) => new Set(rows.flatMap((r) => r.services)).size === rows.reduce((n, r) => n + r.services.length, 0), {
          message: 'Un serviciu poate aparține unui singur rând al acțiunii (altfel un copil s-ar număra de două ori)',
        }),
    }),
    ...computedMeta,
  }),
  z.object({
    metric: z.literal('roma_children_disability_podu_lung'),
    params: z.object({ period, ethnicity: z.literal('roma'), breakdownKey: key, services: z.array(serviceId).min(1), targetBasis: z.literal('on_referral') }),
    ...computedMeta,
  }),
  z.object({
    metric: z.literal('roma_children_case_management'),
    params: z.object({ period, ethnicity: z.literal('roma'), institution: z.enum(institutionIds), activities: z.array(z.enum(['evaluation', 'review'])).min(1) }),
    ...computedMeta,
  }),
  z.object({
    metric: z.literal('children_identity_documents'),
    params: z.object({ period, ethnicity: z.literal('any'), breakdownKey: key, institution: z.enum(institutionIds), persons: z.array(z.enum(['child', 'legal_representative'])).min(1) }),
    ...computedMeta,
  }),
]);
export type ComputedSpec = z.infer<typeof computedSpecSchema>;

/** The breakdown rows a computed spec counts (none: the whole action is computed). */
export function computedBreakdownKeys(spec: ComputedSpec): string[] {
  switch (spec.metric) {
    case 'roma_children_in_service': return spec.params.counts.map((c) => c.breakdownKey);
    case 'roma_children_disability_podu_lung':
    case 'children_identity_documents': return [spec.params.breakdownKey];
    case 'roma_children_case_management': return [];
  }
}

const measureConsistency = (
  ctx: z.RefinementCtx,
  path: (string | number)[],
  v: number | null, u: string | null, q: string | null,
) => {
  if ((v === null) !== (u === null) || (v === null) !== (q === null)) {
    ctx.addIssue({ code: 'custom', path, message: 'Valoarea, unitatea și calificativul țintei se completează împreună' });
  }
};

export const romaPlanActionSchema = z.object({
  id: actionIdSchema,
  objectiveId: z.string().regex(/^OS[1-9]\d*$/),
  text: nonEmpty('Acțiunea'),
  responsible: z.array(nonEmpty('Structura responsabilă')).min(1, 'Acțiunea are cel puțin o structură responsabilă'),
  assisting: z.array(nonEmpty('Structura care asistă')),
  indicator: z.string().trim().min(1).nullable(),
  target: z.string().trim().min(1).nullable(),
  targetValue: nullableCount,
  targetUnit: nullableUnit,
  targetQualifier: nullableQualifier,
  targetPeriod: nullablePeriod,
  additionalTargets: z.array(measureSchema),
  targetBreakdown: z.array(targetBreakdownEntrySchema),
  deadline: deadlineSchema,
  funding: fundingSchema,
  tracking: z.enum(['computed', 'manual']),
  computed: computedSpecSchema.nullable(),
}).superRefine((a, ctx) => {
  if (a.objectiveId !== `OS${a.id.split('.')[0]}`) ctx.addIssue({ code: 'custom', path: ['objectiveId'], message: `Acțiunea ${a.id} nu aparține obiectivului ${a.objectiveId}` });
  measureConsistency(ctx, ['targetValue'], a.targetValue, a.targetUnit, a.targetQualifier);
  if (a.targetBreakdown.length === 0) {
    if (a.target === null) ctx.addIssue({ code: 'custom', path: ['target'], message: 'Acțiunea fără rânduri pe structuri are o țintă' });
  } else {
    if (a.target !== null || a.targetValue !== null || a.indicator !== null || a.additionalTargets.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'Acțiunea cu rânduri pe structuri își ține indicatorii și țintele în rânduri' });
    }
    const keys = a.targetBreakdown.map((r) => r.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['targetBreakdown'], message: 'Cheile rândurilor trebuie să fie unice' });
    for (const [i, r] of a.targetBreakdown.entries()) measureConsistency(ctx, ['targetBreakdown', i, 'value'], r.value, r.unit, r.qualifier);
  }
  if ((a.tracking === 'computed') !== (a.computed !== null)) {
    ctx.addIssue({ code: 'custom', path: ['computed'], message: 'O acțiune calculată are specificația calculului, iar una manuală nu' });
  }
  const computedRows = a.targetBreakdown.filter((r) => r.tracking === 'computed').map((r) => r.key).sort();
  const expected = a.computed ? computedBreakdownKeys(a.computed).sort() : [];
  if (computedRows.join('|') !== expected.join('|')) {
    ctx.addIssue({ code: 'custom', path: ['targetBreakdown'], message: 'Rândurile marcate „computed” trebuie să fie exact cele numărate de specificația calculului' });
  }
});
export type RomaPlanAction = z.infer<typeof romaPlanActionSchema>;

export const romaPlanObjectiveSchema = z.object({
  id: z.string().regex(/^OS[1-9]\d*$/),
  number: z.number().int().positive(),
  title: nonEmpty('Titlul obiectivului'),
  theme: z.enum(objectiveThemes),
});
export type RomaPlanObjective = z.infer<typeof romaPlanObjectiveSchema>;

export const romaPlanNoteSchema = z.object({
  kind: z.enum(noteKinds),
  text: nonEmpty('Nota'),
  actionIds: z.array(actionIdSchema).optional(),
  /** for corrections: the text as in the source and as transcribed */
  original: z.string().min(1).optional(),
  corrected: z.string().min(1).optional(),
}).refine((n) => (n.original === undefined) === (n.corrected === undefined), 'O corectură are atât textul original, cât și pe cel corectat');

export const romaPlanSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  title: nonEmpty('Titlul planului'),
  source: z.object({
    document: nonEmpty('Documentul sursă'),
    /** the source text, relative to shared/reports/roma-plan/ */
    file: nonEmpty('Fișierul sursă'),
    origin: nonEmpty('Originea'),
    footnotes: z.record(z.string(), z.string()),
    confidence: z.enum(['transcribed', 'draft']),
  }),
  progressCadence: z.literal('quarterly'),
  objectives: z.array(romaPlanObjectiveSchema).min(1),
  actions: z.array(romaPlanActionSchema).min(1),
  glossary: z.record(z.string(), z.string()),
  notes: z.array(romaPlanNoteSchema),
}).superRefine((p, ctx) => {
  const objectiveIds = p.objectives.map((o) => o.id);
  if (new Set(objectiveIds).size !== objectiveIds.length) ctx.addIssue({ code: 'custom', path: ['objectives'], message: 'Obiectivele trebuie să aibă identificatori unici' });
  p.objectives.forEach((o, i) => {
    if (o.id !== `OS${o.number}`) ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: `Obiectivul ${o.id} are numărul ${o.number}` });
    if (!p.actions.some((a) => a.objectiveId === o.id)) ctx.addIssue({ code: 'custom', path: ['objectives', i], message: `Obiectivul ${o.id} nu are nicio acțiune` });
  });
  const actionIds = p.actions.map((a) => a.id);
  if (new Set(actionIds).size !== actionIds.length) ctx.addIssue({ code: 'custom', path: ['actions'], message: 'Acțiunile trebuie să aibă numere unice' });
  p.actions.forEach((a, i) => {
    if (!objectiveIds.includes(a.objectiveId)) ctx.addIssue({ code: 'custom', path: ['actions', i, 'objectiveId'], message: `Obiectivul ${a.objectiveId} nu există în plan` });
    if (a.deadline.year !== p.year) ctx.addIssue({ code: 'custom', path: ['actions', i, 'deadline'], message: `Termenul acțiunii ${a.id} nu este în anul planului` });
  });
  for (const [i, n] of p.notes.entries()) {
    for (const id of n.actionIds ?? []) {
      if (!actionIds.includes(id)) ctx.addIssue({ code: 'custom', path: ['notes', i, 'actionIds'], message: `Nota trimite la o acțiune inexistentă (${id})` });
    }
  }
});
export type RomaPlan = z.infer<typeof romaPlanSchema>;

/** What a responsible structure submits for one action (or one row of a multi-row action) and one quarter. */
export const progressFormSchema = z.object({
  actionId: actionIdSchema,
  /** required for a multi-row action: which structure's row */
  breakdownKey: key.optional(),
  quarter: quarterSchema,
  value: z.number({ error: 'Valoarea trebuie să fie un număr' }).int('Valoarea este un număr întreg').nonnegative('Valoarea nu poate fi negativă').optional(),
  status: z.enum(progressStatuses, { error: 'Alegeți stadiul: neînceput, în desfășurare, realizat sau risc de nerealizare' }),
  evidenceNotes: z.string().trim().max(2000, 'Dovezile și observațiile: maximum 2000 de caractere'),
}).superRefine((e, ctx) => {
  if (e.status === 'at_risk' && e.evidenceNotes.length < 10) {
    ctx.addIssue({ code: 'custom', path: ['evidenceNotes'], message: 'Explicați de ce acțiunea este în risc de nerealizare (minimum 10 caractere)' });
  }
});
export type ProgressForm = z.infer<typeof progressFormSchema>;

export const progressEntrySchema = z.object({
  actionId: actionIdSchema,
  breakdownKey: key.optional(),
  quarter: quarterSchema,
  value: z.number().int().nonnegative().optional(),
  status: z.enum(progressStatuses),
  evidenceNotes: z.string().max(2000),
  recordedBy: nonEmpty('Utilizatorul'),
  recordedAt: isoInstant,
});
export type ProgressEntry = z.infer<typeof progressEntrySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers

export function findAction(plan: RomaPlan, actionId: string): RomaPlanAction | undefined {
  return plan.actions.find((a) => a.id === actionId);
}

/** Actions in table order (1.1, 1.2, …, 2.9, 2.10, …). */
export function compareActionIds(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

export interface TargetLine {
  breakdownKey: string | null;
  structure: string;
  indicator: string | null;
  target: string;
  value: number | null;
  unit: string | null;
  qualifier: TargetQualifier | null;
  period: TargetPeriod | null;
  tracking: 'computed' | 'manual';
}

/** One line per structure target: the rows of a multi-row action, or the action itself. */
export function targetLines(action: RomaPlanAction): TargetLine[] {
  if (action.targetBreakdown.length === 0) {
    return [{
      breakdownKey: null,
      structure: action.responsible.join(' / '),
      indicator: action.indicator,
      target: action.target ?? '',
      value: action.targetValue,
      unit: action.targetUnit,
      qualifier: action.targetQualifier,
      period: action.targetPeriod,
      tracking: action.tracking,
    }];
  }
  return action.targetBreakdown.map((r) => ({
    breakdownKey: r.key, structure: r.structure, indicator: r.indicator, target: r.target,
    value: r.value, unit: r.unit, qualifier: r.qualifier, period: r.period, tracking: r.tracking,
  }));
}

/** The targets Vatra computes for an action (empty for a manual action). */
export function computedTargets(action: RomaPlanAction): TargetLine[] {
  return targetLines(action).filter((l) => l.tracking === 'computed');
}

/** The lines a structure must report on manually each quarter. */
export function manualProgressLines(action: RomaPlanAction): TargetLine[] {
  return targetLines(action).filter((l) => l.tracking === 'manual');
}

/** The calendar quarter (Europe/Bucharest) an instant falls in. */
export function quarterOf(instant: Date | string): QuarterKey {
  const [year, month] = monthKey(instant).split('-').map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`;
}

export function parseQuarter(quarter: string): { year: number; q: 1 | 2 | 3 | 4 } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`Invalid quarter: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) as 1 | 2 | 3 | 4 };
}

/** The three month keys ('YYYY-MM') of a quarter. */
export function quarterMonths(quarter: string): [string, string, string] {
  const { year, q } = parseQuarter(quarter);
  const m = (i: number) => `${year}-${String((q - 1) * 3 + i).padStart(2, '0')}`;
  return [m(1), m(2), m(3)];
}

export function planQuarters(plan: Pick<RomaPlan, 'year'>): QuarterKey[] {
  return ([1, 2, 3, 4] as const).map((q) => `${plan.year}-Q${q}` as QuarterKey);
}

export const progressErrorCodes = [
  'ROMA_ACTION_UNKNOWN',
  'ROMA_PROGRESS_ROW_REQUIRED',
  'ROMA_PROGRESS_ROW_UNKNOWN',
  'ROMA_PROGRESS_ROW_NOT_ALLOWED',
  'ROMA_PROGRESS_COMPUTED',
  'ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN',
  'ROMA_PROGRESS_QUARTER_IN_FUTURE',
] as const;
export type ProgressErrorCode = (typeof progressErrorCodes)[number];

export type ProgressCheck = { ok: true; line: TargetLine } | { ok: false; code: ProgressErrorCode; message: string; field: 'actionId' | 'breakdownKey' | 'quarter' };

/**
 * Whether a progress report fits the plan: the action (and, for multi-row actions, the structure's row) exists,
 * is recorded manually (computed lines come from case data), and the quarter is one of the plan year's quarters
 * that has already started at `now`.
 */
export function checkProgress(plan: RomaPlan, form: Pick<ProgressForm, 'actionId' | 'breakdownKey' | 'quarter'>, now: Date): ProgressCheck {
  const action = findAction(plan, form.actionId);
  if (!action) return { ok: false, code: 'ROMA_ACTION_UNKNOWN', field: 'actionId', message: `Acțiunea ${form.actionId} nu există în planul pentru anul ${plan.year}.` };
  let line: TargetLine | undefined;
  if (action.targetBreakdown.length > 0) {
    if (!form.breakdownKey) return { ok: false, code: 'ROMA_PROGRESS_ROW_REQUIRED', field: 'breakdownKey', message: `Acțiunea ${action.id} are ținte pe structuri: alegeți structura pentru care raportați.` };
    line = targetLines(action).find((l) => l.breakdownKey === form.breakdownKey);
    if (!line) return { ok: false, code: 'ROMA_PROGRESS_ROW_UNKNOWN', field: 'breakdownKey', message: `Structura aleasă nu face parte din acțiunea ${action.id}.` };
  } else {
    if (form.breakdownKey) return { ok: false, code: 'ROMA_PROGRESS_ROW_NOT_ALLOWED', field: 'breakdownKey', message: `Acțiunea ${action.id} nu are ținte pe structuri; raportați pentru întreaga acțiune.` };
    line = targetLines(action)[0]!;
  }
  if (line.tracking === 'computed') {
    return { ok: false, code: 'ROMA_PROGRESS_COMPUTED', field: line.breakdownKey ? 'breakdownKey' : 'actionId', message: `Progresul pentru ${action.id} (${line.structure}) este calculat de Vatra din datele cazurilor și nu se introduce manual.` };
  }
  const { year } = parseQuarter(form.quarter);
  if (year !== plan.year) return { ok: false, code: 'ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN', field: 'quarter', message: `Trimestrul ${form.quarter} nu aparține planului pentru anul ${plan.year}.` };
  if (form.quarter > quarterOf(now)) return { ok: false, code: 'ROMA_PROGRESS_QUARTER_IN_FUTURE', field: 'quarter', message: `Trimestrul ${form.quarter} nu a început încă.` };
  return { ok: true, line };
}

/** Identifies what a progress entry reports on: an action or one row of it. */
export function progressLineKey(entry: Pick<ProgressEntry, 'actionId' | 'breakdownKey'>): string {
  return entry.breakdownKey ? `${entry.actionId}#${entry.breakdownKey}` : entry.actionId;
}

/**
 * The current state of every line: the entry for the latest quarter, and within a quarter the latest recorded
 * (a correction supersedes the earlier report). Independent of the order entries arrive in.
 */
export function latestProgress(entries: readonly ProgressEntry[]): Map<string, ProgressEntry> {
  const latest = new Map<string, ProgressEntry>();
  for (const e of entries) {
    const k = progressLineKey(e);
    const cur = latest.get(k);
    if (!cur || isLater(e, cur)) latest.set(k, e);
  }
  return latest;
}

function isLater(a: ProgressEntry, b: ProgressEntry): boolean {
  if (a.quarter !== b.quarter) return a.quarter > b.quarter;
  const ta = Date.parse(a.recordedAt);
  const tb = Date.parse(b.recordedAt);
  if (ta !== tb) return ta > tb;
  // identical instants: a stable, order-independent tie-break
  return `${a.recordedBy}|${a.status}|${a.value ?? ''}|${a.evidenceNotes}` > `${b.recordedBy}|${b.status}|${b.value ?? ''}|${b.evidenceNotes}`;
}
