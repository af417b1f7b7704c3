import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import raw2026 from './2026.json' with { type: 'json' };
import {
  checkProgress,
  compareActionIds,
  latestProgress,
  manualProgressLines,
  planQuarters,
  progressEntrySchema,
  progressFormSchema,
  progressLineKey,
  quarterMonths,
  quarterOf,
  romaPlanActionSchema,
  romaPlanSchema,
  type ProgressEntry,
  type RomaPlan,
} from './plan.js';

const plan: RomaPlan = romaPlanSchema.parse(raw2026);
type RawAction = (typeof raw2026)['actions'][number];
const rawAction = (id: string): RawAction => structuredClone(raw2026.actions.find((a) => a.id === id)!);
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.error?.issues ?? []).map((i) => i.message).join(' | ');

describe('Roma plan schema', () => {
  it('accepts the 2026 plan', () => {
    expect(romaPlanSchema.safeParse(raw2026).success).toBe(true);
  });

  it('refuses a computed action without its calculation, and a manual action with one', () => {
    const a = rawAction('2.5');
    const r1 = romaPlanActionSchema.safeParse({ ...a, computed: null });
    expect(r1.success).toBe(false);
    expect(messages(r1)).toContain('specificația calculului');
    const m = rawAction('1.1');
    expect(romaPlanActionSchema.safeParse({ ...m, computed: a.computed }).success).toBe(false);
  });

  it('refuses a row marked computed that the calculation does not count, or a counted row marked manual', () => {
    const a = rawAction('2.3');
    a.targetBreakdown.find((r) => r.key === 'chosen')!.tracking = 'computed';
    expect(messages(romaPlanActionSchema.safeParse(a))).toContain('exact cele numărate');
    const b = rawAction('6.1');
    b.targetBreakdown.find((r) => r.key === 'das-management-caz')!.tracking = 'manual';
    expect(romaPlanActionSchema.safeParse(b).success).toBe(false);
  });

  it('keeps a multi-row action’s targets in its rows and rows’ keys unique', () => {
    const a = rawAction('6.2');
    expect(romaPlanActionSchema.safeParse({ ...a, target: '1 campanie' }).success).toBe(false);
    const dup = rawAction('6.2');
    dup.targetBreakdown[1]!.key = dup.targetBreakdown[0]!.key;
    expect(messages(romaPlanActionSchema.safeParse(dup))).toContain('unice');
  });

  it('refuses a single-row action without a target, or a number without its unit', () => {
    const a = rawAction('1.1');
    expect(romaPlanActionSchema.safeParse({ ...a, target: null }).success).toBe(false);
    expect(messages(romaPlanActionSchema.safeParse({ ...a, targetUnit: null }))).toContain('împreună');
  });

  it('refuses an action filed under another objective than its number says', () => {
    expect(messages(romaPlanActionSchema.safeParse({ ...rawAction('3.1'), objectiveId: 'OS2' }))).toContain('nu aparține obiectivului OS2');
  });

  it('refuses duplicate actions, an objective without actions and deadlines outside the plan year', () => {
    const dup = { ...raw2026, actions: [...raw2026.actions, raw2026.actions[0]] };
    expect(messages(romaPlanSchema.safeParse(dup))).toContain('numere unice');
    const empty = { ...raw2026, actions: raw2026.actions.filter((a) => a.objectiveId !== 'OS5') };
    expect(messages(romaPlanSchema.safeParse(empty))).toContain('Obiectivul OS5 nu are nicio acțiune');
    const late = structuredClone(raw2026);
    late.actions[0]!.deadline = { text: '2027', kind: 'year', year: 2027, schoolYear: null, dueDate: '2027-12-31' };
    expect(messages(romaPlanSchema.safeParse(late))).toContain('nu este în anul planului');
  });

  it('refuses a correction note that has only one side', () => {
    const bad = structuredClone(raw2026) as { notes: { kind: string; text: string; original?: string; corrected?: string }[] };
    bad.notes.push({ kind: 'typo', text: 'x', original: 'abc' });
    expect(romaPlanSchema.safeParse(bad).success).toBe(false);
  });

  it('refuses a deadline whose due date is not in its year', () => {
    const a = rawAction('2.6');
    a.deadline = { ...a.deadline, dueDate: '2025-08-31' };
    expect(romaPlanActionSchema.safeParse(a).success).toBe(false);
  });
});

