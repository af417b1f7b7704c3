/**
 * Administration pages: the institution's audit log by month (search within the month, CSV export — the export is
 * audited too), retention (term, legal basis, closed cases due for anonymisation per institution, no names), the staff
 * by role, and the e-mails not delivered yet (kind and error only, never the content).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { roleLabels, roles, type Role } from '../../../shared/platform/auth/principal.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { saveBlob } from '../lib/download.js';
import { formatDate, formatInstant, formatMonth } from '../lib/format.js';
import { institutionName } from '../lib/labels.js';
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';
import { href, navigate } from '../lib/router.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';

interface AuditEntry {
  auditId: string;
  at: string;
  actorId: string;
  actorRoles: string[];
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: 'allowed' | 'denied';
  sourceIp?: string;
}

/** The months the audit log can be read for: this one and the 11 before ('YYYY-MM', UTC month as the log is kept). */
export function auditMonths(now: Date, n = 12): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 15));
  for (let i = 0; i < n; i++) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() - 1);
  }
  return out;
}

/** Entries whose action, subject, actor or outcome contains every word of the search (case-insensitive). */
export function searchAudit(items: readonly AuditEntry[], text: string): AuditEntry[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((e) => {
    const hay = `${e.action} ${e.subjectType} ${e.subjectId} ${e.actorId} ${e.actorRoles.join(' ')} ${e.outcome === 'denied' ? 'refuzat' : 'permis'}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function AuditPage({ query }: { query: URLSearchParams }) {
  const { api, can } = useApp();
  const months = auditMonths(new Date());
  const month = months.includes(query.get('luna') ?? '') ? query.get('luna')! : months[0]!;
  const [items, setItems] = useState<AuditEntry[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [institution, setInstitution] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [fileNote, setFileNote] = useState<{ ok: boolean; message: string } | undefined>();

  const load = async (after: string | null) => {
    setBusy(true);
    try {
      const qs = new URLSearchParams({ month, limit: '200', ...(after ? { cursor: after } : {}) });
      const r = await api.get<{ institution: string; items: AuditEntry[]; nextCursor: string | null }>(`/audit?${qs.toString()}`);
      setInstitution(r.institution);
      setItems((prev) => (after ? [...(prev ?? []), ...r.items] : r.items));
      setCursor(r.nextCursor);
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setItems(undefined);
    setFailure(undefined);
    void load(null);
  }, [month]);

  const shown = useMemo(() => searchAudit(items ?? [], text), [items, text]);
  const exportCsv = async () => {
    setFileNote(undefined);
    try {
      const f = await api.download(`/audit/export?month=${month}`);
      saveBlob(f.blob, f.filename);
      setFileNote({ ok: true, message: `Fișierul „${f.filename}” a fost descărcat.` });
    } catch (e) {
      setFileNote({ ok: false, message: (e as ApiError).message });
    }
  };

  if (failure?.status === 403) return <Denied message={failure.message} />;
  return (
    <Page title="Jurnalul de audit">
      <p class="lead">Cine a citit sau a modificat date{institution ? ` ale instituției ${institutionName(institution)}` : ''}, când și de unde. Consultarea jurnalului este și ea înregistrată.</p>
      <form class="filters" role="search" aria-label="Caută în jurnal" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="audit-luna">Luna</label>
          <select id="audit-luna" value={month} onChange={(e) => navigate(href('/audit', {}, { luna: (e.currentTarget as HTMLSelectElement).value }))}>
            {months.map((m) => <option key={m} value={m}>{formatMonth(m)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="audit-text">Caută (acțiune, caz, utilizator, refuzat)</label>
          <input id="audit-text" type="search" value={text} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
        </div>
        {can('audit.export') && (
          <button type="button" class="secondary" onClick={exportCsv}>Descarcă luna (CSV)</button>
        )}
      </form>
      {fileNote && <Banner kind={fileNote.ok ? 'success' : 'error'}>{fileNote.message}</Banner>}
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!items && !failure && <Loading what="jurnalul" />}
      {items && (
        <>
          <p class="summary" role="status">{shown.length === 1 ? 'O înregistrare' : countRo(shown.length, nouns.record)}{text ? ` ${shown.length === 1 ? 'găsită' : 'găsite'} din ${countRo(items.length, { one: 'încărcată', many: 'încărcate' })}` : ''}{cursor ? ' (mai sunt)' : ''}.</p>
          {shown.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Jurnalul de audit, {formatMonth(month)}</caption>
                <thead>
                  <tr><th scope="col">Când</th><th scope="col">Acțiunea</th><th scope="col">Subiectul</th><th scope="col">Utilizatorul</th><th scope="col">Rezultatul</th><th scope="col">De unde</th></tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.auditId}>
                      <td>{formatInstant(e.at)}</td>
                      <td>{e.action}</td>
                      <td>{e.subjectType === 'case' ? <a href={href('/cazuri/:caseId', { caseId: e.subjectId })}>caz {e.subjectId.slice(-6)}</a> : `${e.subjectType} ${e.subjectId}`}</td>
                      <td>{e.actorId.slice(0, 8)}… ({e.actorRoles.map((r) => roleLabels[r as Role] ?? r).join(', ')})</td>
                      <td>{e.outcome === 'denied' ? <strong>refuzat</strong> : 'permis'}</td>
                      <td>{e.sourceIp ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {cursor && (
            <p><button type="button" class="secondary" disabled={busy} onClick={() => load(cursor)}>{busy ? 'Se încarcă…' : 'Încarcă mai multe'}</button></p>
          )}
        </>
      )}
    </Page>
  );
}

interface Retention {
  asOf: string;
  policy: { closedCaseYears: number | null; closedCaseDays: number | null; notBefore: string };
  legalBasis: { value: unknown; source: string; confirmed: boolean; note?: string }[];
  institutions: { institution: string; closed: number; anonymised: number; dueNow: number; dueWithin30Days: number }[];
}

interface RetentionRun {
  at: string;
  closedCases: number;
  due: number;
  anonymised: number;
  failed: number;
  identityKeysErased: number;
  institutions: { institution: string; due: number; anonymised: number; failed: number }[];
}

/** „3 cazuri anonimizate (DAS 2, GAL 1)”, „niciun caz de anonimizat” — one run in words, counts only. */
export function runOutcome(r: Pick<RetentionRun, 'due' | 'anonymised' | 'failed' | 'institutions'>): string {
  if (r.due === 0) return 'niciun caz de anonimizat';
  const per = r.institutions.filter((i) => i.anonymised > 0).map((i) => `${institutionName(i.institution)} ${i.anonymised}`).join(', ');
  const done = r.anonymised === 0 ? 'niciun caz anonimizat' : `${countRo(r.anonymised, nouns.case, { words: true })} ${r.anonymised === 1 ? 'anonimizat' : 'anonimizate'}${per ? ` (${per})` : ''}`;
  return r.failed > 0 ? `${done}; ${countRo(r.failed, nouns.case, { words: true })} ${r.failed === 1 ? 'a eșuat' : 'au eșuat'} (se reîncearcă la rularea următoare)` : done;
}

/** The administrator's list of the daily anonymisation runs: when, what was anonymised and erased (counts only). */
function RetentionRuns() {
  const { api } = useApp();
  const [runs, setRuns] = useState<RetentionRun[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.get<{ items: RetentionRun[] }>('/retention/runs').then((r) => setRuns(r.items)).catch((e: ApiError) => setError(e.message));
  }, []);
  return (
    <section class="card" aria-labelledby="sec-runs" data-section="retention-runs">
      <h2 id="sec-runs">Rulările anonimizării</h2>
      {error && <Banner kind="error">{error}</Banner>}
      {!runs && !error && <Loading what="rulările" />}
      {runs && runs.length === 0 && <p class="empty">Anonimizarea nu a rulat încă.</p>}
      {runs && runs.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Rulările anonimizării, cele mai noi primele (doar numere, fără date personale)</caption>
            <thead>
              <tr><th scope="col">Rulată la</th><th scope="col">Cazuri închise verificate</th><th scope="col">Rezultatul</th><th scope="col">Chei de identificare șterse</th></tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.at}>
                  <th scope="row">{formatInstant(r.at)}</th>
                  <td>{r.closedCases}</td>
                  <td>{runOutcome(r)}</td>
                  <td>{r.identityKeysErased}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function RetentionPage() {
  const { api, can } = useApp();
  const [data, setData] = useState<Retention | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  useEffect(() => {
    api.get<Retention>('/retention').then(setData).catch((e: ApiError) => setFailure(e));
  }, []);
  if (failure?.denied) return <Denied message={failure.message} />;
  const p = data?.policy;
  return (
    <Page title="Păstrarea datelor">
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!data && !failure && <Loading what="starea păstrării" />}
      {data && p && (
        <>
          <section class="card" aria-labelledby="sec-term">
            <h2 id="sec-term">Termenul de păstrare</h2>
            <p>
              Cazurile închise se anonimizează după {p.closedCaseYears !== null ? countRo(p.closedCaseYears, nouns.year) : countRo(p.closedCaseDays ?? 0, nouns.day)} de la închidere, dar nu înainte de {formatDate(p.notBefore)}.
              Anonimizarea rulează zilnic, automat; rezultatul de mai jos este la {formatDate(data.asOf)}.
            </p>
            <h3>Temeiul legal</h3>
            <ul>
              {data.legalBasis.map((b, i) => (
                <li key={i}>{String(b.value)} — {b.source}{!b.confirmed && <span class="muted"> (neconfirmat)</span>}{b.note && <span class="muted"> · {b.note}</span>}</li>
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="sec-inst">
            <h2 id="sec-inst">Cazuri închise, pe instituții</h2>
            {data.institutions.length === 0 ? (
              <p class="empty">Niciun caz închis încă.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr><th scope="col">Instituția</th><th scope="col">Închise</th><th scope="col">Anonimizate</th><th scope="col">De anonimizat acum</th><th scope="col">În următoarele 30 de zile</th></tr>
                  </thead>
                  <tbody>
                    {data.institutions.map((r) => (
                      <tr key={r.institution}>
                        <th scope="row">{institutionName(r.institution)}</th>
                        <td>{r.closed}</td>
                        <td>{r.anonymised}</td>
                        <td>{r.dueNow}</td>
                        <td>{r.dueWithin30Days}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {can('retention.runs.read') && <RetentionRuns />}
        </>
      )}
    </Page>
  );
}

interface StaffMember { userId: string; displayName: string; institution: string; roles: string[] }

export function StaffPage() {
  const { api, me } = useApp();
  const [byRole, setByRole] = useState<{ role: Role; items: StaffMember[] }[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    Promise.all(roles.map((role) => api.get<{ items: StaffMember[] }>(`/staff?role=${role}`).then((r) => ({ role, items: r.items }))))
      .then(setByRole)
      .catch((e: ApiError) => setError(e.message));
  }, []);
  return (
    <Page title="Personal">
      <p class="lead">Personalul instituției {institutionName(me.institution)} și rolurile lui. Conturile și rolurile se administrează în furnizorul de identitate (Cognito); aici se văd așa cum le folosește Vatra.</p>
      {error && <Banner kind="error">{error}</Banner>}
      {!byRole && !error && <Loading what="personalul" />}
      {byRole && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Rolul</th><th scope="col">Persoane</th></tr>
            </thead>
            <tbody>
              {byRole.map((r) => (
                <tr key={r.role}>
                  <th scope="row">{roleLabels[r.role]}</th>
                  <td>{r.items.length === 0 ? <span class="muted">nimeni</span> : r.items.map((s) => s.displayName).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

interface OutboxItem { outboxId: string; kind: string; createdAt: string; status: string; attempts: number; lastError: string | null }

export function OutboxPage() {
  const { api } = useApp();
  const [items, setItems] = useState<OutboxItem[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.get<{ items: OutboxItem[] }>('/mail/outbox').then((r) => setItems(r.items)).catch((e: ApiError) => setError(e.message));
  }, []);
  return (
    <Page title="E-mailuri netrimise">
      <p class="lead">E-mailurile care nu au putut fi trimise încă (se reîncearcă automat) sau la care s-a renunțat după reîncercări. Conținutul lor nu se afișează.</p>
      {error && <Banner kind="error">{error}</Banner>}
      {!items && !error && <Loading what="e-mailurile" />}
      {items && items.length === 0 && <p class="empty">Toate e-mailurile au fost trimise.</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Creat la</th><th scope="col">Tipul</th><th scope="col">Starea</th><th scope="col">Încercări</th><th scope="col">Ultima eroare</th></tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.outboxId}>
                  <td>{formatInstant(i.createdAt)}</td>
                  <td>{i.kind}</td>
                  <td>{i.status === 'failed' ? <strong>eșuat</strong> : 'de reîncercat'}</td>
                  <td>{i.attempts}</td>
                  <td>{i.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
