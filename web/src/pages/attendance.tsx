/**
 * Attendance sheet of a day-centre group: choose centre → group → open day (`#/prezenta`), then every child enrolled
 * that day on one screen (`#/prezenta/<serviceId>/<groupId>/<date>`), present / absent / excused (with the reason from
 * the shared list), saved in ONE request with the sheet's version (409 when someone else saved meanwhile). After the
 * month is closed a change is a correction and needs a reason (the API's `correctionReason`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getService, serviceCatalogue, type Service } from '../../../shared/services/catalogue.js';
import { attendanceMarkSchema, attendanceStatuses, attendanceStatusLabels, excuseReasonLabels, type AttendanceMark, type AttendanceStatus } from '../../../shared/services/model.js';
import type { SheetRow as SheetRowData, SheetView } from '../../../shared/services/attendance.js';
import { useApp, type Me } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { addDays, bucharestDay, formatDate, formatInstant, formatMonth } from '../lib/format.js';
import { isIsoDate, isoWeekday, monthRange, weekdayNameRo } from '../../../shared/platform/calendar.js';
import { fieldId, serverErrors, type Errors } from '../lib/form.js';
import { options } from '../lib/labels.js';
import { href, navigate } from '../lib/router.js';
import { Buttons, ErrorSummary, FieldError, FormContext, SelectField, TextArea, TextField, focusFirstError, useForm, type FormState } from '../ui/fields.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { countRo, partOf } from '../../../shared/platform/i18n/plural.js';

// ── pure helpers (unit-tested in participation.test.ts) ─────────────────────────────────────────────────────────

/** Minimum length of a correction reason (shared/services/config.ts registerPolicy.reasonMinLength). */
export const REASON_MIN = 5;

const shift = (date: string, n: number) => addDays(date, n);
export const isOpenDay = (daysOpen: readonly number[], date: string): boolean => daysOpen.includes(isoWeekday(date));

/** The open days from `from` to `to` (inclusive), most recent first. */
export function openDaysBetween(daysOpen: readonly number[], from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = to; d >= from; d = shift(d, -1)) if (isOpenDay(daysOpen, d)) out.push(d);
  return out;
}

/**
 * The open day nearest before `date`, or after it (never after `today`); undefined when there is none within two weeks.
 * Days in `closed` (public holidays and closures, from the service's closures) are skipped.
 */
export function neighbourOpenDay(daysOpen: readonly number[], date: string, step: 1 | -1, today: string, closed?: ReadonlyMap<string, string>): string | undefined {
  for (let i = 1, d = shift(date, step); i <= 14; i++, d = shift(d, step)) {
    if (d > today) return undefined;
    if (isOpenDay(daysOpen, d) && !closed?.has(d)) return d;
  }
  return undefined;
}

/** The most recent open day on or before `today`. */
export const lastOpenDayOn = (daysOpen: readonly number[], today: string): string | undefined =>
  isOpenDay(daysOpen, today) ? today : neighbourOpenDay(daysOpen, today, -1, today);

/** '2026-12-04' → 'vineri, 04.12.2026'. */
export const dayLabel = (date: string): string => `${weekdayNameRo(date)}, ${formatDate(date)}`;

