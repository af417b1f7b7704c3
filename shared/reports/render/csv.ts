/** A table → CSV for Romanian Excel (the platform's one CSV writer): decimal comma, header row first. */
import { guardFormula, toCsv as csv } from '../../platform/files/csv.js';
import type { Table, TableCell } from '../tables.js';

export { CSV_CONTENT_TYPE } from '../../platform/files/csv.js';

// numbers with the decimal comma (a negative stays a number to the spreadsheet); text guarded against formulas
const cell = (v: TableCell): string => (v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : guardFormula(v));

export function toCsv(table: Table): string {
  return csv([table.headers, ...table.rows.map((r) => r.map(cell))]);
}
