/**
 * Closures of the centres and services (`#/inchideri`): a coordinator of the institution providing a service lists its
 * closures in a month (summer break, disinfection, a week closed), adds one with a reason and cancels one; the month's
 * closed days (public holidays and closures) are listed with why. Reached from the coordinator's menu and from the
 * month-close page. The API refuses a closure in a closed month or on days that already have register entries
 * (docs/decisions/014-one-calendar.md); its messages show next to the fields like every other form.
 */
import { useEffect, useState } from 'preact/hooks';
import { getService } from '../../../shared/services/catalogue.js';
import { closureInputSchema } from '../../../shared/services/model.js';
import { addMonthsToMonth } from '../../../shared/platform/calendar.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { bucharestDay, formatDate, formatInstant, formatMonth } from '../lib/format.js';
import { href, navigate } from '../lib/router.js';
import { newRequestId } from '../lib/uuid.js';
import { ActionForm } from '../ui/action-form.js';
import { TextArea, TextField } from '../ui/fields.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { dayLabel, myServices } from './attendance.js';

export interface ClosureItem {
  closureId: string;
  from: string;
  to: string;
  reason: string;
  createdByName: string;
  createdAt: string;
  closedOpenDays: number;
}

export interface ClosuresView {
  serviceId: string;
  month: string;
  version: number;
  items: ClosureItem[];
  closedDays: { date: string; kind: 'holiday' | 'closure'; reason: string }[];
  openDays: string[];
  canEdit: boolean;
}

/** The API path of a service's closures (GET with `?month=`, POST to add, `/{closureId}/cancel` to cancel). */
export const closuresPath = (serviceId: string) => `/services/${encodeURIComponent(serviceId)}/closures`;

/** A service's closures and closed days in a month (the attendance and sessions pages read them too). */
export function loadClosures(api: ReturnType<typeof useApp>['api'], serviceId: string, month: string): Promise<ClosuresView> {
  return api.get<ClosuresView>(`/services/${encodeURIComponent(serviceId)}/closures?month=${encodeURIComponent(month)}`);
}

/** Months offered: two back, this one and the next twelve ('YYYY-MM', in order). */
export function closureMonthsAround(thisMonth: string): string[] {
  return Array.from({ length: 15 }, (_, i) => addMonthsToMonth(thisMonth, i - 2));
}

