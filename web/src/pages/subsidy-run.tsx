/**
 * One monthly subsidy run: while it runs, its stage and a progress bar (the run is read again every 2 s until it
 * stops running); then its summary, the lines with their reasons, including / excluding a child with a written
 * reason, approval (of the version the coordinator saw) or rejection, and — after approval only — the payment file.
 * Each button shows only to users holding its policy action.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { lineView } from '../../../shared/subsidies/api/views.js';
import { lineFilters, runStageLabels } from '../../../shared/subsidies/model.js';
import { overrideSchema, rejectSchema } from '../../../shared/subsidies/input.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { saveBlob } from '../lib/download.js';
import { formatInstant, formatLei, formatMonth } from '../lib/format.js';
import { serverErrors, validate } from '../lib/form.js';
import { cohortLabels, institutionName } from '../lib/labels.js';
import { href } from '../lib/router.js';
import { countRo, partOf } from '../../../shared/platform/i18n/plural.js';
import { Buttons, FormContext, SelectField, TextArea, useForm, type FormState } from '../ui/fields.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { BudgetBar, RunStatusBadge, type RunView } from './subsidy-runs.js';

export type LineView = ReturnType<typeof lineView>;
type LineFilter = (typeof lineFilters)[number];
type Decision = 'include' | 'exclude' | 'clear';

export const POLL_MS = 2000;

/** A run is "running" while the workflow works on it: evaluating, or writing the payments after approval. */
export const isRunning = (r: Pick<RunView, 'status'>): boolean => r.status === 'evaluating' || r.status === 'approved';

/** Whole percent done, 0…100 (0 when nothing is known yet). */
export function progressPercent(done: number, total: number): number {
  if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** What the progress bar shows: children evaluated of all (evaluation), or payments recorded of all (after approval). */
export function runProgress(r: Pick<RunView, 'status' | 'stage' | 'progress' | 'summary'>): { done: number; total: number; percent: number; text: string } {
  if (r.status === 'approved' && r.summary) {
    const t = r.summary.totals;
    const total = t.eligible + t.arrearsCount + t.recoveryCount;
    const done = Math.min(r.progress.marked, total);
    return { done, total, percent: progressPercent(done, total), text: partOf(done, total, { one: 'plată înregistrată', many: 'plăți înregistrate' }) };
  }
  const { evaluated, total } = r.progress;
  if (total === 0) return { done: 0, total: 0, percent: 0, text: 'Se pregătește lista copiilor…' };
  return { done: evaluated, total, percent: progressPercent(evaluated, total), text: partOf(evaluated, total, { one: 'copil evaluat', many: 'copii evaluați' }) };
}

/** The decisions a coordinator may take on a line (monthly lines only; the rule's verdict can be overturned once). */
export function lineDecisions(l: Pick<LineView, 'kind' | 'eligible' | 'override'>): Decision[] {
  if (l.kind !== 'monthly') return [];
  if (l.override) return ['clear'];
  return l.eligible ? ['exclude'] : ['include'];
}

const decisionLabels: Record<Decision, { button: string; title: string; confirm: string; done: string }> = {
  include: { button: 'Include', title: 'Includere în plată', confirm: 'Confirmă includerea', done: 'a fost inclus în plată' },
  exclude: { button: 'Exclude', title: 'Excludere din plată', confirm: 'Confirmă excluderea', done: 'a fost exclus din plată' },
  clear: { button: 'Anulează decizia', title: 'Anularea deciziei manuale', confirm: 'Confirmă anularea', done: 'revine la verdictul regulii' },
};

const filterLabels: Record<LineFilter, string> = {
  all: 'Toate liniile',
  eligible: 'Eligibili',
  ineligible: 'Neeligibili',
  adjustments: 'Ajustări (retroactive, recuperări)',
  overridden: 'Cu decizie manuală',
};

/** The form keeps the reason under its own name (ids are unique on the page): the schema's 'reason' error goes there. */
export function renameError(errors: Record<string, string>, to: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k === 'reason' ? to : k] = v;
  return out;
}

const paymentStatusLabels: Record<LineView['payment']['status'], string> = {
  pending: 'de plătit',
  paid: 'plătit',
  dropped: 'neplătit',
  not_payable: '—',
};

