import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from './model.js';
import { observatorExport } from './observator.js';

const aCase = {
  caseId: 'C1', caseNumber: 'VT-2026-00019', institution: 'DAS', track: 'prevention',
  child: { firstName: 'Ana', lastName: '=Demoescu', birthDate: '2014-12-07', residenceCity: 'Timișoara' },
  plan: {
    version: 2, approvedAt: '2026-06-30T21:30:00.000Z', reviewDate: '2026-12-30', services: [{ serviceId: 'cz-kuncz' }],
    objectives: [{ text: '-frecventarea școlii' }, { text: 'sprijin la teme' }],
  },
} as unknown as CaseRecord;

describe('Observator export', () => {
  it('gives the fields on the Bucharest day, and guards typed text against spreadsheet formulas in the CSV', () => {
    const { fields, csv } = observatorExport(aCase);
    expect(fields).toMatchObject({ nume: '=Demoescu', obiective: '-frecventarea școlii | sprijin la teme', dataAprobarii: '2026-07-01', versiunePlan: 2 });
    const [header, row] = parse(csv, { bom: true, delimiter: ';' }) as string[][];
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Nume')).toBe("'=Demoescu");
    expect(cell('Obiective')).toBe("'-frecventarea școlii | sprijin la teme");
    expect(cell('Prenume')).toBe('Ana');
    expect(cell('Data aprobării')).toBe('2026-07-01');
    expect(cell('Versiune plan')).toBe('2');
  });
});
