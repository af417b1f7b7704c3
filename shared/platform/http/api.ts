/**
 * The thin layer every API function uses: route → operation, authentication, policy check, zod validation of path,
 * query and body (Romanian messages, field paths), JSON answers, and a single place that turns errors into responses.
 * Handlers stay small: they receive typed input and a principal and call shared/ code.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z, type ZodType } from 'zod';
import { principalFromClaims, type Principal } from '../auth/principal.js';
import { routeKey, type RouteDef } from './routes.js';
import { AppError, asAppError, forbidden, unauthorized, type FieldError } from './errors.js';
import { logger, withLogContext } from '../log.js';
import { zodRo } from '../i18n/zod.js';
import { assertWellFormedPath, parseJsonText } from './request.js';

zodRo();

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

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

const securityHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return { statusCode: status, headers: { ...securityHeaders, ...headers }, body: JSON.stringify(body) };
}

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, fields: err.fields.length ? err.fields : undefined, ...err.details } };
}

export function zodFields(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    code: i.code,
  }));
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, part: string): T {
  if (!schema) return (value ?? {}) as T;
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AppError(422, 'VALIDATION_FAILED', 'Datele trimise nu sunt valide. Verificați câmpurile marcate.', zodFields(r.error, part === 'body' ? '' : part));
  }
  return r.data;
}

function readBody(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const ct = (event.headers?.['content-type'] ?? '').toLowerCase();
  if (ct && !ct.includes('json')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cererea trebuie trimisă ca JSON (application/json).');
  }
  return parseJsonText(text);
}

/** What the adapter needs to know of the house: the gathered routes and the first gate of the policy engine. */
export interface ApiTable {
  readonly routes: readonly RouteDef[];
  hasRoleFor(principal: Principal, action: string): boolean;
}

/**
 * The adapter bound to a route table and a policy engine (the platform knows no area; shared/manifest/api.ts binds it
 * to the gathered manifests). Returns `apiHandler(functionName, operations)`.
 */
export function apiAdapter({ routes, hasRoleFor }: ApiTable) {
  return (functionName: string, operations: Record<string, Operation<any, any, any>>) => apiHandler(routes, hasRoleFor, functionName, operations);
}

function apiHandler(routes: readonly RouteDef[], hasRoleFor: ApiTable['hasRoleFor'], functionName: string, operations: Record<string, Operation<any, any, any>>) {
  const mine = routes.filter((r) => r.function === functionName);
  for (const r of mine) {
    if (!operations[r.operation]) throw new Error(`Function ${functionName} lacks operation ${r.operation}`);
  }
  const byKey = new Map(mine.map((r) => [routeKey(r), r]));

  const core = (event: ApiEvent, context?: { awsRequestId?: string; functionName?: string }): Promise<ApiResult> =>
    // the request id a person is shown on an error (API Gateway's) is the one the log lines carry
    withLogContext({ requestId: event.requestContext?.requestId ?? context?.awsRequestId, function: context?.functionName ?? functionName }, () => answer(event));
  const answer = async (event: ApiEvent): Promise<ApiResult> => {
    const requestId = event.requestContext?.requestId ?? 'local';
    try {
      // API Gateway hands the raw path on: a malformed %-encoding is refused here as in the local stand-in
      assertWellFormedPath(event.rawPath ?? '');
      const route = byKey.get(event.routeKey);
      if (!route) throw new AppError(404, 'ROUTE_NOT_FOUND', 'Ruta cerută nu există.');
      const principal = principalFromClaims(event.requestContext?.authorizer?.jwt?.claims as Record<string, unknown> | undefined);
      if (route.auth === 'jwt') {
        if (!principal) throw unauthorized();
        if (!hasRoleFor(principal, route.action)) throw forbidden();
      }
      const op = operations[route.operation]!;
      const ctx: OperationContext<unknown, unknown, unknown> = {
        principal,
        path: parsePart(op.path, event.pathParameters ?? {}, 'path'),
        query: parsePart(op.query, event.queryStringParameters ?? {}, 'query'),
        body: parsePart(op.body, readBody(event), 'body'),
        route,
        requestId,
        sourceIp: event.requestContext?.http?.sourceIp ?? '',
        userAgent: event.requestContext?.http?.userAgent ?? '',
        event,
      };
      const res = await op.handle(ctx);
      if (res.file) {
        const binary = typeof res.file.content !== 'string';
        return {
          statusCode: res.status ?? 200,
          isBase64Encoded: binary,
          headers: {
            'content-type': res.file.contentType,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            ...(res.file.filename ? { 'content-disposition': `attachment; filename="${res.file.filename}"` } : {}),
            ...res.headers,
          },
          body: binary ? Buffer.from(res.file.content as Uint8Array).toString('base64') : (res.file.content as string),
        };
      }
      return json(res.status ?? 200, res.body ?? null, res.headers);
    } catch (thrown) {
      const err = asAppError(thrown) ?? thrown;
      if (err instanceof AppError) {
        if (err.status >= 500) logger.error('application error', { code: err.code, requestId });
        return json(err.status, errorBody(err));
      }
      logger.error('unhandled error', { requestId, error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
      return json(500, { error: { code: 'INTERNAL', message: 'A apărut o eroare internă. Încercați din nou; dacă persistă, comunicați codul cererii.', requestId } });
    }
  };
  return middy(core);
}
