import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { loadRomaPlan } from './roma-plan/index.js';
import { buildDashboard } from './dashboard.js';
import { computeIndicators } from './indicators.js';
import type { ReportData } from './model.js';
import { presentIndicators, presentRomaView } from './present.js';
import { toCsv } from './render/csv.js';
import { quarterlyReportHtml } from './render/html.js';
import { HEADER_ROW, toXlsx } from './render/xlsx.js';
import { computeRomaMetrics } from './roma-metrics.js';
import { buildRomaPlanView } from './roma-view.js';
import { indicatorTable, romaPlanTable } from './tables.js';
import { enrol, paid, rcase } from './test-fixtures.js';

// 7 participants, 3 of them Roma (a small count), 6 in the day centres
const cases = [
  ...[1, 2, 3].map((i) => rcase({ caseId: `r${i}`, ethnicity: 'roma', institution: 'DAS' })),
  ...[1, 2, 3, 4].map((i) => rcase({ caseId: `n${i}`, ethnicity: i % 2 ? 'not_roma' : 'not_declared', institution: i === 4 ? 'DGASPC' : 'DAS', track: i === 4 ? 'reintegration' : 'prevention' })),
];
const data: ReportData = {
  cases,
  enrolments: cases.slice(0, 6).map((c) => enrol(c.caseId, 'cz-kuncz', '2026-02-01')),
  paid: [paid('r1', '2026-02', { paidOn: '2026-03-03' }), paid('n1', '2026-02', { paidOn: '2026-03-03', amountLei: 400.5 })],
  identityDocuments: [],
};
const set = computeIndicators(data, '2026-06-30');
const outside = presentIndicators(set, 'outside_team');
const plan = await loadRomaPlan(2026);
const romaView = presentRomaView(buildRomaPlanView(plan, [], computeRomaMetrics(plan, data, '2026-06-30'), { asOf: '2026-06-30', upToQuarter: '2026-Q2' }), 'outside_team');

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

describe('presenting figures', () => {
  it('suppresses ethnicity small counts outside the project team, and only those', () => {
    const roma = outside.indicators.find((i) => i.id === 'participants_roma')!;
    expect(roma).toMatchObject({ value: null, display: '<5', suppressed: true, progress: null });
    expect(roma.byInstitution.DAS.suppressed).toBe(true);
    const all = outside.indicators.find((i) => i.id === 'participants')!;
    expect(all).toMatchObject({ value: 7, display: '7', suppressed: false });
    expect(all.byInstitution.DGASPC).toMatchObject({ value: 1, suppressed: false });
    const inside = presentIndicators(set, 'project_team').indicators.find((i) => i.id === 'participants_roma')!;
    expect(inside).toMatchObject({ value: 3, suppressed: false });
    expect(outside.suppression.applied).toBe(true);
  });

  it('builds dashboard charts whose suppressed points carry no number', () => {
    const d = buildDashboard(outside, '2026-06-30T10:00:00.000Z');
    const pt = d.charts.find((c) => c.id === 'targets')!.series[0]!.points.find((p) => p.key === 'participants_roma')!;
    expect(pt).toMatchObject({ value: null, display: '<5', target: 27 });
    expect(d.charts.map((c) => c.id)).toEqual(['targets', 'participants_by_institution', 'observator', 'child_months', 'subsidies', 'outcomes']);
    expect(JSON.stringify(d)).not.toContain('caseIds');
  });
});

