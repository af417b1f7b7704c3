/**
 * The HTTP adapter (shared/platform/http/api.ts) bound to the gathered routes and policy: what every API function's
 * `handler` is built with, on AWS and in the local runtime alike.
 */
import { apiAdapter } from '../platform/http/api.js';
import { buildOpenApi as buildOpenApiFor, type OpenApiTable } from '../platform/http/openapi.js';
import { routes } from './routes.js';
import { actionPolicy, hasRoleFor } from './policy.js';

export { operation, type AnyOperation, type Operation, type OperationContext, type OperationResult } from '../platform/http/api.js';

export const apiHandler = apiAdapter({ routes, hasRoleFor });

const house: OpenApiTable = { routes, actionPolicy };

/** The OpenAPI document of every route, from the operations' zod schemas. */
export function buildOpenApi(operations: Parameters<typeof buildOpenApiFor>[1], version?: string) {
  return buildOpenApiFor(house, operations, version);
}
