/**
 * Issue #17: on the same data, the run's payment files, the subsidy budget and the funder's cohort indicators agree.
 * Twelve monthly runs (March 2026 – February 2027) over generated children of intervention A: each run evaluates every
 * child with the run's own code, pays the eligible lines into the ledger, builds the payment file; the budget is the
 * runs' view and the indicators are computed from the ledger's payments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../cases/index.js';
import { emptySummary } from '../services/index.js';
import {
  budgetView, buildPaymentFile, evaluateMonthly, ledgerFacts, lineTotals, netLei, subsidyConfig, sumTotals,
  type LedgerEntry, type RunLine,
} from '../subsidies/index.js';
import { syntheticRoIban } from '../platform/ro/iban.js';
import { localDate } from '../platform/calendar.js';
import { computeIndicators, findIndicator } from './indicators.js';
import type { PaidMonthFact } from './model.js';
import { rcase } from './test-fixtures.js';

const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02'];

interface Kid { cohort: '18m' | '12m'; sessions: number[] }
const kidArb = fc.record({
  cohort: fc.constantFrom<'18m' | '12m'>('18m', '12m', '12m'),
  sessions: fc.array(fc.oneof({ weight: 5, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 1 }) }), { minLength: 12, maxLength: 12 }),
});

function caseOf(i: number, k: Kid): CaseRecord {
  return {
    caseId: `K${String(i).padStart(4, '0')}`, caseNumber: `VT-2026-${String(i).padStart(5, '0')}`, track: 'prevention', stage: 'services', status: 'open',
    institution: 'DAS', sharedWith: [], caseManagerId: 'm',
    child: { firstName: 'Ana', lastName: 'Fictivescu', birthDate: '2014-01-01', residenceCity: 'Timișoara', ethnicity: 'not_declared', disability: false, inSpecialProtection: false },
    legalRepresentative: { firstName: 'Mama', lastName: 'Fictiva', relation: 'mother', iban: syntheticRoIban(i + 1) },
    referral: { source: 'school', receivedAt: '2026-02-01T08:00:00Z', reason: 'test test test', riskFactors: ['x'] },
    consent: { given: true, givenByRelation: 'parent', date: '2026-02-01', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] },
    cohort: k.cohort, reviews: [], services: ['int-a'], identityKeys: [], workflow: { seq: 0 },
    openedAt: '2026-02-01T08:00:00Z', createdAt: '2026-02-01T08:00:00Z', updatedAt: '2026-02-01T08:00:00Z', version: 1, editVersion: 1,
  } as CaseRecord;
}

describe('payment files, budget and cohort indicators agree on the same data', () => {
  it('twelve runs over 150 generated children', () => {
    const kids = fc.sample(kidArb, { numRuns: 150, seed: 1717 });
    const cases = kids.map((k, i) => caseOf(i, k));
    const ledger = new Map<string, LedgerEntry[]>(cases.map((c) => [c.caseId, []]));
    const runs: Parameters<typeof budgetView>[0][number][] = [];
    let filesLei = 0;
    const eligibleMonths = new Map<string, number>();
    for (const [m, month] of MONTHS.entries()) {
      const runId = `${month}-1`;
      const lines: RunLine[] = cases.map((c, i) => {
        const summary = { ...emptySummary(c.caseId, month, 'int-a'), sessions: kids[i]!.sessions[m]! };
        const line = evaluateMonthly({ case: c, enrolments: [{ serviceId: 'int-a', status: 'active', from: '2026-02-02' }], summaries: [summary], ledger: ledgerFacts(ledger.get(c.caseId)!) }, { runId, runMonth: month });
        return { ...line, version: 0 };
      });
      const paidAt = `${month}-28T10:00:00.000Z`;
      const paidLines = lines.map((l) => (l.eligible ? { ...l, payment: { status: 'paid' as const, at: paidAt } } : l));
      for (const l of paidLines) {
        if (!l.eligible) continue;
        ledger.get(l.caseId)!.push({ caseId: l.caseId, month, amount: l.amountLei, kind: 'monthly', runId, paidAt });
        eligibleMonths.set(l.caseId, (eligibleMonths.get(l.caseId) ?? 0) + 1);
      }
      const file = buildPaymentFile({ runId, month, attempt: 1 }, paidLines);
      const totals = sumTotals(lines.map(lineTotals));
      // the file pays exactly what the run's summary says
      expect(file.totalPaymentsLei).toBe(netLei(totals));
      expect(file.payments).toHaveLength(totals.eligible);
      filesLei += file.totalPaymentsLei;
      runs.push({ runId, status: 'completed', summary: { totals, netLei: netLei(totals), budget: budgetView([]), computedAt: paidAt }, payment: { paidCount: totals.eligible, paidAmountLei: file.totalPaymentsLei, recoveredAmountLei: 0, droppedCount: 0 } });
    }
    const budget = budgetView(runs);
    const paid: PaidMonthFact[] = [...ledger.values()].flat().map((e) => ({ caseId: e.caseId, month: e.month, amountLei: e.amount, paidOn: localDate(e.paidAt) }));
    const set = computeIndicators({ cases: cases.map((c) => rcase({ caseId: c.caseId, identityKeys: [`cnp#${c.caseId}`], cohort: c.cohort ?? null, enteredOn: '2026-02-02' })), enrolments: [], paid, identityDocuments: [] }, '2027-03-31');

    expect(budget.spentLei).toBe(filesLei);
    expect(findIndicator(set, 'subsidies_paid')!.value).toBe(filesLei);
    expect(findIndicator(set, 'child_months_paid')!.value * subsidyConfig.amounts[0]!.amountLei).toBe(filesLei);
    expect(findIndicator(set, 'children_subsidised')!.value).toBe(eligibleMonths.size);
    for (const cohort of subsidyConfig.cohorts) {
      const reached = cases.filter((c) => c.cohort === cohort.id && (eligibleMonths.get(c.caseId) ?? 0) >= cohort.minMonths).map((c) => c.caseId).sort();
      expect(findIndicator(set, `cohort_${cohort.id}_minimum_reached`)!.caseIds).toEqual(reached);
    }
    // the sample reaches the 12-month minimum for some children and misses it for others
    const twelve = findIndicator(set, 'cohort_12m_minimum_reached')!.value;
    expect(twelve).toBeGreaterThan(0);
    expect(twelve).toBeLessThan(cases.filter((c) => c.cohort === '12m').length);
    expect(filesLei).toBeGreaterThan(0);
  });
});
