/**
 * The one CSV writer (issues #19 and #21): every CSV Vatra hands out is for Romanian Excel — UTF-8 with a BOM (so
 * Excel reads the diacritics), `;` between fields (Excel's separator where the decimal mark is a comma), CRLF after
 * every record, and RFC 4180 quoting: a field holding the separator, a double quote, CR or LF is put in double quotes
 * and its quotes are doubled.
 *
 * Hand-written rather than csv-stringify: that is all the project asks of a CSV writer, a dozen lines, and the library
 * added ~10 KB to four function bundles (docs/decisions/018-performance.md). Reading CSV (tests) stays with csv-parse.
 */

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** A cell: text as it is, a number as JavaScript writes it (callers format decimals), null/undefined empty. */
export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** `;` (default, Romanian Excel) or `,` */
  separator?: ';' | ',';
  /** UTF-8 byte order mark in front (default true) */
  bom?: boolean;
  /**
   * A text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe, so a spreadsheet shows it
   * instead of running it as a formula (for text that users typed, e.g. the audit log). Numbers are never touched.
   */
  guardFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a person typed, made safe to open in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or CR gets an apostrophe. */
export function guardFormula(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The rows (header first, if any) as one CSV text. */
export function toCsv(rows: readonly (readonly CsvCell[])[], o: CsvOptions = {}): string {
  const separator = o.separator ?? ';';
  const needsQuotes = separator === ';' ? /[;"\r\n]/ : /[,"\r\n]/;
  const field = (v: CsvCell): string => {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (o.guardFormulas && typeof v === 'string') s = guardFormula(s);
    return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  let out = o.bom === false ? '' : '\uFEFF';
  for (const row of rows) out += `${row.map(field).join(separator)}\r\n`;
  return out;
}
