/**
 * api-subsidies: the monthly subsidy runs — start one for a month, follow its progress, review the lines with their
 * reasons, include / exclude a child, approve or reject, download the payment file; the subsidy budget.
 * Parses and answers; the work is in shared/subsidies/api/ (one module per route, their shared part in common.ts).
 */
import { apiHandler, type OperationTable } from '../../shared/manifest/api.js';
// the SDK clients and the stores every route uses load with the handler (as a bare client would), the area's code with its
// routes; exported, so the bundler keeps them in the cold start (shared modules are side-effect free to it, bundling.ts)
export { deps } from '../../shared/cases/deps.js';

/**
 * One module per operation, loaded on its route's first request: a cold start compiles the router and the route it
 * serves, not the whole area (docs/decisions/018-performance.md, session 7).
 */
export const operations = {
  startRun: () => import('./ops/start-run.js'),
  listRuns: () => import('./ops/list-runs.js'),
  getRun: () => import('./ops/get-run.js'),
  listRunLines: () => import('./ops/list-run-lines.js'),
  overrideRunLine: () => import('./ops/override-run-line.js'),
  approveRun: () => import('./ops/approve-run.js'),
  rejectRun: () => import('./ops/reject-run.js'),
  getPaymentFile: () => import('./ops/get-payment-file.js'),
  getSubsidyBudget: () => import('./ops/get-subsidy-budget.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-subsidies', operations);
