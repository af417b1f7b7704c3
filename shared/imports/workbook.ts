/**
 * Reading an uploaded workbook (exceljs) into plain rows keyed by the column keys of columns.ts. Headers are matched
 * case- and diacritics-insensitively; cells become string | number | boolean | Date | null (formulas give their
 * result, rich text its text). File-level problems (not an XLSX, a required sheet or column missing, too many rows)
 * are returned, never thrown, so the dry run can report them in Romanian.
 */
import type ExcelJS from 'exceljs';
import { excel } from '../platform/files/excel.js';
import { normaliseLabel, sheets, type SheetId, type SheetSpec } from './columns.js';

export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  sheet: SheetId;
  /** the row number Excel shows (1-based, header = 1) */
  row: number;
  cells: Record<string, Cell>;
}

export interface FileIssue {
  code: string;
  message: string;
  sheet?: string | undefined;
}

export interface ParsedWorkbook {
  rows: Record<SheetId, RawRow[]>;
  /** fatal: nothing can be imported while any is present */
  errors: FileIssue[];
  warnings: FileIssue[];
}

export const importLimits = {
  /** a workbook read by the command line */
  maxFileBytes: 5 * 1024 * 1024,
  /**
   * through the API the workbook travels as base64 in JSON: a request of at most 5 MB (Lambda takes 6 MB events,
   * the local server 6 MB bodies), i.e. a file of at most 3.75 MB
   */
  maxUploadBase64Chars: 5 * 1024 * 1024,
  /** a workbook is a ZIP: refuse one that would unpack to more than this (zip bombs) */
  maxUnpackedBytes: 80 * 1024 * 1024,
  maxRowsPerSheet: 20_000,
} as const;

/**
 * Sum of the uncompressed sizes in a ZIP's central directory, or undefined when the bytes are not a ZIP.
 * Read before exceljs unpacks anything.
 */
export function zipUnpackedSize(buf: Uint8Array): number | undefined {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: signature 0x06054b50, within the last 22 + 65535 bytes.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== 0x02014b50) return undefined;
    const size = view.getUint32(p + 24, true);
    // ZIP64 marks sizes it cannot hold in 32 bits with 0xFFFFFFFF: treat as too large
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return cellValue(v.richText.map((t) => t.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      if (r === undefined || r === null || (typeof r === 'object' && !(r instanceof Date))) return null;
      return cellValue(r as ExcelJS.CellValue);
    }
    if ('hyperlink' in v) return cellValue((v as { text?: string }).text ?? null);
    if ('error' in v) return null;
  }
  return null;
}

function headerMap(spec: SheetSpec, headerRow: ExcelJS.Row): { byColumn: Map<number, string>; unknown: string[] } {
  const byHeader = new Map(spec.columns.map((c) => [normaliseLabel(c.header), c.key]));
  const byColumn = new Map<number, string>();
  const unknown: string[] = [];
  headerRow.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellValue(cell.value);
    if (text === null) return;
    const key = byHeader.get(normaliseLabel(String(text)));
    if (key && ![...byColumn.values()].includes(key)) byColumn.set(col, key);
    else unknown.push(String(text));
  });
  return { byColumn, unknown };
}

const emptyRows = (): Record<SheetId, RawRow[]> => ({ children: [], plans: [], enrolments: [], participation: [], payments: [] });

export async function readWorkbook(bytes: Uint8Array): Promise<ParsedWorkbook> {
  const rows = emptyRows();
  const errors: FileIssue[] = [];
  const warnings: FileIssue[] = [];
  if (bytes.length > importLimits.maxFileBytes) {
    return { rows, errors: [{ code: 'FILE_TOO_LARGE', message: `Fișierul are ${(bytes.length / 1024 / 1024).toFixed(1)} MB; limita este ${importLimits.maxFileBytes / 1024 / 1024} MB.` }], warnings };
  }
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === undefined) return { rows, errors: [{ code: 'NOT_XLSX', message: 'Fișierul nu este un registru Excel (.xlsx). Folosiți șablonul de import descărcat din Vatra.' }], warnings };
  if (unpacked > importLimits.maxUnpackedBytes) return { rows, errors: [{ code: 'FILE_TOO_LARGE', message: 'Fișierul este prea mare după dezarhivare; împărțiți-l în mai multe fișiere.' }], warnings };

  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return { rows, errors: [{ code: 'NOT_XLSX', message: 'Fișierul nu a putut fi citit ca registru Excel (.xlsx). Salvați-l din Excel sau LibreOffice ca .xlsx și reîncercați.' }], warnings };
  }
  const byName = new Map(wb.worksheets.map((ws) => [normaliseLabel(ws.name), ws]));
  for (const spec of sheets) {
    const ws = byName.get(normaliseLabel(spec.name));
    if (!ws) {
      if (spec.required) errors.push({ code: 'SHEET_MISSING', message: `Lipsește foaia „${spec.name}”.`, sheet: spec.name });
      continue;
    }
    const { byColumn, unknown } = headerMap(spec, ws.getRow(1));
    const present = new Set(byColumn.values());
    const missing = spec.columns.filter((c) => c.required === true && !present.has(c.key));
    for (const c of missing) errors.push({ code: 'COLUMN_MISSING', message: `Foaia „${spec.name}” nu are coloana obligatorie „${c.header}”.`, sheet: spec.name });
    if (unknown.length) warnings.push({ code: 'COLUMN_UNKNOWN', message: `Foaia „${spec.name}”: coloane necunoscute, ignorate: ${unknown.map((u) => `„${u}”`).join(', ')}.`, sheet: spec.name });
    if (ws.actualRowCount - 1 > importLimits.maxRowsPerSheet) {
      errors.push({ code: 'TOO_MANY_ROWS', message: `Foaia „${spec.name}” are peste ${importLimits.maxRowsPerSheet} de rânduri; împărțiți fișierul.`, sheet: spec.name });
      continue;
    }
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, Cell> = {};
      let any = false;
      for (const [col, key] of byColumn) {
        const v = cellValue(row.getCell(col).value);
        cells[key] = v;
        if (v !== null) any = true;
      }
      if (any) rows[spec.id].push({ sheet: spec.id, row: rowNumber, cells });
    });
  }
  const known = new Set(sheets.map((s) => normaliseLabel(s.name)));
  const ignored = wb.worksheets.filter((ws) => !known.has(normaliseLabel(ws.name)) && !['instructiuni', 'valori permise'].includes(normaliseLabel(ws.name)));
  if (ignored.length) warnings.push({ code: 'SHEET_UNKNOWN', message: `Foi necunoscute, ignorate: ${ignored.map((w) => `„${w.name}”`).join(', ')}.` });
  if (errors.length === 0 && sheets.every((s) => rows[s.id].length === 0)) errors.push({ code: 'FILE_EMPTY', message: 'Fișierul nu conține niciun rând de date.' });
  return { rows, errors, warnings };
}