/** First day of the month before `today`'s month: how far back the day lists go (late entries and corrections). */
export function previousMonthStart(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** The services whose registers this user keeps: staff — the services they work in; coordinators — their institution's. */
export function myServices(me: Pick<Me, 'roles' | 'services' | 'institution'>, list: readonly Pick<Service, 'id' | 'providers'>[] = serviceCatalogue): string[] {
  const roles = me.roles.map((r) => r.id);
  const staff = roles.includes('centre_staff') || roles.includes('intervention_staff');
  const coordinator = roles.includes('coordinator');
  return list.filter((s) => (staff && me.services.includes(s.id)) || (coordinator && (s.providers as readonly string[]).includes(me.institution))).map((s) => s.id);
}

export type StatusChoice = '' | AttendanceStatus;
export interface MarkForm {
  status: StatusChoice;
  excuseReason: string;
  note: string;
}
export interface SheetForm {
  marks: { caseId: string; mark: MarkForm }[];
  correctionReason: string;
}

/** The form state of a sheet as the API returns it (an unmarked child: no status chosen). */
export function formFromSheet(rows: readonly { caseId: string; mark: AttendanceMark | null }[]): SheetForm {
  return {
    marks: rows.map((r) => ({
      caseId: r.caseId,
      mark: { status: r.mark?.status ?? '', excuseReason: r.mark?.status === 'excused' ? r.mark.excuseReason : '', note: r.mark?.note ?? '' },
    })),
    correctionReason: '',
  };
}

/** One row of the form as the API's mark (null = not marked). The reason goes only with an excused absence. */
export function markFromForm(m: MarkForm): AttendanceMark | null {
  if (!m.status) return null;
  const note = m.note.trim() ? m.note.trim() : undefined;
  if (m.status === 'excused') return { status: 'excused', excuseReason: m.excuseReason as 'medical', ...(note ? { note } : {}) };
  return { status: m.status, ...(note ? { note } : {}) };
}

const sameMark = (a: AttendanceMark | null, b: AttendanceMark | null) =>
  (a?.status ?? null) === (b?.status ?? null) &&
  (a?.note?.trim() || undefined) === (b?.note?.trim() || undefined) &&
  (a?.status === 'excused' ? a.excuseReason : undefined) === (b?.status === 'excused' ? b.excuseReason : undefined);

/** How many rows differ from the sheet as saved. */
export function changedRows(saved: readonly { caseId: string; mark: AttendanceMark | null }[], form: SheetForm): number {
  const byCase = new Map(saved.map((r) => [r.caseId, r.mark]));
  return form.marks.filter((r) => !sameMark(byCase.get(r.caseId) ?? null, markFromForm(r.mark))).length;
}

/**
 * After a 409 the sheet is read again and compared with the copy this page loaded: the children whose mark someone else
 * changed (or who joined / left the sheet meanwhile), by the sheet's own label, in the sheet's order.
 */
export function sheetConflicts(loaded: readonly SheetRowData[], now: readonly SheetRowData[]): string[] {
  const before = new Map(loaded.map((r) => [r.caseId, r]));
  const after = new Map(now.map((r) => [r.caseId, r]));
  const out: string[] = [];
  for (const r of now) {
    const old = before.get(r.caseId);
    if (!old || !sameMark(old.mark, r.mark)) out.push(r.child);
  }
  for (const r of loaded) if (!after.has(r.caseId)) out.push(r.child);
  return out;
}

/** A sentence's closing full stop, not doubled after a name shown with its initial ("Ana P."). */
export const endSentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);

/** Every child marked present (rows already present keep their note). */
export function allPresent(form: SheetForm): SheetForm {
  return { ...form, marks: form.marks.map((r) => (r.mark.status === 'present' ? r : { ...r, mark: { status: 'present', excuseReason: '', note: '' } })) };
}

/** The PUT body: every row of the sheet, the version read, and the correction reason when the month is closed. */
export function sheetBody(form: SheetForm, version: number, monthClosed: boolean) {
  const reason = form.correctionReason.trim();
  return { version, marks: form.marks.map((r) => ({ caseId: r.caseId, mark: markFromForm(r.mark) })), ...(monthClosed && reason ? { correctionReason: reason } : {}) };
}

/** Client-side check with the shared mark schema (same messages and paths as the API's 422). */
export function sheetErrors(form: SheetForm, monthClosed: boolean, changed: number): Errors {
  const out: Errors = {};
  form.marks.forEach((r, i) => {
    const m = markFromForm(r.mark);
    if (!m) return;
    const parsed = attendanceMarkSchema.safeParse(m);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      const path = [`marks.${i}.mark`, ...issue.path.map(String)].join('.');
      if (!(path in out)) out[path] = issue.message;
    }
  });
  if (monthClosed && changed > 0 && form.correctionReason.trim().length < REASON_MIN) {
    out.correctionReason = `Luna este închisă: scrieți motivul corecturii (minimum ${REASON_MIN} caractere).`;
  }
  return out;
}

/** A service's closed days from GET /services/{id}/closures (public holidays and closures, with why). */
export interface ClosedDaysView {
  closedDays: { date: string; kind: 'holiday' | 'closure'; reason: string }[];
}

