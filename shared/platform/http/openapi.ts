/** OpenAPI 3.1 document generated from the route list and the operations' zod schemas (one source of truth). */
import { z, type ZodType } from 'zod';
import type { RouteDef } from './routes.js';
import type { ActionPolicy } from '../auth/policy.js';
import type { AnyOperation } from './api.js';

function schema(s: ZodType | undefined) {
  if (!s) return undefined;
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The house the document describes: the gathered routes and the policy rows of their actions. */
export interface OpenApiTable {
  readonly routes: readonly RouteDef[];
  actionPolicy(action: string): ActionPolicy | undefined;
}

export function buildOpenApi(
  { routes, actionPolicy }: OpenApiTable,
  operations: Record<string, Record<string, AnyOperation>>,
  version = '1.0.0',
) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const op = operations[r.function]?.[r.operation];
    if (!op) throw new Error(`OpenAPI: no operation ${r.operation} of ${r.function} (add the function's operations to the OpenAPI sources)`);
    const params: unknown[] = [];
    const pathSchema = schema(op?.path) as { properties?: Record<string, unknown> } | undefined;
    for (const [name, s] of Object.entries(pathSchema?.properties ?? {})) params.push({ name, in: 'path', required: true, schema: s });
    const q = schema(op?.query) as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    for (const [name, s] of Object.entries(q?.properties ?? {})) params.push({ name, in: 'query', required: q?.required?.includes(name) ?? false, schema: s });
    const body = schema(op?.body);
    paths[r.path] ??= {};
    paths[r.path]![r.method.toLowerCase()] = {
      operationId: r.operation,
      summary: r.summary,
      description: `Acțiune: ${r.action} — ${actionPolicy(r.action)?.description ?? ''}`,
      tags: [r.function],
      security: r.auth === 'jwt' ? [{ jwt: [] }] : [],
      parameters: params,
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      responses: {
        '200': { description: 'OK' },
        '401': { description: 'Neautentificat' },
        '403': { description: 'Fără drept de acces' },
        '404': { description: 'Negăsit' },
        '409': { description: 'Conflict (versiune depășită, sarcină deja finalizată, duplicat)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '422': { description: 'Date invalide (mesaje în română, cu calea câmpului)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Vatra API', version, description: 'API-ul Vatra: managementul cazurilor, servicii, subvenții, raportare (proiect 328741).' },
    servers: [{ url: '/api' }],
    components: {
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'Cod stabil pentru programe' },
                message: { type: 'string', description: 'Mesaj în română pentru personal' },
                fields: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
