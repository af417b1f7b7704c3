/**
 * The monthly subsidy runs: the subsidy budget as a bar (paid, committed, remaining, warnings at 80/90/100%), the runs
 * with their status, and — for the project lead's coordinators — starting the run of a finished month.
 */
import { useEffect, useState } from 'preact/hooks';
import { project } from '../../../shared/project/project.js';
import type { runView } from '../../../shared/subsidies/api/views.js';
import type { BudgetView } from '../../../shared/subsidies/aggregate.js';
import { startRunSchema } from '../../../shared/subsidies/input.js';
import type { RunStatus } from '../../../shared/subsidies/model.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { bucharestDay, formatInstant, formatLei, formatMonth } from '../lib/format.js';
import { validate } from '../lib/form.js';
import { href, navigate } from '../lib/router.js';
import { Buttons, FormContext, SelectField, useForm, type FormState } from '../ui/fields.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';

export type RunView = ReturnType<typeof runView>;

/** Statuses after which a month may get a new run. */
const RESTARTABLE: readonly RunStatus[] = ['rejected', 'failed'];

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM' plus n months. */
export function addMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

/**
 * The months a run may be started for, newest first: months of the project period that have ended by `today`
 * ('YYYY-MM-DD', Bucharest).
 */
export function finishedMonths(today: string, from: string = project.period.start, to: string = project.period.end): string[] {
  const last = addMonth(today.slice(0, 7), -1);
  const end = last < to ? last : to;
  const out: string[] = [];
  for (let m = end; m >= from; m = addMonth(m, -1)) out.push(m);
  return out;
}

/** The month proposed by default: the newest finished month without a run that is still valid. */
export function defaultMonth(months: readonly string[], runs: readonly Pick<RunView, 'month' | 'status'>[]): string {
  const taken = new Set(runs.filter((r) => !RESTARTABLE.includes(r.status)).map((r) => r.month));
  return months.find((m) => !taken.has(m)) ?? months[0] ?? '';
}

/** Warning level of the budget from the share used: 0 (none), 80, 90 or 100 (exhausted or exceeded). */
export function budgetWarningLevel(usedPercent: number, thresholds: readonly number[] = [80, 90, 100]): number {
  const reached = [...thresholds].sort((a, b) => a - b).filter((t) => usedPercent + 1e-9 >= t);
  return reached.length ? reached[reached.length - 1]! : 0;
}

const BAR_W = 720;
const BAR_H = 28;

/** The subsidy budget: paid and committed against the budget, with the warning thresholds marked. */
export function BudgetBar({ budget, id = 'buget' }: { budget: BudgetView; id?: string }) {
  const level = budgetWarningLevel(budget.usedPercent);
  const scale = Math.max(budget.budgetLei, budget.spentLei + budget.committedLei, 1);
  const x = (lei: number) => Math.max(0, Math.min(BAR_W, (lei / scale) * BAR_W));
  const spentW = x(budget.spentLei);
  const committedW = x(budget.spentLei + budget.committedLei) - spentW;
  const label = `Bugetul subvenției: ${formatLei(budget.spentLei)} plătit, ${formatLei(budget.committedLei)} angajat, ${formatLei(budget.remainingLei)} rămas din ${formatLei(budget.budgetLei)} (${budget.usedPercent.toLocaleString('ro-RO')}% utilizat).`;
  return (
    <section class={`card budget budget-level-${level}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Bugetul subvenției</h2>
      {budget.warning && (
        <Banner kind={level >= 100 ? 'error' : 'warning'} title={level >= 100 ? 'Bugetul este epuizat' : `Avertizare: ${level}% din buget`}>
          <p>{budget.warning.message}</p>
        </Banner>
      )}
      <svg class="budget-svg" viewBox={`0 0 ${BAR_W} ${BAR_H + 26}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
        <rect x={0} y={0} width={BAR_W} height={BAR_H} class="budget-track" />
        {spentW > 0 && <rect x={0} y={0} width={spentW} height={BAR_H} class="budget-spent" />}
        {committedW > 0 && <rect x={spentW} y={0} width={committedW} height={BAR_H} class="budget-committed" />}
        {[80, 90, 100].map((t) => {
          const tx = Math.min(BAR_W - 1, x((budget.budgetLei * t) / 100));
          return (
            <g key={t}>
              <line x1={tx} x2={tx} y1={0} y2={BAR_H + 4} class="budget-threshold" />
              <text x={tx} y={BAR_H + 20} text-anchor={t === 100 ? 'end' : 'middle'} class="chart-axis-text">{t}%</text>
            </g>
          );
        })}
      </svg>
      <dl class="facts budget-facts">
        <dt><span class="legend-spent" aria-hidden="true" /> Plătit</dt>
        <dd>{formatLei(budget.spentLei)}</dd>
        <dt><span class="legend-committed" aria-hidden="true" /> Angajat (aprobat sau în curs de aprobare)</dt>
        <dd>{formatLei(budget.committedLei)}</dd>
        <dt>Rămas</dt>
        <dd>{formatLei(budget.remainingLei)}</dd>
        <dt>Bugetul</dt>
        <dd>
          {formatLei(budget.budgetLei)} · {budget.usedPercent.toLocaleString('ro-RO')}% utilizat
          {!budget.budgetConfirmed && <span class="muted"> (sumă neconfirmată: minimul din cererea de finanțare)</span>}
        </dd>
      </dl>
    </section>
  );
}

export function RunStatusBadge({ run }: { run: Pick<RunView, 'status' | 'statusLabel'> }) {
  return <span class={`badge badge-run badge-run-${run.status}`}>{run.statusLabel}</span>;
}

const runTitle = (r: Pick<RunView, 'month' | 'attempt'>) => `${formatMonth(r.month)}${r.attempt > 1 ? `, rularea ${r.attempt}` : ''}`;

function StartRun({ runs }: { runs: RunView[] }) {
  const { api, flash } = useApp();
  const months = finishedMonths(bucharestDay(new Date()));
  const form = useForm({ month: defaultMonth(months, runs) });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; runId?: string } | undefined>();
  if (months.length === 0) return <p class="muted">Nicio lună a proiectului nu s-a încheiat încă.</p>;
  return (
    <section class="card" aria-labelledby="start-title">
      <h2 id="start-title">Pornește rularea lunară</h2>
      <p class="muted">Rularea evaluează eligibilitatea fiecărui copil pentru o lună încheiată. Plățile se înregistrează numai după aprobare.</p>
      <FormContext.Provider value={form as FormState<unknown>}>
        <form
          noValidate
          class="start-run"
          onSubmit={async (e) => {
            e.preventDefault();
            const v = validate(startRunSchema, form.values);
            if (!v.ok) {
              form.setErrors(v.errors);
              return;
            }
            setBusy(true);
            setError(undefined);
            try {
              const r = await api.post<{ run: RunView; created: boolean }>('/subsidy-runs', v.data);
              flash(r.created ? `Rularea pentru ${formatMonth(r.run.month)} a pornit.` : `Rularea pentru ${formatMonth(r.run.month)} era deja pornită.`);
              navigate(href('/subventii/:runId', { runId: r.run.runId }));
            } catch (err) {
              const x = err as ApiError;
              const runId = typeof x.details.runId === 'string' ? x.details.runId : undefined;
              setError({ message: x.message, ...(runId ? { runId } : {}) });
              const field = x.fields.find((f) => f.path === 'month');
              if (field) form.setErrors({ month: field.message });
            } finally {
              setBusy(false);
            }
          }}
        >
          <SelectField path="month" label="Luna" hint="Numai lunile încheiate din perioada proiectului." options={months.map((m) => ({ value: m, label: formatMonth(m) }))} />
          {error && (
            <Banner kind="error">
              <p>{error.message}</p>
              {error.runId && <p><a href={href('/subventii/:runId', { runId: error.runId })}>Deschideți rularea existentă</a></p>}
            </Banner>
          )}
          <Buttons>
            <button type="submit" disabled={busy}>{busy ? 'Se pornește…' : 'Pornește rularea'}</button>
          </Buttons>
        </form>
      </FormContext.Provider>
    </section>
  );
}

