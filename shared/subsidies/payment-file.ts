/**
 * The payment file for finance, built on demand from the stored lines of a completed run (pure, except rendering).
 * One row per child: the lines written to the ledger by this run (the month, arrears, recoveries) are netted into one
 * transfer to the legal representative; a negative net is a recovery. Never the child's name: the case number
 * identifies the child for staff who may open the case.
 *
 * Payment reference: VT-<month>-<attempt>-<seq>, seq in case order over the rows — unique across runs (the month and
 * the attempt differ) and stable (the lines of a completed run do not change).
 */
import { toCsv } from '../platform/files/csv.js';
import { escapeHtml } from '../platform/files/html.js';
import { excel } from '../platform/files/excel.js';
import { monthLabel } from './rules/eligibility.js';
import type { BudgetView, RunSummary } from './aggregate.js';
import { lineKindLabels, type RunLine, type RunRecord } from './model.js';
import { formatDateTimeRo, formatLei } from '../platform/calendar.js';

export interface PaymentRow {
  reference: string;
  beneficiary: string;
  iban: string;
  /** net lei, two decimals at most; negative for a recovery */
  amountLei: number;
  month: string;
  caseNumber: string;
  institution: string;
  details: string;
}

export interface PaymentFile {
  runId: string;
  month: string;
  attempt: number;
  payments: PaymentRow[];
  recoveries: PaymentRow[];
  /** children whose lines cancel out (e.g. arrears and a recovery of the same amount) */
  compensated: number;
  totalPaymentsLei: number;
  totalRecoveriesLei: number;
}

/** CSV amount for Romanian Excel: decimal comma, no grouping. */
export const csvAmount = (n: number) => n.toFixed(2).replace('.', ',');

export function paymentReference(month: string, attempt: number, seq: number): string {
  return `VT-${month}-${attempt}-${String(seq).padStart(5, '0')}`;
}

const KIND_ORDER: Record<RunLine['kind'], number> = { monthly: 0, arrears: 1, recovery: 2 };

export function buildPaymentFile(run: Pick<RunRecord, 'runId' | 'month' | 'attempt'>, lines: readonly RunLine[]): PaymentFile {
  const byCase = new Map<string, RunLine[]>();
  for (const l of lines) {
    if (l.runId !== run.runId || l.payment.status !== 'paid') continue;
    const list = byCase.get(l.caseId) ?? [];
    list.push(l);
    byCase.set(l.caseId, list);
  }
  const payments: PaymentRow[] = [];
  const recoveries: PaymentRow[] = [];
  let compensated = 0;
  let seq = 0;
  for (const caseId of [...byCase.keys()].sort()) {
    // a total order (the file is the same whatever order the ledger pages came in): the month's own line first, then
    // by month, then arrears before recoveries of the same month, then by amount
    const own = byCase.get(caseId)!.sort((a, b) => (a.kind === 'monthly' ? 0 : 1) - (b.kind === 'monthly' ? 0 : 1)
      || a.month.localeCompare(b.month) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.amountLei - b.amountLei);
    const net = own.reduce((s, l) => s + l.amountLei, 0);
    if (net === 0) {
      compensated += 1;
      continue;
    }
    const first = own[0]!;
    seq += 1;
    const row: PaymentRow = {
      reference: paymentReference(run.month, run.attempt, seq),
      beneficiary: first.beneficiary ?? '',
      iban: first.iban ?? '',
      amountLei: net,
      month: run.month,
      caseNumber: first.caseNumber,
      institution: first.institution,
      details: own.map((l) => `${lineKindLabels[l.kind]} ${monthLabel(l.month)}: ${formatLei(l.amountLei)}`).join('; '),
    };
    (net > 0 ? payments : recoveries).push(row);
  }
  const sum = (rows: PaymentRow[]) => Math.round(rows.reduce((s, r) => s + r.amountLei * 100, 0)) / 100;
  return { runId: run.runId, month: run.month, attempt: run.attempt, payments, recoveries, compensated, totalPaymentsLei: sum(payments), totalRecoveriesLei: sum(recoveries) };
}

export { CSV_CONTENT_TYPE } from '../platform/files/csv.js';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

export const paymentHeaders = ['Referință plată', 'Beneficiar (reprezentant legal)', 'IBAN', 'Sumă (lei)', 'Luna', 'Nr. caz', 'Detalii'] as const;

/** The transfers (positive rows) as CSV: UTF-8 with BOM, `;` separator, CRLF, decimal comma. */
export function paymentCsv(file: PaymentFile): string {
  const rows = file.payments.map((r) => [r.reference, r.beneficiary, r.iban, csvAmount(r.amountLei), r.month, r.caseNumber, r.details]);
  return toCsv([paymentHeaders, ...rows]);
}

