/**
 * Accessible form controls bound to a form state by path: a visible label, an optional hint, the error next to the
 * field (aria-invalid + aria-describedby), and "(opțional)" on optional fields. Forms use noValidate: the shared zod
 * schema validates, not the browser.
 */
import { createContext, type ComponentChildren } from 'preact';
import { errorCount, errorLine } from './error-line.js';
import { useCallback, useContext, useMemo, useRef, useState } from 'preact/hooks';
import { fieldId, getAt, setAt, type Errors } from '../lib/form.js';

export interface FormState<T> {
  values: T;
  errors: Errors;
  /** the label of each field by path, registered by the fields as they render (for the error summary) */
  labels: Map<string, string>;
  set(path: string, value: unknown): void;
  setValues(v: T): void;
  setErrors(e: Errors): void;
}

export function useForm<T>(initial: T | (() => T)): FormState<T> {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const labels = useRef(new Map<string, string>()).current;
  const set = useCallback((path: string, value: unknown) => {
    setValues((prev) => setAt(prev, path, value));
    // the field changed: its own error (and its children's) no longer describes it
    setErrors((prev) => {
      const keys = Object.keys(prev).filter((k) => k === path || k.startsWith(`${path}.`));
      if (keys.length === 0) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);
  return useMemo(() => ({ values, errors, labels, set, setValues, setErrors }), [values, errors, set]);
}

export const FormContext = createContext<FormState<unknown> | null>(null);

function useField(path: string, label: string) {
  const form = useContext(FormContext);
  if (!form) throw new Error('field outside a form');
  form.labels.set(path, label);
  const id = fieldId(path);
  const error = form.errors[path];
  return { id, value: getAt(form.values, path), error, set: (v: unknown) => form.set(path, v) };
}

/** Focus the first control marked invalid inside `root` (after the errors have rendered). */
export function focusFirstError(root: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  });
}

interface Common {
  path: string;
  label: string;
  /** how the error summary names the field when the label alone is ambiguous (e.g. the same label in two sections) */
  summaryLabel?: string;
  hint?: string;
  optional?: boolean;
  disabled?: boolean;
}

function LabelText({ label, optional }: { label: string; optional?: boolean | undefined }) {
  return (
    <>
      {label}
      {optional && <span class="optional"> (opțional)</span>}
    </>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null;
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p class="field-error" id={`${id}-err`}>
      <span class="visually-hidden">Eroare: </span>
      {error}
    </p>
  ) : null;
}

export function TextField(props: Common & { type?: 'text' | 'date' | 'datetime-local' | 'tel'; autoComplete?: string; inputMode?: 'numeric' | 'text' | 'tel'; maxLength?: number; width?: 'short' | 'medium' | 'full' }) {
  const f = useField(props.path, props.summaryLabel ?? props.label);
  return (
    <div class={`field${f.error ? ' has-error' : ''}`}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: Preact's `for` names the control; LabelText renders the text */}
      <label for={f.id}><LabelText label={props.label} optional={props.optional} /></label>
      <Hint id={f.id} hint={props.hint} />
      <FieldError id={f.id} error={f.error} />
      <input
        id={f.id}
        name={props.path}
        class={`input-${props.width ?? 'full'}`}
        type={(props.type ?? 'text') as 'text'}
        value={(f.value as string | undefined) ?? ''}
        onInput={(e) => f.set((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={f.error ? 'true' : undefined}
        aria-describedby={describedBy(f.id, props.hint, f.error)}
        aria-required={props.optional ? undefined : 'true'}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        disabled={props.disabled}
      />
    </div>
  );
}

export function TextArea(props: Common & { rows?: number; maxLength?: number }) {
  const f = useField(props.path, props.summaryLabel ?? props.label);
  return (
    <div class={`field${f.error ? ' has-error' : ''}`}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: Preact's `for` names the control; LabelText renders the text */}
      <label for={f.id}><LabelText label={props.label} optional={props.optional} /></label>
      <Hint id={f.id} hint={props.hint} />
      <FieldError id={f.id} error={f.error} />
      <textarea
        id={f.id}
        name={props.path}
        rows={props.rows ?? 4}
        value={(f.value as string | undefined) ?? ''}
        onInput={(e) => f.set((e.currentTarget as HTMLTextAreaElement).value)}
        aria-invalid={f.error ? 'true' : undefined}
        aria-describedby={describedBy(f.id, props.hint, f.error)}
        aria-required={props.optional ? undefined : 'true'}
        maxLength={props.maxLength}
        disabled={props.disabled}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: Common & { options: readonly Option[]; placeholder?: string; onChange?: (v: string) => void }) {
  const f = useField(props.path, props.summaryLabel ?? props.label);
  return (
    <div class={`field${f.error ? ' has-error' : ''}`}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: Preact's `for` names the control; LabelText renders the text */}
      <label for={f.id}><LabelText label={props.label} optional={props.optional} /></label>
      <Hint id={f.id} hint={props.hint} />
      <FieldError id={f.id} error={f.error} />
      <select
        id={f.id}
        name={props.path}
        value={(f.value as string | undefined) ?? ''}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          f.set(v);
          props.onChange?.(v);
        }}
        aria-invalid={f.error ? 'true' : undefined}
        aria-describedby={describedBy(f.id, props.hint, f.error)}
        aria-required={props.optional ? undefined : 'true'}
        disabled={props.disabled}
      >
        <option value="">{props.placeholder ?? '— Alegeți —'}</option>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function CheckboxField(props: Common) {
  const f = useField(props.path, props.summaryLabel ?? props.label);
  return (
    <div class={`field field-check${f.error ? ' has-error' : ''}`}>
      <FieldError id={f.id} error={f.error} />
      <input
        id={f.id}
        name={props.path}
        type="checkbox"
        checked={f.value === true}
        onChange={(e) => f.set((e.currentTarget as HTMLInputElement).checked)}
        aria-invalid={f.error ? 'true' : undefined}
        aria-describedby={describedBy(f.id, props.hint, f.error)}
        disabled={props.disabled}
      />
      <label for={f.id}>{props.label}</label>
      <Hint id={f.id} hint={props.hint} />
    </div>
  );
}

function Group(props: { id: string; legend: string; hint?: string | undefined; optional?: boolean | undefined; error?: string | undefined; children: ComponentChildren; inline?: boolean }) {
  return (
    <fieldset class={`field group${props.error ? ' has-error' : ''}${props.inline ? ' inline' : ''}`} id={props.id} aria-describedby={describedBy(props.id, props.hint, props.error)}>
      <legend><LabelText label={props.legend} optional={props.optional} /></legend>
      <Hint id={props.id} hint={props.hint} />
      <FieldError id={props.id} error={props.error} />
      <div class="group-items">{props.children}</div>
    </fieldset>
  );
}

/** Several choices from a list (string[]). */
export function CheckboxGroup(props: Omit<Common, 'label'> & { legend: string; options: readonly Option[] }) {
  const f = useField(props.path, props.legend);
  const selected = (f.value as string[] | undefined) ?? [];
  return (
    <Group id={f.id} legend={props.legend} hint={props.hint} optional={props.optional} error={f.error}>
      {props.options.map((o, i) => {
        const oid = `${f.id}-${i}`;
        return (
          <div class="choice" key={o.value}>
            <input
              type="checkbox"
              id={oid}
              name={props.path}
              value={o.value}
              checked={selected.includes(o.value)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                f.set(on ? [...selected.filter((s) => s !== o.value), o.value] : selected.filter((s) => s !== o.value));
              }}
              aria-invalid={f.error ? 'true' : undefined}
              aria-describedby={f.error ? `${f.id}-err` : undefined}
              disabled={props.disabled}
            />
            <label for={oid}>{o.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

/** One choice from a short list. */
export function RadioGroup(props: Omit<Common, 'label'> & { legend: string; options: readonly Option[]; inline?: boolean }) {
  const f = useField(props.path, props.legend);
  return (
    <Group id={f.id} legend={props.legend} hint={props.hint} optional={props.optional} error={f.error} inline={props.inline ?? false}>
      {props.options.map((o, i) => {
        const oid = `${f.id}-${i}`;
        return (
          <div class="choice" key={o.value}>
            <input
              type="radio"
              id={oid}
              name={props.path}
              value={o.value}
              checked={f.value === o.value}
              onChange={() => f.set(o.value)}
              aria-invalid={f.error ? 'true' : undefined}
              aria-describedby={f.error ? `${f.id}-err` : undefined}
              disabled={props.disabled}
            />
            <label for={oid}>{o.label}</label>
          </div>
        );
      })}
    </Group>
  );
}

/** A list whose rows the user adds and removes (objectives, services, needs). Errors on the list itself show above it. */
export function ListGroup(props: { path: string; legend: string; hint?: string; children: ComponentChildren; onAdd: () => void; addLabel: string }) {
  const form = useContext(FormContext)!;
  form.labels.set(props.path, props.legend);
  const id = fieldId(props.path);
  const error = form.errors[props.path];
  return (
    <fieldset class={`field group list${error ? ' has-error' : ''}`} id={id}>
      <legend>{props.legend}</legend>
      <Hint id={id} hint={props.hint} />
      {error && (
        // the list-level error: the add button is the control to act on, so it carries aria-invalid
        <FieldError id={id} error={error} />
      )}
      {props.children}
      <button type="button" class="secondary" onClick={props.onAdd} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-err` : undefined}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

/** The count of errors at the top of a form, each a button that moves focus to its field. */
export function ErrorSummary() {
  const form = useContext(FormContext)!;
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(form.errors);
  const labelOf = (path: string) => form.labels.get(path) ?? form.labels.get(path.split('.').slice(0, -1).join('.'));
  if (entries.length === 0) return null;
  const go = (path: string) => {
    const root = ref.current?.closest('form');
    const byId = document.getElementById(fieldId(path));
    const target = byId && (byId.matches('input,select,textarea,button') ? byId : byId.querySelector<HTMLElement>('input,select,textarea,button'));
    (target ?? root?.querySelector<HTMLElement>('[aria-invalid="true"]'))?.focus();
  };
  return (
    <div class="error-summary" ref={ref} role="alert" aria-labelledby="error-summary-title">
      <p id="error-summary-title" class="banner-title">
        {errorCount(entries.length)} — corectați câmpurile marcate:
      </p>
      <ul>
        {entries.map(([path, message]) => (
          <li key={path}>
            <button type="button" class="link" onClick={() => go(path)}>
              {errorLine(labelOf(path), message)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Buttons({ children }: { children: ComponentChildren }) {
  return <div class="buttons">{children}</div>;
}
