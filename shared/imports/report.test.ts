import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from './model.js';
import { reportCsv } from './report.js';

describe('import report CSV', () => {
  it('guards the cells that come from the uploaded workbook against spreadsheet formulas; row numbers stay numbers', () => {
    const report = {
      fileErrors: [],
      fileWarnings: [],
      rows: [{ sheet: 'copii', sheetName: '=Copii', row: 7, childCode: '@SUM(A1)', status: 'rejected', reasons: [{ code: 'X', message: 'motiv' }], warnings: [] }],
    } as unknown as ImportReport;
    const rows = parse(reportCsv(report), { bom: true, delimiter: ';' }) as string[][];
    expect(rows[1]!.slice(0, 3)).toEqual(["'=Copii", '7', "'@SUM(A1)"]);
  });
});
