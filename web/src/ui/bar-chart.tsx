/**
 * Simple accessible bar charts drawn in SVG (no chart library): one horizontal bar per row, the project's target as a
 * dark marker across the bar, a scale with ro-RO figures. The picture is named for screen readers (role="img" and a
 * label listing every value) and the same figures are in a table under it. Suppressed figures („<5”) draw no bar.
 * No inline styles (the CSP refuses them): sizes are SVG attributes, colours are classes in styles.css.
 */
import type { ComponentChildren } from 'preact';

export interface BarRow {
  key: string;
  label: string;
  /** null = suppressed or unknown: no bar, only the text */
  value: number | null;
  /** the value as shown (ro-RO, possibly „<5”) */
  display: string;
  target?: number | null;
  targetDisplay?: string | null;
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest "round" number (1, 2, 2.5, 5 × 10ⁿ) at or above n: the end of the scale. 0 or less → 1. */
export function niceMax(n: number): number {
  if (!Number.isFinite(n) || n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const s of NICE_STEPS) if (s * p >= n - 1e-9 * p) return s * p;
  return 10 * p;
}

/** The end of the scale for a chart: every value and every target fits. */
export function scaleMax(rows: readonly Pick<BarRow, 'value' | 'target'>[]): number {
  let m = 0;
  for (const r of rows) {
    if (r.value !== null && r.value > m) m = r.value;
    if (r.target != null && r.target > m) m = r.target;
  }
  return niceMax(m);
}

/** Length of a bar in a plot `width` wide, clamped to [0, width]. */
export function barLength(value: number | null, max: number, width: number): number {
  if (value === null || !Number.isFinite(value) || max <= 0) return 0;
  return Math.max(0, Math.min(width, (value / max) * width));
}

/** How many steps the scale has: 4 or 5 (or 2) so that every tick is a whole number when the end is one. */
export function tickParts(max: number): number {
  if (!Number.isInteger(max)) return 4;
  for (const p of [4, 5, 2]) if (Number.isInteger(max / p)) return p;
  return 1;
}

/** The scale's ticks: 0 and `parts` equal steps up to max. */
export function ticks(max: number, parts = tickParts(max)): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => (max * i) / parts);
}

/** value / target as a whole percent (null when either is missing or the target is 0). */
export function percentOf(value: number | null, target: number | null | undefined): number | null {
  if (value === null || target == null || target <= 0) return null;
  return Math.round((value / target) * 100);
}

const intFmt = new Intl.NumberFormat('ro-RO', { maximumFractionDigits: 0, useGrouping: 'always' });
export const formatNumber = (n: number): string => intFmt.format(n);

/** One line per row for the screen-reader name of the chart: 'Centre de zi: 12 din ținta 117 (10%)'. */
export function rowSentence(r: BarRow, unit: string): string {
  const pct = percentOf(r.value, r.target);
  const target = r.target != null ? ` din ținta ${r.targetDisplay ?? formatNumber(r.target)}${pct !== null ? ` (${pct}%)` : ''}` : '';
  return `${r.label}: ${r.display}${unit ? ` ${unit}` : ''}${target}`;
}

const W = 720;
const PLOT_X = 8;
const VALUE_COL = 190;
const PLOT_W = W - PLOT_X - VALUE_COL;
const ROW_H = 54;
const BAR_H = 20;
const TOP = 6;
const AXIS_H = 30;

export function BarChart(props: { id: string; title: string; unit: string; rows: readonly BarRow[]; note?: ComponentChildren; headingLevel?: 2 | 3 }) {
  const { id, title, unit, rows } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const max = scaleMax(rows);
  const scale = ticks(max);
  const height = TOP + rows.length * ROW_H + AXIS_H;
  const axisY = TOP + rows.length * ROW_H;
  const hasTargets = rows.some((r) => r.target != null);
  const label = `${title}. ${rows.map((r) => rowSentence(r, unit)).join('; ')}.`;
  return (
    <figure class="chart card" aria-labelledby={`${id}-title`} data-chart={id}>
      <H id={`${id}-title`} class="chart-title">{title}</H>
      {rows.length === 0 ? (
        <p class="empty">Nu există date pentru acest grafic.</p>
      ) : (
        <>
          <svg class="chart-svg" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
            {scale.map((t) => (
              <text key={t} x={PLOT_X + barLength(t, max, PLOT_W)} y={axisY + 20} text-anchor={t === 0 ? 'start' : 'middle'} class="chart-axis-text">{formatNumber(t)}</text>
            ))}
            {rows.map((r, i) => {
              const y = TOP + i * ROW_H;
              const barY = y + 24;
              const len = barLength(r.value, max, PLOT_W);
              const tx = r.target != null ? PLOT_X + barLength(r.target, max, PLOT_W) : null;
              return (
                <g key={r.key} class="chart-row">
                  <text x={PLOT_X} y={y + 17} class="chart-label">{r.label}</text>
                  <rect x={PLOT_X} y={barY} width={PLOT_W} height={BAR_H} class="chart-track" />
                  {scale.slice(1).map((t) => {
                    const gx = PLOT_X + barLength(t, max, PLOT_W);
                    return <line key={t} x1={gx} x2={gx} y1={barY} y2={barY + BAR_H} class="chart-grid" />;
                  })}
                  {len > 0 && <rect x={PLOT_X} y={barY} width={len} height={BAR_H} class={r.target != null && r.value !== null && r.value >= r.target ? 'chart-bar chart-bar-met' : 'chart-bar'} />}
                  {tx !== null && <line x1={tx} x2={tx} y1={barY - 5} y2={barY + BAR_H + 5} class="chart-target" />}
                  <text x={W - VALUE_COL + 12} y={barY + 15} class="chart-value">
                    {r.display}
                    {r.target != null ? ` / ${r.targetDisplay ?? formatNumber(r.target)}` : ''}
                  </text>
                </g>
              );
            })}
            <line x1={PLOT_X} x2={PLOT_X + PLOT_W} y1={axisY} y2={axisY} class="chart-axis" />
          </svg>
          <p class="chart-legend" aria-hidden="true">
            <span class="legend-bar" /> realizat
            {hasTargets && (
              <>
                <span class="legend-target" /> ținta proiectului (minimul)
              </>
            )}
            {unit && <span class="legend-unit">· valori în {unit}</span>}
          </p>
          <details class="chart-data">
            <summary>Valorile graficului în tabel</summary>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicator</th>
                    <th scope="col">Realizat{unit ? ` (${unit})` : ''}</th>
                    {hasTargets && <th scope="col">Ținta</th>}
                    {hasTargets && <th scope="col">Procent din țintă</th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const pct = percentOf(r.value, r.target);
                    return (
                      <tr key={r.key}>
                        <th scope="row">{r.label}</th>
                        <td>{r.display}</td>
                        {hasTargets && <td>{r.target != null ? (r.targetDisplay ?? formatNumber(r.target)) : '—'}</td>}
                        {hasTargets && <td>{pct !== null ? `${pct}%` : '—'}</td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      {props.note && <figcaption class="muted chart-note">{props.note}</figcaption>}
    </figure>
  );
}