export function SubsidyRunsPage() {
  const { api, can } = useApp();
  const [runs, setRuns] = useState<RunView[] | undefined>();
  const [budget, setBudget] = useState<BudgetView | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();

  useEffect(() => {
    let alive = true;
    Promise.all([api.get<{ items: RunView[] }>('/subsidy-runs'), api.get<{ budget: BudgetView }>('/subsidies/budget')])
      .then(([r, b]) => {
        if (!alive) return;
        setRuns([...r.items].sort((a, b) => b.month.localeCompare(a.month) || b.attempt - a.attempt));
        setBudget(b.budget);
      })
      .catch((e: ApiError) => alive && setFailure(e));
    return () => {
      alive = false;
    };
  }, []);

  if (failure?.denied) return <Denied message={failure.message} />;
  return (
    <Page title="Subvenții — rulări lunare">
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!runs && !failure && <Loading what="rulările" />}
      {budget && <BudgetBar budget={budget} />}
      {runs && can('subsidy.run.start') && <StartRun runs={runs} />}
      {runs && (
        <section aria-labelledby="runs-title">
          <h2 id="runs-title">Rulările</h2>
          {runs.length === 0 ? (
            <p class="empty">Nu există încă nicio rulare.</p>
          ) : (
            <div class="table-wrap">
              <table class="runs">
                <caption class="visually-hidden">Rulările lunare ale subvenției, cele mai recente primele</caption>
                <thead>
                  <tr>
                    <th scope="col">Luna</th>
                    <th scope="col">Starea</th>
                    <th scope="col">Copii evaluați</th>
                    <th scope="col">Eligibili</th>
                    <th scope="col">Total net</th>
                    <th scope="col">Pornită</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.runId}>
                      <td><a href={href('/subventii/:runId', { runId: r.runId })}>{runTitle(r)}</a></td>
                      <td><RunStatusBadge run={r} /></td>
                      <td>{r.summary ? r.summary.totals.lines : `${r.progress.evaluated} / ${r.progress.total}`}</td>
                      <td>{r.summary ? r.summary.totals.eligible : '—'}</td>
                      <td data-testid="runs-net">
                        {r.net ? (
                          <>{formatLei(r.net.lei)}<span class="muted"> · {r.net.basis === 'paid' ? 'plătit' : 'propus'}</span></>
                        ) : r.status === 'failed' ? (
                          // failed before its approval: nothing was paid; after it, only what the run recorded is known
                          <span class="muted">{r.approval?.decision === 'approved' ? 'nicio plată înregistrată' : 'nimic plătit'}</span>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {formatInstant(r.createdAt)}
                        <span class="muted"> · {r.trigger === 'schedule' ? 'automat' : r.requestedBy.name}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </Page>
  );
}
