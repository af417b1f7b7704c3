import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { syntheticRoIban } from '../platform/ro/iban.js';
import type { RunLine } from './model.js';
import { buildPaymentFile, csvAmount, paymentCsv, paymentReference, paymentSummaryHtml, paymentXlsx } from './payment-file.js';

const run = { runId: '2025-06-2', month: '2025-06', attempt: 2 };

function line(caseN: number, kind: RunLine['kind'], amountLei: number, status: RunLine['payment']['status'] = 'paid', month = kind === 'monthly' ? '2025-06' : '2025-05'): RunLine {
  const caseId = `01JCASE${String(caseN).padStart(19, '0')}`;
  return {
    runId: run.runId, runMonth: run.month, month, kind, caseId, caseNumber: `VT-2025-${String(caseN).padStart(5, '0')}`, institution: caseN % 2 ? 'DAS' : 'DGASPC',
    cohort: '18m', eligible: true, amountLei, reasons: [{ code: 'ELIGIBLE', message: 'Eligibil' }], beneficiary: `Mama Fictiva ${caseN}`, iban: syntheticRoIban(caseN),
    ibanValid: true, payment: { status }, version: 0,
  };
}

describe('payment file', () => {
  it('nets a child’s lines into one row, puts negative nets in recoveries and leaves out what cancels out', () => {
    const f = buildPaymentFile(run, [
      line(1, 'monthly', 400), line(1, 'arrears', 400),
      line(2, 'recovery', -400),
      line(3, 'monthly', 400), line(3, 'recovery', -400),
      line(4, 'monthly', 400, 'dropped'),
      line(5, 'monthly', 400, 'not_payable'),
      { ...line(6, 'monthly', 400), runId: 'other-run' },
    ]);
    expect(f.payments.map((r) => [r.caseNumber, r.amountLei])).toEqual([['VT-2025-00001', 800]]);
    expect(f.payments[0]!.details).toBe('Subvenție lunară iunie 2025: 400,00 lei; Plată retroactivă mai 2025: 400,00 lei');
    expect(f.recoveries.map((r) => [r.caseNumber, r.amountLei])).toEqual([['VT-2025-00002', -400]]);
    expect(f.compensated).toBe(1);
    expect(f.totalPaymentsLei).toBe(800);
    expect(f.totalRecoveriesLei).toBe(-400);
    expect(f.payments[0]!.reference).toBe('VT-2025-06-2-00001');
    expect(f.recoveries[0]!.reference).toBe('VT-2025-06-2-00002');
  });

  it('lists arrears and a recovery of the same month in one order, whatever order the ledger gave them', () => {
    const ls = [line(23, 'monthly', 400, 'paid', '2025-06'), line(23, 'recovery', -400, 'paid', '2025-04'), line(23, 'arrears', 400, 'paid', '2025-04')];
    const details = 'Subvenție lunară iunie 2025: 400,00 lei; Plată retroactivă aprilie 2025: 400,00 lei; Recuperare aprilie 2025: -400,00 lei';
    expect(buildPaymentFile(run, ls).payments[0]!.details).toBe(details);
    expect(buildPaymentFile(run, [...ls].reverse()).payments[0]!.details).toBe(details);
  });

  it('has unique, stable references, each child at most once, and totals equal to the paid lines (property)', () => {
    const lines = fc.array(fc.record({ n: fc.integer({ min: 1, max: 40 }), kind: fc.constantFrom('monthly', 'arrears', 'recovery') as fc.Arbitrary<RunLine['kind']>, paid: fc.boolean() }), { maxLength: 80 })
      .map((xs) => xs.map((x, i) => line(x.n, x.kind, x.kind === 'recovery' ? -400 : 400, x.paid ? 'paid' : 'dropped', x.kind === 'monthly' ? '2025-06' : `2025-0${(i % 3) + 3}`)));
    fc.assert(fc.property(lines, (ls) => {
      const f = buildPaymentFile(run, ls);
      const rows = [...f.payments, ...f.recoveries];
      expect(new Set(rows.map((r) => r.caseNumber)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);
      const paidNet = ls.filter((l) => l.payment.status === 'paid').reduce((s, l) => s + l.amountLei, 0);
      expect(f.totalPaymentsLei + f.totalRecoveriesLei).toBe(paidNet);
      expect(f.payments.every((r) => r.amountLei > 0) && f.recoveries.every((r) => r.amountLei < 0)).toBe(true);
      expect(buildPaymentFile(run, [...ls].reverse())).toEqual(f);
    }));
  });

  it('writes CSV for Romanian Excel: BOM, `;`, CRLF, decimal comma, quoted when needed', () => {
    const f = buildPaymentFile(run, [line(1, 'monthly', 400), { ...line(2, 'monthly', 400), beneficiary: 'Ioana; "Mica"' }]);
    const csv = paymentCsv(f);
    expect(csv.startsWith('\uFEFFReferință plată;Beneficiar (reprezentant legal);IBAN;Sumă (lei);Luna;Nr. caz;Detalii\r\n')).toBe(true);
    expect(csv).toContain(';400,00;2025-06;VT-2025-00001;');
    expect(csv).toContain('"Ioana; ""Mica"""');
    expect(csvAmount(1234.5)).toBe('1234,50');
    expect(paymentReference('2025-06', 1, 12)).toBe('VT-2025-06-1-00012');
  });

  it('writes an XLSX with the transfers, the recoveries and a summary', async () => {
    const f = buildPaymentFile(run, [line(1, 'monthly', 400), line(2, 'recovery', -400)]);
    const bytes = await paymentXlsx(f, { generatedAt: new Date('2025-07-04T08:00:00Z'), approvedBy: 'Maria Demo', approvedAt: '2025-07-04T07:00:00Z' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Plăți', 'Recuperări', 'Rezumat']);
    expect(wb.getWorksheet('Plăți')!.getRow(4).getCell(4).value).toBe(400);
    expect(wb.getWorksheet('Recuperări')!.getRow(4).getCell(6).value).toBe('VT-2025-00002');
  });

  it('prints a summary for signature without names or IBANs, escaping what it shows', () => {
    const f = buildPaymentFile(run, [line(1, 'monthly', 400)]);
    const html = paymentSummaryHtml(f, { runId: run.runId, month: run.month, approval: { decision: 'approved', by: 'u', byName: 'Maria <Demo>', at: '2025-07-04T07:00:00Z' }, summary: null }, { generatedAt: new Date('2025-07-04T08:00:00Z'), generatedBy: 'Paul', reasonLabels: {} });
    expect(html).toContain('Maria &lt;Demo&gt;');
    expect(html).toContain('iunie 2025');
    expect(html).not.toContain('Mama Fictiva');
    expect(html).not.toContain(syntheticRoIban(1));
  });
});
