import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import raw2026 from './2026.json' with { type: 'json' };
import { createRomaPlanRegistry, listPlanYears, loadRomaPlan } from './index.js';
import { computedTargets, targetLines, type RomaPlanAction } from './plan.js';
import { ConfigurationError, Refusal } from '../../platform/errors.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const plan = await loadRomaPlan(2026);
const seed = readFileSync(`${here}${plan.source.file}`, 'utf8');
const seedLines = seed.split(/\r?\n/);

// --- an independent reading of the seed table -------------------------------------------------------------------
const ACTION_LINE = /^(\d+)\.(\d+)\.?\t/;
const OBJECTIVE_LINE = /^OS\s*(\d+)\s*-?\s*(.*?)\t/;
const FOOTNOTE_LINE = /^\*/;

/** Source text with the dataset's recorded corrections applied (so only recorded changes are tolerated). */
function corrected(s: string): string {
  let out = s;
  for (const n of plan.notes) if (n.original && n.corrected) out = out.split(n.original).join(n.corrected);
  return out;
}
/** Compares wording, not typography: no tags, diacritics, case, spacing or punctuation. */
function norm(s: string): string {
  return corrected(s).replace(/<[^>]+>/g, ' ').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9%]/g, '');
}

const actionLineIdx = seedLines.flatMap((l, i) => (ACTION_LINE.test(l) ? [i] : []));
const seedActionIds = actionLineIdx.map((i) => {
  const m = ACTION_LINE.exec(seedLines[i]!)!;
  return `${m[1]}.${m[2]}`;
});

/** The seed lines belonging to an action: from its line to the next action, objective or footnote. */
function block(actionId: string): string[] {
  const start = actionLineIdx[seedActionIds.indexOf(actionId)]!;
  let end = start + 1;
  while (end < seedLines.length && !ACTION_LINE.test(seedLines[end]!) && !OBJECTIVE_LINE.test(seedLines[end]!) && !FOOTNOTE_LINE.test(seedLines[end]!)) end++;
  return seedLines.slice(start, end);
}
const cells = (line: string) => line.split('\t').map((c) => c.replace(/<[^>]+>/g, ' ').trim());
/** Table rows inside a block: lines that carry a deadline cell. */
const tableRows = (lines: string[]) => lines.filter((l) => cells(l).some((c) => /^(2026|Anul școlar \d{4}-\d{4})$/.test(c)));
/** One column of a single-row action, joined across the lines the PDF extraction split it into. */
const column = (lines: string[], i: number) => lines.map((l) => l.split('\t')[i] ?? '').join(' ');

