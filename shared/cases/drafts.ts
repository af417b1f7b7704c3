/**
 * What a task draft may hold. A draft is work in progress, so a field may be empty or incomplete (too short, a date
 * half typed, a rule across fields not met yet) — but it may not be something the form could never hold: unknown
 * fields, wrong types, operator-like or prototype keys, control characters (NUL), lone surrogates, huge arrays, deep
 * nesting or a size beyond what any form needs. Checked before anything is written (decision record 016).
 */
import { z, type ZodType } from 'zod';
import type { FieldError } from '../platform/errors.js';

export const draftLimits = {
  /** serialized size of a draft; the largest real form (an evaluation) is a few KB */
  maxBytes: 64 * 1024,
  maxDepth: 6,
  maxArrayLength: 50,
  maxStringLength: 10_000,
} as const;

const keyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
// C0 controls except tab, line feed, carriage return; DEL
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Issue codes that only mean "not finished yet": tolerated in a draft, enforced on submit. */
const incomplete = new Set(['too_small', 'invalid_format', 'custom']);

function structural(v: unknown, path: string[], depth: number, out: FieldError[]): void {
  const at = path.join('.');
  if (out.length >= 20) return;
  if (typeof v === 'string') {
    if (v.length > draftLimits.maxStringLength) out.push({ path: at, code: 'too_big', message: `Textul are cel mult ${draftLimits.maxStringLength} de caractere` });
    else if (controlChars.test(v)) out.push({ path: at, code: 'invalid_string', message: 'Textul conține caractere de control nepermise' });
    else if (loneSurrogate.test(v)) out.push({ path: at, code: 'invalid_string', message: 'Textul conține caractere Unicode invalide' });
    return;
  }
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return;
  if (depth >= draftLimits.maxDepth) {
    out.push({ path: at, code: 'too_big', message: 'Structura ciornei este prea adâncă' });
    return;
  }
  if (Array.isArray(v)) {
    if (v.length > draftLimits.maxArrayLength) {
      out.push({ path: at, code: 'too_big', message: `Lista are cel mult ${draftLimits.maxArrayLength} de elemente` });
      return;
    }
    for (const [i, x] of v.entries()) structural(x, [...path, String(i)], depth + 1, out);
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (!keyPattern.test(k) || forbiddenKeys.has(k)) {
        out.push({ path: [...path, k].join('.'), code: 'unrecognized_keys', message: 'Câmp nepermis în ciornă' });
        continue;
      }
      structural(x, [...path, k], depth + 1, out);
    }
    return;
  }
  out.push({ path: at, code: 'invalid_type', message: 'Valoare nepermisă în ciornă' });
}

function valueAt(v: unknown, path: readonly PropertyKey[]): unknown {
  let cur = v;
  for (const k of path) cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[k] : undefined;
  return cur;
}

/** The form's fields, each optional, no other top-level field (the form's cross-field rules are left for submit). */
function partialOf(schema: ZodType): ZodType {
  const shape = (schema as unknown as { shape?: Record<string, ZodType> }).shape;
  if (!shape) return z.unknown();
  return z.strictObject(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.optional()])));
}

/** Field errors of a draft for the given form schema; empty when the draft may be saved. */
export function draftProblems(schema: ZodType, form: unknown): FieldError[] {
  const size = Buffer.byteLength(JSON.stringify(form) ?? '', 'utf8');
  if (size > draftLimits.maxBytes) return [{ path: '', code: 'too_big', message: `Ciorna depășește ${draftLimits.maxBytes / 1024} KB` }];
  const out: FieldError[] = [];
  structural(form, [], 0, out);
  if (out.length) return out;
  const r = partialOf(schema).safeParse(form);
  if (r.success) return [];
  return r.error.issues
    .filter((i) => !incomplete.has(i.code) && !((i.code === 'invalid_type' || i.code === 'invalid_value') && ['', null].includes(valueAt(form, i.path) as string | null)))
    .map((i) => ({ path: i.path.map(String).join('.') || (i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? '' : ''), code: i.code, message: i.message }));
}
