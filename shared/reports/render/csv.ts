/** A table → CSV for Romanian Excel: UTF-8 with BOM, `;` separator, decimal comma, header row first. */
import { stringify } from 'csv-stringify/sync';
import type { Table, TableCell } from '../tables.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

const cell = (v: TableCell): string => (v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : v);

export function toCsv(table: Table): string {
  return `\uFEFF${stringify([table.headers, ...table.rows.map((r) => r.map(cell))], { delimiter: ';', record_delimiter: '\r\n' })}`;
}
