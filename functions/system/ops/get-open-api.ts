/** api-system GET /openapi.json: Documentul OpenAPI al API-ului. */
import { operation } from '../../../shared/manifest/api.js';
import { openApiDocument } from '../openapi.js';

const getOpenApi = operation({
  async handle() {
    return { body: await openApiDocument() };
  },
});

export default getOpenApi;