/** Workbook: transfers, recoveries, and a summary sheet. */
export async function paymentXlsx(file: PaymentFile, meta: { generatedAt: Date; approvedBy?: string; approvedAt?: string }): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Vatra';
  wb.created = meta.generatedAt;
  const sheet = (name: string, title: string, rows: PaymentRow[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.getCell(1, 1).value = title;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    const header = ws.getRow(3);
    paymentHeaders.forEach((h, i) => {
      header.getCell(i + 1).value = h;
      header.getCell(i + 1).font = { bold: true };
    });
    rows.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      [r.reference, r.beneficiary, r.iban, r.amountLei, r.month, r.caseNumber, r.details].forEach((v, c) => { row.getCell(c + 1).value = v; });
      row.getCell(4).numFmt = '#,##0.00';
    });
    const total = ws.getRow(5 + rows.length);
    total.getCell(3).value = 'Total';
    total.getCell(3).font = { bold: true };
    total.getCell(4).value = Math.round(rows.reduce((s, r) => s + r.amountLei * 100, 0)) / 100;
    total.getCell(4).numFmt = '#,##0.00';
    total.getCell(4).font = { bold: true };
    [18, 34, 30, 14, 10, 16, 60].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  };
  sheet('Plăți', `Plăți — subvenția lunară pentru ${monthLabel(file.month)} (rularea ${file.runId})`, file.payments);
  sheet('Recuperări', `Sume de recuperat — rularea ${file.runId}`, file.recoveries);
  const s = wb.addWorksheet('Rezumat');
  const facts: [string, string | number][] = [
    ['Luna', monthLabel(file.month)],
    ['Rularea', file.runId],
    ['Număr de plăți', file.payments.length],
    ['Total plăți (lei)', file.totalPaymentsLei],
    ['Număr de recuperări', file.recoveries.length],
    ['Total de recuperat (lei)', file.totalRecoveriesLei],
    ['Copii cu sume compensate (net 0)', file.compensated],
    ...(meta.approvedBy ? [['Aprobată de', meta.approvedBy] as [string, string]] : []),
    ...(meta.approvedAt ? [['Aprobată la', meta.approvedAt] as [string, string]] : []),
  ];
  facts.forEach(([k, v], i) => {
    s.getCell(i + 1, 1).value = k;
    s.getCell(i + 1, 1).font = { bold: true };
    s.getCell(i + 1, 2).value = v;
  });
  s.getColumn(1).width = 34;
  s.getColumn(2).width = 30;
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/**
 * Printable summary for signature: totals, by institution, reasons of ineligibility, budget. No beneficiary names or
 * IBANs (they are in the CSV/XLSX the finance office imports).
 */
export function paymentSummaryHtml(file: PaymentFile, run: Pick<RunRecord, 'runId' | 'month' | 'approval' | 'summary'>, meta: { generatedAt: Date; generatedBy: string; reasonLabels: Record<string, string> }): string {
  const summary: RunSummary | null = run.summary;
  const t = summary?.totals;
  const byInst = new Map<string, { count: number; lei: number }>();
  for (const r of file.payments) {
    const x = byInst.get(r.institution) ?? { count: 0, lei: 0 };
    byInst.set(r.institution, { count: x.count + 1, lei: x.lei + r.amountLei });
  }
  const budget: BudgetView | undefined = summary?.budget;
  const row = (k: string, v: string) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`;
  const reasons = Object.entries(t?.byReason ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return `<!doctype html>
<html lang="ro">
<head><meta charset="utf-8"><title>Subvenția lunară — ${escapeHtml(monthLabel(file.month))} — ${escapeHtml(file.runId)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
table{border-collapse:collapse;margin:.5rem 0;min-width:28rem}th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}
td.n{text-align:right}.sign{display:flex;gap:3rem;margin-top:3rem}.sign div{flex:1;border-top:1px solid #000;padding-top:.3rem}
@media print{body{margin:1cm}}
</style></head>
<body>
<h1>Subvenția lunară (măsuri de acompaniere) — ${escapeHtml(monthLabel(file.month))}</h1>
<p>Proiectul 328741 „Servicii inovative pentru prevenirea separării copiilor de familie în Timișoara”. Rularea ${escapeHtml(file.runId)}.</p>
<table>
${row('Luna', monthLabel(file.month))}
${row('Aprobată de', run.approval?.byName ?? '—')}
${row('Aprobată la', run.approval?.at ? formatDateTimeRo(run.approval.at) : '—')}
${row('Număr de plăți', String(file.payments.length))}
${row('Total plăți', `${formatLei(file.totalPaymentsLei)}`)}
${row('Număr de recuperări', String(file.recoveries.length))}
${row('Total de recuperat', `${formatLei(file.totalRecoveriesLei)}`)}
${row('Copii cu sume compensate (net 0)', String(file.compensated))}
${t ? row('Copii evaluați', String(t.lines)) : ''}
${t ? row('Copii eligibili / neeligibili (la aprobare)', `${t.eligible} / ${t.ineligible}`) : ''}
${t ? row('Decizii manuale (incluși / excluși)', `${t.overridesInclude} / ${t.overridesExclude}`) : ''}
</table>
<h2>Plăți pe instituții</h2>
<table><tr><th>Instituția</th><th>Plăți</th><th>Total (lei)</th></tr>
${[...byInst.entries()].sort().map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td class="n">${v.count}</td><td class="n">${formatLei(v.lei)}</td></tr>`).join('\n')}
</table>
${reasons.length ? `<h2>Motive de neeligibilitate</h2>
<table><tr><th>Motiv</th><th>Copii</th></tr>
${reasons.map(([code, n]) => `<tr><td>${escapeHtml(meta.reasonLabels[code] ?? code)}</td><td class="n">${n}</td></tr>`).join('\n')}
</table>` : ''}
${budget ? `<h2>Buget subvenții</h2>
<table>
${row('Buget', `${formatLei(budget.budgetLei)}${budget.budgetConfirmed ? '' : ' (neconfirmat)'}`)}
${row('Plătit', `${formatLei(budget.spentLei)}`)}
${row('Angajat', `${formatLei(budget.committedLei)}`)}
${row('Rămas', `${formatLei(budget.remainingLei)}`)}
${row('Utilizat', `${budget.usedPercent.toLocaleString('ro-RO')}%`)}
${budget.warning ? row('Avertizare', budget.warning.message) : ''}
</table>` : ''}
<div class="sign"><div>Întocmit (compartimentul financiar)</div><div>Verificat</div><div>Aprobat (coordonator proiect)</div></div>
<p><small>Generat de ${escapeHtml(meta.generatedBy)} la ${escapeHtml(formatDateTimeRo(meta.generatedAt))}. Documentul nu conține nume de copii.</small></p>
</body>
</html>
`;
}

