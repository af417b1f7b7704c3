/** How much of a budget is used, with warning levels at the configured thresholds (pure). */
import { subsidyConfig } from '../config.js';
import type { Reason } from '../../services/index.js';

export interface BudgetInput {
  /** already paid */
  paidLei: number;
  /** approved but not yet paid (e.g. an approved monthly run waiting for finance) */
  committedLei: number;
  budgetLei: number;
}

export interface BudgetStatus {
  spent: number;
  committed: number;
  remaining: number;
  /** (paid + committed) / budget */
  ratio: number;
  /** highest threshold reached, in percent: 0 (none), 80, 90, 100 with the default thresholds */
  level: number;
  warning: Reason | null;
}

const bani = (lei: number) => Math.round(lei * 100);
const fmtLei = (b: number) => `${(b / 100).toLocaleString('ro-RO', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} lei`;

export function budgetStatus(input: BudgetInput, thresholds: readonly number[] = subsidyConfig.budgetWarningThresholds): BudgetStatus {
  const { paidLei, committedLei, budgetLei } = input;
  if (![paidLei, committedLei, budgetLei].every(Number.isFinite) || paidLei < 0 || committedLei < 0) throw new RangeError('Budget amounts must be finite and non-negative');
  if (budgetLei <= 0) throw new RangeError('Budget must be positive');
  const used = bani(paidLei) + bani(committedLei);
  const total = bani(budgetLei);
  const ratio = used / total;
  const reached = [...thresholds].sort((a, b) => a - b).filter((t) => ratio + 1e-12 >= t);
  const level = reached.length ? Math.round(reached[reached.length - 1]! * 100) : 0;
  const remaining = total - used;
  let warning: Reason | null = null;
  if (remaining < 0) warning = { code: 'BUDGET_EXCEEDED', message: `Bugetul este depășit cu ${fmtLei(-remaining)} (${Math.round(ratio * 100)}% utilizat)` };
  else if (level >= 100) warning = { code: 'BUDGET_EXHAUSTED', message: 'Bugetul este epuizat (100% utilizat)' };
  else if (level > 0) warning = { code: `BUDGET_${level}`, message: `S-a atins ${level}% din buget; mai rămân ${fmtLei(remaining)}` };
  return { spent: bani(paidLei) / 100, committed: bani(committedLei) / 100, remaining: remaining / 100, ratio, level, warning };
}