describe('files', () => {
  it('writes an XLSX that opens back with one row per indicator and the small counts suppressed', async () => {
    const table = indicatorTable(outside);
    const wb = await readBack(await toXlsx([table, romaPlanTable(romaView)], { generatedAt: new Date('2026-06-30T10:00:00Z') }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Indicatori', 'Plan romi 2026']);
    const ws = wb.getWorksheet('Indicatori')!;
    expect(ws.getRow(HEADER_ROW).getCell(2).value).toBe('Indicator');
    const rows: Record<string, unknown>[] = [];
    for (let r = HEADER_ROW + 1; r <= HEADER_ROW + table.rows.length; r++) {
      const row = ws.getRow(r);
      rows.push({ label: row.getCell(2).value, value: row.getCell(4).value, target: row.getCell(5).value, DAS: row.getCell(7).value });
    }
    expect(rows).toHaveLength(set.indicators.length);
    expect(rows.find((r) => r.label === 'Copii în grupul țintă')).toMatchObject({ value: 7, target: 266, DAS: 6 });
    expect(rows.find((r) => r.label === 'din care copii romi (etnie declarată)')).toMatchObject({ value: '<5', DAS: '<5' });
    expect(rows.find((r) => r.label === 'Subvenții plătite (lei)')).toMatchObject({ value: 800.5, target: 1_725_600 });
    const roma = wb.getWorksheet('Plan romi 2026')!;
    expect(roma.rowCount).toBeGreaterThanOrEqual(HEADER_ROW + romaPlanTable(romaView).rows.length);
    const kuncz = romaPlanTable(romaView).rows.findIndex((r) => r[1] === '2.3' && r[3] === 'Centrul de zi pentru copii Kuncz');
    expect(roma.getRow(HEADER_ROW + 1 + kuncz).getCell(8).value).toBe('<5');
  });

  it('writes CSV for Romanian Excel: BOM, semicolons, decimal comma', () => {
    const csv = toCsv(indicatorTable(outside));
    expect(csv.startsWith('\uFEFFGrupa;Indicator;Unitate;Valoare;')).toBe(true);
    expect(csv).toContain('Grupul țintă;din care copii romi (etnie declarată);copii;<5;27;');
    expect(csv).toContain(';800,5;1725600;');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + set.indicators.length);
  });

  it('prints a quarterly report with every action, the computing rules, and no small ethnicity count', () => {
    const html = quarterlyReportHtml({ quarter: '2026-Q2', asOf: '2026-06-30', indicators: outside, roma: romaView, generatedAt: new Date('2026-07-01T08:00:00Z'), generatedBy: 'Laura <Demo>' });
    expect(html).toContain('<html lang="ro">');
    expect(html).toContain('Raport trimestrial pentru comitetul de coordonare — trimestrul II 2026');
    expect(html).toContain('perioada martie 2025 – februarie 2028');
    expect(html).toContain('30 iunie 2026');
    // the time it was generated, on Bucharest clocks (08:00 UTC is 11:00 in summer), never a raw ISO timestamp
    expect(html).toContain('Generat de Vatra la 01.07.2026, 11:00 (ora României)');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    for (const a of plan.actions) expect(html).toContain(`<td>${a.id}</td>`);
    expect(html).toContain('Laura &lt;Demo&gt;');
    expect(html).not.toContain('Laura <Demo>');
    expect(html).toContain('<td>din care copii romi (etnie declarată)</td><td>copii</td><td>&lt;5</td>');
    expect(html).toContain('interpretare, de confirmat');
    expect(html).toContain('Nu s-au înregistrat raportări pentru acest trimestru.');
  });
});

describe('report dates are Bucharest days', () => {
  it('gives a progress entry recorded at 00:30 on 1 July in Timișoara (21:30 UTC on 30 June) the day 2026-07-01', () => {
    const stored = {
      entryId: 'e-midnight', year: 2026, actionId: '1.1', quarter: '2026-Q3' as const, status: 'in_progress' as const,
      evidenceNotes: 'Proces-verbal (test)', recordedBy: 'u1', recordedByName: 'Responsabil Demo', recordedByInstitution: 'DAS' as const, recordedAt: '2026-06-30T21:30:00Z',
    };
    const view = presentRomaView(buildRomaPlanView(plan, [stored], computeRomaMetrics(plan, data, '2026-07-01'), { asOf: '2026-07-01', upToQuarter: '2026-Q3' }), 'outside_team');
    const table = romaPlanTable(view);
    const col = table.headers.indexOf('Data raportării');
    expect(table.rows.map((r) => r[col]).filter(Boolean)).toEqual(['2026-07-01']);
  });
});
