/**
 * What arrives on the wire before any route's schema sees it: the path's percent-encoding and the JSON text of a
 * body. One piece used by the API adapter (API Gateway v2 → Lambda) and by the local runtime's HTTP server (which
 * stands in for API Gateway, the local Cognito and the operator controls), so a malformed request answers the same
 * on both sides: 400 with a stable code and a Romanian message, never a 500, and nothing written.
 */
import { AppError } from './errors.js';

export const malformedPath = () =>
  new AppError(400, 'MALFORMED_PATH', 'Adresa cererii conține o codificare procentuală invalidă (%).');

export const invalidJson = () => new AppError(400, 'INVALID_JSON', 'Corpul cererii nu este un JSON valid.');

export const bodyNotObject = () =>
  new AppError(400, 'BODY_NOT_OBJECT', 'Corpul cererii trebuie să fie un obiect JSON ({ … }).');

/** Decode one path segment; `undefined` when its percent-encoding is malformed (or decodes to invalid UTF-8). */
export function tryDecodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Decode one path segment or throw MALFORMED_PATH (400). */
export function decodeSegment(segment: string): string {
  const s = tryDecodeSegment(segment);
  if (s === undefined) throw malformedPath();
  return s;
}

/** Check every segment of a raw (still encoded) path; throws MALFORMED_PATH (400) at the first malformed one. */
export function assertWellFormedPath(rawPath: string): void {
  for (const seg of rawPath.split('/')) if (seg.includes('%')) decodeSegment(seg);
}

/** Parse JSON text; throws INVALID_JSON (400). Empty text is `undefined` (no body). */
export function parseJsonText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidJson();
  }
}

/** Parse a body that must be a JSON object (login, operator controls); empty text is `{}`. */
export function parseJsonObject(text: string): Record<string, unknown> {
  const v = parseJsonText(text.trim() === '' ? '' : text);
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bodyNotObject();
  return v as Record<string, unknown>;
}
