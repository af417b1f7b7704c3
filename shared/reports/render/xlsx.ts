
import { excel } from '../../platform/files/excel.js';
import type { Table } from '../tables.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Header row index (1-based) in every sheet: row 1 is the title, row 2 is empty. */
export const HEADER_ROW = 3;

const sheetName = (name: string, used: Set<string>) => {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Foaie';
  let n = 2;
  let candidate = base;
  while (used.has(candidate)) candidate = `${base.slice(0, 28)} ${n++}`;
  used.add(candidate);
  return candidate;
};

export async function toXlsx(tables: readonly Table[], meta: { generatedAt: Date; creator?: string }): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = meta.creator ?? 'Vatra';
  wb.created = meta.generatedAt;
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name, used), { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
    ws.getCell(1, 1).value = t.title;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    const header = ws.getRow(HEADER_ROW);
    t.headers.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    t.rows.forEach((r, ri) => {
      const row = ws.getRow(HEADER_ROW + 1 + ri);
      r.forEach((v, ci) => {
        const cell = row.getCell(ci + 1);
        cell.value = v ?? null;
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
    let noteRow = HEADER_ROW + t.rows.length + 2;
    for (const n of t.notes) {
      ws.getCell(noteRow, 1).value = n;
      ws.getCell(noteRow, 1).font = { italic: true };
      noteRow += 1;
    }
    t.headers.forEach((h, i) => {
      const longest = Math.max(h.length, ...t.rows.map((r) => String(r[i] ?? '').length));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
