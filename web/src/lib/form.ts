/**
 * Form state helpers (pure): values are plain nested objects addressed by dotted paths ('child.birthDate',
 * 'objectives.0.text' — the same paths the API returns in `error.fields[].path`), errors are one message per path.
 */
import type { ZodError, ZodType } from 'zod';
import { configureZod } from './zod-setup.js';

// every browser validation goes through this module: zod speaks Romanian from the first page that validates
configureZod();

export type Errors = Record<string, string>;
export interface FieldError { path: string; message: string; code?: string }

const segments = (path: string) => (path === '' ? [] : path.split('.'));
const isIndex = (s: string) => /^\d+$/.test(s);

export function getAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const s of segments(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/** A copy of `obj` with `value` at `path`; objects and arrays on the way are copied, never mutated. */
export function setAt<T>(obj: T, path: string, value: unknown): T {
  const segs = segments(path);
  if (segs.length === 0) return value as T;
  const [head, ...rest] = segs as [string, ...string[]];
  const base: unknown = obj ?? (isIndex(head) ? [] : {});
  const child = (base as Record<string, unknown>)[head];
  const next = rest.length ? setAt(child ?? (isIndex(rest[0]!) ? [] : {}), rest.join('.'), value) : value;
  if (Array.isArray(base)) {
    const copy = base.slice();
    copy[Number(head)] = next;
    return copy as T;
  }
  return { ...(base as Record<string, unknown>), [head]: next } as T;
}

/**
 * What a form sends: strings trimmed of nothing, but empty strings become "not given" (undefined) so optional fields
 * stay optional and required ones get the "Completați acest câmp" message. Object keys with undefined are dropped;
 * array positions are kept so error paths still point at the right row.
 */
export function prune(v: unknown): unknown {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (Array.isArray(v)) return v.map(prune);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return v;
}

/** Zod issues → one message per path (the first issue on a path wins, as it is the most basic one). */
export function zodErrors(error: ZodError): Errors {
  const out: Errors = {};
  for (const i of error.issues) {
    const key = i.path.map(String).join('.');
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}

/** Validate the pruned values with the shared schema: parsed data, or the errors by path. */
export function validate<T>(schema: ZodType<T>, values: unknown): { ok: true; data: T } | { ok: false; errors: Errors } {
  const r = schema.safeParse(prune(values));
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: zodErrors(r.error) };
}

/** API field errors → form errors. Task forms arrive as 'form.objectives.0.text'; the prefix is removed. */
export function serverErrors(fields: readonly FieldError[] | undefined, prefix = ''): Errors {
  const out: Errors = {};
  for (const f of fields ?? []) {
    let p = f.path;
    if (prefix && (p === prefix || p.startsWith(`${prefix}.`))) p = p.slice(prefix.length + 1);
    if (!(p in out)) out[p] = f.message;
  }
  return out;
}

/** DOM id of the control for a path: 'objectives.0.text' → 'f-objectives-0-text'. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-') || 'form'}`;

/** The next free objective id ('O1', 'O2', …) given the ids already used. */
export function nextObjectiveId(used: readonly string[]): string {
  let n = 1;
  const set = new Set(used);
  while (set.has(`O${n}`)) n++;
  return `O${n}`;
}