export function SubsidyRunPage({ runId }: { runId: string }) {
  const { api } = useApp();
  const [run, setRun] = useState<RunView | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [pollError, setPollError] = useState<string | undefined>();
  const [poll, setPoll] = useState(0);

  // read the run; while it runs, again every 2 s
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let loaded = false;
    const tick = async () => {
      try {
        const r = await api.get<{ run: RunView }>(`/subsidy-runs/${encodeURIComponent(runId)}`);
        if (!alive) return;
        loaded = true;
        setRun(r.run);
        setPollError(undefined);
        if (isRunning(r.run)) timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (!alive) return;
        if (!loaded) setFailure(e as ApiError);
        else {
          setPollError((e as ApiError).message);
          timer = setTimeout(() => void tick(), POLL_MS);
        }
      }
    };
    void tick();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [runId, poll]);

  /** A run returned by an action: show it, and follow it again if it is running. */
  const update = (r: RunView) => {
    setRun(r);
    if (isRunning(r)) setPoll((n) => n + 1);
  };

  /** Read the run again (its budget is computed against all runs only on a read). */
  const refresh = () => {
    api.get<{ run: RunView }>(`/subsidy-runs/${encodeURIComponent(runId)}`).then((r) => update(r.run)).catch(() => undefined);
  };

  if (failure?.denied) return <Denied message={failure.message} />;
  const title = run ? `Rularea pentru ${formatMonth(run.month)}${run.attempt > 1 ? ` (rularea ${run.attempt})` : ''}` : 'Rularea lunară';
  return (
    <Page title={title}>
      <p><a href="#/subventii">← Toate rulările</a></p>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!run && !failure && <Loading what="rularea" />}
      {run && (
        <>
          <RunHeader run={run} />
          {pollError && <Banner kind="warning">{pollError} Se încearcă din nou.</Banner>}
          {isRunning(run) && <RunProgress run={run} />}
          {run.failure && (
            <Banner kind="error" title="Rularea a eșuat">
              <p>Etapa: {runStageLabels[run.failure.stage]}. Se poate porni o nouă rulare pentru aceeași lună.</p>
              {run.payment && run.payment.paidCount > 0 && (
                <p>
                  Plățile înregistrate înainte de eșec ({countRo(run.payment.paidCount, { one: 'linie plătită', many: 'linii plătite' })}, net {formatLei(run.payment.paidAmountLei + run.payment.recoveredAmountLei)}) sunt în
                  fișierul de plată de mai jos; o nouă rulare le consideră deja plătite și le plătește doar pe celelalte.
                </p>
              )}
            </Banner>
          )}
          {run.summary && <RunSummary run={run} />}
          {run.status === 'awaiting_approval' && <DecisionPanel run={run} onRun={update} />}
          <PaymentFiles run={run} />
          {run.summary && <RunLines run={run} onRun={update} onRefresh={refresh} />}
        </>
      )}
    </Page>
  );
}

