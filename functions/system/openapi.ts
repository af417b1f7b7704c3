/**
 * The OpenAPI document of every route, from the operations' zod schemas. The local runtime and the tests build it here
 * from the source on the first GET /openapi.json; a Lambda bundle carries it built (`openapi.json` beside index.mjs,
 * written when api-system is bundled: infra/constructs/bundling.ts `staticOpenApi`), so no function ships zod's JSON
 * Schema code, every operation module or the whole route table only to document them (decision 018, session 13).
 */
import { loadOperations, type OperationTable } from '../../shared/manifest/api.js';
import { actionPolicy } from '../../shared/manifest/policy.js';
import { routes } from '../../shared/manifest/routes.js';
import { buildOpenApi } from '../../shared/platform/http/openapi.js';

/**
 * The operation table (with the modules holding the zod schemas) of every API function; a route whose function is
 * missing here fails the OpenAPI test.
 */
const apiModules: Record<string, () => Promise<{ operations: OperationTable }>> = {
  'api-system': () => import('./index.js'),
  'api-cases': () => import('../cases/index.js'),
  'api-tasks': () => import('../tasks/index.js'),
  'api-reports': () => import('../reports/index.js'),
  'api-services': () => import('../services/index.js'),
  'api-subsidies': () => import('../subsidies/index.js'),
  'api-admin': () => import('../admin/index.js'),
  'api-imports': () => import('../imports/index.js'),
};

let built: Promise<unknown> | undefined;

/** The document (built once per process). */
export function openApiDocument(): Promise<unknown> {
  built ??= (async () => {
    const entries = await Promise.all(Object.entries(apiModules).map(async ([name, load]) => [name, await loadOperations((await load()).operations)] as const));
    return buildOpenApi({ routes, actionPolicy }, Object.fromEntries(entries));
  })().catch((e: unknown) => {
    built = undefined; // the next request tries again
    throw e;
  });
  return built;
}
