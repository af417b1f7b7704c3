/** api-cases: referral intake, case files, history, tasks of a case, the Observatorul export. */
import { apiHandler, type OperationTable } from '../../shared/manifest/api.js';
// the SDK clients and the stores every route uses load with the handler (as a bare client would), the area's code with its
// routes; exported, so the bundler keeps them in the cold start (shared modules are side-effect free to it, bundling.ts)
export { deps } from '../../shared/cases/deps.js';

/**
 * One module per operation, loaded on its route's first request: a cold start compiles the router and the route it
 * serves, not the whole area (docs/decisions/018-performance.md, session 7).
 */
export const operations = {
  createReferral: () => import('./ops/create-referral.js'),
  listCases: () => import('./ops/list-cases.js'),
  getCase: () => import('./ops/get-case.js'),
  getCaseHistory: () => import('./ops/get-case-history.js'),
  getCaseTasks: () => import('./ops/get-case-tasks.js'),
  getObservatorExport: () => import('./ops/get-observator-export.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-cases', operations);
