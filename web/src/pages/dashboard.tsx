/**
 * The project dashboard: the indicators of GET /reports/indicators drawn as simple bar charts against the project's
 * targets — enrolment per service, Roma children, cohorts, child-months, subsidies paid, and overdue tasks per team
 * when the answer carries them. Each chart has its title, a screen-reader name listing the values and a table.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Chart, Dashboard } from '../../../shared/reports/dashboard.js';
import type { PresentedIndicator } from '../../../shared/reports/present.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { formatDate, formatInstant } from '../lib/format.js';
import { BarChart, formatNumber, type BarRow } from '../ui/bar-chart.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';

export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  rows: BarRow[];
  note?: string;
}

/** A row of a chart; a lei target is shown without its decimals (it is a whole sum, and the column is narrow). */
const rowOf = (i: PresentedIndicator): BarRow => ({
  key: i.id, label: i.label, value: i.value, display: i.display, target: i.target,
  targetDisplay: i.unit === 'lei' && i.target !== null && Number.isInteger(i.target) ? formatNumber(i.target) : i.targetDisplay,
});

const rowsOfChart = (c: Chart): BarRow[] =>
  (c.series[0]?.points ?? []).map((p) => ({ key: p.key, label: p.label, value: p.value, display: p.display, ...(p.target != null ? { target: p.target } : {}) }));

/** The charts of the dashboard, from the indicators (and the answer's own series for what has no indicator). */
export function dashboardCharts(d: Pick<Dashboard, 'indicators' | 'charts'>): ChartSpec[] {
  const ind = (id: string) => d.indicators.find((i) => i.id === id);
  const out: ChartSpec[] = [];

  const services = d.indicators.filter((i) => i.group === 'services' && !i.id.endsWith('_roma'));
  if (services.length) out.push({ id: 'services', title: 'Copii înscriși pe servicii, față de minimele proiectului', unit: 'copii', rows: services.map(rowOf) });

  const romaAll = ind('participants_roma');
  const roma = [romaAll && { ...romaAll, label: 'Copii romi în grupul țintă' }, ...d.indicators.filter((i) => i.group === 'services' && i.id.endsWith('_roma'))].filter((i): i is PresentedIndicator => i !== undefined);
  const romaTarget = ind('participants_roma')?.targetDisplay;
  if (roma.length) {
    out.push({
      id: 'roma', title: romaTarget ? `Copii romi (etnie declarată) față de ținta de ${romaTarget}` : 'Copii romi (etnie declarată)', unit: 'copii', rows: roma.map(rowOf),
      note: 'Etnia este autodeclarată. În afara echipei proiectului, numerele mai mici de 5 apar „<5”.',
    });
  }

  const cohorts = d.indicators.filter((i) => i.group === 'cohorts' && i.unit === 'children');
  if (cohorts.length) {
    // a cohort's quota is the target of both its rows (children in the cohort, children who reached its minimum)
    const quotas = [...new Set(cohorts.map((c) => c.targetDisplay).filter(Boolean))].join(' / ');
    out.push({ id: 'cohorts', title: `Copii în cohortele de subvenție față de cote${quotas ? ` (${quotas})` : ''}`, unit: 'copii', rows: cohorts.map(rowOf) });
  }

  const months = d.indicators.filter((i) => i.group === 'cohorts' && i.unit === 'child_months');
  if (months.length) out.push({ id: 'child-months', title: 'Luni-copil plătite față de minimul pe cohorte', unit: 'luni-copil', rows: months.map(rowOf) });

  const paid = ind('subsidies_paid');
  if (paid) {
    out.push({
      id: 'subsidies', title: paid.target !== null ? `Subvenții plătite față de minimul de ${formatNumber(paid.target)} lei` : 'Subvenții plătite', unit: 'lei', rows: [rowOf(paid)],
      ...(paid.note ? { note: paid.note } : {}),
    });
  }

  // overdue tasks per team: drawn only when the answer carries such a chart
  const overdue = d.charts.find((c) => /overdue|intarzi/i.test(c.id));
  if (overdue) out.push({ id: 'overdue', title: overdue.title, unit: overdue.unit, rows: rowsOfChart(overdue) });
  return out;
}

export function DashboardPage() {
  const { api } = useApp();
  const [data, setData] = useState<Dashboard | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();

  useEffect(() => {
    let alive = true;
    api
      .get<Dashboard>('/reports/indicators')
      .then((d) => alive && setData(d))
      .catch((e: ApiError) => alive && setFailure(e));
    return () => {
      alive = false;
    };
  }, []);

  if (failure?.denied) return <Denied message={failure.message} />;
  const charts = data ? dashboardCharts(data) : [];
  return (
    <Page title="Tablou de bord">
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!data && !failure && <Loading what="indicatorii" />}
      {data && (
        <>
          <p class="lead">
            Indicatorii proiectului la data de <strong>{formatDate(data.asOf)}</strong>
            <span class="muted"> (calculați la {formatInstant(data.generatedAt)})</span>.
          </p>
          {data.suppression.applied && (
            <Banner kind="info">
              <p>Numerele mai mici de {data.suppression.threshold} care privesc etnia sunt afișate „{data.suppression.label}”.</p>
            </Banner>
          )}
          <div class="charts">
            {charts.map((c) => (
              <BarChart key={c.id} id={`grafic-${c.id}`} title={c.title} unit={c.unit} rows={c.rows} note={c.note} />
            ))}
          </div>
        </>
      )}
    </Page>
  );
}
