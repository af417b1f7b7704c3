/**
 * The Roma local plan (GET /roma-plan/{year}): the plan by objective and action — responsible structures, indicator,
 * target, deadline — with, per line, the latest quarterly progress (status, value, evidence, who) and its history, or
 * the value Vatra computes from case data (2.3/2.4/2.5/6.1, small numbers shown „<5” outside the project team) with the
 * cases behind it for those allowed; a chart of lines achieved per objective; exports (XLSX, CSV, printable HTML).
 * The plan officer reports progress on every line, a coordinator on the lines of their institution's structures.
 */
import { useEffect, useState } from 'preact/hooks';
import { progressFormSchema, progressStatusLabels, type ProgressStatus } from '../../../shared/reports/roma-plan/plan.js';
import type { PresentedRomaAction as RomaActionView, PresentedRomaLine as RomaLineView, PresentedRomaPlanView as RomaPlanView } from '../../../shared/reports/present.js';
import type { StoredProgress } from '../../../shared/reports/roma-view.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { saveBlob } from '../lib/download.js';
import { bucharestDay, formatDate, formatInstant } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';
import { countRo, nouns, partOf } from '../../../shared/platform/i18n/plural.js';
import { ActionForm } from '../ui/action-form.js';
import { BarChart, type BarRow } from '../ui/bar-chart.js';
import { SelectField, TextArea, TextField } from '../ui/fields.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';

const statusOptions = (Object.entries(progressStatusLabels) as [ProgressStatus, string][]).map(([value, label]) => ({ value, label }));
const quarterLabel = (q: string) => `trimestrul ${q.slice(-1)} ${q.slice(0, 4)}`;

/** Is a line achieved: a manual line reported „Realizat”, or a computed value at or above its numeric target. */
export function lineAchieved(l: Pick<RomaLineView, 'tracking' | 'latest' | 'computed'>): boolean {
  if (l.tracking === 'manual') return l.latest?.status === 'done';
  return l.computed !== null && l.computed.target !== null && l.computed.value !== null && l.computed.value >= l.computed.target;
}

/** One bar per objective: lines achieved against all its lines (the objective's target: every line done). */
export function objectiveRows(view: Pick<RomaPlanView, 'objectives'>): BarRow[] {
  return view.objectives.map((o) => {
    const lines = o.actions.flatMap((a) => a.lines);
    const done = lines.filter(lineAchieved).length;
    return { key: o.id, label: `OS${o.number}. ${o.title}`, value: done, display: String(done), target: lines.length, targetDisplay: String(lines.length) };
  });
}

/** The computed value as shown: the count (or „<5” when the API suppressed it) against the target. */
export function computedText(l: RomaLineView): string {
  const c = l.computed;
  if (!c) return 'nu se poate calcula încă';
  return `${c.display}${c.target !== null ? ` din ${c.target}` : ''} (calculat din cazuri, ${formatDate(c.from)} – ${formatDate(c.to)})`;
}

export function RomaPlanPage({ query }: { query: URLSearchParams }) {
  const { api } = useApp();
  const [years, setYears] = useState<{ year: number; title: string; actions: number }[] | undefined>();
  const [view, setView] = useState<RomaPlanView | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [tick, setTick] = useState(0);
  const asked = Number(query.get('an'));

  useEffect(() => {
    api.get<{ items: { year: number; title: string; actions: number }[] }>('/roma-plan').then((r) => setYears(r.items)).catch((e: ApiError) => setFailure(e));
  }, []);
  const year = years ? (years.some((y) => y.year === asked) ? asked : years[years.length - 1]?.year) : undefined;

  useEffect(() => {
    if (year === undefined) return;
    let alive = true;
    api.get<RomaPlanView>(`/roma-plan/${year}`).then((v) => alive && setView(v)).catch((e: ApiError) => alive && setFailure(e));
    return () => {
      alive = false;
    };
  }, [year, tick]);

  if (failure?.denied) return <Denied message={failure.message} />;
  return (
    <Page title={view ? view.title : 'Planul local pentru romi'}>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {years && years.length === 0 && <p class="empty">Nu există încă un plan local pentru romi.</p>}
      {years && years.length > 1 && (
        <div class="filters">
          <div class="field">
            <label for="plan-an">Anul planului</label>
            <select id="plan-an" value={String(year)} onChange={(e) => navigate(href('/plan-romi', {}, { an: (e.currentTarget as HTMLSelectElement).value }))}>
              {years.map((y) => <option key={y.year} value={String(y.year)}>{y.year}</option>)}
            </select>
          </div>
        </div>
      )}
      {!view && !failure && years?.length !== 0 && <Loading what="planul" />}
      {view && <PlanBody view={view} onChanged={() => setTick((t) => t + 1)} />}
    </Page>
  );
}