describe('progress form', () => {
  const ok = { actionId: '1.1', quarter: '2026-Q1', status: 'in_progress', value: 3, evidenceNotes: '3 dosare depuse la Direcția de Patrimoniu' };

  it('accepts a well-formed report', () => {
    expect(progressFormSchema.parse(ok)).toEqual(ok);
  });

  it('explains in Romanian what is wrong', () => {
    expect(messages(progressFormSchema.safeParse({ ...ok, quarter: '2026-T1' }))).toContain('AAAA-Qn');
    expect(messages(progressFormSchema.safeParse({ ...ok, value: -1 }))).toContain('nu poate fi negativă');
    expect(messages(progressFormSchema.safeParse({ ...ok, value: 1.5 }))).toContain('întreg');
    expect(messages(progressFormSchema.safeParse({ ...ok, status: 'late' }))).toContain('Alegeți stadiul');
    expect(messages(progressFormSchema.safeParse({ ...ok, evidenceNotes: 'x'.repeat(2001) }))).toContain('2000');
  });

  it('asks for the reason when an action is at risk', () => {
    expect(messages(progressFormSchema.safeParse({ ...ok, status: 'at_risk', evidenceNotes: '' }))).toContain('risc de nerealizare');
    expect(progressFormSchema.safeParse({ ...ok, status: 'at_risk', evidenceNotes: 'Partenerul nu a confirmat sala' }).success).toBe(true);
  });

  it('stores the entry with who recorded it and when', () => {
    expect(progressEntrySchema.safeParse({ ...ok, recordedBy: 'u-1', recordedAt: '2026-03-02T10:00:00Z' }).success).toBe(true);
    expect(progressEntrySchema.safeParse({ ...ok, recordedBy: 'u-1', recordedAt: '2026-03-02' }).success).toBe(false);
  });
});

