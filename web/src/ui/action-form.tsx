/**
 * One small form for one API call (withdraw consent, end an enrolment, record progress…), with the same error handling
 * as the pathway forms: the shared zod schema validates first (Romanian messages next to the fields, an error summary
 * that takes focus), a 422 puts the server's field messages on the same fields, a 409 says that someone changed the
 * data meanwhile — naming what changed when the API says — and offers to reload; other errors show in a banner.
 * Values live under the form's `name` so several forms on one page never share a field id.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ZodType } from 'zod';
import type { ApiError } from '../lib/api.js';
import { changedFields, type DiffSpec } from '../lib/conflict.js';
import { prune, serverErrors, validate, type Errors } from '../lib/form.js';
import { Buttons, ErrorSummary, FormContext, focusFirstError, useForm, type FormState } from './fields.js';
import { Banner } from './page.js';

/** The fields a 409 names (API `details.changed` / `details.fields`), in words. */
export function conflictFields(e: Pick<ApiError, 'details'>): string[] {
  const d = e.details as { changed?: unknown; fields?: unknown };
  const list = Array.isArray(d.changed) ? d.changed : Array.isArray(d.fields) ? d.fields : [];
  return list.filter((x): x is string => typeof x === 'string');
}

/** API field paths ('body.reason') → this form's paths ('end.reason'). */
export function formErrorsFromApi(e: Pick<ApiError, 'fields'>, name: string): Errors {
  const out: Errors = {};
  for (const [p, m] of Object.entries(serverErrors(e.fields, 'body'))) out[p === 'body' ? name : `${name}.${p}`] = m;
  return out;
}

/** The changed fields of a 409: as the API names them, else by re-reading the record and comparing (lib/conflict.ts). */
export async function namedConflict(e: Pick<ApiError, 'details'>, diff?: { loaded: unknown; reread: () => Promise<unknown>; spec: DiffSpec }): Promise<string[]> {
  const named = conflictFields(e);
  if (named.length > 0 || !diff) return named;
  try {
    return changedFields(diff.loaded, await diff.reread(), diff.spec);
  } catch {
    return []; // the banner still says someone changed the data and offers the reload
  }
}

export function ActionForm<T extends Record<string, unknown>, R = unknown>(props: {
  name: string;
  title: string;
  initial: T;
  schema?: ZodType;
  /** the form's values → the body to validate and send (e.g. a number typed as text) */
  prepare?: (values: T) => unknown;
  submitLabel: string;
  busyLabel?: string;
  /** sends the validated values; its answer goes to onDone */
  // biome-ignore lint/suspicious/noExplicitAny: what `prepare` made of the validated values (unknown to this component)
  send: (data: any) => Promise<R>;
  onDone: (r: R) => void;
  /** on a 409, after the user asks to reload */
  reload?: () => void;
  /** on a 409 the API does not explain: the record as the page loaded it, how to read it again, and its labels */
  conflictDiff?: { loaded: unknown; reread: () => Promise<unknown>; spec: DiffSpec };
  children: ComponentChildren;
  class?: string;
}) {
  const { name } = props;
  const form = useForm<Record<string, T>>(() => ({ [name]: props.initial }));
  const ref = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ conflict: boolean; message: string; fields: string[] } | undefined>();

  const show = (p: typeof problem) => {
    setProblem(p);
    requestAnimationFrame(() => problemRef.current?.focus());
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setProblem(undefined);
    const values = props.prepare ? props.prepare(form.values[name] as T) : form.values[name];
    let data: unknown = prune(values) ?? {};
    if (props.schema) {
      const v = validate(props.schema, values);
      if (!v.ok) {
        const errs: Errors = {};
        for (const [p, m] of Object.entries(v.errors)) errs[p ? `${name}.${p}` : name] = m;
        form.setErrors(errs);
        focusFirstError(ref.current);
        return;
      }
      data = v.data;
    }
    setBusy(true);
    try {
      const r = await props.send(data);
      form.setErrors({});
      props.onDone(r);
    } catch (err) {
      const e = err as ApiError;
      if (e.status === 409) show({ conflict: true, message: e.message, fields: await namedConflict(e, props.conflictDiff) });
      else if (e.status === 422 && e.fields.length) {
        form.setErrors(formErrorsFromApi(e, name));
        setProblem({ conflict: false, message: e.message, fields: [] });
        focusFirstError(ref.current);
      } else show({ conflict: false, message: e.message, fields: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormContext.Provider value={form as FormState<unknown>}>
      <form ref={ref} noValidate onSubmit={submit} class={`action-form ${props.class ?? ''}`} aria-label={props.title}>
        {problem && (
          <div ref={problemRef} tabIndex={-1} class="problem">
            {problem.conflict ? (
              <Banner kind="warning" title="Altcineva a modificat datele între timp">
                <p>{problem.message}</p>
                {problem.fields.length > 0 && <p>Au fost modificate: {problem.fields.join(', ')}.</p>}
                {props.reload && (
                  <button type="button" onClick={props.reload}>
                    Reîncarcă datele
                  </button>
                )}
              </Banner>
            ) : (
              <Banner kind="error">{problem.message}</Banner>
            )}
          </div>
        )}
        <ErrorSummary />
        {props.children}
        <Buttons>
          <button type="submit" disabled={busy}>
            {busy ? (props.busyLabel ?? 'Se trimite…') : props.submitLabel}
          </button>
        </Buttons>
      </form>
    </FormContext.Provider>
  );
}
