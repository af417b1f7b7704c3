/**
 * What leaves the reporting code: figures without their case lists, formatted for Romanian readers, and with
 * ethnicity small counts suppressed unless the reader is inside the project team. Files (XLSX, CSV, HTML) are always
 * presented as `outside_team`: a file can be forwarded.
 */
import { institutionIds, type InstitutionId, type Role } from '../platform/auth/principal.js';
import type { BudgetStatus } from '../subsidies/index.js';
import { reportingConfig } from './config.js';
import { indicatorGroupLabels, unitLabels, type IndicatorGroup, type IndicatorSet, type IndicatorUnit } from './indicators.js';
import type { RomaActionView, RomaLineView, RomaPlanView } from './roma-view.js';
import { suppressCount, suppressSmallCounts, type Cell } from './suppression.js';

export type Audience = 'project_team' | 'outside_team';

/** On-screen views: the project team sees exact figures; everyone else sees suppressed ones. */
export function audienceOf(roles: readonly Role[]): Audience {
  return roles.some((r) => reportingConfig.projectTeamRoles.value.includes(r)) ? 'project_team' : 'outside_team';
}

const lei = (n: number) => n.toLocaleString('ro-RO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const formatValue = (n: number, unit: IndicatorUnit): string => (unit === 'lei' ? lei(n) : n.toLocaleString('ro-RO'));

export interface PresentedIndicator {
  id: string;
  group: IndicatorGroup;
  groupLabel: string;
  label: string;
  unit: IndicatorUnit;
  unitLabel: string;
  value: number | null;
  display: string;
  suppressed: boolean;
  target: number | null;
  targetDisplay: string | null;
  /** value / target (null when there is no target or the value is suppressed) */
  progress: number | null;
  involvesEthnicity: boolean;
  byInstitution: Record<InstitutionId, Cell>;
  /** the cases behind the figure can be listed (drill-down route: project team only) */
  drillDown: boolean;
  note: string | null;
}

export interface PresentedIndicatorSet {
  asOf: string;
  audience: Audience;
  suppression: { threshold: number; label: string; applied: boolean };
  indicators: PresentedIndicator[];
  budget: BudgetStatus;
  preventionRate: number | null;
}

export function presentIndicators(set: IndicatorSet, audience: Audience): PresentedIndicatorSet {
  const suppress = audience === 'outside_team';
  return {
    asOf: set.asOf,
    audience,
    suppression: { threshold: reportingConfig.suppressionThreshold.value, label: reportingConfig.suppressedLabel, applied: suppress },
    indicators: set.indicators.map((i) => {
      const cells = suppressSmallCounts(i.value, i.byInstitution, suppress && i.involvesEthnicity);
      const fmt = (c: Cell): Cell => (c.value === null ? c : { ...c, display: formatValue(c.value, i.unit) });
      return {
        id: i.id,
        group: i.group,
        groupLabel: indicatorGroupLabels[i.group],
        label: i.label,
        unit: i.unit,
        unitLabel: unitLabels[i.unit],
        value: cells.total.value,
        display: fmt(cells.total).display,
        suppressed: cells.total.suppressed,
        target: i.target,
        targetDisplay: i.target === null ? null : formatValue(i.target, i.unit),
        progress: i.target && cells.total.value !== null ? cells.total.value / i.target : null,
        involvesEthnicity: i.involvesEthnicity,
        byInstitution: Object.fromEntries(institutionIds.map((inst) => [inst, fmt(cells.parts[inst])])) as Record<InstitutionId, Cell>,
        drillDown: audience === 'project_team',
        note: i.note ?? null,
      };
    }),
    budget: set.budget,
    preventionRate: set.preventionRate,
  };
}

export interface PresentedComputed {
  value: number | null;
  display: string;
  suppressed: boolean;
  target: number | null;
  from: string;
  to: string;
}

export type PresentedRomaLine = Omit<RomaLineView, 'computed'> & { computed: PresentedComputed | null };
export type PresentedRomaAction = Omit<RomaActionView, 'lines'> & { lines: PresentedRomaLine[] };
export type PresentedRomaPlanView = Omit<RomaPlanView, 'objectives'> & {
  audience: Audience;
  objectives: (Omit<RomaPlanView['objectives'][number], 'actions'> & { actions: PresentedRomaAction[] })[];
};

/** The plan view without case lists, computed ethnicity counts suppressed outside the project team. */
export function presentRomaView(view: RomaPlanView, audience: Audience): PresentedRomaPlanView {
  const suppress = audience === 'outside_team';
  return {
    ...view,
    audience,
    objectives: view.objectives.map((o) => ({
      ...o,
      actions: o.actions.map((a) => ({
        ...a,
        lines: a.lines.map((l) => {
          if (!l.computed) return { ...l, computed: null };
          const cell = suppressCount(l.computed.value, suppress && l.computed.involvesEthnicity);
          return { ...l, computed: { value: cell.value, display: cell.display, suppressed: cell.suppressed, target: l.computed.target, from: l.computed.from, to: l.computed.to } };
        }),
      })),
    })),
  };
}