describe('checkProgress', () => {
  const now = new Date('2026-05-10T09:00:00Z');

  it('accepts a manual action for a quarter of the plan year that has started', () => {
    const r = checkProgress(plan, { actionId: '1.1', quarter: '2026-Q2' }, now);
    expect(r).toMatchObject({ ok: true, line: { breakdownKey: null, value: 10 } });
  });

  it('accepts a partner NGO’s row of a computed action', () => {
    expect(checkProgress(plan, { actionId: '2.3', breakdownKey: 'chosen', quarter: '2026-Q1' }, now)).toMatchObject({ ok: true, line: { value: 3 } });
  });

  it('refuses lines Vatra computes from case data', () => {
    expect(checkProgress(plan, { actionId: '2.3', breakdownKey: 'kuncz', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_COMPUTED' });
    expect(checkProgress(plan, { actionId: '2.5', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_COMPUTED', field: 'actionId' });
    expect(checkProgress(plan, { actionId: '6.1', breakdownKey: 'das-management-caz', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_COMPUTED' });
  });

  it('needs the structure’s row for a multi-row action, and only there', () => {
    expect(checkProgress(plan, { actionId: '6.1', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_ROW_REQUIRED', field: 'breakdownKey' });
    expect(checkProgress(plan, { actionId: '6.1', breakdownKey: 'nope', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_ROW_UNKNOWN' });
    expect(checkProgress(plan, { actionId: '1.1', breakdownKey: 'ipj', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_ROW_NOT_ALLOWED' });
  });

  it('refuses unknown actions, other years and quarters not yet begun', () => {
    expect(checkProgress(plan, { actionId: '7.1', quarter: '2026-Q1' }, now)).toMatchObject({ ok: false, code: 'ROMA_ACTION_UNKNOWN', field: 'actionId' });
    expect(checkProgress(plan, { actionId: '1.1', quarter: '2025-Q4' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_QUARTER_OUTSIDE_PLAN' });
    expect(checkProgress(plan, { actionId: '1.1', quarter: '2026-Q3' }, now)).toMatchObject({ ok: false, code: 'ROMA_PROGRESS_QUARTER_IN_FUTURE' });
  });

  it('lets every manual line of every action be reported in the last quarter', () => {
    const end = new Date('2026-12-15T12:00:00Z');
    for (const a of plan.actions) {
      for (const l of manualProgressLines(a)) {
        const form = l.breakdownKey ? { actionId: a.id, breakdownKey: l.breakdownKey, quarter: '2026-Q4' } : { actionId: a.id, quarter: '2026-Q4' };
        expect(checkProgress(plan, form, end).ok).toBe(true);
      }
    }
  });
});

describe('quarters (Bucharest)', () => {
  it('puts the first hours of a quarter in Bucharest into that quarter, though UTC is still in the previous one', () => {
    expect(quarterOf('2025-12-31T22:30:00Z')).toBe('2026-Q1'); // 00:30 on 1 Jan, UTC+2
    expect(quarterOf('2026-03-31T21:30:00Z')).toBe('2026-Q2'); // 00:30 on 1 Apr, UTC+3
    expect(quarterOf('2026-03-31T20:59:59Z')).toBe('2026-Q1');
  });

  it('agrees with the UTC quarter shifted by Bucharest’s offset (2 or 3 hours) for any instant', () => {
    const utcQuarter = (ms: number) => {
      const d = new Date(ms);
      return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    };
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
      const q = quarterOf(new Date(ms));
      expect([utcQuarter(ms + 2 * 3600_000), utcQuarter(ms + 3 * 3600_000)]).toContain(q);
    }));
  });

  it('lists the months of a quarter and the quarters of a plan', () => {
    expect(quarterMonths('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(planQuarters(plan)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('orders action numbers as the table does', () => {
    expect(['2.10', '2.9', '10.1', '2.1'].sort(compareActionIds)).toEqual(['2.1', '2.9', '2.10', '10.1']);
  });
});

describe('latestProgress', () => {
  const entry = (over: Partial<ProgressEntry>): ProgressEntry => ({
    actionId: '1.1', quarter: '2026-Q1', status: 'in_progress', evidenceNotes: '', recordedBy: 'u-1', recordedAt: '2026-03-01T10:00:00Z', ...over,
  });

  it('takes the latest quarter, and within a quarter the latest correction', () => {
    const q1late = entry({ recordedAt: '2026-06-20T10:00:00Z', status: 'at_risk' });
    const q2 = entry({ quarter: '2026-Q2', recordedAt: '2026-06-01T10:00:00Z', status: 'done', value: 10 });
    const q2fix = entry({ quarter: '2026-Q2', recordedAt: '2026-06-02T10:00:00Z', status: 'done', value: 9 });
    const latest = latestProgress([q2fix, q1late, q2]);
    expect(latest.get('1.1')).toBe(q2fix);
  });

  it('keeps each structure’s row of a multi-row action apart', () => {
    const a = entry({ actionId: '6.1', breakdownKey: 'ipj', value: 5 });
    const b = entry({ actionId: '6.1', breakdownKey: 'das-srmc', value: 7 });
    const latest = latestProgress([a, b]);
    expect([...latest.keys()].sort()).toEqual(['6.1#das-srmc', '6.1#ipj']);
    expect(progressLineKey(a)).toBe('6.1#ipj');
  });

  it('does not depend on the order entries arrive in', () => {
    const arbEntry = fc.record({
      actionId: fc.constantFrom('1.1', '2.1', '6.2'),
      breakdownKey: fc.option(fc.constantFrom('das-srmc', 'pmt-cmri'), { nil: undefined }),
      quarter: fc.constantFrom('2026-Q1', '2026-Q2', '2026-Q3'),
      value: fc.option(fc.nat(50), { nil: undefined }),
      status: fc.constantFrom('not_started', 'in_progress', 'done', 'at_risk'),
      evidenceNotes: fc.constantFrom('', 'proces-verbal', 'listă de prezență'),
      recordedBy: fc.constantFrom('u-1', 'u-2'),
      recordedAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }).map((ms) => new Date(Math.floor(ms / 3600_000) * 3600_000).toISOString()),
    }).map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as ProgressEntry);
    fc.assert(fc.property(fc.array(arbEntry, { maxLength: 30 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([xs, shuffled]) => {
      const a = latestProgress(xs);
      const b = latestProgress(shuffled);
      expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
      for (const [k, e] of a) {
        for (const x of xs.filter((y) => progressLineKey(y) === k)) expect(x.quarter <= e.quarter).toBe(true);
      }
    }));
  });
});
