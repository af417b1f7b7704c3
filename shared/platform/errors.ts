/**
 * Errors without HTTP (issue #19): application code refuses a request by what is wrong — invalid input, nothing
 * there, a conflict, not allowed — with a stable code and a Romanian message for staff. It never names a status: the
 * HTTP adapter maps the kind to one (shared/platform/http/errors.ts `asAppError`), so the same code serves the API,
 * the workflow steps and the command line alike.
 */

/** A field the refusal is about (`path` as the client sent it, e.g. `query.cursor`). */
export interface FieldError {
  path: string;
  message: string;
  code: string;
}

export type RefusalKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** Input that cannot be used as it is (the API answers 422). */
export const invalid = (code: string, message: string, fields: FieldError[] = []) => new Refusal('invalid', code, message, fields);
/** Nothing there — or nothing the caller may know is there (the API answers 404). */
export const notFound = (message = 'Resursa nu a fost găsită.', code = 'NOT_FOUND') => new Refusal('not_found', code, message);
/** The caller may not do this (the API answers 403). */
export const forbidden = (message = 'Nu aveți drept de acces la această resursă.', code = 'FORBIDDEN') => new Refusal('forbidden', code, message);
/** The state has moved on: a stale version, a duplicate, a closed month (the API answers 409). */
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new Refusal('conflict', code, message, [], details);

/**
 * A configuration that cannot be used (a data set that does not fit its schema): a bug to fix in the configuration,
 * not a refusal of the request. The API answers it as any bug (500, correlation id only); the log line has the code
 * (shared/platform/log.ts keeps an error's `code`).
 */
export class ConfigurationError extends Error {
  constructor(readonly code: string, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/** Is this a refusal of that kind (and, if given, that code)? */
export const isRefusal = (e: unknown, kind?: RefusalKind, code?: string): e is Refusal =>
  e instanceof Refusal && (kind === undefined || e.kind === kind) && (code === undefined || e.code === code);

/** A zod error's issues as field errors: `prefix.path.to.field` (no prefix for a body), zod's message and code. */
export function zodFields(error: { issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[] }, prefix: string): FieldError[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    code: i.code,
  }));
}
