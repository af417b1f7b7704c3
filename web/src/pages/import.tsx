/**
 * Import of the caseload kept in spreadsheets (coordinators): download the template, check a filled workbook (dry run:
 * a report per row, nothing written), then import it. An import that hit the server's time budget answers
 * `complete: false`; the page sends the same file again (the import is idempotent by row key) until it is complete.
 */
import { useState } from 'preact/hooks';
import type { ImportReport, RowReport } from '../../../shared/imports/model.js';
import { statusLabels } from '../../../shared/imports/model.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { saveBlob } from '../lib/download.js';
import { formatInstant, formatLei } from '../lib/format.js';
import { countRo, nouns, partOf } from '../../../shared/platform/i18n/plural.js';
import { Banner, Page } from '../ui/page.js';

/** Rounds of "send the file again" before the page gives up and asks the user to retry later. */
export const MAX_IMPORT_ROUNDS = 20;

/** Bytes → base64 without blowing the call stack on multi-megabyte files. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

/** The rows worth showing: problems first (rejected), then warnings; accepted rows without warnings are only counted. */
export function rowsToShow(rows: readonly RowReport[]): RowReport[] {
  const rank = (r: RowReport) => (r.status === 'rejected' ? 0 : r.status === 'pending' ? 1 : 2);
  return rows.filter((r) => r.status === 'rejected' || r.status === 'pending' || r.warnings.length > 0).sort((a, b) => rank(a) - rank(b) || a.sheetName.localeCompare(b.sheetName, 'ro') || a.row - b.row);
}

/** One line of Romanian summary for a report. */
export function summaryLine(r: ImportReport): string {
  const c = r.summary.children;
  const parts = [`${countRo(c.total, nouns.child)} în fișier`];
  if (r.dryRun) parts.push(countRo(c.accepted, { one: 'acceptat', many: 'acceptați' }));
  else parts.push(`${countRo(c.imported, { one: 'importat', many: 'importați' })} acum`);
  parts.push(countRo(c.rejected, { one: 'respins', many: 'respinși' }));
  if (c.alreadyImported) parts.push(`${countRo(c.alreadyImported, { one: 'importat', many: 'importați' })} anterior`);
  if (c.pending) parts.push(`${countRo(c.pending, { one: 'neprocesat', many: 'neprocesați' })} încă`);
  return `${parts.join(', ')}. Luni de subvenție plătite preluate: ${countRo(r.summary.paidMonths, nouns.month)} (${formatLei(r.summary.paidLei)}).`;
}

export function ImportPage() {
  const { api } = useApp();
  const [file, setFile] = useState<File | undefined>();
  const [report, setReport] = useState<ImportReport | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const template = async () => {
    setError(undefined);
    try {
      const { blob, filename } = await api.download('/imports/template');
      saveBlob(blob, filename);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setError(undefined);
    setBusy(dryRun ? 'Se verifică fișierul…' : 'Se importă…');
    try {
      const body = { fileName: file.name, contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())) };
      let r = await api.post<ImportReport>(dryRun ? '/imports/dry-run' : '/imports', body);
      for (let round = 1; !dryRun && !r.complete && round < MAX_IMPORT_ROUNDS; round++) {
        setBusy(`Se importă… (${partOf(r.summary.children.imported + r.summary.children.alreadyImported, r.summary.children.total - r.summary.children.rejected, nouns.child)})`);
        r = await api.post<ImportReport>('/imports', body);
      }
      setReport(r);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(undefined);
    }
  };

  const shown = report ? rowsToShow(report.rows) : [];
  return (
    <Page title="Import din fișiere Excel" actions={<button type="button" class="secondary" onClick={template}>Descarcă șablonul (.xlsx)</button>}>
      <p>
        Completați șablonul cu copiii, planurile, înscrierile, participarea lunară și lunile de subvenție deja plătite.
        Verificați întâi fișierul: verificarea nu scrie nimic. Importul scrie fiecare caz complet sau deloc; același fișier
        importat din nou nu schimbă nimic.
      </p>
      <form class="card" onSubmit={(e) => { e.preventDefault(); void send(true); }}>
        <div class="field">
          <label for="import-file">Fișierul de import (.xlsx)</label>
          <input id="import-file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0]); setReport(undefined); }} />
        </div>
        <div class="actions">
          <button type="submit" disabled={!file || !!busy}>Verifică fișierul</button>
          <button type="button" class="secondary" disabled={!file || !!busy || !report?.dryRun || report.summary.children.accepted === 0}
            onClick={() => void send(false)}>Importă cazurile acceptate</button>
        </div>
        {busy && <p role="status" aria-live="polite">{busy}</p>}
      </form>
      {error && <Banner kind="error">{error}</Banner>}
      {report && (
        <section aria-labelledby="import-report">
          <h2 id="import-report">{report.dryRun ? 'Raportul verificării (nu s-a scris nimic)' : 'Raportul importului'}</h2>
          <Banner kind={report.summary.children.rejected > 0 || report.fileErrors.length > 0 ? 'warning' : 'success'}>
            {summaryLine(report)}
          </Banner>
          <p class="muted">Fișier: {report.fileName} · {formatInstant(report.at)}</p>
          {report.fileErrors.length > 0 && (
            <ul>{report.fileErrors.map((f, i) => <li key={i}>{f.sheet ? `${f.sheet}: ` : ''}{f.message}</li>)}</ul>
          )}
          {!report.complete && <Banner kind="warning">Importul nu s-a terminat în timpul permis. Apăsați din nou „Importă”: cazurile deja scrise nu se dublează.</Banner>}
          {shown.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Rândurile respinse și avertismentele, pe foi</caption>
                <thead>
                  <tr>
                    <th scope="col">Foaia</th>
                    <th scope="col">Rândul</th>
                    <th scope="col">Cod copil</th>
                    <th scope="col">Stare</th>
                    <th scope="col">Motiv</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={`${r.sheet}-${r.row}`}>
                      <td>{r.sheetName}</td>
                      <td>{r.row}</td>
                      <td>{r.childCode ?? '—'}</td>
                      <td>{statusLabels[r.status]}</td>
                      <td>{[...r.reasons, ...r.warnings].map((x) => `${x.column ? `${x.column}: ` : ''}${x.message}`).join('; ')}</td>
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