function RunHeader({ run }: { run: RunView }) {
  return (
    <section class="case-header" aria-label="Datele rulării">
      <dl class="facts facts-inline">
        <dt>Luna</dt>
        <dd>{formatMonth(run.month)}</dd>
        <dt>Starea</dt>
        <dd><RunStatusBadge run={run} /></dd>
        <dt>Pornită</dt>
        <dd>
          {formatInstant(run.createdAt)} · {run.trigger === 'schedule' ? 'automat' : run.requestedBy.name}
        </dd>
        {run.approval && (
          <>
            <dt>{run.approval.decision === 'approved' ? 'Aprobată' : 'Respinsă'}</dt>
            <dd>
              {formatInstant(run.approval.at)} · {run.approval.byName}
              {run.approval.reason && <span class="prewrap"> — {run.approval.reason}</span>}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function RunProgress({ run }: { run: RunView }) {
  const p = runProgress(run);
  return (
    <section class="card run-progress" aria-labelledby="progress-title">
      <h2 id="progress-title">{run.status === 'approved' ? 'Se înregistrează plățile' : 'Rularea este în curs'}</h2>
      <p role="status" aria-live="polite">
        Etapa: <strong>{run.stageLabel}</strong> · {p.text}
        {p.total > 0 && ` (${p.percent}%)`}
      </p>
      <progress id="run-progress" max={Math.max(1, p.total)} value={p.done} aria-label={`Progresul rulării: ${p.text}`} />
      <p class="muted">Pagina se actualizează singură la fiecare 2 secunde.</p>
    </section>
  );
}

function RunSummary({ run }: { run: RunView }) {
  const s = run.summary!;
  const t = s.totals;
  return (
    <>
      <section class="card" aria-labelledby="summary-title">
        <h2 id="summary-title">Rezumatul rulării</h2>
        <dl class="facts run-totals">
          <dt>Copii evaluați</dt>
          <dd>{t.lines}</dd>
          <dt>Eligibili</dt>
          <dd>{t.eligible} · {formatLei(t.monthlyLei)}</dd>
          <dt>Neeligibili</dt>
          <dd>{t.ineligible}</dd>
          {t.arrearsCount > 0 && (
            <>
              <dt>Plăți retroactive</dt>
              <dd>{t.arrearsCount} · {formatLei(t.arrearsLei)}</dd>
            </>
          )}
          {t.recoveryCount > 0 && (
            <>
              <dt>Recuperări</dt>
              <dd>{t.recoveryCount} · {formatLei(t.recoveryLei)}</dd>
            </>
          )}
          {t.adjustmentsBlocked > 0 && (
            <>
              <dt>Ajustări care nu se pot plăti acum</dt>
              <dd>{t.adjustmentsBlocked}</dd>
            </>
          )}
          <dt>Decizii manuale</dt>
          <dd>{countRo(t.overridesInclude, { one: 'includere', many: 'includeri' })} · {countRo(t.overridesExclude, { one: 'excludere', many: 'excluderi' })}</dd>
          <dt>Total net de plată</dt>
          <dd><strong data-testid="run-net">{formatLei(s.netLei)}</strong></dd>
          {run.payment && (
            <>
              <dt>Plăți înregistrate</dt>
              <dd>{run.payment.paidCount} · {formatLei(run.payment.paidAmountLei)}{run.payment.droppedCount > 0 && ` · ${countRo(run.payment.droppedCount, { one: 'neplătită', many: 'neplătite' })}`}</dd>
            </>
          )}
        </dl>
        {s.byReason.length > 0 && (
          <div class="table-wrap">
            <table class="by-reason">
              <caption>Neeligibili, după motiv (un copil poate avea mai multe motive)</caption>
              <thead>
                <tr>
                  <th scope="col">Motivul</th>
                  <th scope="col">Copii</th>
                </tr>
              </thead>
              <tbody>
                {s.byReason.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">{r.label}</th>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {run.incompleteRegisters.length > 0 && (
          <div class="table-wrap">
            <table class="incomplete-registers">
              <caption>
                Registre incomplete: zile programate nemarcate. Luna acestor copii nu a fost evaluată; după completarea
                registrului (prezent, absent sau absență motivată), rularea următoare decontează luna.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Centrul</th>
                  <th scope="col">Grupa</th>
                  <th scope="col">Copii</th>
                  <th scope="col">Zile nemarcate</th>
                </tr>
              </thead>
              <tbody>
                {run.incompleteRegisters.map((r) => (
                  <tr key={`${r.serviceId}#${r.groupId}`}>
                    <th scope="row">{r.serviceName}</th>
                    <td>{r.groupName}</td>
                    <td>{r.children}</td>
                    <td>{r.unrecordedDays}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {s.budget && <BudgetBar budget={s.budget} id="buget-rulare" />}
    </>
  );
}

/** The decision panel goes away after a decision: focus moves to the page's heading instead of being lost. */
const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

function DecisionPanel({ run, onRun }: { run: RunView; onRun: (r: RunView) => void }) {
  const { api, can } = useApp();
  const [busy, setBusy] = useState<'approve' | 'reject' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const form = useForm({ rejectReason: '' });
  if (!can('subsidy.run.decide')) {
    return <Banner kind="info">Rularea așteaptă aprobarea coordonatorului instituției care conduce proiectul.</Banner>;
  }
  const t = run.summary?.totals;
  const approve = async () => {
    setBusy('approve');
    setError(undefined);
    try {
      const r = await api.post<{ run: RunView }>(`/subsidy-runs/${encodeURIComponent(run.runId)}/approve`, { expectedVersion: run.version });
      onRun(r.run);
      focusHeading();
    } catch (e) {
      const x = e as ApiError;
      setError(x.message);
      // the run changed under us: show its current totals, to be checked before approving again
      if (x.status === 409) {
        api.get<{ run: RunView }>(`/subsidy-runs/${encodeURIComponent(run.runId)}`).then((r) => onRun(r.run)).catch(() => undefined);
      }
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Aprobarea rulării</h2>
      {run.approvalBlocked ? (
        // nothing to approve (0 children evaluated): say why before anyone tries; rejecting stays possible
        <div id="approval-blocked">
          <Banner kind="warning" title="Rularea nu poate fi aprobată">
            <p>{run.approvalBlocked.message}</p>
          </Banner>
        </div>
      ) : (
        <p>
          Aprobați plata pentru <strong>{t ? t.eligible + t.arrearsCount : 0}</strong> copii, în total <strong>{formatLei(run.summary?.netLei ?? 0)}</strong>.
          Aprobarea privește exact totalurile afișate; dacă rularea se modifică între timp, aprobarea este refuzată și vedeți totalurile noi.
        </p>
      )}
      {error && <Banner kind="error">{error}</Banner>}
      <Buttons>
        <button
          type="button"
          disabled={busy !== undefined || !!run.approvalBlocked}
          aria-describedby={run.approvalBlocked ? 'approval-blocked' : undefined}
          onClick={approve}
        >
          {busy === 'approve' ? 'Se aprobă…' : 'Aprobă rularea'}
        </button>
      </Buttons>
      <FormContext.Provider value={form as FormState<unknown>}>
        <form
          noValidate
          class="reject-run"
          onSubmit={async (e) => {
            e.preventDefault();
            const v = validate(rejectSchema, { reason: form.values.rejectReason });
            if (!v.ok) {
              form.setErrors(renameError(v.errors, 'rejectReason'));
              return;
            }
            setBusy('reject');
            setError(undefined);
            try {
              const r = await api.post<{ run: RunView }>(`/subsidy-runs/${encodeURIComponent(run.runId)}/reject`, v.data);
              onRun(r.run);
              focusHeading();
            } catch (err) {
              const x = err as ApiError;
              form.setErrors(renameError(serverErrors(x.fields), 'rejectReason'));
              setError(x.message);
            } finally {
              setBusy(undefined);
            }
          }}
        >
          <h3>Respingerea rulării</h3>
          <TextArea path="rejectReason" label="Motivul respingerii" hint="Cel puțin 10 caractere. După respingere se poate porni o nouă rulare pentru aceeași lună." rows={3} maxLength={500} />
          <Buttons>
            <button type="submit" class="secondary" disabled={busy !== undefined}>{busy === 'reject' ? 'Se respinge…' : 'Respinge rularea'}</button>
          </Buttons>
        </form>
      </FormContext.Provider>
    </section>
  );
}

const formats = [
  { format: 'csv', label: 'Descarcă CSV' },
  { format: 'xlsx', label: 'Descarcă XLSX' },
  { format: 'html', label: 'Rezumat pentru semnare (de tipărit)' },
] as const;

function PaymentFiles({ run }: { run: RunView }) {
  const { api, can } = useApp();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  if (!can('subsidy.payment_file') || run.approval?.decision !== 'approved') return null;
  return (
    <section class="card" aria-labelledby="files-title">
      <h2 id="files-title">Fișierul de plată</h2>
      {!run.paymentFileAvailable ? (
        <p>{run.status === 'failed' ? 'Rularea a eșuat fără plăți înregistrate de ea: nu are fișier de plată.' : 'Plățile se înregistrează; fișierul de plată va fi disponibil imediat după.'}</p>
      ) : (
        <>
          <p class="muted">Fișierele conțin numele reprezentanților legali și IBAN-urile: păstrați-le doar cât este necesar. Fiecare descărcare se înregistrează.</p>
          {error && <Banner kind="error">{error}</Banner>}
          <Buttons>
            {formats.map((f) => (
              <button
                key={f.format}
                type="button"
                class="secondary"
                disabled={busy !== undefined}
                onClick={async () => {
                  setBusy(f.format);
                  setError(undefined);
                  try {
                    const file = await api.download(`/subsidy-runs/${encodeURIComponent(run.runId)}/payment-file?format=${f.format}`);
                    saveBlob(file.blob, f.format === 'html' ? `rezumat-subventie-${run.runId}.html` : file.filename);
                  } catch (e) {
                    setError((e as ApiError).message);
                  } finally {
                    setBusy(undefined);
                  }
                }}
              >
                {busy === f.format ? 'Se descarcă…' : f.label}
              </button>
            ))}
          </Buttons>
        </>
      )}
    </section>
  );
}

function RunLines({ run, onRun, onRefresh }: { run: RunView; onRun: (r: RunView) => void; onRefresh: () => void }) {
  const { api, can } = useApp();
  const [filter, setFilter] = useState<LineFilter>('all');
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<LineView[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ caseId: string; decision: Decision } | undefined>();
  const [notice, setNotice] = useState<{ text: string; ok: boolean } | undefined>();
  const [reload, setReload] = useState(0);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const filters = useForm({ lineFilter: '', lineReason: '' });
  const canDecide = can('subsidy.run.decide') && run.status === 'awaiting_approval';

  const page = (after: string | null) => {
    const q = new URLSearchParams({ filter, limit: '50' });
    if (reason) q.set('reason', reason);
    if (after) q.set('cursor', after);
    return api.get<{ items: LineView[]; cursor: string | null }>(`/subsidy-runs/${encodeURIComponent(run.runId)}/lines?${q}`);
  };

  useEffect(() => {
    if (!can('subsidy.run.lines.read')) return;
    let alive = true;
    setItems(undefined);
    setError(undefined);
    page(null)
      .then((r) => {
        if (!alive) return;
        setItems(r.items);
        setCursor(r.cursor);
      })
      .catch((e: ApiError) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [run.runId, run.status, filter, reason, reload]);

  if (!can('subsidy.run.lines.read')) return null;

  const more = async () => {
    setLoading(true);
    try {
      const r = await page(cursor);
      setItems((prev) => [...(prev ?? []), ...r.items]);
      setCursor(r.cursor);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setLoading(false);
    }
  };

  const decided = (line: LineView, r: RunView, decision: Decision) => {
    setItems((prev) => prev?.map((l) => (l.caseId === line.caseId && l.kind === line.kind ? line : l)));
    setEditing(undefined);
    onRun(r);
    onRefresh();
    setNotice({ text: `Cazul ${line.caseNumber} ${decisionLabels[decision].done}.`, ok: true });
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const reasonOptions = (run.summary?.byReason ?? []).map((r) => ({ value: r.code, label: `${r.label} (${r.count})` }));
  return (
    <section aria-labelledby="lines-title" class="run-lines">
      <h2 id="lines-title">Liniile rulării</h2>
      <FormContext.Provider value={filters as FormState<unknown>}>
        <form
          class="filters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setFilter((filters.values.lineFilter || 'all') as LineFilter);
            setReason(filters.values.lineReason);
          }}
        >
          <SelectField path="lineFilter" label="Arată" placeholder="Toate liniile" options={lineFilters.filter((f) => f !== 'all').map((f) => ({ value: f, label: filterLabels[f] }))} optional />
          {reasonOptions.length > 0 && <SelectField path="lineReason" label="Motivul" placeholder="Orice motiv" options={reasonOptions} optional />}
          <button type="submit" class="secondary">Filtrează</button>
        </form>
      </FormContext.Provider>
      {notice && (
        <p class={`banner ${notice.ok ? 'banner-success' : 'banner-warning'}`} role="status" tabIndex={-1} ref={noticeRef}>
          {notice.text}
        </p>
      )}
      {error && <Banner kind="error">{error}</Banner>}
      {!items && !error && <Loading what="liniile" />}
      {items && items.length === 0 && <p class="empty">Nicio linie pentru filtrul ales.</p>}
      {items && items.length > 0 && (
        <>
          <p class="summary">{items.length === 1 ? 'O linie afișată' : countRo(items.length, { one: 'linie afișată', many: 'linii afișate' })}{cursor ? ' (mai sunt)' : ''}.</p>
          <div class="table-wrap">
            <table class="lines">
              <caption class="visually-hidden">Liniile rulării: {filterLabels[filter]}</caption>
              <thead>
                <tr>
                  <th scope="col">Cazul</th>
                  <th scope="col">Beneficiar și IBAN</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Motive</th>
                  {canDecide && <th scope="col">Decizie</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <LineRow key={`${l.caseId}-${l.kind}-${l.month}`} run={run} line={l} canDecide={canDecide} editing={editing?.caseId === l.caseId && l.kind === 'monthly' ? editing.decision : undefined} onEdit={(d) => { setNotice(undefined); setEditing(d ? { caseId: l.caseId, decision: d } : undefined); }} onDecided={decided} onStale={(m) => { setEditing(undefined); setNotice({ text: m, ok: false }); setReload((n) => n + 1); }} />
                ))}
              </tbody>
            </table>
          </div>
          {cursor && (
            <Buttons>
              <button type="button" class="secondary" disabled={loading} onClick={more}>{loading ? 'Se încarcă…' : 'Încarcă mai multe linii'}</button>
            </Buttons>
          )}
        </>
      )}
    </section>
  );
}

function LineRow(props: {
  run: RunView;
  line: LineView;
  canDecide: boolean;
  editing: Decision | undefined;
  onEdit: (d: Decision | undefined) => void;
  onDecided: (l: LineView, r: RunView, d: Decision) => void;
  onStale: (message: string) => void;
}) {
  const { line: l, canDecide } = props;
  const cols = canDecide ? 5 : 4;
  return (
    <>
      <tr class={l.eligible ? 'line-eligible' : 'line-ineligible'} data-case={l.caseNumber}>
        <td>
          <a href={href('/cazuri/:caseId', { caseId: l.caseId })}>{l.caseNumber}</a>
          <span class="muted line-meta">
            {institutionName(l.institution)}
            {l.cohort && ` · ${cohortLabels[l.cohort]}`}
            {l.kind !== 'monthly' && ` · ${l.kindLabel} ${l.monthLabel}`}
          </span>
        </td>
        <td>
          {l.beneficiary ?? '—'}
          <span class="muted line-meta">{l.iban ?? 'IBAN lipsă'}{l.iban && !l.ibanValid && ' (invalid)'}</span>
        </td>
        <td>
          <strong>{l.eligible ? 'Eligibil' : 'Neeligibil'}</strong>
          {l.eligible && <span class="line-meta">{formatLei(l.amountLei)}</span>}
          {l.payment.status !== 'not_payable' && l.payment.status !== 'pending' && <span class="muted line-meta">{paymentStatusLabels[l.payment.status]}</span>}
        </td>
        <td>
          <ul class="reasons">
            {l.reasons.map((r, i) => <li key={`${r.code}-${i}`}>{r.message}</li>)}
          </ul>
          {l.override && (
            <p class="override-note">
              {l.override.decision === 'include' ? 'Inclus' : 'Exclus'} de {l.override.byName}, {formatInstant(l.override.at)}: <span class="prewrap">{l.override.reason}</span>
            </p>
          )}
        </td>
        {canDecide && (
          <td>
            {lineDecisions(l).map((d) => (
              <button key={d} type="button" class="secondary small" aria-expanded={props.editing === d ? 'true' : 'false'} aria-label={`${decisionLabels[d].button}: cazul ${l.caseNumber}`} onClick={() => props.onEdit(props.editing === d ? undefined : d)}>
                {decisionLabels[d].button}
              </button>
            ))}
          </td>
        )}
      </tr>
      {canDecide && props.editing && (
        <tr class="override-row">
          <td colSpan={cols}>
            <OverrideForm run={props.run} line={l} decision={props.editing} onCancel={() => props.onEdit(undefined)} onDecided={props.onDecided} onStale={props.onStale} />
          </td>
        </tr>
      )}
    </>
  );
}

function OverrideForm(props: { run: RunView; line: LineView; decision: Decision; onCancel: () => void; onDecided: (l: LineView, r: RunView, d: Decision) => void; onStale: (message: string) => void }) {
  const { api } = useApp();
  const { line, decision } = props;
  const form = useForm({ overrideReason: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }, []);
  const labels = decisionLabels[decision];
  return (
    <FormContext.Provider value={form as FormState<unknown>}>
      <form
        ref={ref}
        noValidate
        class="override-form"
        aria-label={`${labels.title}: cazul ${line.caseNumber}`}
        onSubmit={async (e) => {
          e.preventDefault();
          const v = validate(overrideSchema, { decision, reason: form.values.overrideReason, expectedVersion: line.version });
          if (!v.ok) {
            form.setErrors(renameError(v.errors, 'overrideReason'));
            return;
          }
          setBusy(true);
          setError(undefined);
          try {
            const r = await api.post<{ line: LineView; run: RunView }>(`/subsidy-runs/${encodeURIComponent(props.run.runId)}/lines/${encodeURIComponent(line.caseId)}/override`, v.data);
            props.onDecided(r.line, r.run, decision);
          } catch (err) {
            const x = err as ApiError;
            if (x.code === 'LINE_CHANGED') {
              props.onStale(x.message);
              return;
            }
            form.setErrors(renameError(serverErrors(x.fields), 'overrideReason'));
            setError(x.message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="banner-title">{labels.title}: cazul {line.caseNumber}</p>
        <TextArea path="overrideReason" label="Motivarea scrisă" hint="Cel puțin 10 caractere; apare în istoricul deciziilor și în jurnalul de audit." rows={3} maxLength={500} />
        {error && <Banner kind="error">{error}</Banner>}
        <Buttons>
          <button type="submit" disabled={busy}>{busy ? 'Se salvează…' : labels.confirm}</button>
          <button type="button" class="secondary" onClick={props.onCancel}>Renunță</button>
        </Buttons>
      </form>
    </FormContext.Provider>
  );
}
