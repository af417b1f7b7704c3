/**
 * Month close for registers: choose a month, see whether it is closed (by whom, when) and the incomplete registers per
 * centre and group (unmarked expected days: closures and public holidays are never such days), close it with a reason
 * (coordinator of the lead institution) — refused while registers are incomplete unless the coordinator accepts
 * holding those children back — read the corrections entered after the close, the centre closures and the budget.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { bucharestDay, formatDate, formatInstant, formatMonth } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';
import { Banner, Loading, Page } from '../ui/page.js';
import { BudgetBar } from './subsidy-runs.js';
import type { BudgetView } from '../../../shared/subsidies/aggregate.js';
import { leadInstitution } from '../../../shared/project/institutions.js';
import { countRo, nouns, type Noun } from '../../../shared/platform/i18n/plural.js';

interface MonthView {
  month: string;
  close: { closedAt: string; closedByName: string } | null;
  incomplete: { serviceId: string; serviceName: string; groupId: string; groupName: string; children: number; unrecordedDays: number; caseNumbers: string[] }[];
}

const unmarkedDay: Noun = { one: 'zi nemarcată', many: 'zile nemarcate' };
const group: Noun = { one: 'grupă', many: 'grupe', single: 'o grupă' };

/** „2 grupe, 3 copii, 25 de zile nemarcate” — what the incomplete registers add up to. */
export function incompleteSummary(rows: readonly { children: number; unrecordedDays: number }[]): string {
  const children = rows.reduce((n, r) => n + r.children, 0);
  const days = rows.reduce((n, r) => n + r.unrecordedDays, 0);
  return `${countRo(rows.length, group, { words: true })}, ${countRo(children, nouns.child)}, ${countRo(days, unmarkedDay)}`;
}
interface Correction {
  correctionId: string;
  kind: string;
  caseId: string;
  serviceId: string;
  date?: string;
  reason: string;
  author: { displayName: string };
  at: string;
}

const kindLabels: Record<string, string> = { attendance: 'Prezență', session: 'Ședință', enrolment: 'Înscriere' };

/** The last `n` finished months, newest first ('YYYY-MM'), before the month of `today` ('YYYY-MM-DD'). */
export function finishedMonths(today: string, n = 12): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

const todayBucharest = () => bucharestDay(new Date());

