/**
 * api-reports: the project's indicators (dashboard JSON, drill-down, XLSX/CSV), the Roma local plan (view, quarterly
 * progress, export), the quarterly report for the steering committee, and the identity-documents record (plan 6.1).
 * Parses, authorizes, calls shared/reports, answers.
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
  getIndicators: () => import('./ops/get-indicators.js'),
  getIndicatorCases: () => import('./ops/get-indicator-cases.js'),
  exportIndicators: () => import('./ops/export-indicators.js'),
  getQuarterlyReport: () => import('./ops/get-quarterly-report.js'),
  listRomaPlans: () => import('./ops/list-roma-plans.js'),
  getRomaPlan: () => import('./ops/get-roma-plan.js'),
  listRomaProgress: () => import('./ops/list-roma-progress.js'),
  recordRomaProgress: () => import('./ops/record-roma-progress.js'),
  exportRomaPlan: () => import('./ops/export-roma-plan.js'),
  getRomaActionCases: () => import('./ops/get-roma-action-cases.js'),
  recordIdentityDocument: () => import('./ops/record-identity-document.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-reports', operations);
