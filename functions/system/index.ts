/** api-system: service health, the OpenAPI document, the caller's identity and permissions, the staff directory. */
import { apiHandler, type OperationTable } from '../../shared/manifest/api.js';
// the SDK clients and the stores every route uses load with the handler (as a bare client would), the area's code with its
// routes; exported, so the bundler keeps them in the cold start (shared modules are side-effect free to it, bundling.ts)
export { deps } from '../../shared/cases/deps.js';

/**
 * One module per operation, loaded on its route's first request: a cold start compiles the router and the route it
 * serves, not the whole area (docs/decisions/018-performance.md, session 7).
 */
export const operations = {
  getHealth: () => import('./ops/get-health.js'),
  getOpenApi: () => import('./ops/get-open-api.js'),
  getMe: () => import('./ops/get-me.js'),
  putPreferences: () => import('./ops/put-preferences.js'),
  getNotifications: () => import('./ops/get-notifications.js'),
  listOutbox: () => import('./ops/list-outbox.js'),
  listStaff: () => import('./ops/list-staff.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-system', operations);
