/** The one CSV writer: what Excel and any RFC 4180 reader get back. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a BOM, `;` between fields and CRLF after every record', () => {
    expect(toCsv([['Nr. caz', 'Sumă (lei)'], ['VT-1', '400,00']])).toBe('\uFEFFNr. caz;Sumă (lei)\r\nVT-1;400,00\r\n');
  });

  it('quotes a field holding the separator, a quote, CR or LF, doubling its quotes — and no other', () => {
    expect(toCsv([['Ioana; "Mica"', 'a\nb', 'c\rd', 'plain, with comma', 'ș ț ă î â']], { bom: false })).toBe('"Ioana; ""Mica""";"a\nb";"c\rd";plain, with comma;ș ț ă î â\r\n');
    expect(toCsv([['a,b', 'c;d']], { separator: ',', bom: false })).toBe('"a,b",c;d\r\n');
  });

  it('writes numbers as they are and null/undefined as empty fields', () => {
    expect(toCsv([[3, 0, -1.5, null, undefined, '']], { bom: false })).toBe('3;0;-1.5;;;\r\n');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula, when asked, never before numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM', '\tx', 'ok', -3]], { bom: false, guardFormulas: true })).toBe(`"'=HYPERLINK(""x"")";'+1;'-2;'@SUM;'\tx;ok;-3\r\n`);
    expect(toCsv([['=1+1']], { bom: false })).toBe('=1+1\r\n');
  });

  it('writes nothing but the BOM for no rows', () => {
    expect(toCsv([])).toBe('\uFEFF');
  });

  it('reads back cell for cell with an RFC 4180 reader (csv-parse), whatever the text and separator', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ă', 'Ș', ';', ',', '"', '\r', '\n', ' ', '1', "'") , maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), fc.constantFrom(';' as const, ',' as const), (rows, separator) => {
        const back = parse(toCsv(rows, { separator }), { delimiter: separator, bom: true, record_delimiter: '\r\n', relax_column_count: true }) as string[][];
        expect(back).toEqual(rows);
      }),
    );
  });
});