/** date → 'sărbătoare legală: Crăciunul' / 'închis: Dezinfecție', for the days from `from` to `to` (inclusive). */
export function closedDayLabels(views: readonly ClosedDaysView[], from: string, to: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of views) {
    for (const d of v.closedDays) if (d.date >= from && d.date <= to) out.set(d.date, `${d.kind === 'holiday' ? 'sărbătoare legală' : 'închis'}: ${d.reason}`);
  }
  return new Map([...out].sort(([a], [b]) => b.localeCompare(a)));
}

/**
 * The closed days of a service from `from` to `to` (one request per month, at most three), read again when the
 * service or the range changes. Empty while loading or when the service's closures cannot be read: the API still
 * refuses a closed day.
 */
export function useClosedDays(serviceId: string, from: string, to: string): Map<string, string> {
  const { api } = useApp();
  const [closed, setClosed] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (!serviceId || !isIsoDate(from) || !isIsoDate(to) || from > to) return;
    let alive = true;
    const months = monthRange(from.slice(0, 7), to.slice(0, 7)).slice(0, 3);
    Promise.all(months.map((m) => api.get<ClosedDaysView>(`/services/${encodeURIComponent(serviceId)}/closures?month=${m}`)))
      .then((views) => alive && setClosed(closedDayLabels(views, from, to)))
      .catch(() => alive && setClosed(new Map()));
    return () => {
      alive = false;
    };
  }, [serviceId, from, to]);
  return closed;
}

/** The closed days of the list, each with why (the day chooser offers only the open ones). */
export function ClosedDaysNote({ closed, id }: { closed: ReadonlyMap<string, string>; id: string }) {
  if (closed.size === 0) return null;
  return (
    <div class="closed-days muted" id={id}>
      <p>Zile fără program (nu se oferă):</p>
      <ul>
        {[...closed].map(([d, why]) => (
          <li key={d}>{dayLabel(d)} — {why}</li>
        ))}
      </ul>
    </div>
  );
}

// ── choosing the sheet ──────────────────────────────────────────────────────────────────────────────────────────

const sheetHref = (serviceId: string, groupId: string, date: string) => href('/prezenta/:serviceId/:groupId/:date', { serviceId, groupId, date });

export function AttendanceChooserPage({ query }: { query: URLSearchParams }) {
  const { me } = useApp();
  const today = bucharestDay(new Date());
  const centres = myServices(me).map((id) => getService(id)!).filter((s) => s.type === 'day_centre');
  const pick = (s: string | null, list: string[]) => (s && list.includes(s) ? s : list[0] ?? '');
  // preselected from the address (the sheet's "Altă grupă sau zi" link), else the first centre and its last open day
  const form = useForm(() => {
    const serviceId = pick(query.get('serviciu'), centres.map((c) => c.id));
    const s = getService(serviceId);
    const days = s ? openDaysBetween(s.schedule.daysOpen, previousMonthStart(today), today) : [];
    return { serviceId, groupId: pick(query.get('grupa'), s?.groups.map((g) => g.id) ?? []), date: pick(query.get('ziua'), days) };
  });
  const ref = useRef<HTMLFormElement>(null);
  const service = getService(form.values.serviceId);
  // public holidays and the centre's closures are not offered; they are listed with why under the chooser
  const closed = useClosedDays(form.values.serviceId, previousMonthStart(today), today);
  const days = service ? openDaysBetween(service.schedule.daysOpen, previousMonthStart(today), today).filter((d) => !closed.has(d)) : [];
  // a day chosen before the closed days were read (today a holiday, say) moves to the most recent open one
  useEffect(() => {
    if (form.values.date && closed.has(form.values.date)) form.set('date', days[0] ?? '');
  }, [closed]);

  const submit = (e: Event) => {
    e.preventDefault();
    const errors: Errors = {};
    if (!form.values.serviceId) errors.serviceId = 'Alegeți centrul.';
    if (!form.values.groupId) errors.groupId = 'Alegeți grupa.';
    if (!form.values.date) errors.date = 'Alegeți ziua.';
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      focusFirstError(ref.current);
      return;
    }
    navigate(sheetHref(form.values.serviceId, form.values.groupId, form.values.date));
  };

  return (
    <Page title="Prezență">
      {centres.length === 0 ? (
        <p class="empty">Nu țineți foaia de prezență la niciun centru de zi.</p>
      ) : (
        <FormContext.Provider value={form as FormState<unknown>}>
          <form ref={ref} noValidate onSubmit={submit} class="filters sheet-chooser" aria-label="Alegeți foaia de prezență">
            <SelectField
              path="serviceId"
              label="Centrul de zi"
              options={centres.map((c) => ({ value: c.id, label: c.name }))}
              onChange={(v) => {
                const s = getService(v);
                form.set('groupId', s?.groups[0]?.id ?? '');
                form.set('date', s ? lastOpenDayOn(s.schedule.daysOpen, today) ?? '' : '');
              }}
            />
            <SelectField path="groupId" label="Grupa" options={(service?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))} />
            <SelectField path="date" label="Ziua" hint="Doar zilele în care centrul are program" options={days.map((d) => ({ value: d, label: dayLabel(d) }))} />
            <button type="submit">Deschide foaia</button>
          </form>
          <ClosedDaysNote closed={closed} id="zile-fara-program" />
        </FormContext.Provider>
      )}
    </Page>
  );
}

