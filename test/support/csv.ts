/** Reading back the CSV files Vatra writes for Romanian Excel: UTF-8 with BOM, `;` separator, RFC 4180 quoting. */
import { parse } from 'csv-parse/sync';

export function parseCsv(text: string): string[][] {
  return parse(text, { delimiter: ';', bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}
