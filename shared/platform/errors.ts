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
