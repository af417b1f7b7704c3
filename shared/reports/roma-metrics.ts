/**
 * The Roma local plan's actions Vatra measures (2.3, 2.4, 2.5, 6.1), computed from case data exactly as each
 * action's `computed.params` says — a pure function of the plan, the report facts and the day.
 * Period 'calendar_year': the plan's year, up to `asOf` when the year is not over.
 */
import { getService } from '../services/index.js';
import type { ComputedSpec, RomaPlan, RomaPlanAction } from './roma-plan/plan.js';
import { childKeys, countChildren } from './children.js';
import type { EnrolmentFact, ReportCase, ReportData } from './model.js';

export interface ComputedLineValue {
  actionId: string;
  /** the structure's row, or null when the whole action is computed */
  breakdownKey: string | null;
  metric: ComputedSpec['metric'];
  value: number;
  /** the row's numeric target, when the plan states one */
  target: number | null;
  involvesEthnicity: boolean;
  /** the counting window */
  from: string;
  to: string;
  /** the cases behind the figure */
  caseIds: string[];
}

interface Window { from: string; to: string }

function windowFor(plan: Pick<RomaPlan, 'year'>, asOf: string): Window | null {
  const from = `${plan.year}-01-01`;
  const end = `${plan.year}-12-31`;
  if (asOf < from) return null;
  return { from, to: asOf < end ? asOf : end };
}

const overlaps = (e: EnrolmentFact, w: Window) => e.status !== 'waiting' && e.from <= w.to && (!e.to || e.to >= w.from);
const within = (day: string | null, w: Window) => day !== null && day >= w.from && day <= w.to;

function rowTarget(action: RomaPlanAction, breakdownKey: string | null): number | null {
  if (breakdownKey === null) return action.targetValue;
  return action.targetBreakdown.find((r) => r.key === breakdownKey)?.value ?? null;
}

/** Children (distinct) of `cases` enrolled during the window in one of `services`. */
function enrolledIn(cases: readonly ReportCase[], enrolments: readonly EnrolmentFact[], services: readonly string[], w: Window): ReportCase[] {
  const caseIds = new Set(enrolments.filter((e) => services.includes(e.serviceId) && overlaps(e, w)).map((e) => e.caseId));
  return cases.filter((c) => caseIds.has(c.caseId));
}

/** Computed values for every computed line of the plan (empty before the plan year starts). */
export function computeRomaMetrics(plan: RomaPlan, data: ReportData, asOf: string): ComputedLineValue[] {
  const w = windowFor(plan, asOf);
  const keys = childKeys(data.cases);
  const out: ComputedLineValue[] = [];
  const line = (action: RomaPlanAction, spec: ComputedSpec, breakdownKey: string | null, cases: readonly ReportCase[], value?: number) => {
    const caseIds = [...new Set(cases.map((c) => c.caseId))].sort();
    out.push({
      actionId: action.id, breakdownKey, metric: spec.metric,
      value: value ?? countChildren(caseIds, keys),
      target: rowTarget(action, breakdownKey),
      involvesEthnicity: spec.params.ethnicity === 'roma',
      from: w?.from ?? `${plan.year}-01-01`, to: w?.to ?? `${plan.year}-01-01`, caseIds,
    });
  };

  for (const action of plan.actions) {
    const spec = action.computed;
    if (!spec) continue;
    const roma = data.cases.filter((c) => c.ethnicity === 'roma');
    switch (spec.metric) {
      case 'roma_children_in_service':
        for (const row of spec.params.counts) {
          const provider = row.providerInstitution;
          const services = provider ? row.services.filter((s) => getService(s)?.providers.includes(provider) ?? false) : row.services;
          line(action, spec, row.breakdownKey, w ? enrolledIn(roma, data.enrolments, services, w) : []);
        }
        break;
      case 'roma_children_disability_podu_lung':
        line(action, spec, spec.params.breakdownKey, w ? enrolledIn(roma, data.enrolments, spec.params.services, w) : []);
        break;
      case 'roma_children_case_management': {
        const acts = spec.params.activities;
        const cases = w ? roma.filter((c) => c.institution === spec.params.institution && (
          (acts.includes('evaluation') && within(c.evaluationOn, w)) || (acts.includes('review') && c.reviewDays.some((d) => within(d, w)))
        )) : [];
        line(action, spec, null, cases);
        break;
      }
      case 'children_identity_documents': {
        const byId = new Map(data.cases.map((c) => [c.caseId, c]));
        const persons = new Set<string>();
        const cases: ReportCase[] = [];
        if (w) {
          for (const d of data.identityDocuments) {
            const c = byId.get(d.caseId);
            if (!c || c.institution !== spec.params.institution || !spec.params.persons.includes(d.person) || !within(d.obtainedOn, w)) continue;
            persons.add(d.person === 'child' ? `child:${keys.get(c.caseId) ?? c.caseId}` : `rep:${c.legalRepresentativeKey}`);
            cases.push(c);
          }
        }
        line(action, spec, spec.params.breakdownKey, cases, persons.size);
        break;
      }
    }
  }
  return out;
}