export function MonthsPage({ query }: { query: URLSearchParams }) {
  const { api, can, me, hasRole } = useApp();
  // the lead institution's coordinator or the project manager closes a month (the API refuses the others)
  const closes = can('month.close') && (hasRole('project_manager') || me.institution === leadInstitution().id);
  const months = finishedMonths(todayBucharest());
  const month = months.includes(query.get('luna') ?? '') ? query.get('luna')! : months[0]!;
  const [view, setView] = useState<MonthView | undefined>();
  const [corrections, setCorrections] = useState<Correction[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const [reason, setReason] = useState('');
  const [acceptIncomplete, setAcceptIncomplete] = useState(false);

  useEffect(() => {
    let alive = true;
    setView(undefined);
    setCorrections(undefined);
    setError(undefined);
    const m = encodeURIComponent(month);
    Promise.all([api.get<MonthView>(`/months/${m}`), api.get<{ items: Correction[] }>(`/months/${m}/corrections`)])
      .then(([v, c]) => {
        if (!alive) return;
        setView(v);
        setCorrections(c.items);
      })
      .catch((e: ApiError) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [month, tick]);

  const close = async () => {
    setBusy(true);
    setNotice(undefined);
    setError(undefined);
    try {
      const r = await api.post<{ created: boolean; summaries: number }>(`/months/${encodeURIComponent(month)}/close`, { reason, ...(acceptIncomplete ? { acceptIncomplete: true } : {}) });
      setNotice(`Luna ${formatMonth(month)} a fost închisă (${r.summaries} rezumate de participare actualizate).`);
      setReason('');
      setAcceptIncomplete(false);
      setTick((t) => t + 1);
    } catch (e) {
      setError((e as ApiError).message);
      // a refusal may come from registers changed meanwhile: show the list as it is now
      if ((e as ApiError).code === 'REGISTERS_INCOMPLETE') api.get<MonthView>(`/months/${encodeURIComponent(month)}`).then(setView).catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Închiderea lunii">
      <form
        class="filters"
        aria-label="Alegeți luna"
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="field">
          <label for="luna">Luna</label>
          <select id="luna" value={month} onChange={(e) => navigate(href('/luni', {}, { luna: (e.currentTarget as HTMLSelectElement).value }))}>
            {months.map((m) => (
              <option key={m} value={m}>{formatMonth(m)}</option>
            ))}
          </select>
        </div>
      </form>
      {notice && <Banner kind="success">{notice}</Banner>}
      {error && <Banner kind="error">{error}</Banner>}
      {!view && !error && <Loading what="luna" />}
      {view && (
        <section class="card" aria-labelledby="sec-close">
          <h2 id="sec-close">Starea lunii {formatMonth(month)}</h2>
          {view.close ? (
            <p>
              <span class="badge badge-approved">închisă</span> la {formatInstant(view.close.closedAt)} de {view.close.closedByName}. Modificările registrelor din această lună sunt
              corecturi, decontate la următoarea rulare a subvenției.
            </p>
          ) : (
            <p>
              <span class="badge badge-submitted">deschisă</span> Registrele se pot completa și corecta fără motiv până la închidere.
            </p>
          )}
          <h3>Registre incomplete</h3>
          {view.incomplete.length === 0 ? (
            <p class="empty">Toate zilele de program ale copiilor înscriși în centre sunt marcate (zilele de închidere și sărbătorile legale nu se marchează).</p>
          ) : (
            <>
              <p data-slot="incomplete-summary">
                Zile de program nemarcate: {incompleteSummary(view.incomplete)}. Luna acestor copii nu se evaluează pentru subvenție până când zilele sunt marcate
                (prezent, absent sau absență motivată).
              </p>
              <div class="table-wrap"><table>
                <caption class="visually-hidden">Grupele cu zile nemarcate în {formatMonth(month)}</caption>
                <thead>
                  <tr><th scope="col">Centrul</th><th scope="col">Grupa</th><th scope="col">Copii</th><th scope="col">Zile nemarcate</th><th scope="col">Dosare</th></tr>
                </thead>
                <tbody>
                  {view.incomplete.map((r) => (
                    <tr key={`${r.serviceId}#${r.groupId}`}>
                      <th scope="row">{r.serviceName}</th>
                      <td><a href={href('/prezenta', {}, { serviciu: r.serviceId, grupa: r.groupId })}>{r.groupName}</a></td>
                      <td>{countRo(r.children, nouns.child)}</td>
                      <td>{countRo(r.unrecordedDays, unmarkedDay)}</td>
                      <td>{r.caseNumbers.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table></div>
            </>
          )}
          {!view.close && closes && (
            <p>
              <label for="close-reason">Motivul închiderii (cel puțin 10 caractere)</label>
              <textarea id="close-reason" rows={2} maxLength={500} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
              <button type="button" onClick={close} disabled={busy || reason.trim().length < 10}>
                {busy ? 'Se închide…' : `Închide luna ${formatMonth(month)}`}
              </button>
              {view.incomplete.length > 0 && (
                <label class="checkbox">
                  <input type="checkbox" checked={acceptIncomplete} onChange={(e) => setAcceptIncomplete((e.currentTarget as HTMLInputElement).checked)} />
                  {' '}Închid luna cu registrele incomplete: copiii de mai sus rămân neevaluați; zilele marcate după închidere devin corecturi.
                </label>
              )}
            </p>
          )}
        </section>
      )}
      {corrections && (
        <section class="card" aria-labelledby="sec-corrections">
          <h2 id="sec-corrections">Corecturi după închidere, nedecontate</h2>
          {corrections.length === 0 ? (
            <p class="empty">Nicio corectură în așteptare pentru această lună.</p>
          ) : (
            <div class="table-wrap"><table>
              <thead>
                <tr><th scope="col">Când</th><th scope="col">Ce</th><th scope="col">Ziua</th><th scope="col">Cazul</th><th scope="col">Motivul</th><th scope="col">Cine</th></tr>
              </thead>
              <tbody>
                {corrections.map((c) => (
                  <tr key={c.correctionId}>
                    <td>{formatInstant(c.at)}</td>
                    <td>{kindLabels[c.kind] ?? c.kind}</td>
                    <td>{c.date ? formatDate(c.date) : '—'}</td>
                    <td><a href={href('/cazuri/:caseId', { caseId: c.caseId })}>deschide cazul</a></td>
                    <td>{c.reason}</td>
                    <td>{c.author.displayName}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
          <p class="muted">Corecturile se introduc din foaia de prezență sau din ședințele serviciului, cu motiv; aici se văd până le decontează o rulare.</p>
        </section>
      )}
      <section class="card" aria-labelledby="sec-closures" data-slot="centre-closures">
        <h2 id="sec-closures">Închiderile centrelor</h2>
        <p class="muted">
          Zilele în care un centru este închis (vacanță, dezinfecție) nu sunt zile de program: nu apar în foaia de prezență și nu se socotesc în
          zilele așteptate ale lunii. Se stabilesc înainte de închiderea lunii; după aceea nu se mai pot schimba.
        </p>
        {can('service.closure.write') ? (
          <p><a href={href('/inchideri', {}, { luna: month })}>Închiderile centrelor în {formatMonth(month)}</a></p>
        ) : (
          <p class="muted">Închiderile se introduc de coordonatorul instituției care oferă serviciul.</p>
        )}
      </section>
      {can('subsidy.run.read') && <BudgetSection />}
    </Page>
  );
}

/** The subsidy budget (lead institution and project manager): paid, committed, remaining, warnings at 80/90/100%. */
function BudgetSection() {
  const { api } = useApp();
  const [budget, setBudget] = useState<BudgetView | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    api.get<{ budget: BudgetView }>('/subsidies/budget').then((r) => setBudget(r.budget)).catch((e: ApiError) => setError(e));
  }, []);
  if (error?.denied) return null; // only the lead institution manages the runs
  if (error) return <Banner kind="error">{error.message}</Banner>;
  if (!budget) return <Loading what="bugetul" />;
  return <BudgetBar budget={budget} id="buget-luna" />;
}