function PlanBody({ view, onChanged }: { view: RomaPlanView; onChanged: () => void }) {
  const { api, can } = useApp();
  const [downloadError, setDownloadError] = useState<string | undefined>();
  const s = view.summary;
  const download = async (format: 'xlsx' | 'csv' | 'html') => {
    setDownloadError(undefined);
    try {
      const f = await api.download(`/roma-plan/${view.year}/export?format=${format}`);
      saveBlob(f.blob, f.filename === 'export' ? `plan-local-romi-${view.year}.${format}` : f.filename);
    } catch (e) {
      setDownloadError((e as ApiError).message);
    }
  };
  return (
    <>
      <p class="lead">
        Stadiul la <strong>{formatDate(view.asOf)}</strong>: {countRo(s.actions, nouns.action)}, dintre care {countRo(s.computedActions, { one: 'calculată', many: 'calculate' })} din datele cazurilor;{' '}
        {partOf(s.manualLinesReported, s.manualLines, { one: 'rând raportat', many: 'rânduri raportate' })} ({countRo(s.byStatus.done, { one: 'realizat', many: 'realizate' })}, {s.byStatus.in_progress} în desfășurare, {s.byStatus.at_risk} cu risc de nerealizare).
      </p>
      {can('roma_plan.export') && (
        <div class="buttons" role="group" aria-label="Descărcări">
          <button type="button" class="secondary" onClick={() => download('xlsx')}>Descarcă XLSX</button>
          <button type="button" class="secondary" onClick={() => download('csv')}>Descarcă CSV</button>
          <button type="button" class="secondary" onClick={() => download('html')}>Raport de tipărit (HTML)</button>
        </div>
      )}
      {downloadError && <Banner kind="error">{downloadError}</Banner>}
      <BarChart id="grafic-obiective" title="Rânduri realizate față de toate rândurile, pe obiective" unit="rânduri" rows={objectiveRows(view)}
        note="Un rând este realizat când structura l-a raportat „Realizat” sau când valoarea calculată atinge ținta." />
      <nav aria-label="Obiectivele planului" class="toc">
        <ul>
          {view.objectives.map((o) => <li key={o.id}><a href={`#/plan-romi?an=${view.year}`} onClick={(e) => { e.preventDefault(); document.getElementById(`obiectiv-${o.id}`)?.scrollIntoView(); }}>OS{o.number}. {o.title}</a></li>)}
        </ul>
      </nav>
      {view.objectives.map((o) => (
        <section key={o.id} id={`obiectiv-${o.id}`} class="objective" aria-labelledby={`h-${o.id}`}>
          <h2 id={`h-${o.id}`}>Obiectivul {o.number}. {o.title}</h2>
          {o.actions.map((a) => <ActionCard key={a.id} year={view.year} action={a} onChanged={onChanged} />)}
        </section>
      ))}
    </>
  );
}

function ActionCard({ year, action, onChanged }: { year: number; action: RomaActionView; onChanged: () => void }) {
  return (
    <article class="card roma-action" aria-labelledby={`act-${action.id}`} data-action={action.id}>
      <h3 id={`act-${action.id}`}>Acțiunea {action.id}</h3>
      <p>{action.text}</p>
      <dl class="facts">
        <dt>Responsabili</dt>
        <dd>{action.responsible.join('; ')}</dd>
        {action.assisting.length > 0 && (<><dt>Asistă</dt><dd>{action.assisting.join('; ')}</dd></>)}
        <dt>Termen</dt>
        <dd>{action.deadline.text}</dd>
        {action.rule && (<><dt>Calcul</dt><dd>{action.rule}{action.ruleConfidence === 'interpretation' && <span class="muted"> (interpretare, de confirmat)</span>}</dd></>)}
      </dl>
      <ul class="roma-lines">
        {action.lines.map((l) => <LineItem key={l.lineKey} year={year} action={action} line={l} onChanged={onChanged} />)}
      </ul>
    </article>
  );
}

