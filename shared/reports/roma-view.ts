/**
 * The Roma local plan as shown and reported: every action, one line per structure target, with its latest manual
 * progress (per quarter and overall) or its computed value. Pure: the plan, the recorded entries and the computed
 * values go in, the view comes out. Also decides which lines a coordinator may report on (their institution's).
 */
import type { InstitutionId } from '../platform/auth/principal.js';
import {
  compareActionIds, latestProgress, planQuarters, progressLineKey, targetLines,
  type ProgressEntry, type ProgressStatus, type QuarterKey, type RomaPlan, type RomaPlanAction, type TargetLine,
} from './roma-plan/plan.js';
import type { ComputedLineValue } from './roma-metrics.js';

/** A stored progress entry: the validated entry plus who recorded it (display name) and its id. */
export interface StoredProgress extends ProgressEntry {
  entryId: string;
  year: number;
  recordedByName: string;
  recordedByInstitution: InstitutionId;
}

/** Which of the project's institutions a structure named in the plan belongs to (for coordinators' rights). */
export const structureInstitutionPatterns: Readonly<Record<InstitutionId, readonly RegExp[]>> = {
  DAS: [/^DAS\b/, /Direcția de Asistență Socială a Municipiului Timișoara/, /^Centrul de zi „Sf\. Nicolae”/, /^Centrul de zi pentru copii Kuncz/, /^Complexul de servicii sociale Kuncz/i],
  DGASPC: [/\bDGASPC\b/, /Direcția Generală de Asistență Socială și Protecția Copilului/],
  GAL: [/\bGAL\b/, /Grupul de Acțiune Locală/],
};

export function structureInstitutions(structure: string): InstitutionId[] {
  return (Object.entries(structureInstitutionPatterns) as [InstitutionId, readonly RegExp[]][])
    .filter(([, patterns]) => patterns.some((p) => p.test(structure)))
    .map(([id]) => id);
}

/** The structures answerable for a line: the row's structure, or all responsible structures of a single-row action. */
export function lineStructures(action: RomaPlanAction, breakdownKey: string | null | undefined): string[] {
  if (breakdownKey) {
    const row = action.targetBreakdown.find((r) => r.key === breakdownKey);
    return row ? [row.structure] : [];
  }
  return [...action.responsible];
}

/** May a coordinator of `institution` report on this line? (The Roma plan officer reports on every line.) */
export function institutionAnswersFor(action: RomaPlanAction, breakdownKey: string | null | undefined, institution: InstitutionId): boolean {
  return lineStructures(action, breakdownKey).some((s) => structureInstitutions(s).includes(institution));
}

export interface RomaLineView extends TargetLine {
  lineKey: string;
  /** computed lines: Vatra's count for the plan year up to the report day */
  computed: ComputedLineValue | null;
  /** manual lines: the latest entry (latest quarter, then latest recorded) */
  latest: StoredProgress | null;
  /** manual lines: the latest entry of each quarter */
  quarters: Record<QuarterKey, StoredProgress | null>;
  /** institutions of the project answerable for the line */
  institutions: InstitutionId[];
}

export interface RomaActionView {
  id: string;
  objectiveId: string;
  text: string;
  responsible: string[];
  assisting: string[];
  deadline: RomaPlanAction['deadline'];
  funding: RomaPlanAction['funding'];
  tracking: RomaPlanAction['tracking'];
  rule: string | null;
  ruleConfidence: 'stated' | 'interpretation' | null;
  lines: RomaLineView[];
}

export interface RomaPlanView {
  year: number;
  title: string;
  source: RomaPlan['source'];
  asOf: string;
  /** entries recorded for quarters after this one are left out (quarterly report); null = all */
  upToQuarter: QuarterKey | null;
  objectives: { id: string; number: number; title: string; actions: RomaActionView[] }[];
  summary: {
    actions: number;
    computedActions: number;
    lines: number;
    computedLines: number;
    manualLines: number;
    manualLinesReported: number;
    byStatus: Record<ProgressStatus, number>;
  };
}

export function buildRomaPlanView(
  plan: RomaPlan,
  entries: readonly StoredProgress[],
  computed: readonly ComputedLineValue[],
  opts: { asOf: string; upToQuarter?: QuarterKey | null },
): RomaPlanView {
  const upTo = opts.upToQuarter ?? null;
  const relevant = entries.filter((e) => e.year === plan.year && (upTo === null || e.quarter <= upTo));
  const latest = latestProgress(relevant) as Map<string, StoredProgress>;
  const quarters = planQuarters(plan);
  const perQuarter = new Map<QuarterKey, Map<string, StoredProgress>>(
    quarters.map((q) => [q, latestProgress(relevant.filter((e) => e.quarter === q)) as Map<string, StoredProgress>]),
  );
  const byStatus: Record<ProgressStatus, number> = { not_started: 0, in_progress: 0, done: 0, at_risk: 0 };
  let lines = 0;
  let computedLines = 0;
  let manualReported = 0;

  const actionView = (a: RomaPlanAction): RomaActionView => ({
    id: a.id,
    objectiveId: a.objectiveId,
    text: a.text,
    responsible: [...a.responsible],
    assisting: [...a.assisting],
    deadline: a.deadline,
    funding: a.funding,
    tracking: a.tracking,
    rule: a.computed?.rule ?? null,
    ruleConfidence: a.computed?.confidence ?? null,
    lines: targetLines(a).map((l) => {
      const key = progressLineKey({ actionId: a.id, ...(l.breakdownKey ? { breakdownKey: l.breakdownKey } : {}) });
      const comp = l.tracking === 'computed' ? (computed.find((c) => c.actionId === a.id && c.breakdownKey === l.breakdownKey) ?? null) : null;
      const last = l.tracking === 'manual' ? (latest.get(key) ?? null) : null;
      lines += 1;
      if (l.tracking === 'computed') computedLines += 1;
      else if (last) {
        manualReported += 1;
        byStatus[last.status] += 1;
      }
      return {
        ...l,
        lineKey: key,
        computed: comp,
        latest: last,
        quarters: Object.fromEntries(quarters.map((q) => [q, l.tracking === 'manual' ? (perQuarter.get(q)!.get(key) ?? null) : null])) as Record<QuarterKey, StoredProgress | null>,
        institutions: [...new Set(lineStructures(a, l.breakdownKey).flatMap(structureInstitutions))],
      };
    }),
  });

  const actions = [...plan.actions].sort((x, y) => compareActionIds(x.id, y.id));
  const objectives = plan.objectives.map((o) => ({
    id: o.id, number: o.number, title: o.title,
    actions: actions.filter((a) => a.objectiveId === o.id).map(actionView),
  }));
  return {
    year: plan.year,
    title: plan.title,
    source: plan.source,
    asOf: opts.asOf,
    upToQuarter: upTo,
    objectives,
    summary: {
      actions: plan.actions.length,
      computedActions: plan.actions.filter((a) => a.tracking === 'computed').length,
      lines,
      computedLines,
      manualLines: lines - computedLines,
      manualLinesReported: manualReported,
      byStatus,
    },
  };
}
