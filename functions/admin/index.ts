/** api-admin: parental consent and its withdrawal, the audit log (a case, an institution's month, CSV), retention status and runs. */
import { apiHandler, type OperationTable } from '../../shared/manifest/api.js';
// the SDK clients and the stores every route uses load with the handler (as a bare client would), the area's code with its
// routes; exported, so the bundler keeps them in the cold start (shared modules are side-effect free to it, bundling.ts)
export { deps } from '../../shared/cases/deps.js';

/**
 * One module per operation, loaded on its route's first request: a cold start compiles the router and the route it
 * serves, not the whole area (docs/decisions/018-performance.md, session 7).
 */
export const operations = {
  getConsent: () => import('./ops/get-consent.js'),
  recordConsent: () => import('./ops/record-consent.js'),
  withdrawConsent: () => import('./ops/withdraw-consent.js'),
  getCaseAudit: () => import('./ops/get-case-audit.js'),
  listAudit: () => import('./ops/list-audit.js'),
  exportAudit: () => import('./ops/export-audit.js'),
  getRetention: () => import('./ops/get-retention.js'),
  listRetentionRuns: () => import('./ops/list-retention-runs.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-admin', operations);