// ── the sheet ───────────────────────────────────────────────────────────────────────────────────────────────────

type Loaded = SheetView & { changed?: number };

export function AttendanceSheetPage({ serviceId, groupId, date }: { serviceId: string; groupId: string; date: string }) {
  const { api, can } = useApp();
  const service = getService(serviceId);
  const group = service?.groups.find((g) => g.id === groupId);
  const today = bucharestDay(new Date());
  const [sheet, setSheet] = useState<Loaded | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [problem, setProblem] = useState<{ title: string; message: string; reload?: boolean; changed?: string[] } | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const form = useForm<SheetForm>({ marks: [], correctionReason: '' });
  const ref = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const path = `/services/${encodeURIComponent(serviceId)}/groups/${encodeURIComponent(groupId)}/attendance/${encodeURIComponent(date)}`;
  const writable = can('attendance.write');
  // "previous / next day" skip public holidays and the centre's closures (a closed day has no sheet)
  const dayShape = isIsoDate(date);
  const closed = useClosedDays(serviceId, dayShape ? addDays(date, -14) : today, dayShape && addDays(date, 14) < today ? addDays(date, 14) : today);

  useEffect(() => {
    let alive = true;
    setSheet(undefined);
    setFailure(undefined);
    setProblem(undefined);
    form.setErrors({});
    api
      .get<SheetView>(path)
      .then((s) => {
        if (!alive) return;
        setSheet(s);
        form.setValues(formFromSheet(s.rows));
      })
      .catch((e: ApiError) => alive && setFailure(e));
    return () => {
      alive = false;
    };
  }, [path, reloads]);

  if (failure?.status === 403) return <Denied message={failure.message} />;
  const validDate = dayShape;
  const where = `${service?.shortName ?? serviceId}, ${group?.name ?? groupId}`;
  const title = 'Foaia de prezență';
  const daysOpen = service?.schedule.daysOpen ?? [1, 2, 3, 4, 5];
  const prev = validDate ? neighbourOpenDay(daysOpen, date, -1, today, closed) : undefined;
  const next = validDate ? neighbourOpenDay(daysOpen, date, 1, today, closed) : undefined;
  const changed = sheet ? changedRows(sheet.rows, form.values) : 0;
  const marked = form.values.marks.filter((r) => r.mark.status).length;

  // leaving the sheet with unsaved marks asks first (the marks live only in this page)
  const leave = (e: Event) => {
    if ((e.target as HTMLElement).closest('a') && changed > 0 && !window.confirm('Foaia are modificări nesalvate. Plecați fără să le salvați?')) e.preventDefault();
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!sheet || busy) return;
    setProblem(undefined);
    setSaved(undefined);
    const errors = sheetErrors(form.values, sheet.monthClosed, changed);
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      focusFirstError(ref.current);
      return;
    }
    setBusy(true);
    try {
      const r = await api.put<Loaded>(path, sheetBody(form.values, sheet.version, sheet.monthClosed));
      setSheet(r);
      form.setValues(formFromSheet(r.rows));
      form.setErrors({});
      setSaved(r.changed === 0 ? 'Nu era nimic de salvat: foaia era deja la zi.' : `Foaia a fost salvată (${countRo(r.changed ?? 0, { one: 'rând modificat', many: 'rânduri modificate', single: 'un rând modificat' }, { words: true })}).`);
    } catch (err) {
      const ae = err as ApiError;
      if (ae.status === 409) {
        // name the rows someone else changed (read again; the marks typed here stay until "Reîncarcă")
        const rows = await api.get<SheetView>(path).then((s) => sheetConflicts(sheet.rows, s.rows), () => []);
        setProblem({ title: 'Foaia nu a fost salvată', message: ae.message, reload: true, changed: rows });
      } else if (ae.status === 422) {
        form.setErrors(serverErrors(ae.fields));
        setProblem({ title: 'Foaia nu a fost salvată', message: ae.message });
        if (ae.fields.length) focusFirstError(ref.current);
      } else {
        setProblem({ title: 'Foaia nu a fost salvată', message: ae.message });
      }
      if (ae.status !== 422 || !ae.fields.length) requestAnimationFrame(() => problemRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={title}>
      <section class="case-header sheet-head" aria-label="Foaia aleasă">
        <dl class="facts facts-inline">
          <dt>Centrul</dt>
          <dd>{service?.name ?? serviceId}</dd>
          <dt>Grupa</dt>
          <dd>{group?.name ?? groupId}</dd>
          <dt>Ziua</dt>
          <dd>{validDate ? dayLabel(date) : date}</dd>
        </dl>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: catches the click of the links inside (a keyboard's Enter on a link is a click too) */}
        <nav class="sheet-nav" aria-label="Alte zile" onClick={leave}>
          {prev && <a href={sheetHref(serviceId, groupId, prev)}>← Ziua precedentă ({formatDate(prev)})</a>}
          {next && <a href={sheetHref(serviceId, groupId, next)}>Ziua următoare ({formatDate(next)}) →</a>}
          <a href={href('/prezenta', {}, { serviciu: serviceId, grupa: groupId, ziua: date })}>Altă grupă sau zi</a>
        </nav>
      </section>

      {failure && (
        <Banner kind="error" title="Foaia nu poate fi deschisă">
          <p>{failure.message}</p>
        </Banner>
      )}
      {!sheet && !failure && <Loading what="foaia de prezență" />}
      {saved && <Banner kind="success">{saved}</Banner>}
      {problem && (
        <div class="banner banner-error" role="alert" tabIndex={-1} ref={problemRef}>
          <p class="banner-title">{problem.title}</p>
          <p>{problem.message}</p>
          {problem.changed && problem.changed.length > 0 && (
            <p>
              {problem.changed.length === 1 ? 'Rândul schimbat între timp: ' : `${countRo(problem.changed.length, { one: 'rând schimbat', many: 'rânduri schimbate' })} între timp: `}
              {endSentence(problem.changed.join(', '))}
            </p>
          )}
          {problem.reload && (
            <button type="button" class="secondary small" onClick={() => setReloads((n) => n + 1)}>
              Reîncarcă foaia (modificările nesalvate se pierd)
            </button>
          )}
        </div>
      )}

      {sheet && (
        <FormContext.Provider value={form as FormState<unknown>}>
          <form ref={ref} noValidate onSubmit={submit} class="sheet" aria-label={`Prezența, ${where}, ${validDate ? formatDate(date) : date}`}>
            {sheet.monthClosed && (
              <Banner kind="warning" title={`Luna ${formatMonth(date.slice(0, 7))} este închisă`}>
                <p>Subvenția lunii a fost calculată pe datele închise. Orice modificare a foii este o corectură și cere un motiv.</p>
              </Banner>
            )}
            <ErrorSummary />
            <p class="muted">
              {sheet.version === 0 || !sheet.updatedAt
                ? 'Foaia nu a fost completată încă pentru această zi.'
                : `Salvată ultima dată de ${sheet.updatedBy ?? '—'}, la ${formatInstant(sheet.updatedAt)}.`}
            </p>
            {sheet.rows.length === 0 ? (
              <p class="empty">Niciun copil nu este înscris în această grupă în ziua respectivă.</p>
            ) : (
              <>
                <div class="sheet-toolbar">
                  {writable && (
                    <button type="button" class="secondary" onClick={() => form.setValues(allPresent(form.values))}>
                      Toți prezenți
                    </button>
                  )}
                  <p class="summary" role="status">
                    {partOf(marked, sheet.rows.length, { one: 'copil marcat', many: 'copii marcați' })}{changed > 0 ? ` · ${countRo(changed, { one: 'modificare nesalvată', many: 'modificări nesalvate', single: 'o modificare nesalvată' }, { words: true })}` : ''}
                  </p>
                </div>
                <div class="table-wrap">
                  <table class="sheet-table">
                    <caption class="visually-hidden">Prezența copiilor din {where}, {validDate ? dayLabel(date) : date}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Copilul</th>
                        <th scope="col">Prezența</th>
                        <th scope="col">Motivul absenței</th>
                      </tr>
                    </thead>
                    <tbody>
                      {sheet.rows.map((row, i) => (
                        <SheetRow key={row.caseId} index={i} row={row} form={form} disabled={!writable || busy} />
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {sheet.monthClosed && writable && sheet.rows.length > 0 && (
              <TextArea path="correctionReason" label="Motivul corecturii" hint={`Obligatoriu pentru orice modificare după închiderea lunii (minimum ${REASON_MIN} caractere).`} rows={2} maxLength={500} />
            )}
            {writable && sheet.rows.length > 0 && (
              <Buttons>
                <button type="submit" disabled={busy}>{busy ? 'Se salvează…' : 'Salvează foaia'}</button>
              </Buttons>
            )}
          </form>
        </FormContext.Provider>
      )}
    </Page>
  );
}

const statusOptions = attendanceStatuses.map((s) => ({ value: s, label: attendanceStatusLabels[s] }));

function SheetRow({ index, row, form, disabled }: { index: number; row: SheetView['rows'][number]; form: FormState<SheetForm>; disabled: boolean }) {
  const base = `marks.${index}`;
  const statusPath = `${base}.mark.status`;
  const m = form.values.marks[index]?.mark ?? { status: '', excuseReason: '', note: '' };
  const id = fieldId(statusPath);
  const error = form.errors[statusPath] ?? form.errors[`${base}.mark`];
  const rowError = form.errors[`${base}.caseId`] ?? form.errors[base];
  const rowErrorId = `${fieldId(`${base}.caseId`)}-err`;
  const describedBy = [error ? `${id}-err` : '', rowError ? rowErrorId : ''].filter(Boolean).join(' ') || undefined;
  form.labels.set(statusPath, `${row.child}: prezența`);
  form.labels.set(base, row.child);
  form.labels.set(`${base}.caseId`, row.child);
  const choose = (status: StatusChoice) => form.set(`${base}.mark`, { ...m, status });
  return (
    // the row carries the id of a row-level error ('marks.<i>.caseId'), so the error summary's link reaches its radios
    <tr class={m.status ? `mark-${m.status}` : undefined} id={fieldId(`${base}.caseId`)}>
      <th scope="row">
        <span class="child-name">{row.child}</span>
        <span class="muted case-no">{row.caseNumber}</span>
        <FieldError id={fieldId(`${base}.caseId`)} error={rowError} />
      </th>
      <td>
        <fieldset class={`mark-choice${error ? ' has-error' : ''}`} id={id} aria-describedby={describedBy}>
          <legend class="visually-hidden">Prezența: {row.child}</legend>
          <FieldError id={id} error={error} />
          <div class="mark-options">
            {statusOptions.map((o, j) => (
              <label class={`mark-option mark-option-${o.value}`} key={o.value} for={`${id}-${j}`}>
                <input
                  type="radio"
                  id={`${id}-${j}`}
                  name={statusPath}
                  value={o.value}
                  checked={m.status === o.value}
                  onChange={() => choose(o.value)}
                  aria-invalid={error || rowError ? 'true' : undefined}
                  disabled={disabled}
                />
                {o.label}
              </label>
            ))}
          </div>
        </fieldset>
      </td>
      <td>
        {m.status === 'excused' ? (
          <div class="excuse">
            <SelectField path={`${base}.mark.excuseReason`} label="Motivul" summaryLabel={`${row.child}: motivul absenței`} options={options(excuseReasonLabels)} disabled={disabled} />
            <TextField path={`${base}.mark.note`} label="Precizare" summaryLabel={`${row.child}: precizarea`} optional={m.excuseReason !== 'other'} hint={m.excuseReason === 'other' ? 'Pe scurt, fără diagnostice' : undefined} maxLength={300} disabled={disabled} />
          </div>
        ) : (
          <span class="muted">{row.recordedBy && row.mark ? `marcat de ${row.recordedBy}` : '—'}</span>
        )}
      </td>
    </tr>
  );
}
