/**
 * The printable quarterly report for the steering committee: one self-contained HTML page (inline CSS, A4 print
 * styles, no scripts) with the project indicators at the quarter's end and the Roma local plan's status.
 * Always built from suppressed (outside-team) figures.
 */
import { project } from '../../project/project.js';
import { progressStatusLabels, progressStatuses, type QuarterKey } from '../roma-plan/plan.js';
import { formatDayRo } from '../dates.js';
import { formatDateTimeRo, formatMonthRo, localDate } from '../../platform/calendar.js';
import { escapeHtml } from '../../platform/files/html.js';
import type { PresentedIndicatorSet, PresentedRomaPlanView } from '../present.js';
import { indicatorTable, quarterEntries, romaPlanTable, type Table, type TableCell } from '../tables.js';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

const cellHtml = (v: TableCell) => (v === null ? '' : escapeHtml(typeof v === 'number' ? v.toLocaleString('ro-RO') : v));

function tableHtml(t: Table, opts: { numericFrom?: number } = {}): string {
  const head = t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((v, i) => `<td${opts.numericFrom !== undefined && i >= opts.numericFrom && typeof v === 'number' ? ' class="num"' : ''}>${cellHtml(v)}</td>`).join('')}</tr>`).join('\n');
  const notes = t.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${notes}`;
}

const css = `
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 2em; }
  h1 { font-size: 16pt; margin-bottom: .2em; } h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
  h3 { font-size: 11pt; margin: 1em 0 .3em; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; }
  th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
  th { background: #e8eef4; } td.num { text-align: right; white-space: nowrap; }
  .meta { color: #444; } .note { font-size: 9pt; font-style: italic; color: #333; margin: .2em 0; }
  .signatures { display: flex; gap: 4em; margin-top: 3em; } .signatures div { flex: 1; border-top: 1px solid #333; padding-top: .3em; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
`;

export interface QuarterlyReportInput {
  quarter: QuarterKey;
  /** the day the figures are taken at */
  asOf: string;
  /** project indicators (null: a Roma plan report only) */
  indicators: PresentedIndicatorSet | null;
  /** the Roma plan (null: no plan for the quarter's year) */
  roma: PresentedRomaPlanView | null;
  generatedAt: Date;
  generatedBy: string;
}

const lei = (n: number) => n.toLocaleString('ro-RO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function indicatorSections(ind: PresentedIndicatorSet, n: () => number): string {
  const b = ind.budget;
  const rate = ind.preventionRate;
  return `
<h2>${n()}. Indicatorii proiectului</h2>
${tableHtml(indicatorTable(ind), { numericFrom: 3 })}

<h2>${n()}. Subvenții și rezultate</h2>
<p>Subvenții plătite: <strong>${lei(b.spent)} lei</strong>; rămân ${lei(b.remaining)} lei din ${lei(b.spent + b.committed + b.remaining)} lei (${Math.round(b.ratio * 1000) / 10}% utilizat)${b.warning ? ` — ${escapeHtml(b.warning.message)}` : ''}.</p>
<p>Rata de prevenire a separării între cazurile închise: <strong>${rate === null ? 'nu există încă cazuri închise cu rezultat' : `${Math.round(rate * 1000) / 10}%`}</strong>.</p>
`;
}

function romaSections(roma: PresentedRomaPlanView, quarter: QuarterKey, n: () => number): string {
  const s = roma.summary;
  const entries = quarterEntries(roma, quarter);
  const rules = roma.objectives.flatMap((o) => o.actions).filter((a) => a.rule)
    .map((a) => `<li><strong>${escapeHtml(a.id)}</strong>: ${escapeHtml(a.rule!)}${a.ruleConfidence === 'interpretation' ? ' <em>(interpretare, de confirmat cu coordonatorul proiectului)</em>' : ''}</li>`).join('');
  return `
<h2>${n()}. ${escapeHtml(roma.title)}</h2>
<p>${s.actions} acțiuni (${s.computedActions} calculate de Vatra din datele cazurilor), ${s.lines} rânduri de urmărit: ${s.computedLines} calculate, ${s.manualLines} raportate de structurile responsabile, dintre care ${s.manualLinesReported} cu raportări.
Stadiu: ${progressStatuses.map((st) => `${escapeHtml(progressStatusLabels[st])} ${s.byStatus[st]}`).join(', ')}.</p>
${tableHtml(romaPlanTable(roma))}
<h3>Reguli de calcul pentru acțiunile calculate</h3>
<ul>${rules}</ul>

<h2>${n()}. Raportările din ${escapeHtml(quarterLabel(quarter))}</h2>
${entries.length === 0 ? '<p>Nu s-au înregistrat raportări pentru acest trimestru.</p>' : `<table><thead><tr><th>Acțiune</th><th>Structura</th><th>Stadiu</th><th>Valoare</th><th>Dovezi și observații</th><th>Raportat de</th><th>Data</th></tr></thead><tbody>
${entries.map((e) => `<tr><td>${escapeHtml(e.actionId)}</td><td>${escapeHtml(e.structure)}</td><td>${escapeHtml(progressStatusLabels[e.entry.status])}</td><td class="num">${e.entry.value ?? ''}</td><td>${escapeHtml(e.entry.evidenceNotes)}</td><td>${escapeHtml(e.entry.recordedByName)}</td><td>${escapeHtml(localDate(e.entry.recordedAt))}</td></tr>`).join('\n')}
</tbody></table>`}
`;
}

/** '2026-Q2' → 'trimestrul II 2026' */
export const quarterLabel = (quarter: string): string => {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? `trimestrul ${['I', 'II', 'III', 'IV'][Number(m[2]) - 1]} ${m[1]}` : quarter;
};

export function quarterlyReportHtml(r: QuarterlyReportInput): string {
  let section = 0;
  const n = () => ++section;
  const title = r.indicators ? `Raport trimestrial pentru comitetul de coordonare — ${quarterLabel(r.quarter)}` : `Planul local pentru romi — raport trimestrial, ${quarterLabel(r.quarter)}`;
  return `<!doctype html>
<html lang="ro">
<head><meta charset="utf-8"><title>${escapeHtml(title)} — Vatra</title><style>${css}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Proiectul „${escapeHtml(project.title)}” (ID ${project.id}, ${escapeHtml(project.programme)}), perioada ${formatMonthRo(project.period.start)} – ${formatMonthRo(project.period.end)}.<br>
Situație la data de ${escapeHtml(formatDayRo(r.asOf))}. Generat de Vatra la ${escapeHtml(formatDateTimeRo(r.generatedAt))} (ora României) de ${escapeHtml(r.generatedBy)}.</p>
${r.indicators ? indicatorSections(r.indicators, n) : ''}
${r.roma ? romaSections(r.roma, r.quarter, n) : '<p>Nu există un plan local pentru romi pentru anul acestui trimestru.</p>'}
<div class="signatures"><div>Întocmit</div><div>Verificat</div><div>Aprobat (comitetul de coordonare)</div></div>
</body>
</html>
`;
}
