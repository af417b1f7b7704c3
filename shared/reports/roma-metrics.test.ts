import { describe, expect, it } from 'vitest';
import { loadRomaPlan } from './roma-plan/index.js';
import { computedSpecSchema, computedTargets } from './roma-plan/plan.js';
import type { IdentityDocumentFact, ReportData } from './model.js';
import { computeRomaMetrics, type ComputedLineValue } from './roma-metrics.js';
import { enrol, rcase } from './test-fixtures.js';

const plan = await loadRomaPlan(2026);
const line = (ls: ComputedLineValue[], actionId: string, breakdownKey: string | null = null) => ls.find((l) => l.actionId === actionId && l.breakdownKey === breakdownKey)!;

const roma = { ethnicity: 'roma' as const };
const cases = [
  rcase({ caseId: 'r1', ...roma, evaluationOn: '2025-12-20', reviewDays: ['2026-03-01'] }), // Sf. Nicolae; 2.5 by its review
  rcase({ caseId: 'r2', ...roma, evaluationOn: '2026-02-01' }), // Sf. Nicolae + Kuncz; 2.5 by its evaluation
  rcase({ caseId: 'r3', ...roma, evaluationOn: '2025-06-01', reviewDays: ['2025-09-01'] }), // enrolment ended in 2025; not 2.5
  rcase({ caseId: 'r4', ...roma, evaluationOn: '2026-09-15' }), // waiting list at Sf. Nicolae only; 2.5 only after 15 Sept
  rcase({ caseId: 'n1', ethnicity: 'not_roma', evaluationOn: '2026-02-01' }), // Sf. Nicolae, not Roma
  rcase({ caseId: 'n2', ethnicity: 'not_declared', evaluationOn: '2026-02-01' }), // Kuncz, undeclared
  rcase({ caseId: 'r5', ...roma, institution: 'DGASPC', track: 'reintegration', evaluationOn: '2026-01-10' }), // int-b; DGASPC: not 2.5
  rcase({ caseId: 'r6', ...roma, evaluationOn: '2026-04-01' }), // int-a (GAL row) and Podu Lung
  rcase({ caseId: 'r7', ...roma, institution: 'DGASPC', track: 'reintegration', identityKeys: ['cnp#same'] }), // int-b
  rcase({ caseId: 'r8', ...roma, institution: 'DGASPC', track: 'reintegration', identityKeys: ['cnp#same'] }), // same child as r7, second case
  rcase({ caseId: 'd1', legalRepresentativeKey: 'popescu ana' }),
  rcase({ caseId: 'd2', legalRepresentativeKey: 'popescu ana' }), // sibling of d1: same legal representative
  rcase({ caseId: 'd3', institution: 'DGASPC', track: 'reintegration' }),
];
const enrolments = [
  enrol('r1', 'cz-sf-nicolae', '2025-10-01'),
  enrol('r2', 'cz-sf-nicolae', '2026-02-01', { status: 'ended', to: '2026-05-31' }),
  enrol('r2', 'cz-kuncz', '2026-06-01'),
  enrol('r3', 'cz-sf-nicolae', '2025-03-01', { status: 'ended', to: '2025-12-31' }),
  enrol('r4', 'cz-sf-nicolae', '2026-03-01', { status: 'waiting' }),
  enrol('n1', 'cz-sf-nicolae', '2026-01-05'),
  enrol('n2', 'cz-kuncz', '2026-01-05'),
  enrol('r5', 'int-b', '2026-01-10'),
  enrol('r6', 'int-a', '2026-04-01'),
  enrol('r6', 'cr-podu-lung', '2026-10-01'),
  enrol('r7', 'int-b', '2026-02-01', { status: 'ended', to: '2026-03-01' }),
  enrol('r8', 'int-b', '2026-05-01'),
];
const doc = (caseId: string, person: IdentityDocumentFact['person'], obtainedOn: string, document = 'identity_card'): IdentityDocumentFact => ({ caseId, person, document, obtainedOn });
const identityDocuments = [
  doc('d1', 'child', '2026-03-01', 'birth_certificate'),
  doc('d1', 'child', '2026-04-01', 'identity_card'), // the same child twice: one person
  doc('d1', 'legal_representative', '2026-03-01'),
  doc('d2', 'legal_representative', '2026-05-01'), // same representative as d1's: one person
  doc('d2', 'child', '2025-11-01'), // before the plan year
  doc('d3', 'child', '2026-03-01'), // DGASPC case: 6.1 counts DAS cases
];
const data: ReportData = { cases, enrolments, paid: [], identityDocuments };

