import { describe, expect, it } from 'vitest';
import type { ImportReport, RowReport } from '../../../shared/imports/model.js';
import { rowsToShow, summaryLine, toBase64 } from './import.js';

const row = (over: Partial<RowReport>): RowReport => ({ sheet: 'children', sheetName: 'Copii și cazuri', row: 2, childCode: 'A', status: 'accepted', reasons: [], warnings: [], ...over });

describe('import page helpers', () => {
  it('encodes large files to base64 exactly like Node does', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new Uint8Array())).toBe('');
  });

  it('shows rejected rows first, then pending and warnings, and hides clean accepted rows', () => {
    const rows = [
      row({ row: 5, warnings: [{ code: 'W', message: 'avertisment' }] }),
      row({ row: 3 }),
      row({ row: 9, status: 'rejected', reasons: [{ code: 'X', message: 'greșit' }] }),
      row({ row: 4, status: 'pending' }),
    ];
    expect(rowsToShow(rows).map((r) => r.row)).toEqual([9, 4, 5]);
  });

  it('summarises a dry run and an import in Romanian', () => {
    const summary = { children: { total: 10, accepted: 8, rejected: 2, alreadyImported: 0, imported: 0, pending: 0 }, rows: { total: 0, accepted: 0, rejected: 0, alreadyImported: 0, ignored: 0, imported: 0, pending: 0 }, paidMonths: 3, paidLei: 1200 };
    const base = { fileName: 'f.xlsx', fileSha256: 'x', complete: true, at: '2026-12-04T10:00:00Z', by: 'u', fileErrors: [], fileWarnings: [], cases: [], rows: [] };
    const dry = summaryLine({ ...base, dryRun: true, summary } as ImportReport);
    expect(dry).toContain('8 acceptați');
    expect(dry).toContain('2 respinși');
    expect(dry).toContain('3 luni (1.200,00 lei)');
    expect(dry).toMatch(/^10 copii în fișier/);
    const many = summaryLine({ ...base, dryRun: true, summary: { ...summary, children: { ...summary.children, total: 21, accepted: 20, rejected: 1 } } } as ImportReport);
    expect(many).toMatch(/^21 de copii în fișier, 20 de acceptați, 1 respins\./);
    const real = summaryLine({ ...base, dryRun: false, summary: { ...summary, children: { ...summary.children, imported: 7, alreadyImported: 1 } } } as ImportReport);
    expect(real).toContain('7 importați acum');
    expect(real).toContain('1 importat anterior');
  });
});