const action = (id: string): RomaPlanAction => {
  const a = plan.actions.find((x) => x.id === id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
};
const row = (id: string, key: string) => {
  const r = action(id).targetBreakdown.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${id}#${key}`);
  return r;
};

describe('Roma local plan 2026 — transcription of the seed', () => {
  it('holds exactly the action rows of the seed table, in order', () => {
    expect(seedActionIds.length).toBe(42);
    expect(plan.actions.map((a) => a.id)).toEqual(seedActionIds);
  });

  it('has the six objectives of the seed with their titles, each with at least one action', () => {
    const seedObjectives = seedLines.flatMap((l) => {
      const m = OBJECTIVE_LINE.exec(l);
      return m ? [{ id: `OS${m[1]}`, title: m[2]! }] : [];
    });
    expect(plan.objectives.map((o) => o.id)).toEqual(seedObjectives.map((o) => o.id));
    expect(plan.objectives.map((o) => o.id)).toEqual(['OS1', 'OS2', 'OS3', 'OS4', 'OS5', 'OS6']);
    for (const o of plan.objectives) {
      expect(norm(o.title)).toBe(norm(seedObjectives.find((s) => s.id === o.id)!.title));
      expect(plan.actions.filter((a) => a.objectiveId === o.id).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('splits an action into per-structure rows exactly where the seed has several table rows', () => {
    for (const a of plan.actions) {
      const rows = tableRows(block(a.id)).length;
      expect({ id: a.id, rows: Math.max(1, a.targetBreakdown.length) }).toEqual({ id: a.id, rows });
    }
    expect(plan.actions.filter((a) => a.targetBreakdown.length > 0).map((a) => a.id)).toEqual(['2.1', '2.3', '2.4', '6.1', '6.2', '6.3']);
  });

  it('keeps the wording of every single-row action: text, structures, indicator, target, deadline, funding', () => {
    for (const a of plan.actions.filter((x) => x.targetBreakdown.length === 0)) {
      const lines = block(a.id);
      const ctx = `action ${a.id}`;
      expect(norm(a.text), ctx).toBe(norm(column(lines, 1)));
      const structures = norm(column(lines, 2));
      for (const s of [...a.responsible, ...a.assisting]) expect(structures, `${ctx}: ${s}`).toContain(norm(s));
      expect(norm(a.indicator ?? ''), ctx).toBe(norm(column(lines, 3)));
      expect(norm(a.target ?? ''), ctx).toBe(norm(column(lines, 4)));
      expect(norm(a.deadline.text), ctx).toBe(norm(column(lines, 5)));
      expect(norm(a.funding.text), ctx).toBe(norm(column(lines, 6)));
    }
  });

  it('keeps the wording of every row of the multi-row actions', () => {
    for (const a of plan.actions.filter((x) => x.targetBreakdown.length > 0)) {
      const text = norm(block(a.id).join(' '));
      expect(text, a.id).toContain(norm(a.text));
      for (const s of [...a.responsible, ...a.assisting]) expect(text, `${a.id}: ${s}`).toContain(norm(s));
      for (const r of a.targetBreakdown) {
        const ctx = `${a.id}#${r.key}`;
        for (const s of [r.structure, ...r.assisting, ...r.partners, r.indicator ?? '', r.target, r.project ?? '', r.funding.text]) {
          expect(text, `${ctx}: ${s}`).toContain(norm(s));
        }
      }
    }
  });

  it('parses every number from the target text it was written in', () => {
    const numbersIn = (s: string) => (s.match(/\d+/g) ?? []).map(Number);
    for (const a of plan.actions) {
      for (const l of targetLines(a)) {
        const measures = [
          ...(l.value === null ? [] : [l.value]),
          ...(l.breakdownKey === null ? a.additionalTargets : a.targetBreakdown.find((r) => r.key === l.breakdownKey)!.additionalTargets).map((m) => m.value),
        ];
        const context = a.id === '5.1' || a.id === '5.2' ? `${l.target} ${l.indicator}` : l.target;
        for (const v of measures) expect(numbersIn(context), `${a.id} ${l.breakdownKey ?? ''}: ${v}`).toContain(v);
      }
    }
  });

  it('reads the minimum / approximate / per-year / per-quarter wording of targets', () => {
    for (const a of plan.actions) {
      for (const l of targetLines(a)) {
        if (l.value === null) continue;
        if (/^minim\b/i.test(l.target)) expect(l.qualifier, a.id).toBe('minimum');
        if (/aprox/i.test(l.target) && !/minim/.test(l.target)) expect(l.qualifier, a.id).toBe('approximate');
        if (/\/\s*an\b/.test(l.target)) expect(l.period, a.id).toBe('per_year');
        if (/trimestr/.test(l.target)) expect(l.period, a.id).toBe('per_quarter');
      }
    }
  });

  it('gives the per-structure targets of 2.3 in the order and amounts of the seed', () => {
    const fromSeed = block('2.3').flatMap((l) => [...l.matchAll(/(\d+) copii romi\/an/g)].map((m) => Number(m[1])));
    expect(fromSeed).toEqual([10, 25, 6, 4, 20, 5, 3, 2, 3]);
    expect(action('2.3').targetBreakdown.map((r) => r.value)).toEqual(fromSeed);
    expect(action('2.3').targetBreakdown.map((r) => r.key)).toEqual(['sf-nicolae', 'kuncz', 'gal', 'dgaspc', 'speranta', 'salvati-copiii', 'chosen', 'scop', 'parohia-fabric-vest']);
    expect(row('2.3', 'sf-nicolae').structure).toContain('Sf. Nicolae');
    expect(row('2.3', 'kuncz').structure).toContain('Kuncz');
    expect(row('2.3', 'gal').structure).toBe('Grupul de Acțiune Locală Colinele Recaș');
    expect(row('2.3', 'dgaspc').structure).toBe('Direcția Generală de Asistență Socială și Protecția Copilului Timiș');
    for (const k of ['sf-nicolae', 'kuncz', 'gal', 'dgaspc']) {
      expect(row('2.3', k).project).toBe('Servicii inovative pentru prevenirea separării copiilor de familie în Timișoara');
    }
    expect(row('2.3', 'speranta').partners.join(' ')).toContain('Serviciul Management de caz pentru copil și familie');
  });

  describe('spot checks against the seed text', () => {
    const seedLine = (id: string) => seedLines[actionLineIdx[seedActionIds.indexOf(id)]!]!;

    it('1.1: 10 social-housing files, DAS community intervention, local budget without extra cost', () => {
      const a = action('1.1');
      expect(seedLine('1.1')).toContain('10 dosare depuse');
      expect(a.text.startsWith('Sprijin și acompaniere')).toBe(true);
      expect([a.targetValue, a.targetUnit, a.targetQualifier, a.targetPeriod]).toEqual([10, 'dosare depuse', 'exact', 'total']);
      expect(a.responsible).toEqual(['DAS Timișoara – Serviciul Reziliență și Mobilizare Comunitară – Compartimentul Evaluare, Planificare și Intervenție Comunitară']);
      expect(a.funding).toEqual({ text: 'Buget local*', sources: ['Buget local'], noAdditionalLocalCost: true });
      expect(a.deadline).toEqual({ text: '2026', kind: 'year', year: 2026, schoolYear: null, dueDate: '2026-12-31' });
    });

    it('2.2: DAS responsible, the school inspectorate and UVT assist', () => {
      expect(seedLine('2.2')).toContain('/ Inspectoratul scolar / UVT');
      const a = action('2.2');
      expect(a.responsible).toHaveLength(1);
      expect(a.assisting).toEqual(['Inspectoratul Școlar', 'UVT']);
      expect([a.targetValue, a.targetUnit]).toEqual([2, 'campanii']);
      expect(a.additionalTargets).toEqual([{ value: 10, unit: 'tineri sprijiniți', qualifier: 'exact' }]);
    });

    it('2.6: at least 50 pupils in the 2025-2026 school year', () => {
      expect(seedLine('2.6')).toContain('minim 50 elevi\tAnul școlar 2025-2026');
      const a = action('2.6');
      expect([a.targetValue, a.targetUnit, a.targetQualifier]).toEqual([50, 'elevi', 'minimum']);
      expect(a.deadline).toMatchObject({ kind: 'school_year', schoolYear: '2025-2026', year: 2026, dueDate: '2026-08-31' });
      expect(a.responsible).toEqual(['Ministerul Educației și Cercetării', 'Unitățile de învățământ din Timișoara', 'ISJ Timiș']);
    });

    it('3.2: 70 people in active employment measures by AJOFM Timiș, no indicator in the source', () => {
      expect(seedLine('3.2')).toBe('3.2\tCuprinderea la masuri active de ocupare\tAJOFM Timis\t\t70 persoane\t2026\tBAS');
      const a = action('3.2');
      expect([a.targetValue, a.targetUnit, a.indicator]).toEqual([70, 'persoane', null]);
      expect(a.responsible).toEqual(['AJOFM Timiș']);
      expect(a.funding.sources).toEqual(['BAS']);
    });

    it('4.3: one campaign reaching at least 30 families, by DAS case management', () => {
      expect(seedLine('4.3')).toContain('1 campanie derulata cu minim 30 familii informate');
      const a = action('4.3');
      expect([a.targetValue, a.targetUnit]).toEqual([1, 'campanie']);
      expect(a.additionalTargets).toEqual([{ value: 30, unit: 'familii informate', qualifier: 'minimum' }]);
      expect(a.responsible).toEqual(['DAS Timișoara – Serviciul Management de caz pentru copil și familie']);
    });

    it('4.5: the target split over two extracted lines is whole again', () => {
      expect(action('4.5').target).toBe('campanii derulate în minim 6 clase, aprox. 120 copii din ciclul gimnazial – mediul rural/urban');
      expect([action('4.5').targetValue, action('4.5').targetQualifier]).toEqual([120, 'approximate']);
    });

    it('5.6: 1000 Roma citizens with access to cultural activities, Casa de Cultură', () => {
      expect(seedLine('5.6')).toContain('\t1000\t2026\tBuget local');
      const a = action('5.6');
      expect([a.targetValue, a.targetUnit]).toEqual([1000, 'cetățeni rromi']);
      expect(a.responsible).toContain('Casa de Cultură a Municipiului Timișoara');
    });

    it('6.1: three structures, 40 + 40 people and 20 children/persons helped with identity documents', () => {
      const a = action('6.1');
      expect(a.targetBreakdown.map((r) => [r.structure, r.value, r.unit])).toEqual([
        ['DAS Timișoara – Serviciul Reziliență și Mobilizare Comunitară – Compartimentul Evaluare, Planificare și Intervenție Comunitară', 40, 'persoane'],
        ['IPJ Timiș', 40, 'persoane'],
        ['DAS Timișoara – Serviciul Management de caz pentru copil și familie', 20, 'copii/persoane sprijinite'],
      ]);
      expect(row('6.1', 'das-srmc').assisting).toEqual(['Serviciul de Evidență Persoanelor']);
      expect(block('6.1').join('\n')).toContain('20 copii/persoane sprijinite');
    });

    it('6.7: at least 15 patrols in Kuncz, police responsible, gendarmerie and local police assist', () => {
      expect(seedLine('6.7')).toContain('minim 15 activități de patrulare');
      const a = action('6.7');
      expect([a.targetValue, a.targetQualifier]).toEqual([15, 'minimum']);
      expect(a.responsible).toEqual(['IPJ Timișoara']);
      expect(a.assisting).toEqual(['PM Timișoara', 'IJJ Timiș', 'Direcția Poliției Locale a Mun. Timișoara']);
    });
  });

  it('records every correction it made, and each correction really occurs in the source', () => {
    const fixes = plan.notes.filter((n) => n.original !== undefined);
    expect(fixes.map((n) => n.corrected)).toEqual(expect.arrayContaining(['Sprijin', 'dosare', 'activități', 'referire']));
    for (const n of fixes) expect(seed, n.original).toContain(n.original);
    const json = JSON.stringify(plan.actions);
    for (const typo of ['Sprrijin', 'd osare', 'ac tivități', 'referir e', 'Manangement', 'managment', 'Comunitaeă', 'Comunitateă', 'Servii ', '<p>', '<u>']) {
      expect(json).not.toContain(typo);
    }
  });

  it('writes Romanian with comma-below ș and ț, never the cedilla forms', () => {
    expect(JSON.stringify(raw2026)).not.toMatch(/[şţŞŢ]/);
  });
});

describe('Roma local plan 2026 — actions computed by Vatra', () => {
  it('computes exactly 2.3, 2.4, 2.5 and 6.1; every other action is recorded manually', () => {
    expect(plan.actions.filter((a) => a.tracking === 'computed').map((a) => a.id)).toEqual(['2.3', '2.4', '2.5', '6.1']);
    for (const a of plan.actions.filter((x) => x.tracking === 'manual')) {
      expect(a.computed).toBeNull();
      expect(a.targetBreakdown.every((r) => r.tracking === 'manual')).toBe(true);
    }
  });

  it('2.3 counts Roma children per project structure: Sf. Nicolae 10, Kuncz 25, GAL 6, DGASPC 4 a year', () => {
    const a = action('2.3');
    expect(a.computed?.metric).toBe('roma_children_in_service');
    expect(computedTargets(a).map((t) => [t.breakdownKey, t.value, t.unit, t.period])).toEqual([
      ['sf-nicolae', 10, 'copii romi', 'per_year'],
      ['kuncz', 25, 'copii romi', 'per_year'],
      ['gal', 6, 'copii romi', 'per_year'],
      ['dgaspc', 4, 'copii romi', 'per_year'],
    ]);
    expect(a.computed?.metric === 'roma_children_in_service' && a.computed.params.counts).toEqual([
      { breakdownKey: 'sf-nicolae', services: ['cz-sf-nicolae'] },
      { breakdownKey: 'kuncz', services: ['cz-kuncz'] },
      { breakdownKey: 'gal', services: ['int-a'], providerInstitution: 'GAL' },
      { breakdownKey: 'dgaspc', services: ['int-b'], providerInstitution: 'DGASPC' },
    ]);
    // the partner NGOs' own counts are theirs to report
    expect(a.targetBreakdown.filter((r) => r.tracking === 'manual').map((r) => r.key)).toEqual(['speranta', 'salvati-copiii', 'chosen', 'scop', 'parohia-fabric-vest']);
  });

  it('2.4 counts Roma children at Podu Lung, on referral, with no numeric target', () => {
    const a = action('2.4');
    expect(a.computed).toMatchObject({ metric: 'roma_children_disability_podu_lung', params: { services: ['cr-podu-lung'], targetBasis: 'on_referral', ethnicity: 'roma' } });
    expect(computedTargets(a).map((t) => [t.breakdownKey, t.value, t.target])).toEqual([['podu-lung', null, 'la solicitare/referire caz']]);
  });

  it('2.5 targets at least 100 Roma children a year with a DAS case-management intervention', () => {
    const a = action('2.5');
    expect(a.computed).toMatchObject({ metric: 'roma_children_case_management', params: { institution: 'DAS', ethnicity: 'roma' } });
    expect(computedTargets(a).map((t) => [t.breakdownKey, t.value, t.qualifier, t.period])).toEqual([[null, 100, 'minimum', 'per_year']]);
  });

  it('6.1 counts 20 children at risk of separation or their legal representatives helped to get identity documents', () => {
    const a = action('6.1');
    expect(a.computed).toMatchObject({ metric: 'children_identity_documents', params: { institution: 'DAS', ethnicity: 'any', persons: ['child', 'legal_representative'] } });
    expect(computedTargets(a).map((t) => [t.breakdownKey, t.value, t.unit])).toEqual([['das-management-caz', 20, 'copii/persoane sprijinite']]);
    expect(a.targetBreakdown.filter((r) => r.tracking === 'manual').map((r) => r.key)).toEqual(['das-srmc', 'ipj']);
  });

  it('explains in Romanian how each computed action is counted', () => {
    for (const a of plan.actions.filter((x) => x.computed)) expect(a.computed!.rule.length).toBeGreaterThan(40);
  });
});

describe('Roma plan loader', () => {
  it('lists a year for every YYYY.json beside the loader, and each validates', async () => {
    const files = readdirSync(here).filter((f) => /^\d{4}\.json$/.test(f)).map((f) => Number(f.slice(0, 4))).sort();
    expect(listPlanYears()).toEqual(files);
    for (const y of listPlanYears()) {
      const p = await loadRomaPlan(y);
      expect(p.year).toBe(y);
      expect(existsSync(`${here}${p.source.file}`)).toBe(true);
    }
  });

  it('answers 404 ROMA_PLAN_NOT_FOUND for a year without a plan', async () => {
    const err = await loadRomaPlan(2027).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Refusal);
    expect(err).toMatchObject({ kind: 'not_found', code: 'ROMA_PLAN_NOT_FOUND' });
    expect((err as Refusal).message).toContain('2026');
  });

  it('returns the same frozen plan on every call', async () => {
    expect(await loadRomaPlan(2026)).toBe(await loadRomaPlan(2026));
    expect(Object.isFrozen((await loadRomaPlan(2026)).actions[0])).toBe(true);
  });

  it('refuses a dataset that breaks the schema, naming where', async () => {
    const broken = structuredClone(raw2026) as { actions: { objectiveId: string }[] };
    const withoutOs3 = { ...broken, actions: broken.actions.filter((a) => a.objectiveId !== 'OS3') };
    const registry = createRomaPlanRegistry({ 2026: withoutOs3 });
    await expect(registry.loadRomaPlan(2026)).rejects.toThrow(/OS3 nu are nicio acțiune/);
    await expect(registry.loadRomaPlan(2026)).rejects.toThrow(expect.objectContaining({ code: 'ROMA_PLAN_INVALID' }));
    // a configuration bug, not a refusal of the request: the API answers it as any bug (500, correlation id only)
    await expect(registry.loadRomaPlan(2026)).rejects.toBeInstanceOf(ConfigurationError);
    // a dataset handed in as a loader (how index.ts registers each year: a dynamic import) is validated the same way
    await expect(createRomaPlanRegistry({ 2026: async () => withoutOs3 }).loadRomaPlan(2026)).rejects.toThrow(/OS3 nu are nicio acțiune/);
  });

  it('refuses a file registered under a different year than the plan it holds', async () => {
    const registry = createRomaPlanRegistry({ 2027: raw2026 });
    expect(registry.listPlanYears()).toEqual([2027]);
    await expect(registry.loadRomaPlan(2027)).rejects.toThrow(expect.objectContaining({ code: 'ROMA_PLAN_INVALID' }));
  });
});
