import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addTotals, applyDeltaPaths, emptyTotals, lineTotals, netLei, paymentOf, subtractTotals, sumTotals, tidyTotals, totalsDeltaPaths, type Totals } from './aggregate.js';
import type { RunLine } from './model.js';

type LineFacts = Pick<RunLine, 'kind' | 'eligible' | 'amountLei' | 'reasons' | 'institution' | 'cohort' | 'override'>;

const reasonCodes = ['ATTENDANCE_RATIO_LOW', 'CONSENT_MISSING', 'IBAN_INVALID', 'ALREADY_PAID', 'MANUAL_SUSPENSION'];
const lineArb: fc.Arbitrary<LineFacts> = fc.record({
  kind: fc.constantFrom('monthly', 'monthly', 'arrears', 'recovery') as fc.Arbitrary<LineFacts['kind']>,
  eligible: fc.boolean(),
  institution: fc.constantFrom('DAS', 'DGASPC', 'GAL'),
  cohort: fc.constantFrom('18m', '12m', null) as fc.Arbitrary<LineFacts['cohort']>,
  codes: fc.uniqueArray(fc.constantFrom(...reasonCodes), { maxLength: 3 }),
  override: fc.constantFrom(undefined, 'grant', 'suspend') as fc.Arbitrary<'grant' | 'suspend' | undefined>,
}).map(({ codes, override, ...l }) => ({
  ...l,
  amountLei: !l.eligible ? 0 : l.kind === 'recovery' ? -400 : 400,
  reasons: (l.eligible ? [{ code: 'ELIGIBLE', message: 'Eligibil' }] : codes.length ? codes : ['NOT_ENROLLED']).map((c) => (typeof c === 'string' ? { code: c, message: c } : c)),
  ...(override ? { override: { decision: override, reason: 'motiv de test suficient', by: 'u', at: '2025-06-01T00:00:00.000Z', byName: 'U' } } : {}),
}));

const naive = (lines: LineFacts[]) => {
  const monthly = lines.filter((l) => l.kind === 'monthly');
  return {
    lines: monthly.length,
    eligible: monthly.filter((l) => l.eligible).length,
    monthlyLei: monthly.filter((l) => l.eligible).reduce((s, l) => s + l.amountLei, 0),
    arrearsLei: lines.filter((l) => l.kind === 'arrears' && l.eligible).reduce((s, l) => s + l.amountLei, 0),
    recoveryLei: lines.filter((l) => l.kind === 'recovery' && l.eligible).reduce((s, l) => s + l.amountLei, 0),
    blocked: lines.filter((l) => l.kind !== 'monthly' && !l.eligible).length,
    byReason: (code: string) => lines.filter((l) => !l.eligible && l.reasons.some((r) => r.code === code)).length,
  };
};

describe('run totals', () => {
  it('are the sum of the lines, whatever their order and grouping into pages (property)', () => {
    fc.assert(fc.property(fc.array(lineArb, { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (lines, pageSize) => {
      const pages: Totals[] = [];
      for (let i = 0; i < lines.length; i += pageSize) pages.push(sumTotals(lines.slice(i, i + pageSize).map(lineTotals)));
      const t = sumTotals(pages);
      const n = naive(lines);
      expect(t.lines).toBe(n.lines);
      expect(t.eligible + t.ineligible).toBe(n.lines);
      expect(t.eligible).toBe(n.eligible);
      expect(t.monthlyLei).toBe(n.monthlyLei);
      expect(t.arrearsLei).toBe(n.arrearsLei);
      expect(t.recoveryLei).toBe(n.recoveryLei);
      expect(t.adjustmentsBlocked).toBe(n.blocked);
      for (const c of reasonCodes) expect(t.byReason[c] ?? 0).toBe(n.byReason(c));
      expect(netLei(t)).toBe(n.monthlyLei + n.arrearsLei + n.recoveryLei);
      expect(tidyTotals(sumTotals([...lines].reverse().map(lineTotals)))).toEqual(tidyTotals(t));
    }));
  });

  it('stay exact when one line changes: applying the ADD paths of the difference equals recomputing (property)', () => {
    fc.assert(fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.nat(), lineArb, (lines, i, replacement) => {
      const k = i % lines.length;
      const before = sumTotals(lines.map(lineTotals));
      const changed = lines.map((l, j) => (j === k ? replacement : l));
      const delta = subtractTotals(lineTotals(replacement), lineTotals(lines[k]!));
      expect(tidyTotals(applyDeltaPaths(before, totalsDeltaPaths(delta)))).toEqual(tidyTotals(sumTotals(changed.map(lineTotals))));
    }));
  });

  it('count an eligible monthly line under its institution and cohort, an ineligible one under each reason once', () => {
    const t = lineTotals({ kind: 'monthly', eligible: true, amountLei: 400, reasons: [{ code: 'ELIGIBLE', message: '' }], institution: 'DGASPC', cohort: '12m' });
    expect(t.byInstitution).toEqual({ DGASPC: { eligible: 1, lei: 400 } });
    expect(t.byCohort).toEqual({ '12m': 1 });
    const u = lineTotals({ kind: 'monthly', eligible: false, amountLei: 0, reasons: [{ code: 'SESSIONS_LOW', message: 'a' }, { code: 'SESSIONS_LOW', message: 'b' }], institution: 'DAS', cohort: null });
    expect(u.byReason).toEqual({ SESSIONS_LOW: 1 });
    expect(addTotals(t, u).lines).toBe(2);
    expect(totalsDeltaPaths(emptyTotals())).toEqual([]);
  });
});

describe('paymentOf', () => {
  it('counts the paid lines (transfers and recoveries apart) and the dropped ones; pending and not payable count nothing', () => {
    const l = (amountLei: number, status: 'paid' | 'dropped' | 'pending' | 'not_payable') => ({ amountLei, payment: { status } });
    expect(paymentOf([l(400, 'paid'), l(150, 'paid'), l(-100, 'paid'), l(400, 'dropped'), l(400, 'pending'), l(0, 'not_payable')]))
      .toEqual({ paidCount: 3, paidAmountLei: 550, recoveredAmountLei: -100, droppedCount: 1 });
    expect(paymentOf([])).toEqual({ paidCount: 0, paidAmountLei: 0, recoveredAmountLei: 0, droppedCount: 0 });
  });
});
