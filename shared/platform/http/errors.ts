/**
 * Errors that cross the API boundary: a stable machine code, an HTTP status and a Romanian message for staff.
 * A `Refusal` (shared/platform/errors.ts: application code's errors without HTTP) is answered through `asAppError`.
 * Anything else that escapes a handler is a bug and answers 500 with a correlation id only.
 */
import { Refusal, type FieldError, type RefusalKind } from '../errors.js';

export type { FieldError } from '../errors.js';
export { zodFields } from '../errors.js';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, fields: FieldError[] = []) => new AppError(400, code, message, fields);
export const unauthorized = () => new AppError(401, 'UNAUTHENTICATED', 'Autentificare necesară. Vă rugăm să vă conectați din nou.');
export const forbidden = (message = 'Nu aveți drept de acces la această resursă.') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message = 'Resursa nu a fost găsită.') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError(409, code, message, [], details);
export const unprocessable = (code: string, message: string, fields: FieldError[] = []) => new AppError(422, code, message, fields);

const refusalStatus: Record<RefusalKind, number> = { invalid: 422, not_found: 404, conflict: 409, forbidden: 403 };

/** The error as the API answers it: an AppError as it is, a Refusal with its kind's status; anything else undefined (a bug: 500). */
export function asAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof Refusal) return new AppError(refusalStatus[err.kind], err.code, err.message, err.fields, err.details);
  return undefined;
}
