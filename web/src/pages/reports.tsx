/**
 * Reports for the project manager and the coordinators: the indicators in one table by group (value, target, progress),
 * each with the cases behind it for those allowed (drill-down: only the cases the viewer may see are listed, the others
 * counted); the quarterly report for the steering committee (printable HTML, XLSX) and the indicators export (XLSX, CSV).
 * Files are always in the suppressed presentation (small ethnicity counts „<5”), as they can be forwarded.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Dashboard } from '../../../shared/reports/dashboard.js';
import type { PresentedIndicator } from '../../../shared/reports/present.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { saveBlob } from '../lib/download.js';
import { bucharestDay, formatDate } from '../lib/format.js';
import { href } from '../lib/router.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { CaseRows } from './roma-plan.js';

/** The last `n` quarters up to the current one, newest first ('2026-Q4'). */
export function recentQuarters(today: string, n = 8): string[] {
  let y = Number(today.slice(0, 4));
  let q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

const todayBucharest = () => bucharestDay(new Date());
const percent = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);

export function ReportsPage() {
  const { api, can } = useApp();
  const [data, setData] = useState<Dashboard | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const quarters = recentQuarters(todayBucharest());
  const [quarter, setQuarter] = useState(quarters[1] ?? quarters[0]!);
  const [busy, setBusy] = useState<string | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  useEffect(() => {
    api.get<Dashboard>('/reports/indicators').then(setData).catch((e: ApiError) => setFailure(e));
  }, []);

  const download = async (what: string, path: string, fallbackName: string) => {
    setBusy(what);
    setFileError(undefined);
    setSaved(undefined);
    try {
      const f = await api.download(path);
      const name = f.filename === 'export' ? fallbackName : f.filename;
      saveBlob(f.blob, name);
      setSaved(`Fișierul „${name}” a fost descărcat.`);
    } catch (e) {
      setFileError((e as ApiError).message);
    } finally {
      setBusy(undefined);
    }
  };

  if (failure?.denied) return <Denied message={failure.message} />;
  const groups = data ? [...new Set(data.indicators.map((i) => i.groupLabel))] : [];
  return (
    <Page title="Rapoarte">
      {can('report.export') && (
        <section class="card" aria-labelledby="sec-files">
          <h2 id="sec-files">Raportul trimestrial și descărcări</h2>
          <div class="filters">
            <div class="field">
              <label for="trimestru">Trimestrul</label>
              <select id="trimestru" value={quarter} onChange={(e) => setQuarter((e.currentTarget as HTMLSelectElement).value)}>
                {quarters.map((q) => <option key={q} value={q}>trimestrul {q.slice(-1)} {q.slice(0, 4)}</option>)}
              </select>
            </div>
            <div class="buttons" role="group" aria-label="Raportul trimestrial">
              <button type="button" disabled={busy !== undefined} onClick={() => download('q-html', `/reports/quarterly/${quarter}?format=html`, `raport-trimestrial-${quarter}.html`)}>
                Raport de tipărit (HTML)
              </button>
              <button type="button" class="secondary" disabled={busy !== undefined} onClick={() => download('q-xlsx', `/reports/quarterly/${quarter}?format=xlsx`, `raport-trimestrial-${quarter}.xlsx`)}>
                Raportul în XLSX
              </button>
            </div>
          </div>
          <div class="buttons" role="group" aria-label="Indicatorii la zi">
            <button type="button" class="secondary" disabled={busy !== undefined} onClick={() => download('i-xlsx', '/reports/indicators/export?format=xlsx', 'indicatori.xlsx')}>Indicatorii (XLSX)</button>
            <button type="button" class="secondary" disabled={busy !== undefined} onClick={() => download('i-csv', '/reports/indicators/export?format=csv', 'indicatori.csv')}>Indicatorii (CSV)</button>
          </div>
          <p class="muted">Pentru PDF: deschideți raportul HTML și alegeți „Imprimare → Salvare ca PDF”. În fișiere, numerele mai mici de 5 care privesc etnia apar „&lt;5”.</p>
          {busy && <p role="status">Se pregătește fișierul…</p>}
          {saved && <Banner kind="success">{saved}</Banner>}
          {fileError && <Banner kind="error">{fileError}</Banner>}
        </section>
      )}
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!data && !failure && <Loading what="indicatorii" />}
      {data && (
        <>
          <p class="lead">Indicatorii la <strong>{formatDate(data.asOf)}</strong>. <a href="#/tablou">Vedeți graficele</a>.</p>
          {groups.map((g) => (
            <section key={g} class="card" aria-labelledby={`g-${slug(g)}`}>
              <h2 id={`g-${slug(g)}`}>{g}</h2>
              <IndicatorTable rows={data.indicators.filter((i) => i.groupLabel === g)} drill={can('report.drilldown')} />
            </section>
          ))}
        </>
      )}
    </Page>
  );
}

const slug = (s: string) => s.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

function IndicatorTable({ rows, drill }: { rows: PresentedIndicator[]; drill: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr><th scope="col">Indicatorul</th><th scope="col">Valoarea</th><th scope="col">Ținta</th><th scope="col">Realizat</th><th scope="col">Cazurile</th></tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id} data-indicator={i.id}>
              <th scope="row">{i.label}{i.note && <span class="muted"> ({i.note})</span>}</th>
              <td>{i.display}</td>
              <td>{i.targetDisplay ?? '—'}</td>
              <td>{percent(i.progress)}</td>
              <td>{drill && i.drillDown ? <a href={href('/rapoarte/:indicatorId', { indicatorId: i.id })}>vezi cazurile<span class="visually-hidden"> din „{i.label}”</span></a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IndicatorCasesPage({ indicatorId }: { indicatorId: string }) {
  const { api } = useApp();
  const [data, setData] = useState<{ asOf: string; indicator: PresentedIndicator; items: Parameters<typeof CaseRows>[0]['rows']; hiddenOtherInstitutions: number } | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  useEffect(() => {
    api.get<typeof data>(`/reports/indicators/${encodeURIComponent(indicatorId)}/cases`).then(setData).catch((e: ApiError) => setFailure(e));
  }, [indicatorId]);
  if (failure?.denied && failure.status === 403) return <Denied message={failure.message} />;
  return (
    <Page title={data ? `${data.indicator.label}: cazurile` : 'Cazurile indicatorului'}>
      <p><a href="#/rapoarte">Înapoi la rapoarte</a></p>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!data && !failure && <Loading what="cazurile" />}
      {data && (
        <>
          <p>Valoarea: <strong>{data.indicator.display}</strong>{data.indicator.targetDisplay && <> din ținta de {data.indicator.targetDisplay}</>}.</p>
          <CaseRows rows={data.items} hidden={data.hiddenOtherInstitutions} asOf={data.asOf} />
        </>
      )}
    </Page>
  );
}
