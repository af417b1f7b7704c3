import { describe, expect, it } from 'vitest';
import { sheets } from './columns.js';
import { buildTemplate, INSTRUCTIONS_SHEET, VALUES_SHEET } from './template.js';
import { importLimits, readWorkbook, zipUnpackedSize } from './workbook.js';
import { buildWorkbook, headersOf, rawWorkbook } from '../../test/support/import.js';
import ExcelJS from 'exceljs';

describe('the import template', () => {
  it('has an instructions sheet, one sheet per kind of record with Romanian headers and an example row, and the allowed values', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildTemplate()) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([INSTRUCTIONS_SHEET, ...sheets.map((s) => s.name), VALUES_SHEET]);
    for (const spec of sheets) {
      const ws = wb.getWorksheet(spec.name)!;
      expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(spec.columns.map((c) => c.header));
      expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^EXEMPLU/);
      expect(ws.getRow(1).getCell(1).note).toBeTruthy();
    }
    const instructions = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
    const text = instructions.getSheetValues().flat().join(' ');
    for (const spec of sheets) for (const c of spec.columns) expect(text).toContain(c.header);
    expect(text).toMatch(/ș|ț/);
    expect(text).not.toMatch(/[şţŞŢ]/);
  });

  it('reads back its own example rows, which the import then ignores', async () => {
    const wb = await readWorkbook(await buildTemplate());
    expect(wb.errors).toEqual([]);
    expect(wb.warnings).toEqual([]);
    for (const s of sheets) expect(wb.rows[s.id]).toHaveLength(1);
    expect(wb.rows.children[0]!.cells.birthDate).toBeInstanceOf(Date);
  });
});

describe('readWorkbook', () => {
  it('reads filled rows by column key, with the Excel row numbers', async () => {
    const bytes = await buildWorkbook({
      children: [{ code: 'A-1', firstName: 'Ana', birthDate: new Date('2014-05-17T00:00:00Z'), cnp: '6140517350012' }],
      payments: [{ code: 'A-1', month: '2025-05', amount: 400, reference: 'OP 1' }, { code: 'A-1', month: '2025-06', amount: 400, reference: 'OP 2' }],
    });
    const wb = await readWorkbook(bytes);
    expect(wb.errors).toEqual([]);
    const child = wb.rows.children.find((r) => r.cells.code === 'A-1')!;
    expect(child.row).toBe(3);
    expect(child.cells.firstName).toBe('Ana');
    expect(child.cells.cnp).toBe('6140517350012');
    expect(wb.rows.payments.filter((r) => r.cells.code === 'A-1').map((r) => [r.row, r.cells.month, r.cells.amount])).toEqual([[3, '2025-05', 400], [4, '2025-06', 400]]);
  });

  it('matches headers without regard to case, diacritics or a trailing asterisk, and warns about unknown columns', async () => {
    const headers = headersOf('children').map((h, i) => (i === 0 ? 'COD COPIL *' : i === 3 ? 'prenume copil' : h.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
    const bytes = await rawWorkbook({ 'Copii si cazuri': [[...headers, 'Observații interne'], ['B-1', 'prevenire']] });
    const wb = await readWorkbook(bytes);
    expect(wb.errors).toEqual([]);
    expect(wb.rows.children[0]!.cells.code).toBe('B-1');
    expect(wb.warnings.map((w) => w.code)).toEqual(['COLUMN_UNKNOWN']);
    expect(wb.warnings[0]!.message).toContain('„Observații interne”');
  });

  it('names a missing sheet and a missing required column', async () => {
    const noChildren = await readWorkbook(await rawWorkbook({ Planuri: [headersOf('plans')] }));
    expect(noChildren.errors.map((e) => e.code)).toEqual(['SHEET_MISSING']);
    expect(noChildren.errors[0]!.message).toContain('„Copii și cazuri”');
    const noCode = await readWorkbook(await rawWorkbook({ 'Copii și cazuri': [headersOf('children').slice(1), ['prevenire']] }));
    expect(noCode.errors.map((e) => e.message)).toEqual(['Foaia „Copii și cazuri” nu are coloana obligatorie „Cod copil”.']);
  });

  it('refuses what is not a workbook, an empty one and one that unpacks too large', async () => {
    expect((await readWorkbook(new TextEncoder().encode('nume;prenume\nA;B'))).errors.map((e) => e.code)).toEqual(['NOT_XLSX']);
    expect((await readWorkbook(await rawWorkbook({ 'Copii și cazuri': [headersOf('children')] }))).errors.map((e) => e.code)).toEqual(['FILE_EMPTY']);
    expect((await readWorkbook(new Uint8Array(importLimits.maxFileBytes + 1))).errors.map((e) => e.code)).toEqual(['FILE_TOO_LARGE']);
    // a forged central directory entry claiming 4 GB
    const bytes = await buildTemplate();
    const size = zipUnpackedSize(bytes)!;
    expect(size).toBeGreaterThan(bytes.length);
    const forged = new Uint8Array(bytes);
    const view = new DataView(forged.buffer);
    for (let i = forged.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) { view.setUint32(i + 24, 0xfffffff0, true); break; }
    }
    expect((await readWorkbook(forged)).errors.map((e) => e.code)).toEqual(['FILE_TOO_LARGE']);
  });
});
