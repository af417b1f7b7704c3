/**
 * api-imports: the import template, the dry run of a workbook (a report per row, nothing written) and the import
 * itself (each accepted case written whole, its workflow started; the same file again changes nothing).
 * The workbook travels as base64 in JSON ({fileName, contentBase64}), which API Gateway and the local server accept.
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
  getTemplate: () => import('./ops/get-template.js'),
  dryRun: () => import('./ops/dry-run.js'),
  runImport: () => import('./ops/run-import.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-imports', operations);
