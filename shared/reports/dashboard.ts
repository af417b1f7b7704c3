/**
 * Dashboard JSON for the web charts: the presented indicators plus ready-to-draw series. Suppressed points carry
 * `value: null` and the „<5” label, so a chart cannot show what the table hides.
 */
import { institutionIds } from '../platform/auth/principal.js';
import { getInstitution } from '../project/institutions.js';
import type { PresentedIndicator, PresentedIndicatorSet } from './present.js';

export interface ChartPoint {
  key: string;
  label: string;
  value: number | null;
  display: string;
  target?: number | null;
}

export interface Chart {
  id: string;
  kind: 'progress' | 'stacked_bar' | 'gauge' | 'pie';
  title: string;
  unit: string;
  series: { key: string; label: string; points: ChartPoint[] }[];
}

export interface Dashboard extends PresentedIndicatorSet {
  generatedAt: string;
  charts: Chart[];
}

const point = (i: PresentedIndicator): ChartPoint => ({ key: i.id, label: i.label, value: i.value, display: i.display, target: i.target });

export function buildDashboard(set: PresentedIndicatorSet, generatedAt: string): Dashboard {
  const byGroup = (g: PresentedIndicator['group']) => set.indicators.filter((i) => i.group === g);
  const get = (id: string) => set.indicators.find((i) => i.id === id);
  const pick = (ids: string[]) => ids.map(get).filter((i): i is PresentedIndicator => i !== undefined);

  const charts: Chart[] = [
    {
      id: 'targets', kind: 'progress', title: 'Realizare față de ținte: grup țintă, trasee, servicii', unit: 'copii',
      series: [{ key: 'value', label: 'Realizat', points: [...byGroup('target_group'), ...byGroup('tracks'), ...byGroup('services')].map(point) }],
    },
    {
      id: 'participants_by_institution', kind: 'stacked_bar', title: 'Copii în grupul țintă, pe parteneri', unit: 'copii',
      series: institutionIds.map((inst) => ({
        key: inst,
        label: getInstitution(inst).shortName,
        points: pick(['participants', 'track_prevention', 'track_reintegration']).map((i) => ({ key: i.id, label: i.label, value: i.byInstitution[inst].value, display: i.byInstitution[inst].display })),
      })),
    },
    {
      id: 'observator', kind: 'progress', title: 'Planuri înregistrate în Observatorul Național al Copilului', unit: 'planuri',
      series: [{ key: 'value', label: 'Înregistrate', points: pick(['plans_registered']).map(point) }],
    },
    {
      id: 'child_months', kind: 'progress', title: 'Luni-copil plătite față de minimul pe cohorte', unit: 'luni-copil',
      series: [{ key: 'value', label: 'Plătite', points: byGroup('cohorts').filter((i) => i.unit === 'child_months').map(point) }],
    },
    {
      id: 'subsidies', kind: 'gauge', title: 'Subvenții plătite față de minimul de 1.725.600 lei', unit: 'lei',
      series: [{ key: 'value', label: 'Plătit', points: pick(['subsidies_paid']).map(point) }],
    },
    {
      id: 'outcomes', kind: 'pie', title: 'Cazuri închise, după rezultat', unit: 'cazuri',
      series: [{ key: 'value', label: 'Cazuri', points: pick(['separation_prevented', 'separated', 'reintegration_sustained']).map(point) }],
    },
  ];
  return { ...set, generatedAt, charts };
}