describe('Roma plan actions computed from case data', () => {
  const all = computeRomaMetrics(plan, data, '2026-11-23');

  it('computes every computed line of the plan, and only those', () => {
    const expected = plan.actions.flatMap((a) => computedTargets(a).map((t) => `${a.id}#${t.breakdownKey ?? ''}`)).sort();
    expect(all.map((l) => `${l.actionId}#${l.breakdownKey ?? ''}`).sort()).toEqual(expected);
    expect(expected).toEqual(['2.3#dgaspc', '2.3#gal', '2.3#kuncz', '2.3#sf-nicolae', '2.4#podu-lung', '2.5#', '6.1#das-management-caz']);
  });

  it('2.3 counts Roma children enrolled during the year per structure (GAL: intervention A; DGASPC: B) — a child of B once, never for GAL and again for DGASPC', () => {
    expect(line(all, '2.3', 'sf-nicolae')).toMatchObject({ value: 2, target: 10, involvesEthnicity: true, caseIds: ['r1', 'r2'] });
    expect(line(all, '2.3', 'kuncz')).toMatchObject({ value: 1, target: 25, caseIds: ['r2'] });
    // r7 and r8 are one child
    expect(line(all, '2.3', 'gal')).toMatchObject({ value: 1, target: 6, caseIds: ['r6'] });
    expect(line(all, '2.3', 'dgaspc')).toMatchObject({ value: 2, target: 4, caseIds: ['r5', 'r7', 'r8'] });
  });

  it('2.3: a plan that puts one service in two rows is refused (a child would count twice)', () => {
    const a = plan.actions.find((x) => x.id === '2.3')!;
    const twice = structuredClone(a.computed!) as Extract<NonNullable<typeof a.computed>, { metric: 'roma_children_in_service' }>;
    twice.params.counts[2]!.services = ['int-a', 'int-b'];
    expect(computedSpecSchema.safeParse(twice).success).toBe(false);
    expect(computedSpecSchema.safeParse(a.computed).success).toBe(true);
  });

  it('2.4 counts Roma children at Podu Lung, with no numeric target', () => {
    expect(line(all, '2.4', 'podu-lung')).toMatchObject({ value: 1, target: null, caseIds: ['r6'] });
  });

  it('2.5 counts Roma children of DAS cases evaluated or reviewed during the year', () => {
    expect(line(all, '2.5')).toMatchObject({ value: 4, target: 100, caseIds: ['r1', 'r2', 'r4', 'r6'] });
  });

  it('6.1 counts distinct persons (children and legal representatives) of DAS cases helped during the year', () => {
    const l = line(all, '6.1', 'das-management-caz');
    expect(l).toMatchObject({ value: 2, target: 20, involvesEthnicity: false });
    expect([...new Set(l.caseIds)]).toEqual(['d1', 'd2']);
  });

  it('counts only up to the report day while the year runs', () => {
    const june = computeRomaMetrics(plan, data, '2026-06-30');
    expect(line(june, '2.4', 'podu-lung').value).toBe(0);
    expect(line(june, '2.5').caseIds).toEqual(['r1', 'r2', 'r6']);
    expect(line(june, '2.3', 'kuncz').value).toBe(1);
    expect(line(june, '2.3', 'kuncz').to).toBe('2026-06-30');
    const march = computeRomaMetrics(plan, data, '2026-03-15');
    expect(line(march, '6.1', 'das-management-caz').value).toBe(2);
    expect(line(march, '2.3', 'kuncz').value).toBe(0);
  });

  it('is zero before the plan year begins, and stops at the year end', () => {
    const before = computeRomaMetrics(plan, data, '2025-12-31');
    expect(before.every((l) => l.value === 0 && l.caseIds.length === 0)).toBe(true);
    const after = computeRomaMetrics(plan, data, '2027-06-30');
    expect(after.map((l) => l.value)).toEqual(all.map((l) => l.value));
    expect(line(after, '2.5').to).toBe('2026-12-31');
  });
});
