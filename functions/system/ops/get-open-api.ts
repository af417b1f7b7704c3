/** api-system GET /openapi.json: Documentul OpenAPI al API-ului. */
import { buildOpenApi, loadOperations, operation, type OperationTable } from '../../../shared/manifest/api.js';

/**
 * The operation table (with the modules holding the zod schemas) of every API function; a route whose function is
 * missing here fails the OpenAPI test. Read on this route only: the other tables and every operation are chunks.
 */
const apiModules: Record<string, () => Promise<{ operations: OperationTable }>> = {
  'api-system': () => import('../index.js'),
  'api-cases': () => import('../../cases/index.js'),
  'api-tasks': () => import('../../tasks/index.js'),
  'api-reports': () => import('../../reports/index.js'),
  'api-services': () => import('../../services/index.js'),
  'api-subsidies': () => import('../../subsidies/index.js'),
  'api-admin': () => import('../../admin/index.js'),
  'api-imports': () => import('../../imports/index.js'),
};

let openApiDoc: unknown;

async function openApiSources() {
  const entries = await Promise.all(Object.entries(apiModules).map(async ([name, load]) => [name, await loadOperations((await load()).operations)] as const));
  return Object.fromEntries(entries);
}

const getOpenApi = operation({
  async handle() {
    openApiDoc ??= buildOpenApi(await openApiSources());
    return { body: openApiDoc };
  },
});

export default getOpenApi;
