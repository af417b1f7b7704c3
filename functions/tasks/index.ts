/** api-tasks: the inbox (mine / my team's, overdue first), a task with its form, drafts, submit, reassignment. */
import { apiHandler, type OperationTable } from '../../shared/manifest/api.js';
// the SDK clients and the stores every route uses load with the handler (as a bare client would), the area's code with its
// routes; exported, so the bundler keeps them in the cold start (shared modules are side-effect free to it, bundling.ts)
export { deps } from '../../shared/cases/deps.js';

/**
 * One module per operation, loaded on its route's first request: a cold start compiles the router and the route it
 * serves, not the whole area (docs/decisions/018-performance.md, session 7).
 */
export const operations = {
  listTasks: () => import('./ops/list-tasks.js'),
  getTask: () => import('./ops/get-task.js'),
  saveDraft: () => import('./ops/save-draft.js'),
  submitTask: () => import('./ops/submit-task.js'),
  reassignTask: () => import('./ops/reassign-task.js'),
} satisfies OperationTable;
export const handler = apiHandler('api-tasks', operations);
