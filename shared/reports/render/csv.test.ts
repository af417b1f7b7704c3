import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('report tables as CSV', () => {
  it('writes numbers with the decimal comma, negative ones unguarded, and guards text a spreadsheet would run', () => {
    const text = toCsv({ name: 'T', title: 'T', notes: [], headers: ['Indicator', 'Valoare'], rows: [['=HYPERLINK("http://x")', -1.5], ['Copii', 12], ['-', null]] });
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toEqual([
      ['Indicator', 'Valoare'],
      ["'=HYPERLINK(\"http://x\")", '-1,5'],
      ['Copii', '12'],
      ["'-", ''],
    ]);
  });
});
