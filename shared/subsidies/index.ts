/**
 * The subsidies area's public door: what other areas use. An area imports another only through its index.ts
 * (checked by dependency-cruiser, .dependency-cruiser.cjs); inside the area, modules import each other directly.
 */
export { subsidyConfig } from './config.js';
export type { CohortId } from './config.js';
export { caseIdSchema } from './input.js';
export { budgetStatus } from './rules/budget.js';
export type { BudgetStatus } from './rules/budget.js';
export { amountFor, assignCohort, bucharestDate, caseOpenInMonth, inProjectPeriod, monthLabel } from './rules/eligibility.js';
export { SubsidyStore } from './store.js';

// ── The run's pure evaluation, payment file and totals (reports' agreement test reads the run the way finance does) ──
export { evaluateMonthly, ledgerFacts } from './evaluate.js';
export type { ChildFacts, EnrolmentSpan } from './evaluate.js';
export { buildPaymentFile } from './payment-file.js';
export { lineTotals, netLei, sumTotals } from './aggregate.js';
export { budgetView } from './budget.js';
export type { LedgerEntry, RunLine } from './model.js';
