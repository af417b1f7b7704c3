/**
 * The EU project's indicators as of a calendar day — a pure function of the report facts. Every figure keeps the
 * case ids behind it (the drill-down) and its split by partner institution.
 *
 * Definitions (docs/decisions/010-reporting.md):
 * - participant: a child whose case entered the target group (first approved plan or first enrolment) on or before
 *   the day, unless the case was closed as "not in the target group"; children are counted once across their cases;
 * - service figures: participants with an enrolment (not only on a waiting list) in the target's services that began
 *   on or before the day;
 * - child-months: distinct (child, month) with a net positive payment recorded on or before the day;
 * - outcomes: participants' cases closed on or before the day, by closure reason (shared/reports/config.ts).
 */
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';
import { project, budget as projectBudget } from '../project/project.js';
import { getService, serviceTargets } from '../services/index.js';
import { subsidyConfig, type CohortId } from '../subsidies/index.js';
import { budgetStatus, type BudgetStatus } from '../subsidies/index.js';
import { childKeys, countChildren } from './children.js';
import { reportingConfig, type ReportingConfig } from './config.js';
import type { EnrolmentFact, PaidMonthFact, ReportCase, ReportData } from './model.js';

export const indicatorGroups = ['target_group', 'tracks', 'services', 'observator', 'cohorts', 'subsidies', 'outcomes'] as const;
export type IndicatorGroup = (typeof indicatorGroups)[number];

export const indicatorGroupLabels: Record<IndicatorGroup, string> = {
  target_group: 'Grupul țintă',
  tracks: 'Trasee',
  services: 'Servicii',
  observator: 'Observatorul Național al Copilului',
  cohorts: 'Cohorte și luni-copil plătite',
  subsidies: 'Subvenții',
  outcomes: 'Rezultate',
};

export type IndicatorUnit = 'children' | 'plans' | 'child_months' | 'lei' | 'cases';
export const unitLabels: Record<IndicatorUnit, string> = {
  children: 'copii',
  plans: 'planuri',
  child_months: 'luni-copil',
  lei: 'lei',
  cases: 'cazuri',
};

export interface Indicator {
  id: string;
  group: IndicatorGroup;
  label: string;
  unit: IndicatorUnit;
  value: number;
  /** the project's target (a minimum) when there is one */
  target: number | null;
  /** the figure says something about ethnicity: small counts are suppressed outside the project team */
  involvesEthnicity: boolean;
  byInstitution: Record<InstitutionId, number>;
  /** the cases behind the figure */
  caseIds: string[];
  note?: string;
}

export interface IndicatorSet {
  asOf: string;
  indicators: Indicator[];
  budget: BudgetStatus;
  /** separation prevented / (prevented + separated), null when no case has closed either way */
  preventionRate: number | null;
}

const zeroByInstitution = (): Record<InstitutionId, number> => Object.fromEntries(institutionIds.map((i) => [i, 0])) as Record<InstitutionId, number>;

const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** Is the case a participant (in the target group) on `asOf`? */
export function isParticipant(c: ReportCase, asOf: string, config: ReportingConfig = reportingConfig): boolean {
  if (!c.enteredOn || c.enteredOn > asOf) return false;
  if (c.closureReason && c.closedOn && c.closedOn <= asOf && (config.notInTargetGroup.value as readonly string[]).includes(c.closureReason)) return false;
  return true;
}

/** Enrolments that count on `asOf`: begun by then, not merely on a waiting list. */
export function enrolledBy(e: EnrolmentFact, asOf: string): boolean {
  return e.status !== 'waiting' && e.from <= asOf;
}

/** The day a payment counts from: recorded day, or the end of the paid month when the ledger has no date. */
export const paymentDay = (p: PaidMonthFact): string => p.paidOn ?? lastDayOfMonth(p.month);

/** The note of `plans_registered`: the target and how many participants' cases have entered so far. */
export const plansRegisteredNote = (participantCases: number): string =>
  `Ținta: planurile celor ${project.targetGroupCounts.children} de copii din grupul țintă se înregistrează în Observator (${participantCases} intrați până acum).`;

