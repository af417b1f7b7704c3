/**
 * The import template (XLSX), generated from columns.ts: an instructions sheet, one sheet per kind of record with
 * Romanian headers (notes explain each column, required ones are coloured) and an example row, and a sheet of the
 * allowed values that the drop-down lists point to.
 */
import type ExcelJS from 'exceljs';
import { excel } from '../platform/files/excel.js';
import { serviceCatalogue } from '../services/index.js';
import { EXAMPLE_PREFIX, sheets, type AllowedValue, type ColumnSpec } from './columns.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TEMPLATE_FILE_NAME = 'vatra-sablon-import.xlsx';
export const VALUES_SHEET = 'Valori permise';
export const INSTRUCTIONS_SHEET = 'Instrucțiuni';

/** rows with drop-down lists in the data sheets */
const VALIDATED_ROWS = 2000;

const colLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

const requiredLabel = (c: ColumnSpec) => (c.required === true ? 'da' : c.required === 'conditional' ? 'în funcție de etapă' : 'nu');

function instructions(ws: ExcelJS.Worksheet) {
  ws.columns = [{ width: 34 }, { width: 16 }, { width: 110 }];
  const lines: [string, Partial<ExcelJS.Font>?][] = [
    ['Vatra — import al cazurilor existente (proiectul 328741)', { bold: true, size: 14 }],
    [''],
    ['1. Completați câte un rând pentru fiecare copil în foaia „Copii și cazuri”; celelalte foi se leagă de copil prin „Cod copil”.'],
    ['2. Rândul 2 din fiecare foaie este un exemplu (codul începe cu „EXEMPLU”): îl puteți lăsa, este ignorat la import.'],
    ['3. Încărcați fișierul în Vatra mai întâi ca „verificare” (nu se scrie nimic): raportul arată pentru fiecare rând dacă este acceptat sau motivul respingerii.'],
    ['4. Corectați rândurile respinse și importați. Un caz se importă complet (copil, plan, înscrieri, participare, luni plătite) sau deloc.'],
    ['5. Reimportul aceluiași fișier nu modifică nimic: cazurile deja importate sunt recunoscute după „Cod copil”. Modificările ulterioare se fac în Vatra.'],
    ['Datele: AAAA-LL-ZZ sau ZZ.LL.AAAA; lunile: AAAA-LL. Listele (factori de risc, obiective, servicii) se separă prin „;”.'],
    ['Date personale: completați doar ce este necesar; etnia este autodeclarată și opțională. Nu trimiteți fișierul prin e-mail.'],
    [''],
  ];
  for (const [text, font] of lines) {
    const row = ws.addRow([text]);
    if (font) row.font = font;
  }
  for (const spec of sheets) {
    const title = ws.addRow([`Foaia „${spec.name}”${spec.required ? '' : ' (opțională)'}`, '', spec.description]);
    title.font = { bold: true };
    const head = ws.addRow(['Coloana', 'Obligatorie', 'Descriere']);
    head.font = { italic: true };
    for (const c of spec.columns) {
      const row = ws.addRow([c.header, requiredLabel(c), c.description]);
      row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    }
    ws.addRow(['']);
  }
}

/** The allowed-values sheet; returns the range of each list for the drop-downs. */
function allowedValues(ws: ExcelJS.Worksheet): Map<readonly AllowedValue[], string> {
  const ranges = new Map<readonly AllowedValue[], string>();
  let col = 1;
  const lists = new Map<readonly AllowedValue[], string>();
  for (const spec of sheets) {
    for (const c of spec.columns) if (c.values && !lists.has(c.values)) lists.set(c.values, c.header);
  }
  for (const [values, header] of lists) {
    const letter = colLetter(col);
    ws.getCell(`${letter}1`).value = header;
    ws.getCell(`${letter}1`).font = { bold: true };
    values.forEach((v, i) => { ws.getCell(`${letter}${i + 2}`).value = v.label; });
    ws.getColumn(col).width = Math.min(60, Math.max(14, header.length + 2, ...values.map((v) => v.label.length + 2)));
    ranges.set(values, `'${VALUES_SHEET}'!$${letter}$2:$${letter}$${values.length + 1}`);
    col++;
  }
  // services with their groups (codes used in the plans and enrolments sheets)
  col++;
  const start = col;
  for (const [i, h] of ['Cod serviciu', 'Serviciu', 'Cod grupă', 'Grupa', 'Locuri'].entries()) {
    const cell = ws.getCell(1, start + i);
    cell.value = h;
    cell.font = { bold: true };
  }
  let r = 2;
  for (const s of serviceCatalogue) {
    for (const g of s.groups) {
      [s.id, s.name, g.id, g.name, g.capacity].forEach((v, i) => { ws.getCell(r, start + i).value = v; });
      r++;
    }
  }
  [16, 60, 10, 30, 8].forEach((w, i) => { ws.getColumn(start + i).width = w; });
  return ranges;
}

function exampleValue(c: ColumnSpec): ExcelJS.CellValue {
  if (c.example === null) return null;
  if (c.kind === 'date' && typeof c.example === 'string') return new Date(`${c.example}T00:00:00Z`);
  return c.example;
}

export async function buildTemplate(now: Date = new Date()): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Vatra';
  wb.created = now;
  instructions(wb.addWorksheet(INSTRUCTIONS_SHEET));
  const dataSheets = sheets.map((spec) => ({ spec, ws: wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] }) }));
  const ranges = allowedValues(wb.addWorksheet(VALUES_SHEET));
  for (const { spec, ws } of dataSheets) {
    ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(14, Math.min(40, c.header.length + 4)) }));
    const header = ws.getRow(1);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required === true ? 'FFFFE2B8' : c.required ? 'FFFFF3D6' : 'FFE8EEF4' } };
      cell.note = `${c.required === true ? 'Obligatoriu. ' : c.required ? 'Obligatoriu în anumite cazuri. ' : ''}${c.description}`;
      const letter = colLetter(i + 1);
      if (c.kind === 'date') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
      if (c.kind === 'month' || c.key === 'code' || c.key === 'cnp' || c.key === 'iban' || c.key === 'repPhone') ws.getColumn(i + 1).numFmt = '@';
      const range = c.values && c.kind !== 'enumList' ? ranges.get(c.values) : undefined;
      if (range) {
        (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS}`, {
          type: 'list', allowBlank: true, formulae: [range], showErrorMessage: true, errorTitle: c.header,
          error: `Alegeți o valoare din listă (foaia „${VALUES_SHEET}”).`,
        });
      }
    });
    header.height = 32;
    const example = ws.getRow(2);
    spec.columns.forEach((c, i) => { example.getCell(i + 1).value = exampleValue(c); });
    example.font = { italic: true, color: { argb: 'FF6B7280' } };
  }
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}

export { EXAMPLE_PREFIX };