/** '20.07.2026 – 14.08.2026' (one day: '03.08.2026'). */
export const spanLabel = (from: string, to: string): string => (from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`);

const closedLabel = { holiday: 'sărbătoare legală', closure: 'închidere' } as const;

export function ClosuresPage({ query }: { query: URLSearchParams }) {
  const { api, me } = useApp();
  const today = bucharestDay(new Date());
  const thisMonth = today.slice(0, 7);
  const services = myServices(me).map((id) => getService(id)!).filter(Boolean);
  const months = closureMonthsAround(thisMonth);
  const serviceId = services.some((s) => s.id === query.get('serviciu')) ? query.get('serviciu')! : services[0]?.id ?? '';
  const month = months.includes(query.get('luna') ?? '') ? query.get('luna')! : thisMonth;
  const service = getService(serviceId);
  const [view, setView] = useState<ClosuresView | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState<string | undefined>();

  useEffect(() => {
    if (!serviceId) return;
    let alive = true;
    setView(undefined);
    setFailure(undefined);
    loadClosures(api, serviceId, month).then((v) => alive && setView(v)).catch((e: ApiError) => alive && setFailure(e));
    return () => {
      alive = false;
    };
  }, [serviceId, month, tick]);

  const go = (next: { serviciu?: string; luna?: string }) => navigate(href('/inchideri', {}, { serviciu: next.serviciu ?? serviceId, luna: next.luna ?? month }));

  const cancel = async (c: ClosureItem) => {
    if (!window.confirm(`Anulați închiderea ${spanLabel(c.from, c.to)} (${c.reason})? Zilele redevin zile de program.`)) return;
    setBusy(c.closureId);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.post(`/services/${encodeURIComponent(serviceId)}/closures/${encodeURIComponent(c.closureId)}/cancel`, {});
      setNotice(`Închiderea ${spanLabel(c.from, c.to)} a fost anulată.`);
      setTick((t) => t + 1);
    } catch (e) {
      setProblem((e as ApiError).message);
    } finally {
      setBusy(undefined);
    }
  };

  if (failure?.status === 403) return <Denied message={failure.message} />;
  return (
    <Page title="Închiderile centrelor">
      {services.length === 0 ? (
        <p class="empty">Instituția dumneavoastră nu oferă niciun serviciu din catalog.</p>
      ) : (
        <form class="filters" aria-label="Alegeți serviciul și luna" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="inchideri-serviciu">Serviciul</label>
            <select id="inchideri-serviciu" value={serviceId} onChange={(e) => go({ serviciu: (e.currentTarget as HTMLSelectElement).value })}>
              {services.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="inchideri-luna">Luna</label>
            <select id="inchideri-luna" value={month} onChange={(e) => go({ luna: (e.currentTarget as HTMLSelectElement).value })}>
              {months.map((m) => (
                <option key={m} value={m}>{formatMonth(m)}</option>
              ))}
            </select>
          </div>
        </form>
      )}
      {notice && <Banner kind="success">{notice}</Banner>}
      {problem && <Banner kind="error">{problem}</Banner>}
      {failure && failure.status !== 403 && <Banner kind="error">{failure.message}</Banner>}
      {serviceId && !view && !failure && <Loading what="închiderile" />}
      {view && service && (
        <>
          <section class="card" aria-labelledby="sec-inchideri">
            <h2 id="sec-inchideri">Închideri {service.shortName} în {formatMonth(month)}</h2>
            {view.items.length === 0 ? (
              <p class="empty">Nicio închidere în această lună.</p>
            ) : (
              <div class="table-wrap"><table>
                <caption class="visually-hidden">Închiderile {service.shortName} care ating luna {formatMonth(month)}</caption>
                <thead>
                  <tr><th scope="col">Perioada</th><th scope="col">Zile de program închise</th><th scope="col">Motivul</th><th scope="col">Introdusă de</th>{view.canEdit && <th scope="col">Acțiuni</th>}</tr>
                </thead>
                <tbody>
                  {view.items.map((c) => (
                    <tr key={c.closureId}>
                      <th scope="row">{spanLabel(c.from, c.to)}</th>
                      <td>{c.closedOpenDays}</td>
                      <td>{c.reason}</td>
                      <td>{c.createdByName}, {formatInstant(c.createdAt)}</td>
                      {view.canEdit && (
                        <td>
                          <button type="button" class="secondary" disabled={busy === c.closureId} aria-label={`Anulează închiderea ${spanLabel(c.from, c.to)}`} onClick={() => void cancel(c)}>
                            {busy === c.closureId ? 'Se anulează…' : 'Anulează'}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table></div>
            )}
            <p class="muted">
              {view.openDays.length} zile de program în {formatMonth(month)}. Zilele închise nu apar în foaia de prezență, nu se socotesc absențe și nici
              zile în care copilul trebuia să participe (subvenție).
            </p>
          </section>
          <section class="card" aria-labelledby="sec-zile-inchise">
            <h2 id="sec-zile-inchise">Zile fără program în {formatMonth(month)}</h2>
            {view.closedDays.length === 0 ? (
              <p class="empty">Nicio sărbătoare legală și nicio închidere în zilele de program ale lunii.</p>
            ) : (
              <ul class="closed-days">
                {view.closedDays.map((d) => (
                  <li key={d.date}>{dayLabel(d.date)} — {closedLabel[d.kind]}: {d.reason}</li>
                ))}
              </ul>
            )}
          </section>
          {view.canEdit && (
            <section class="card" aria-labelledby="sec-adauga">
              <h2 id="sec-adauga">Adaugă o închidere</h2>
              <ActionForm
                key={requestId}
                name="inchidere"
                title="Adaugă o închidere"
                initial={{ from: '', to: '', reason: '' }}
                schema={closureInputSchema}
                prepare={(v) => ({ ...v, clientRequestId: requestId })}
                submitLabel="Adaugă închiderea"
                busyLabel="Se salvează…"
                send={(data) => api.post<{ closure: ClosureItem }>(closuresPath(serviceId), data)}
                onDone={(r) => {
                  setNotice(`Închiderea ${spanLabel(r.closure.from, r.closure.to)} a fost adăugată.`);
                  setRequestId(newRequestId());
                  const m = r.closure.from.slice(0, 7);
                  if (m !== month && months.includes(m)) go({ luna: m });
                  else setTick((t) => t + 1);
                }}
                reload={() => setTick((t) => t + 1)}
              >
                <TextField path="inchidere.from" type="date" label="Prima zi închisă" width="medium" />
                <TextField path="inchidere.to" type="date" label="Ultima zi închisă" width="medium" hint="Pentru o singură zi, aceeași dată." />
                <TextArea path="inchidere.reason" label="Motivul" rows={2} maxLength={300} hint="De exemplu: vacanța de vară, dezinfecție, lucrări. Fără date personale." />
              </ActionForm>
              <p class="muted">
                O închidere nu se poate adăuga într-o lună închisă pentru registre și nici peste zile cu prezențe sau ședințe deja înregistrate (corectați-le întâi).
              </p>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