function LineItem({ year, action, line, onChanged }: { year: number; action: RomaActionView; line: RomaLineView; onChanged: () => void }) {
  const { api, can, hasRole, me } = useApp();
  const [open, setOpen] = useState<'form' | 'history' | undefined>();
  const [history, setHistory] = useState<StoredProgress[] | undefined>();
  const [historyError, setHistoryError] = useState<string | undefined>();
  const mayReport = line.tracking === 'manual' && can('roma_plan.progress.write') && (hasRole('roma_officer') || line.institutions.includes(me.institution));
  const id = `${action.id}-${line.breakdownKey ?? 'tot'}`.replace(/[^A-Za-z0-9-]/g, '-');
  const qs = new URLSearchParams({ actionId: action.id, ...(line.breakdownKey ? { breakdownKey: line.breakdownKey } : {}) });

  const showHistory = () => {
    if (open === 'history') return setOpen(undefined);
    setOpen('history');
    setHistory(undefined);
    api.get<{ items: StoredProgress[] }>(`/roma-plan/${year}/progress?${qs.toString()}`).then((r) => setHistory(r.items)).catch((e: ApiError) => setHistoryError(e.message));
  };

  return (
    <li class="roma-line" data-line={line.lineKey}>
      <p>
        <strong>{line.structure}</strong>
        {line.indicator && <> · indicator: {line.indicator}</>} · ținta: {line.target || '—'}
      </p>
      {line.tracking === 'computed' ? (
        <p>
          <span class="badge badge-approved">calculat</span> {computedText(line)}
          {can('report.drilldown') && line.computed && (
            <> · <a href={href('/plan-romi/:year/actiuni/:actionId', { year: String(year), actionId: action.id }, { rand: line.breakdownKey ?? undefined })}>cazurile numărate</a></>
          )}
        </p>
      ) : line.latest ? (
        <p>
          <span class={`badge badge-progress-${line.latest.status}`}>{progressStatusLabels[line.latest.status]}</span> {quarterLabel(line.latest.quarter)}
          {line.latest.value !== undefined && <> · valoarea {line.latest.value}</>}
          <span class="muted"> · {line.latest.recordedByName}, {formatInstant(line.latest.recordedAt)}</span>
          {line.latest.evidenceNotes && <><br />Dovezi: {line.latest.evidenceNotes}</>}
        </p>
      ) : (
        <p class="muted">Neraportat încă.</p>
      )}
      {line.tracking === 'manual' && (
        <div class="buttons">
          {mayReport && (
            <button type="button" class="secondary" aria-expanded={open === 'form'} aria-controls={`form-${id}`} onClick={() => setOpen(open === 'form' ? undefined : 'form')}>
              Raportează progresul
            </button>
          )}
          <button type="button" class="link" aria-expanded={open === 'history'} aria-controls={`hist-${id}`} onClick={showHistory}>
            Istoricul raportărilor
          </button>
        </div>
      )}
      {open === 'form' && (
        <div id={`form-${id}`}>
          <ActionForm
            name={`p${id}`}
            title={`Progresul acțiunii ${action.id}${line.breakdownKey ? ` (${line.structure})` : ''}`}
            initial={{ quarter: currentQuarter(year), status: line.latest?.status ?? '', value: '', evidenceNotes: '' }}
            schema={progressFormSchema}
            prepare={(v) => ({
              actionId: action.id, ...(line.breakdownKey ? { breakdownKey: line.breakdownKey } : {}), quarter: v.quarter, status: v.status,
              ...(String(v.value ?? '').trim() !== '' ? { value: Number(String(v.value).replace(',', '.')) } : {}), evidenceNotes: v.evidenceNotes,
            })}
            submitLabel="Salvează progresul"
            send={(data) => api.post(`/roma-plan/${year}/progress`, data)}
            onDone={() => {
              setOpen(undefined);
              onChanged();
            }}
            reload={onChanged}
          >
            <SelectField path={`p${id}.quarter`} label="Trimestrul" options={[1, 2, 3, 4].map((q) => ({ value: `${year}-Q${q}`, label: quarterLabel(`${year}-Q${q}`) }))} />
            <SelectField path={`p${id}.status`} label="Stadiul" options={statusOptions} />
            <TextField path={`p${id}.value`} label="Valoarea atinsă" optional inputMode="numeric" width="short" hint={line.unit ? `în ${line.unit}` : undefined} />
            <TextArea path={`p${id}.evidenceNotes`} label="Dovezi și observații" hint="Documentele, listele sau activitățile care arată progresul." rows={3} maxLength={2000} />
          </ActionForm>
        </div>
      )}
      {open === 'history' && (
        <div id={`hist-${id}`} class="history">
          {historyError && <Banner kind="error">{historyError}</Banner>}
          {!history && !historyError && <Loading what="istoricul" />}
          {history && history.length === 0 && <p class="empty">Nicio raportare.</p>}
          {history && history.length > 0 && (
            <ol class="timeline">
              {history.map((h) => (
                <li key={h.entryId}>
                  <p>
                    {quarterLabel(h.quarter)}: <strong>{progressStatusLabels[h.status]}</strong>{h.value !== undefined && <>, valoarea {h.value}</>}
                  </p>
                  {h.evidenceNotes && <p>{h.evidenceNotes}</p>}
                  <p class="muted">{h.recordedByName}, {formatInstant(h.recordedAt)}</p>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </li>
  );
}

/** The quarter of today when it falls in the plan year, else the plan's last quarter. */
function currentQuarter(year: number): string {
  const today = bucharestDay(new Date());
  if (Number(today.slice(0, 4)) !== year) return `${year}-Q4`;
  return `${year}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
}

interface CaseRow { caseId: string; caseNumber: string; institution: string; trackLabel: string; stageLabel: string; status: 'open' | 'closed'; childName?: string }

/** The cases counted in a computed line of the plan (those the viewer may see; others are only counted). */
export function RomaActionCasesPage({ year, actionId, breakdownKey }: { year: string; actionId: string; breakdownKey: string | undefined }) {
  const { api } = useApp();
  const [data, setData] = useState<{ asOf: string; items: CaseRow[]; hiddenOtherInstitutions: number } | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  useEffect(() => {
    const qs = breakdownKey ? `?breakdownKey=${encodeURIComponent(breakdownKey)}` : '';
    api.get<typeof data>(`/roma-plan/${encodeURIComponent(year)}/actions/${encodeURIComponent(actionId)}/cases${qs}`).then(setData).catch((e: ApiError) => setFailure(e));
  }, [year, actionId, breakdownKey]);
  if (failure?.denied) return <Denied message={failure.message} />;
  return (
    <Page title={`Acțiunea ${actionId}: cazurile numărate`}>
      <p><a href={href('/plan-romi', {}, { an: year })}>Înapoi la plan</a></p>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!data && !failure && <Loading what="cazurile" />}
      {data && <CaseRows rows={data.items} hidden={data.hiddenOtherInstitutions} asOf={data.asOf} />}
    </Page>
  );
}

export function CaseRows({ rows, hidden, asOf }: { rows: CaseRow[]; hidden: number; asOf: string }) {
  return (
    <>
      <p>La {formatDate(asOf)}: {countRo(rows.length, nouns.case, { words: true })} pe care {rows.length === 1 ? 'îl' : 'le'} puteți vedea{hidden > 0 && (hidden === 1 ? '; încă unul, al altei instituții, este doar numărat' : `; alte ${countRo(hidden, nouns.case)} ale altor instituții sunt doar numărate`)}.</p>
      {rows.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Cazurile</caption>
            <thead>
              <tr><th scope="col">Cazul</th>{rows.some((r) => r.childName) && <th scope="col">Copilul</th>}<th scope="col">Instituția</th><th scope="col">Traseul</th><th scope="col">Etapa</th><th scope="col">Starea</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.caseId}>
                  <td><a href={href('/cazuri/:caseId', { caseId: r.caseId })}>{r.caseNumber}</a></td>
                  {rows.some((x) => x.childName) && <td>{r.childName ?? '—'}</td>}
                  <td>{r.institution}</td>
                  <td>{r.trackLabel}</td>
                  <td>{r.stageLabel}</td>
                  <td>{r.status === 'open' ? 'deschis' : 'închis'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
