/**
 * Errors that cross the API boundary: a stable machine code, an HTTP status and a Romanian message for staff.
 * Anything else that escapes a handler is a bug and answers 500 with a correlation id only.
 */
import type { z } from 'zod';

export interface FieldError {
  path: string;
  message: string;
  code: string;
}

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

/** A zod error's issues as field errors: `prefix.path.to.field` (no prefix for a body), zod's message and code. */
export function zodFields(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
    code: i.code,
  }));
}
