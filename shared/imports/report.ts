/** The import report as a CSV for Romanian Excel (UTF-8 with BOM, `;`): one line per row of the workbook. */
import { toCsv } from '../platform/files/csv.js';
import { statusLabels, type Issue, type ImportReport } from './model.js';

const issues = (list: readonly Issue[]) => list.map((i) => `${i.column ? `${i.column}: ` : ''}${i.message} [${i.code}]`).join(' | ');

export function reportCsv(r: ImportReport): string {
  const fileRows = [
    ...r.fileErrors.map((e) => ['(fișier)', '', '', 'eroare', '', `${e.message} [${e.code}]`, '']),
    ...r.fileWarnings.map((w) => ['(fișier)', '', '', 'avertisment', '', '', `${w.message} [${w.code}]`]),
  ];
  const rows = r.rows.map((x) => [x.sheetName, x.row, x.childCode ?? '', statusLabels[x.status], x.caseNumber ?? '', issues(x.reasons), issues(x.warnings)]);
  // sheet names and child codes come from the uploaded workbook: guarded against spreadsheet formulas (the row is a number)
  return toCsv([['Foaia', 'Rândul', 'Cod copil', 'Rezultat', 'Nr. caz', 'Motive', 'Avertismente'], ...fileRows, ...rows], { guardFormulas: true });
}
