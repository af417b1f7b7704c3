/**
 * One task: the form for its kind prefilled from the saved draft, "Salvează ciorna", "Trimite" with the case version
 * the form was loaded at, errors next to fields (client-side with the shared schema, then the server's by path),
 * and a conflict banner when someone else saved first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { taskKindLabels } from '../../../shared/cases/config.js';
import { taskForms } from '../forms/index.js';
import type { TaskFormDef } from '../forms/types.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { bucharestDay, formatInstant } from '../lib/format.js';
import { prune, serverErrors, validate } from '../lib/form.js';
import { href, navigate } from '../lib/router.js';
import type { FullCase, TaskView } from '../lib/types.js';
import { Buttons, ErrorSummary, FormContext, focusFirstError, useForm, type FormState } from '../ui/fields.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { ActionForm, namedConflict } from '../ui/action-form.js';
import { caseDiff } from '../lib/conflict.js';
import { SelectField, TextArea } from '../ui/fields.js';
import { CaseHeader } from './case.js';

interface Loaded {
  task: TaskView;
  case: FullCase;
}

type Problem =
  | { kind: 'conflict'; code: string; message: string; fields: string[] }
  | { kind: 'error'; message: string };

export function TaskPage({ taskId }: { taskId: string }) {
  const { api } = useApp();
  const [data, setData] = useState<Loaded | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();

  const load = async () => {
    const r = await api.get<Loaded>(`/tasks/${encodeURIComponent(taskId)}`);
    setData(r);
    return r;
  };

  useEffect(() => {
    setData(undefined);
    setFailure(undefined);
    load().catch((e: ApiError) => setFailure(e));
  }, [taskId]);

  if (failure?.denied) return <Denied message={failure.message} />;
  const title = data ? `${taskKindLabels[data.task.kind]} — ${data.task.caseNumber}` : 'Sarcina';
  return (
    <Page title={title}>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!data && !failure && <Loading what="sarcina" />}
      {data && data.case.view === 'full' && <TaskBody key={data.task.taskId} data={data} reload={load} />}
    </Page>
  );
}

function TaskBody({ data, reload }: { data: Loaded; reload: () => Promise<Loaded> }) {
  const { me, hasRole } = useApp();
  const { task } = data;
  const def = taskForms[task.kind];
  const c = data.case;
  return (
    <>
      <CaseHeader c={c} />
      <dl class="facts task-facts">
        <dt>Termen</dt>
        <dd>
          {formatInstant(task.dueAt)}
          {task.status === 'open' && task.dueAt < new Date().toISOString() && <span class="badge badge-overdue">întârziată</span>}
        </dd>
        {task.dueRule && (
          <>
            <dt>Temeiul termenului</dt>
            <dd>
              {task.dueRule.source}
              {!task.dueRule.confirmed && <span class="muted"> (valoare implicită neconfirmată)</span>}
            </dd>
          </>
        )}
      </dl>
      {task.status !== 'open' ? (
        <Banner kind="info" title="Sarcina este finalizată">
          <p>
            Sarcina a fost finalizată{task.completedAt ? ` la ${formatInstant(task.completedAt)}` : ''}
            {task.completedBy === me.userId ? ' de dumneavoastră' : ''}.{' '}
            <a href={href('/cazuri/:caseId', { caseId: c.caseId })}>Deschide dosarul cazului</a>
          </p>
        </Banner>
      ) : task.assigneeRole === 'coordinator' && !hasRole('coordinator') ? (
        <Banner kind="info" title="Sarcina este în lucru la coordonator">
          <p>
            Această sarcină este rezolvată de coordonatorul instituției. <a href={href('/cazuri/:caseId', { caseId: c.caseId })}>Deschide dosarul cazului</a>
          </p>
        </Banner>
      ) : (
        <TaskForm def={def} data={data} reload={reload} />
      )}
      {task.status === 'open' && <ReassignSection data={data} reload={reload} />}
    </>
  );
}

/** A coordinator hands an open task to another colleague of the same role (with a reason, audited). */
function ReassignSection({ data, reload }: { data: Loaded; reload: () => Promise<Loaded> }) {
  const { api, can, flash } = useApp();
  const [open, setOpen] = useState(false);
  const [staff, setStaff] = useState<{ userId: string; displayName: string }[] | undefined>();
  const { task } = data;
  const role = task.assigneeRole;
  useEffect(() => {
    if (open && !staff) api.get<{ items: { userId: string; displayName: string }[] }>(`/staff?role=${role}`).then((r) => setStaff(r.items)).catch(() => setStaff([]));
  }, [open]);
  if (!can('task.reassign')) return null;
  return (
    <section class="card" aria-labelledby="sec-reassign">
      <h2 id="sec-reassign">Realocarea sarcinii</h2>
      {!open ? (
        <button type="button" class="secondary" onClick={() => setOpen(true)}>Realocă sarcina altui coleg</button>
      ) : !staff ? (
        <Loading what="colegii" />
      ) : (
        <ActionForm
          name="realocare"
          title="Realocarea sarcinii"
          initial={{ assigneeId: '', reason: '' }}
          submitLabel="Realocă"
          send={(body) => api.post(`/tasks/${encodeURIComponent(task.taskId)}/reassign`, body)}
          onDone={() => {
            flash('Sarcina a fost realocată.');
            setOpen(false);
            void reload();
          }}
          reload={() => void reload()}
        >
          <SelectField path="realocare.assigneeId" label="Colegul" options={staff.filter((s) => s.userId !== task.assigneeId).map((s) => ({ value: s.userId, label: s.displayName }))} />
          <TextArea path="realocare.reason" label="Motivul realocării" rows={2} maxLength={500} />
        </ActionForm>
      )}
    </section>
  );
}

