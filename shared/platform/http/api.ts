/**
 * The thin layer every API function uses: route → operation, authentication, policy check, zod validation of path,
 * query and body (Romanian messages, field paths), JSON answers, and a single place that turns errors into responses.
 * Handlers stay small: they receive typed input and a principal and call shared/ code.
 *
 * Built as a middy chain of small middlewares (shared/platform/http/middleware.ts), one job each; the handler at the
 * end of the chain only runs the operation and shapes its answer.
 */
import middy from '@middy/core';
import type { ZodType } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { RouteDef } from './routes.js';
import { inLogScope } from '../log.js';
import { zodRo } from '../i18n/zod.js';
import {
  apiState, httpErrors, invocationLog, json, jsonBody, requestIdOf, routeAndCaller, securityHeaders, validInput, wellFormedPath,
  type ApiContext, type ApiEvent, type ApiResult, type RouteTable,
} from './middleware.js';

export { errorBody, json, type ApiEvent, type ApiResult } from './middleware.js';
export { zodFields } from './errors.js';

zodRo();

export interface OperationContext<P, Q, B> {
  principal: Principal | undefined;
  path: P;
  query: Q;
  body: B;
  route: RouteDef;
  requestId: string;
  sourceIp: string;
  userAgent: string;
  event: ApiEvent;
}

export interface OperationResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** non-JSON answers (CSV, XLSX, HTML) */
  file?: { contentType: string; content: string | Uint8Array; filename?: string };
}

export interface Operation<P = unknown, Q = unknown, B = unknown> {
  path?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  handle(ctx: OperationContext<P, Q, B>): Promise<OperationResult>;
}

/** Helper that keeps the generic types of an operation inferred from its schemas. */
export function operation<P = Record<string, never>, Q = Record<string, never>, B = undefined>(op: Operation<P, Q, B>): Operation<P, Q, B> {
  return op;
}

/** What the adapter needs to know of the house: the gathered routes and the first gate of the policy engine. */
export type ApiTable = RouteTable;

/**
 * An operation of any route: a function's table holds operations with different path, query and body types, each
 * checked against its own schemas by the chain before it runs.
 */
// biome-ignore lint/suspicious/noExplicitAny: each operation's types are its own; the table only dispatches to them
export type AnyOperation = Operation<any, any, any>;

/**
 * The adapter bound to a route table and a policy engine (the platform knows no area; shared/manifest/api.ts binds it
 * to the gathered manifests). Returns `apiHandler(functionName, operations)`.
 */
export function apiAdapter({ routes, hasRoleFor }: ApiTable) {
  return (functionName: string, operations: Record<string, AnyOperation>) => apiHandler(routes, hasRoleFor, functionName, operations);
}

function apiHandler(routes: readonly RouteDef[], hasRoleFor: ApiTable['hasRoleFor'], functionName: string, operations: Record<string, AnyOperation>) {
  const mine = routes.filter((r) => r.function === functionName);
  for (const r of mine) {
    if (!operations[r.operation]) throw new Error(`Function ${functionName} lacks operation ${r.operation}`);
  }
  const schemasOf = (route: RouteDef) => operations[route.operation]!;

  const chain = middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(invocationLog(functionName))
    .use(securityHeaders())
    .use(httpErrors())
    .use(wellFormedPath())
    .use(routeAndCaller({ routes: mine, hasRoleFor }))
    .use(validInput(schemasOf, 'path', 'query'))
    .use(jsonBody())
    .use(validInput(schemasOf, 'body'))
    .handler(async (event: ApiEvent, context: ApiContext): Promise<ApiResult> => {
      const { route, principal, path, query, body } = apiState(context);
      const res = await operations[route.operation]!.handle({
        principal,
        path,
        query,
        body,
        route,
        requestId: requestIdOf(event),
        sourceIp: event.requestContext?.http?.sourceIp ?? '',
        userAgent: event.requestContext?.http?.userAgent ?? '',
        event,
      });
      if (res.file) {
        const binary = typeof res.file.content !== 'string';
        return {
          statusCode: res.status ?? 200,
          isBase64Encoded: binary,
          headers: {
            'content-type': res.file.contentType,
            ...(res.file.filename ? { 'content-disposition': `attachment; filename="${res.file.filename}"` } : {}),
            ...res.headers,
          },
          body: binary ? Buffer.from(res.file.content as Uint8Array).toString('base64') : (res.file.content as string),
        };
      }
      return json(res.status ?? 200, res.body ?? null, res.headers);
    });
  // every invocation in a log scope of its own, which `invocationLog` names (shared/platform/log.ts)
  return inLogScope((event: ApiEvent, context?: Partial<ApiContext>) => chain(event, (context ?? {}) as ApiContext));
}
