/**
 * The HTTP adapter's middy middlewares, one job each, in the order a request meets them (shared/platform/http/api.ts
 * chains them): name the log lines, refuse a malformed path, find the route and the caller, check path and query,
 * parse the JSON body, check it; on the way out, the security headers; on an error, one JSON answer.
 * They pass what they learn to the next ones on `request.context.api` (as @middy/ssm puts values on the context).
 */
import type { MiddlewareObj, Request } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ZodType } from 'zod';
import { principalFromClaims, type Principal } from '../auth/principal.js';
import { logger, nameLogContext } from '../log.js';
import { AppError, asAppError, forbidden, unauthorized, zodFields } from './errors.js';
import { assertWellFormedPath, invalidJson } from './request.js';
import { routeKey, type RouteDef } from './routes.js';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the middlewares found out about a request, for the ones after them and the handler. */
export interface ApiState {
  route: RouteDef;
  principal: Principal | undefined;
  path?: unknown;
  query?: unknown;
  body?: unknown;
}
export type ApiContext = Context & { api?: ApiState };
export type ApiRequest = Request<ApiEvent, ApiResult, Error, ApiContext>;
export type ApiMiddleware = MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

/** The schemas a route's input is checked against (an operation's `path`, `query`, `body`). */
export interface InputSchemas {
  path?: ZodType<unknown> | undefined;
  query?: ZodType<unknown> | undefined;
  body?: ZodType<unknown> | undefined;
}

/** API Gateway's request id (the one a person is shown on a 500), `local` when the event carries none. */
export const requestIdOf = (event: ApiEvent): string => event.requestContext?.requestId ?? 'local';

/** What the middlewares before have found out (the route middleware starts it). */
export function apiState(context: ApiContext): ApiState {
  if (!context.api) throw new Error('the route middleware has not run');
  return context.api;
}

/** Log lines of this invocation name API Gateway's request id (Lambda's if none) and the function. */
export const invocationLog = (functionName: string): ApiMiddleware => ({
  before: ({ event, context }) => {
    nameLogContext({ requestId: event.requestContext?.requestId ?? context?.awsRequestId, function: context?.functionName ?? functionName });
  },
});

/** API Gateway hands the raw path on: a malformed %-encoding is refused here as in the local stand-in (400). */
export const wellFormedPath = (): ApiMiddleware => ({
  before: ({ event }) => assertWellFormedPath(event.rawPath ?? ''),
});

/** What the route middleware needs of the house: this function's routes and the policy engine's first gate. */
export interface RouteTable {
  readonly routes: readonly RouteDef[];
  hasRoleFor(principal: Principal, action: string): boolean;
}

/** The route of this function the event names (404 otherwise), the caller (401), and the role its action needs (403). */
export function routeAndCaller({ routes, hasRoleFor }: RouteTable): ApiMiddleware {
  const byKey = new Map(routes.map((r) => [routeKey(r), r]));
  return {
    before: (request) => {
      const { event } = request;
      const route = byKey.get(event.routeKey);
      if (!route) throw new AppError(404, 'ROUTE_NOT_FOUND', 'Ruta cerută nu există.');
      const principal = principalFromClaims(event.requestContext?.authorizer?.jwt?.claims as Record<string, unknown> | undefined);
      if (route.auth === 'jwt') {
        if (!principal) throw unauthorized();
        if (!hasRoleFor(principal, route.action)) throw forbidden();
      }
      request.context.api = { route, principal };
    },
  };
}

function parsePart(schema: ZodType<unknown> | undefined, value: unknown, part: keyof InputSchemas): unknown {
  if (!schema) return value ?? {};
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new AppError(422, 'VALIDATION_FAILED', 'Datele trimise nu sunt valide. Verificați câmpurile marcate.', zodFields(r.error, part === 'body' ? '' : part));
  }
  return r.data;
}

const eventPart = {
  path: (e: ApiEvent) => e.pathParameters ?? {},
  query: (e: ApiEvent) => e.queryStringParameters ?? {},
  body: (e: ApiEvent) => e.body as unknown,
} satisfies Record<keyof InputSchemas, (e: ApiEvent) => unknown>;

/**
 * Checks parts of the input against the route's operation's zod schemas (422 VALIDATION_FAILED, field paths
 * `path.x`, `query.x`, body fields by their own path; Romanian messages). Path and query are checked before the
 * body is read, the body after `jsonBody`; a part without a schema is handed on as it came (`{}` when absent).
 */
export function validInput(schemasOf: (route: RouteDef) => InputSchemas, ...parts: (keyof InputSchemas)[]): ApiMiddleware {
  return {
    before: (request) => {
      const state = apiState(request.context);
      const schemas = schemasOf(state.route);
      for (const part of parts) state[part] = parsePart(schemas[part], eventPart[part](request.event), part);
    },
  };
}

// the content type is checked above, as this API always has; `disableContentTypeCheck` is missing from the package's
// type declarations (6.4.5) but read by its code
const parseJson = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<typeof httpJsonBodyParser>[0]).before!;

/**
 * The body as JSON, by @middy/http-json-body-parser (base64 bodies included). What it refuses answers as this API
 * always has: another media type 415 UNSUPPORTED_MEDIA_TYPE (no content type at all is read as JSON, any type naming
 * json is JSON), broken JSON 400 INVALID_JSON — never its own 415 for both, never a 500. An empty body is no body.
 */
export const jsonBody = (): ApiMiddleware => ({
  before: async (request) => {
    const { event } = request;
    if (event.body === undefined || event.body === null || event.body === '') {
      event.body = undefined;
      return;
    }
    const ct = (event.headers?.['content-type'] ?? '').toLowerCase();
    if (ct && !ct.includes('json')) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cererea trebuie trimisă ca JSON (application/json).');
    }
    try {
      await parseJson(request as Request);
    } catch {
      throw invalidJson();
    }
  },
});

const baseHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** Every answer, errors included, is not cached and not sniffed, unless the operation said otherwise. */
export const securityHeaders = (): ApiMiddleware => {
  const add = (request: ApiRequest) => {
    if (request.response) request.response.headers = { ...baseHeaders, ...request.response.headers };
  };
  return { after: add, onError: add };
};

const jsonType = { 'content-type': 'application/json; charset=utf-8' };

/** A JSON answer (`securityHeaders` adds the rest on the way out). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return { statusCode: status, headers: { ...jsonType, ...headers }, body: JSON.stringify(body) };
}

export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, fields: err.fields.length ? err.fields : undefined, ...err.details } };
}

/**
 * One place that turns errors into answers: an AppError (or a Refusal, through `asAppError`) its status, code, message,
 * fields and details (logged when 500 or above); anything else is a bug: 500 INTERNAL with the request id only, the error in the log.
 */
export const httpErrors = (): ApiMiddleware => ({
  onError: (request) => {
    // a Refusal (application code's error without HTTP) is answered with its kind's status
    const err = asAppError(request.error) ?? request.error;
    const requestId = requestIdOf(request.event);
    if (err instanceof AppError) {
      if (err.status >= 500) logger.error('application error', { code: err.code, requestId });
      request.response = json(err.status, errorBody(err));
      return;
    }
    logger.error('unhandled error', { requestId, error: err });
    request.response = json(500, { error: { code: 'INTERNAL', message: 'A apărut o eroare internă. Încercați din nou; dacă persistă, comunicați codul cererii.', requestId } });
  },
});
