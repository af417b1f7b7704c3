/**
 * Totals of a run (pure). Every line contributes a small aggregate; a page of lines, a whole run, and the change an
 * override makes are sums and differences of these, so the stored summary can be kept exact with atomic ADDs.
 */
import type { RunLine, RunRecord, Totals } from './model.js';

export type { BudgetView, RunSummary, Totals } from './model.js';

export const emptyTotals = (): Totals => ({
  lines: 0, eligible: 0, ineligible: 0, monthlyLei: 0, arrearsCount: 0, arrearsLei: 0, recoveryCount: 0, recoveryLei: 0,
  adjustmentsBlocked: 0, byReason: {}, byInstitution: {}, byCohort: {}, overridesInclude: 0, overridesExclude: 0,
});

/** What one line adds to the run's totals. */
export function lineTotals(line: Pick<RunLine, 'kind' | 'eligible' | 'amountLei' | 'reasons' | 'institution' | 'cohort' | 'override'>): Totals {
  const t = emptyTotals();
  if (line.kind === 'monthly') {
    t.lines = 1;
    if (line.eligible) {
      t.eligible = 1;
      t.monthlyLei = line.amountLei;
      t.byInstitution[line.institution] = { eligible: 1, lei: line.amountLei };
      t.byCohort[line.cohort ?? 'none'] = 1;
    } else {
      t.ineligible = 1;
    }
    if (line.override?.decision === 'grant') t.overridesInclude = 1;
    if (line.override?.decision === 'suspend') t.overridesExclude = 1;
  } else if (!line.eligible) {
    t.adjustmentsBlocked = 1;
  } else if (line.kind === 'arrears') {
    t.arrearsCount = 1;
    t.arrearsLei = line.amountLei;
  } else {
    t.recoveryCount = 1;
    t.recoveryLei = line.amountLei;
  }
  if (!line.eligible) for (const code of new Set(line.reasons.map((r) => r.code))) t.byReason[code] = 1;
  return t;
}

function addRecord(a: Record<string, number>, b: Record<string, number>, sign: number): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + sign * v;
  return out;
}

function combine(a: Totals, b: Totals, sign: 1 | -1): Totals {
  const inst: Totals['byInstitution'] = {};
  for (const k of new Set([...Object.keys(a.byInstitution), ...Object.keys(b.byInstitution)])) {
    const x = a.byInstitution[k] ?? { eligible: 0, lei: 0 };
    const y = b.byInstitution[k] ?? { eligible: 0, lei: 0 };
    inst[k] = { eligible: x.eligible + sign * y.eligible, lei: x.lei + sign * y.lei };
  }
  return {
    lines: a.lines + sign * b.lines,
    eligible: a.eligible + sign * b.eligible,
    ineligible: a.ineligible + sign * b.ineligible,
    monthlyLei: a.monthlyLei + sign * b.monthlyLei,
    arrearsCount: a.arrearsCount + sign * b.arrearsCount,
    arrearsLei: a.arrearsLei + sign * b.arrearsLei,
    recoveryCount: a.recoveryCount + sign * b.recoveryCount,
    recoveryLei: a.recoveryLei + sign * b.recoveryLei,
    adjustmentsBlocked: a.adjustmentsBlocked + sign * b.adjustmentsBlocked,
    byReason: addRecord(a.byReason, b.byReason, sign),
    byInstitution: inst,
    byCohort: addRecord(a.byCohort, b.byCohort, sign),
    overridesInclude: a.overridesInclude + sign * b.overridesInclude,
    overridesExclude: a.overridesExclude + sign * b.overridesExclude,
  };
}

export const addTotals = (a: Totals, b: Totals): Totals => combine(a, b, 1);
export const subtractTotals = (a: Totals, b: Totals): Totals => combine(a, b, -1);
export const sumTotals = (xs: readonly Totals[]): Totals => xs.reduce(addTotals, emptyTotals());

/** Drop zero entries of the per-key maps (an override can take a reason's count back to 0). */
export function tidyTotals(t: Totals): Totals {
  const nz = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));
  return {
    ...t,
    byReason: nz(t.byReason),
    byCohort: nz(t.byCohort),
    byInstitution: Object.fromEntries(Object.entries(t.byInstitution).filter(([, v]) => v.eligible !== 0 || v.lei !== 0)),
  };
}

/** Net amount of the run: eligible monthly + arrears + recoveries (negative). */
export const netLei = (t: Totals): number => t.monthlyLei + t.arrearsLei + t.recoveryLei;

/**
 * A difference of totals as flat numeric paths (`['byReason', 'X']` → 1), without zeros: the ADD clauses of the update
 * that applies an override to the stored summary.
 */
export function totalsDeltaPaths(delta: Totals): { path: string[]; value: number }[] {
  const out: { path: string[]; value: number }[] = [];
  const scalar: (keyof Totals)[] = ['lines', 'eligible', 'ineligible', 'monthlyLei', 'arrearsCount', 'arrearsLei', 'recoveryCount', 'recoveryLei', 'adjustmentsBlocked', 'overridesInclude', 'overridesExclude'];
  for (const k of scalar) if (delta[k] !== 0) out.push({ path: [k], value: delta[k] as number });
  for (const [k, v] of Object.entries(delta.byReason)) if (v !== 0) out.push({ path: ['byReason', k], value: v });
  for (const [k, v] of Object.entries(delta.byCohort)) if (v !== 0) out.push({ path: ['byCohort', k], value: v });
  for (const [k, v] of Object.entries(delta.byInstitution)) {
    if (v.eligible !== 0) out.push({ path: ['byInstitution', k, 'eligible'], value: v.eligible });
    if (v.lei !== 0) out.push({ path: ['byInstitution', k, 'lei'], value: v.lei });
  }
  return out;
}

/** Apply flat path deltas to totals (what DynamoDB does with the ADD clauses; used to check them). */
export function applyDeltaPaths(t: Totals, deltas: readonly { path: string[]; value: number }[]): Totals {
  const out = structuredClone(t) as unknown as Record<string, unknown>;
  for (const { path, value } of deltas) {
    let node = out;
    for (const p of path.slice(0, -1)) {
      node[p] ??= {};
      node = node[p] as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    node[leaf] = ((node[leaf] as number | undefined) ?? 0) + value;
  }
  return out as unknown as Totals;
}

/** What lines pay, by their payment status (read from the ledger first: SubsidyStore.payableLines): the run's `payment`. */
export function paymentOf(lines: readonly Pick<RunLine, 'amountLei' | 'payment'>[]): NonNullable<RunRecord['payment']> {
  const out = { paidCount: 0, paidAmountLei: 0, recoveredAmountLei: 0, droppedCount: 0 };
  for (const l of lines) {
    if (l.payment.status === 'paid') {
      out.paidCount += 1;
      if (l.amountLei >= 0) out.paidAmountLei += l.amountLei;
      else out.recoveredAmountLei += l.amountLei;
    } else if (l.payment.status === 'dropped') out.droppedCount += 1;
  }
  return out;
}
