import { describe, expect, it } from 'vitest';
import raw2026 from './roma-plan/2026.json' with { type: 'json' };
import { createRomaPlanRegistry, loadRomaPlan } from './roma-plan/index.js';
import type { ProgressEntry } from './roma-plan/plan.js';
import { presentRomaView } from './present.js';
import { computeRomaMetrics } from './roma-metrics.js';
import { buildRomaPlanView, institutionAnswersFor, structureInstitutions, type StoredProgress } from './roma-view.js';
import { enrol, rcase } from './test-fixtures.js';

const plan = await loadRomaPlan(2026);
let n = 0;
const entry = (e: Partial<ProgressEntry> & Pick<ProgressEntry, 'actionId' | 'quarter'>, year = 2026): StoredProgress => ({
  status: 'in_progress', evidenceNotes: 'Proces-verbal (test)', recordedBy: 'u1', recordedAt: `${year}-0${Number(e.quarter.slice(-1)) * 2}-10T08:00:${String(n++ % 60).padStart(2, '0')}Z`,
  ...e, entryId: `e${n}`, year, recordedByName: 'Responsabil Demo', recordedByInstitution: 'DAS',
});

const find = (view: ReturnType<typeof buildRomaPlanView>, actionId: string, breakdownKey: string | null = null) =>
  view.objectives.flatMap((o) => o.actions).find((a) => a.id === actionId)!.lines.find((l) => l.breakdownKey === breakdownKey)!;

describe('the Roma plan view', () => {
  const entries = [
    entry({ actionId: '1.1', quarter: '2026-Q1', status: 'in_progress', value: 3 }),
    entry({ actionId: '1.1', quarter: '2026-Q2', status: 'done', value: 8, recordedAt: '2026-07-01T08:00:00Z' }),
    entry({ actionId: '1.1', quarter: '2026-Q2', status: 'at_risk', value: 6, evidenceNotes: 'Corectură: lipsesc procesele-verbale', recordedAt: '2026-07-02T08:00:00Z' }),
    entry({ actionId: '2.1', breakdownKey: 'sf-nicolae', quarter: '2026-Q1', status: 'done' }),
  ];
  const data = { cases: [rcase({ caseId: 'r1', ethnicity: 'roma' as const })], enrolments: [enrol('r1', 'cz-kuncz', '2026-02-01')], paid: [], identityDocuments: [] };
  const view = buildRomaPlanView(plan, entries, computeRomaMetrics(plan, data, '2026-11-23'), { asOf: '2026-11-23' });

  it('holds every action of the plan, grouped by objective, in table order', () => {
    const ids = view.objectives.flatMap((o) => o.actions.map((a) => a.id));
    expect(ids).toHaveLength(42);
    expect(ids.slice(0, 4)).toEqual(['1.1', '1.2', '1.3', '2.1']);
    expect(ids.indexOf('2.10')).toBeGreaterThan(ids.indexOf('2.9'));
    expect(view.objectives.map((o) => o.id)).toEqual(['OS1', 'OS2', 'OS3', 'OS4', 'OS5', 'OS6']);
    expect(view.summary).toMatchObject({ actions: 42, computedActions: 4, computedLines: 7 });
  });

  it('shows the latest entry per line (the latest quarter, a correction superseding the first report) and keeps each quarter', () => {
    const l = find(view, '1.1');
    expect(l.latest).toMatchObject({ quarter: '2026-Q2', status: 'at_risk', value: 6 });
    expect(l.quarters['2026-Q1']).toMatchObject({ status: 'in_progress', value: 3 });
    expect(l.quarters['2026-Q3']).toBeNull();
    expect(find(view, '2.1', 'sf-nicolae').latest?.status).toBe('done');
    expect(find(view, '2.1', 'das-srmc').latest).toBeNull();
    expect(view.summary.manualLinesReported).toBe(2);
    expect(view.summary.byStatus).toEqual({ not_started: 0, in_progress: 0, done: 1, at_risk: 1 });
  });

  it('shows a quarterly cut: entries of later quarters are left out', () => {
    const q1 = buildRomaPlanView(plan, entries, [], { asOf: '2026-03-31', upToQuarter: '2026-Q1' });
    expect(find(q1, '1.1').latest).toMatchObject({ quarter: '2026-Q1', value: 3 });
  });

  it('carries computed values on computed lines only, suppressed outside the project team', () => {
    const kuncz = find(view, '2.3', 'kuncz');
    expect(kuncz.tracking).toBe('computed');
    expect(kuncz.computed?.value).toBe(1);
    expect(kuncz.latest).toBeNull();
    expect(find(view, '2.3', 'speranta').computed).toBeNull();
    const outside = presentRomaView(view, 'outside_team');
    const line = outside.objectives[1]!.actions.find((a) => a.id === '2.3')!.lines.find((x) => x.breakdownKey === 'kuncz')!;
    expect(line.computed).toMatchObject({ value: null, display: '<5', suppressed: true });
    expect(JSON.stringify(outside)).not.toContain('"caseIds"');
    const inside = presentRomaView(view, 'project_team');
    expect(inside.objectives[1]!.actions.find((a) => a.id === '2.3')!.lines.find((x) => x.breakdownKey === 'kuncz')!.computed?.value).toBe(1);
    // 6.1 is not about ethnicity: shown even when small
    const six = outside.objectives[5]!.actions.find((a) => a.id === '6.1')!.lines.find((x) => x.breakdownKey === 'das-management-caz')!;
    expect(six.computed).toMatchObject({ value: 0, suppressed: false });
  });

  it('shows a new plan year next to the old one, each with its own entries', async () => {
    const raw2027 = JSON.parse(JSON.stringify(raw2026).replaceAll('"dueDate":"2026-', '"dueDate":"2027-').replaceAll('"year":2026', '"year":2027').replaceAll('"schoolYear":"2025-2026"', '"schoolYear":"2026-2027"'));
    const registry = createRomaPlanRegistry({ 2026: raw2026, 2027: raw2027 });
    expect(registry.listPlanYears()).toEqual([2026, 2027]);
    const next = buildRomaPlanView(await registry.loadRomaPlan(2027), [...entries, entry({ actionId: '1.1', quarter: '2027-Q1', status: 'done' }, 2027)], [], { asOf: '2027-02-01' });
    expect(next.year).toBe(2027);
    expect(find(next, '1.1').latest).toMatchObject({ quarter: '2027-Q1', status: 'done' });
    expect(next.summary.manualLinesReported).toBe(1);
  });
});

