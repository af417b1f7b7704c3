import { describe, expect, it } from 'vitest';
import { drillDown } from './drilldown.js';
import { rcase } from './test-fixtures.js';

const cases = [
  rcase({ caseId: 'a', caseNumber: 'VT-2026-00003', institution: 'DAS', childName: 'Ana Fictiv' }),
  rcase({ caseId: 'b', caseNumber: 'VT-2026-00001', institution: 'DGASPC', track: 'reintegration', childName: 'Bogdan Fictiv' }),
  rcase({ caseId: 'c', caseNumber: 'VT-2026-00002', institution: 'DAS', childName: 'Cristi Fictiv', stage: 'monitoring' }),
];

describe('drill-down to the cases behind a figure', () => {
  it('gives the project manager every partner\'s cases, without names', () => {
    const r = drillDown(['a', 'b', 'c'], cases, { roles: ['project_manager'], institution: 'DAS' });
    expect(r.rows.map((x) => x.caseNumber)).toEqual(['VT-2026-00001', 'VT-2026-00002', 'VT-2026-00003']);
    expect(r.rows.every((x) => x.childName === undefined)).toBe(true);
    expect(r.rows.find((x) => x.caseId === 'c')!.stageLabel).toBe('Monitorizare post-reintegrare');
    expect(r.hiddenOtherInstitutions).toBe(0);
    expect(JSON.stringify(r)).not.toContain('Fictiv');
  });

  it('gives a coordinator the cases of their institution, with names, and only a count of the others', () => {
    const r = drillDown(['a', 'b', 'c'], cases, { roles: ['coordinator'], institution: 'DGASPC' });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ caseId: 'b', childName: 'Bogdan Fictiv', trackLabel: 'Reintegrare în familie (DGASPC)' });
    expect(r.hiddenOtherInstitutions).toBe(2);
  });

  it('shows names only for the own institution\'s cases to someone who is also project manager', () => {
    const r = drillDown(['a', 'b'], cases, { roles: ['coordinator', 'project_manager'], institution: 'DAS' });
    expect(r.rows.find((x) => x.caseId === 'a')!.childName).toBe('Ana Fictiv');
    expect(r.rows.find((x) => x.caseId === 'b')!.childName).toBeUndefined();
  });

  it('ignores case ids it does not know', () => {
    expect(drillDown(['zzz'], cases, { roles: ['project_manager'], institution: 'DAS' }).rows).toEqual([]);
  });
});
