/** A task kind's form: its shared schema, its first values, how values become the submitted form, and its fields. */
import type { FunctionComponent } from 'preact';
import type { ZodType } from 'zod';
import type { Me } from '../lib/app-context.js';
import type { FullCase, TaskView } from '../lib/types.js';
import type { FormState } from '../ui/fields.js';

export interface TaskFormInput {
  task: TaskView;
  c: FullCase;
  me: Me;
  /** today in Bucharest, 'YYYY-MM-DD' */
  today: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds forms of every value type (taskForms); each form is typed where it is written
export interface TaskFormDef<V extends object = any> {
  schema: ZodType;
  initial(input: TaskFormInput): V;
  /** values → the form validated and submitted (drop fields a decision made irrelevant, convert times…) */
  output?(values: V): unknown;
  Fields: FunctionComponent<TaskFormInput & { form: FormState<V> }>;
  submitLabel?: string;
}

/** Keep only the keys that apply (conditional fields of a decision). */
export function pick<T extends object>(v: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (v[k] !== undefined) out[k] = v[k];
  return out;
}