describe('who answers for a line', () => {
  it('maps the plan\'s structures to the project\'s institutions', () => {
    expect(structureInstitutions('DAS Timișoara – Serviciul Management de caz pentru copil și familie')).toEqual(['DAS']);
    expect(structureInstitutions('Centrul de zi „Sf. Nicolae”')).toEqual(['DAS']);
    expect(structureInstitutions('Direcția Generală de Asistență Socială și Protecția Copilului Timiș')).toEqual(['DGASPC']);
    expect(structureInstitutions('Grupul de Acțiune Locală Colinele Recaș')).toEqual(['GAL']);
    expect(structureInstitutions('AJOFM Timiș')).toEqual([]);
    expect(structureInstitutions('Fundația de Abilitare Speranța')).toEqual([]);
  });

  it('lets a coordinator report only on lines of their institution', () => {
    const a = (id: string) => plan.actions.find((x) => x.id === id)!;
    expect(institutionAnswersFor(a('1.1'), undefined, 'DAS')).toBe(true);
    expect(institutionAnswersFor(a('1.1'), undefined, 'GAL')).toBe(false);
    expect(institutionAnswersFor(a('3.1'), undefined, 'DAS')).toBe(false);
    expect(institutionAnswersFor(a('3.6'), undefined, 'DAS')).toBe(true);
    expect(institutionAnswersFor(a('6.1'), 'das-srmc', 'DAS')).toBe(true);
    expect(institutionAnswersFor(a('6.1'), 'ipj', 'DAS')).toBe(false);
    expect(institutionAnswersFor(a('2.3'), 'speranta', 'DGASPC')).toBe(false);
  });
});