export function computeIndicators(data: ReportData, asOf: string, config: ReportingConfig = reportingConfig): IndicatorSet {
  const figures = computeFigures(data, asOf, config);
  return { ...figures, budget: budgetOf(figures.indicators) };
}

/** The budget status from the paid-subsidies figure. */
export function budgetOf(indicators: readonly Indicator[]): BudgetStatus {
  const paidLei = indicators.find((i) => i.id === 'subsidies_paid')?.value ?? 0;
  return budgetStatus({ paidLei, committedLei: 0, budgetLei: subsidyConfig.budgetLei });
}

/** Every figure of the indicator set but the budget (the aggregates compute one child at a time: shared/reports/aggregates.ts). */
export function computeFigures(data: ReportData, asOf: string, config: ReportingConfig = reportingConfig): Omit<IndicatorSet, 'budget'> {
  const keys = childKeys(data.cases);
  const byId = new Map(data.cases.map((c) => [c.caseId, c]));
  const participants = data.cases.filter((c) => isParticipant(c, asOf, config));
  const participantIds = new Set(participants.map((c) => c.caseId));
  const indicators: Indicator[] = [];

  const childrenIndicator = (
    id: string, group: IndicatorGroup, label: string, cases: readonly ReportCase[], target: number | null,
    opts: { ethnicity?: boolean; unit?: IndicatorUnit; note?: string; distinct?: boolean } = {},
  ): Indicator => {
    const ids = [...new Set(cases.map((c) => c.caseId))].sort();
    const distinct = opts.distinct ?? true;
    const byInstitution = zeroByInstitution();
    for (const inst of institutionIds) {
      const mine = ids.filter((i) => byId.get(i)?.institution === inst);
      byInstitution[inst] = distinct ? countChildren(mine, keys) : mine.length;
    }
    return {
      id, group, label, unit: opts.unit ?? 'children',
      value: distinct ? countChildren(ids, keys) : ids.length,
      target, involvesEthnicity: opts.ethnicity ?? false, byInstitution, caseIds: ids,
      ...(opts.note ? { note: opts.note } : {}),
    };
  };

  // target group and tracks
  const t = project.targetGroupCounts;
  indicators.push(childrenIndicator('participants', 'target_group', 'Copii în grupul țintă', participants, t.children));
  indicators.push(childrenIndicator('participants_roma', 'target_group', 'din care copii romi (etnie declarată)', participants.filter((c) => c.ethnicity === 'roma'), t.roma, { ethnicity: true }));
  indicators.push(childrenIndicator('track_prevention', 'tracks', 'Traseul de prevenire a separării (DAS)', participants.filter((c) => c.track === 'prevention'), t.prevention));
  indicators.push(childrenIndicator('track_reintegration', 'tracks', 'Traseul de reintegrare în familie (DGASPC)', participants.filter((c) => c.track === 'reintegration'), t.reintegration));

  // services (the catalogue's targets)
  const enrolmentsByCase = new Map<string, EnrolmentFact[]>();
  for (const e of data.enrolments) {
    if (!participantIds.has(e.caseId) || !enrolledBy(e, asOf)) continue;
    enrolmentsByCase.set(e.caseId, [...(enrolmentsByCase.get(e.caseId) ?? []), e]);
  }
  for (const target of serviceTargets) {
    const inTarget = participants.filter((c) => (enrolmentsByCase.get(c.caseId) ?? []).some((e) => target.services.includes(e.serviceId)));
    const figure = childrenIndicator(`service_${target.id}`, 'services', target.label, inTarget, target.minChildren);
    // by PROVIDER, not by the case's institution: a child of intervention A counts for DAS and for GAL, both of which
    // provide it (the total still counts the child once)
    for (const inst of institutionIds) {
      const provided = inTarget.filter((c) => (enrolmentsByCase.get(c.caseId) ?? []).some((e) => target.services.includes(e.serviceId) && (getService(e.serviceId)?.providers.includes(inst) ?? false)));
      figure.byInstitution[inst] = countChildren(provided.map((c) => c.caseId), keys);
    }
    if (target.services.some((id) => (getService(id)?.providers.length ?? 0) > 1)) {
      figure.note = 'Pe instituții: copiii se numără la fiecare furnizor al serviciului (de exemplu intervenția A la DAS și la GAL); totalul numără copilul o singură dată.';
    }
    indicators.push(figure);
    if (target.minRoma > 0) {
      indicators.push(childrenIndicator(`service_${target.id}_roma`, 'services', `${target.label} — din care copii romi`, inTarget.filter((c) => c.ethnicity === 'roma'), target.minRoma, { ethnicity: true }));
    }
  }

  // Observatorul
  const registered = participants.filter((c) => c.observatorRegisteredOn !== null && c.observatorRegisteredOn <= asOf);
  const registeredIds = new Set(registered.map((c) => c.caseId));
  const unregistered = participants.filter((c) => !registeredIds.has(c.caseId));
  indicators.push(childrenIndicator('plans_registered', 'observator', 'Planuri înregistrate în Observatorul Național al Copilului', registered, t.children, {
    unit: 'plans', distinct: false, note: plansRegisteredNote(participants.length),
  }));
  indicators.push(childrenIndicator('plans_unregistered', 'observator', 'Planuri aprobate încă neînregistrate în Observator', unregistered, null, { unit: 'plans', distinct: false }));

  // cohorts and child-months
  const cohortOf = (id: string): CohortId | null => byId.get(id)?.cohort ?? null;
  for (const cohort of subsidyConfig.cohorts) {
    indicators.push(childrenIndicator(`cohort_${cohort.id}`, 'cohorts', `${cohort.label} (copii)`, participants.filter((c) => c.cohort === cohort.id), cohort.quota));
  }
  const paidByChildMonth = new Map<string, { amount: number; caseIds: Set<string> }>();
  const paidSoFar = data.paid.filter((p) => paymentDay(p) <= asOf && byId.has(p.caseId));
  for (const p of paidSoFar) {
    const k = `${keys.get(p.caseId) ?? p.caseId}|${p.month}`;
    const cur = paidByChildMonth.get(k) ?? { amount: 0, caseIds: new Set<string>() };
    cur.amount += p.amountLei;
    cur.caseIds.add(p.caseId);
    paidByChildMonth.set(k, cur);
  }
  const childMonths = (filter: (caseId: string) => boolean, id: string, label: string, target: number | null): Indicator => {
    const byInstitution = zeroByInstitution();
    const ids = new Set<string>();
    let value = 0;
    for (const v of paidByChildMonth.values()) {
      if (v.amount <= 0) continue;
      const caseId = [...v.caseIds].sort()[0]!;
      if (!filter(caseId)) continue;
      value += 1;
      byInstitution[byId.get(caseId)!.institution] += 1;
      for (const c of v.caseIds) ids.add(c);
    }
    return { id, group: 'cohorts', label, unit: 'child_months', value, target, involvesEthnicity: false, byInstitution, caseIds: [...ids].sort() };
  };
  indicators.push(childMonths(() => true, 'child_months_paid', 'Luni-copil plătite (total)', subsidyConfig.minimumChildMonths));
  for (const cohort of subsidyConfig.cohorts) {
    indicators.push(childMonths((id) => cohortOf(id) === cohort.id, `child_months_paid_${cohort.id}`, `Luni-copil plătite — ${cohort.label.toLowerCase()}`, cohort.quota * cohort.minMonths));
  }

  // children who reached their cohort's minimum of paid months, and children who received at least one subsidy
  const monthsByChild = new Map<string, { months: number; caseIds: Set<string> }>();
  for (const [k, v] of paidByChildMonth) {
    if (v.amount <= 0) continue;
    const child = k.slice(0, k.lastIndexOf('|'));
    const cur = monthsByChild.get(child) ?? { months: 0, caseIds: new Set<string>() };
    cur.months += 1;
    for (const c of v.caseIds) cur.caseIds.add(c);
    monthsByChild.set(child, cur);
  }
  const childCases = (pred: (v: { months: number; caseIds: Set<string> }) => boolean) =>
    [...monthsByChild.values()].filter(pred).flatMap((v) => [...v.caseIds]).map((id) => byId.get(id)!).filter(Boolean);
  for (const cohort of subsidyConfig.cohorts) {
    const reached = childCases((v) => v.months >= cohort.minMonths && [...v.caseIds].some((id) => cohortOf(id) === cohort.id));
    indicators.push(childrenIndicator(`cohort_${cohort.id}_minimum_reached`, 'cohorts', `${cohort.label}: copii care au atins minimul de ${cohort.minMonths} luni plătite`, reached, cohort.quota, {
      note: `Cererea de finanțare: ${cohort.quota} de copii cu cel puțin ${cohort.minMonths} luni de subvenție. Se socotesc doar lunile plătite (lunile neplătite sau parțiale sub minim nu se socotesc).`,
    }));
  }
  indicators.push(childrenIndicator('children_subsidised', 'subsidies', 'Copii care au primit cel puțin o subvenție', childCases((v) => v.months >= 1), t.children, {
    note: 'Copii distincți (o singură dată pe toate cazurile lor) cu cel puțin o lună plătită net pozitiv.',
  }));

  // subsidies (lei)
  const leiByInstitution = zeroByInstitution();
  let paidBani = 0;
  for (const p of paidSoFar) {
    const b = Math.round(p.amountLei * 100);
    paidBani += b;
    leiByInstitution[byId.get(p.caseId)!.institution] += b;
  }
  for (const i of institutionIds) leiByInstitution[i] /= 100;
  indicators.push({
    id: 'subsidies_paid', group: 'subsidies', label: 'Subvenții plătite (lei)', unit: 'lei', value: paidBani / 100,
    target: subsidyConfig.minimumTotalLei, involvesEthnicity: false, byInstitution: leiByInstitution,
    caseIds: [...new Set(paidSoFar.filter((p) => p.amountLei !== 0).map((p) => p.caseId))].sort(),
    note: `Minimul din cererea de finanțare: ${subsidyConfig.minimumChildMonths} luni-copil × ${subsidyConfig.amounts[0]!.amountLei} lei. Bugetul total al proiectului: ${projectBudget.totalLei.toLocaleString('ro-RO')} lei.`,
  });

  // outcomes
  const closedBy = participants.filter((c) => c.closedOn !== null && c.closedOn <= asOf);
  const reasonIn = (list: readonly string[]) => (c: ReportCase) => c.closureReason !== null && list.includes(c.closureReason);
  const prevented = closedBy.filter(reasonIn(config.separationPrevented.value));
  const separated = closedBy.filter(reasonIn(config.separated.value));
  indicators.push(childrenIndicator('cases_closed', 'outcomes', 'Cazuri închise', closedBy, null, { unit: 'cases', distinct: false }));
  indicators.push(childrenIndicator('separation_prevented', 'outcomes', 'Cazuri închise cu separarea prevenită', prevented, null, {
    unit: 'cases', distinct: false, note: 'Motive de închidere: obiective atinse, familia s-a mutat, copilul a împlinit 18 ani, proiectul s-a încheiat.',
  }));
  indicators.push(childrenIndicator('separated', 'outcomes', 'Cazuri închise prin separarea copilului de familie', separated, null, { unit: 'cases', distinct: false }));
  indicators.push(childrenIndicator('reintegrated', 'outcomes', 'Copii reintegrați în familie', participants.filter((c) => c.reintegrationDate !== null && c.reintegrationDate <= asOf), null));
  indicators.push(childrenIndicator('reintegration_sustained', 'outcomes', 'Reintegrări menținute prin monitorizare (cazuri închise)', closedBy.filter(reasonIn(config.reintegrationSustained.value)), null, { unit: 'cases', distinct: false }));

  const decided = prevented.length + separated.length;
  return {
    asOf,
    indicators,
    preventionRate: decided === 0 ? null : prevented.length / decided,
  };
}

export function findIndicator(set: IndicatorSet, id: string): Indicator | undefined {
  return set.indicators.find((i) => i.id === id);
}