function TaskForm({ def, data, reload }: { def: TaskFormDef; data: Loaded; reload: () => Promise<Loaded> }) {
  const { api, me, flash } = useApp();
  const { task } = data;
  const [c, setCase] = useState(data.case);
  const today = bucharestDay(new Date());
  const input = { task, c, me, today };
  const form = useForm<object>(() => {
    const initial = def.initial(input);
    const draft = task.draft?.form;
    return draft && typeof draft === 'object' ? { ...initial, ...(draft as object) } : initial;
  });
  const [busy, setBusy] = useState<'draft' | 'submit' | 'reload' | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [savedAt, setSavedAt] = useState<string | undefined>(task.draft?.savedAt);
  const [draftNotice, setDraftNotice] = useState<string | undefined>();
  const ref = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const showProblem = (p: Problem) => {
    setProblem(p);
    requestAnimationFrame(() => problemRef.current?.focus());
  };

  const saveDraft = async () => {
    setBusy('draft');
    setDraftNotice(undefined);
    try {
      const r = await api.put<{ savedAt: string }>(`/tasks/${encodeURIComponent(task.taskId)}/draft`, { form: form.values });
      setSavedAt(r.savedAt);
      setDraftNotice(`Ciorna a fost salvată la ${formatInstant(r.savedAt)}.`);
    } catch (e) {
      await handleError(e as ApiError);
    } finally {
      setBusy(undefined);
    }
  };

  const handleError = async (e: ApiError) => {
    if (e.status === 409 && e.code === 'COHORT_PLACES_BUSY') {
      // other plans were approved at the same moment: nobody changed this case, the approval can simply be sent again
      setProblem({ kind: 'error', message: e.message });
    } else if (e.status === 409) {
      // name what changed: the case as it is now against the one this form was loaded with (lib/conflict.ts)
      const fields = e.code === 'TASK_ALREADY_COMPLETED' ? [] : await namedConflict(e, { loaded: c, reread: () => api.get<Loaded>(`/tasks/${encodeURIComponent(task.taskId)}`).then((r) => r.case), spec: caseDiff });
      showProblem({ kind: 'conflict', code: e.code, message: e.message, fields });
    } else if (e.status === 422 && e.fields.length) {
      form.setErrors(serverErrors(e.fields, 'form'));
      setProblem({ kind: 'error', message: e.message });
      focusFirstError(ref.current);
    } else {
      showProblem({ kind: 'error', message: e.message });
    }
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    setProblem(undefined);
    setDraftNotice(undefined);
    const out = def.output ? def.output(form.values as never) : form.values;
    const v = validate(def.schema, out);
    if (!v.ok) {
      form.setErrors(v.errors);
      focusFirstError(ref.current);
      return;
    }
    setBusy('submit');
    try {
      await api.post(`/tasks/${encodeURIComponent(task.taskId)}/submit`, { expectedVersion: c.version, form: prune(out) });
      flash(`Formularul „${taskKindLabels[task.kind]}” a fost trimis.`);
      navigate(href('/cazuri/:caseId', { caseId: c.caseId }));
    } catch (e) {
      await handleError(e as ApiError);
      setBusy(undefined);
    }
  };

  /** Load the case as it is now; what the user typed stays in the form so nothing is lost. */
  const reloadCase = async () => {
    setBusy('reload');
    try {
      const r = await reload();
      if (r.task.status !== 'open') return; // the page now shows the task as completed
      setCase(r.case);
      setProblem(undefined);
      setDraftNotice('Datele cazului au fost reîncărcate. Completările dumneavoastră au rămas în formular: verificați-le și trimiteți din nou.');
    } catch (e) {
      showProblem({ kind: 'error', message: (e as ApiError).message });
    } finally {
      setBusy(undefined);
    }
  };

  const Fields = def.Fields;
  return (
    <FormContext.Provider value={form as FormState<unknown>}>
      <form ref={ref} noValidate onSubmit={submit} class="task-form" aria-labelledby="task-form-title">
        <h2 id="task-form-title">Formularul</h2>
        {problem && (
          <div ref={problemRef} tabIndex={-1} class="problem">
            {problem.kind === 'conflict' ? (
              <Banner kind="warning" title={problem.code === 'TASK_ALREADY_COMPLETED' ? 'Sarcina a fost deja finalizată' : 'Altcineva a salvat înaintea dumneavoastră'}>
                <p>
                  {problem.code === 'TASK_ALREADY_COMPLETED'
                    ? 'Altcineva a finalizat această sarcină între timp. Reîncărcați pagina pentru a vedea ce s-a decis.'
                    : 'Altcineva a salvat înaintea dumneavoastră modificări la acest caz. Reîncărcați datele cazului: completările dumneavoastră rămân în formular și le puteți trimite din nou după ce le verificați.'}
                </p>
                {problem.fields.length > 0 && <p>Au fost modificate: {problem.fields.join(', ')}.</p>}
                <p class="muted">{problem.message}</p>
                <button type="button" onClick={reloadCase} disabled={busy !== undefined}>
                  {busy === 'reload' ? 'Se reîncarcă…' : 'Reîncarcă datele'}
                </button>
              </Banner>
            ) : (
              <Banner kind="error">{problem.message}</Banner>
            )}
          </div>
        )}
        <ErrorSummary />
        <Fields {...input} form={form as never} />
        <Buttons>
          <button type="submit" disabled={busy !== undefined}>
            {busy === 'submit' ? 'Se trimite…' : (def.submitLabel ?? 'Trimite')}
          </button>
          <button type="button" class="secondary" onClick={saveDraft} disabled={busy !== undefined}>
            {busy === 'draft' ? 'Se salvează…' : 'Salvează ciorna'}
          </button>
        </Buttons>
        <p class="muted draft-status" role="status">
          {draftNotice ?? (savedAt ? `Ciornă salvată ultima dată la ${formatInstant(savedAt)}.` : 'Ciorna nu a fost salvată încă.')}
        </p>
      </form>
    </FormContext.Provider>
  );
}
