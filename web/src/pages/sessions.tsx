/**
 * Session records of the interventions and the recovery centre (also usable by day centres): the sessions of the
 * last days (`GET /services/{id}/sessions?date=…`, one day per request) and a form to record a session
 * (individual / group / family, child and/or parent present, activity from the service catalogue, duration, professional).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getService, sessionKindLabels, type Service, type SessionKind } from '../../../shared/services/catalogue.js';
import type { SessionView } from '../../../shared/services/sessions.js';
import { useApp } from '../lib/app-context.js';
import { ApiError } from '../lib/api.js';
import { addDays, bucharestDay, formatDate, formatInstant } from '../lib/format.js';
import { serverErrors, type Errors, type FieldError as ApiFieldError } from '../lib/form.js';
import { href, navigate } from '../lib/router.js';
import type { StaffMember } from '../lib/types.js';
import { newRequestId } from '../lib/uuid.js';
import { countRo, nouns } from '../../../shared/platform/i18n/plural.js';
import { Buttons, CheckboxField, ErrorSummary, FieldError, FormContext, RadioGroup, SelectField, TextArea, TextField, focusFirstError, useForm, type FormState } from '../ui/fields.js';
import { ActionForm } from '../ui/action-form.js';
import { Banner, Denied, Loading, Page } from '../ui/page.js';
import { ClosedDaysNote, dayLabel, lastOpenDayOn, myServices, openDaysBetween, previousMonthStart, REASON_MIN, useClosedDays } from './attendance.js';

/** GET /api/services: the part of a catalogue entry this page uses. */
export interface CatalogueService {
  serviceId: string;
  name: string;
  shortName: string;
  type: Service['type'];
  schedule: Service['schedule'];
  activities: Service['activities'];
  groups: { groupId: string; name: string }[];
}

interface EnrolledChild {
  caseId: string;
  caseNumber: string;
  child: string;
  groupId: string;
  groupName: string;
  status: string;
}

// ── pure helpers (unit-tested in participation.test.ts) ─────────────────────────────────────────────────────────

export interface SessionForm {
  date: string;
  kind: '' | SessionKind;
  activityType: string;
  durationMinutes: string;
  professional: string;
  groupId: string;
  note: string;
  /** per enrolled child: who was present */
  people: Record<string, { child: boolean; parent: boolean }>;
  correctionReason: string;
}

export function emptySession(date: string, professional: string): SessionForm {
  return { date, kind: '', activityType: '', durationMinutes: '', professional, groupId: '', note: '', people: {}, correctionReason: '' };
}

/** The children ticked (child and/or parent present), in the order of the list shown. */
export function participantsOf(form: SessionForm, order: readonly string[]) {
  return order.filter((id) => form.people[id]?.child || form.people[id]?.parent).map((caseId) => ({ caseId, childPresent: !!form.people[caseId]?.child, parentPresent: !!form.people[caseId]?.parent }));
}

/** Client-side checks with the API's messages (functions/services/index.ts recordSessions). */
export function sessionErrors(form: SessionForm, order: readonly string[]): Errors {
  const out: Errors = {};
  if (!form.date) out.date = 'Alegeți ziua ședinței.';
  if (!form.kind) out.kind = 'Alegeți tipul ședinței (individuală, de grup, cu familia)';
  if (!form.activityType) out.activityType = 'Alegeți activitatea';
  const d = form.durationMinutes.trim();
  if (!d) out.durationMinutes = 'Completați durata în minute.';
  else if (!/^\d+$/.test(d)) out.durationMinutes = 'Durata se dă în minute întregi';
  else if (Number(d) < 5) out.durationMinutes = 'Durata minimă este 5 minute';
  else if (Number(d) > 480) out.durationMinutes = 'Durata maximă este 480 de minute';
  const n = participantsOf(form, order).length;
  if (n === 0) out.participants = 'Alegeți cel puțin un copil: bifați cine a fost prezent (copilul și/sau părintele).';
  else if (form.kind && form.kind !== 'group' && n > 1) out.participants = `O ședință ${sessionKindLabels[form.kind].toLowerCase()} are un singur copil.`;
  if (form.note.length > 300) out.note = 'Observația: maximum 300 de caractere';
  return out;
}

/** The POST body. */
export function sessionBody(form: SessionForm, order: readonly string[], requestId: string, askReason: boolean) {
  const reason = form.correctionReason.trim();
  return {
    date: form.date,
    kind: form.kind,
    activityType: form.activityType,
    durationMinutes: Number(form.durationMinutes.trim()),
    ...(form.professional ? { professional: form.professional } : {}),
    ...(form.kind === 'group' && form.groupId ? { groupId: form.groupId } : {}),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
    participants: participantsOf(form, order),
    clientRequestId: requestId,
    ...(askReason && reason ? { correctionReason: reason } : {}),
  };
}

/**
 * The API's field errors → form paths: 'participants.<i>…' names the i-th child SENT; the form shows it on that
 * child's row ('people.<caseId>'). Other paths are kept.
 */
export function mapSessionErrors(fields: readonly ApiFieldError[], sent: readonly string[]): Errors {
  const out: Errors = {};
  for (const [path, message] of Object.entries(serverErrors(fields))) {
    const m = /^participants\.(\d+)(\..*)?$/.exec(path);
    const key = m && sent[Number(m[1])] ? `people.${sent[Number(m[1])]}` : path;
    if (!(key in out)) out[key] = message;
  }
  return out;
}

// ── choosing the service ────────────────────────────────────────────────────────────────────────────────────────

export function SessionsChooserPage() {
  const { me } = useApp();
  const mine = myServices(me).map((id) => getService(id)!);
  useEffect(() => {
    if (mine.length === 1) navigate(href('/sedinte/:serviceId', { serviceId: mine[0]!.id }), { replace: true });
  }, []);
  return (
    <Page title="Ședințe">
      {mine.length === 0 ? (
        <p class="empty">Nu lucrați la niciun serviciu care înregistrează ședințe.</p>
      ) : (
        <>
          <p>Alegeți serviciul:</p>
          <ul class="service-list">
            {mine.map((s) => (
              <li key={s.id}>
                <a href={href('/sedinte/:serviceId', { serviceId: s.id })}>{s.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

// ── the service's sessions ──────────────────────────────────────────────────────────────────────────────────────

const RECENT_DAYS = 7;

export function SessionsPage({ serviceId }: { serviceId: string }) {
  const { api, me, can } = useApp();
  const today = bucharestDay(new Date());
  const [service, setService] = useState<CatalogueService | undefined>();
  const [children, setChildren] = useState<EnrolledChild[] | undefined>();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [recent, setRecent] = useState<SessionView[] | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [recentError, setRecentError] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  const base = `/services/${encodeURIComponent(serviceId)}`;

  useEffect(() => {
    let alive = true;
    setService(undefined);
    setChildren(undefined);
    setFailure(undefined);
    Promise.all([
      api.get<{ services: CatalogueService[] }>('/services'),
      can('service.enrolments.read') ? api.get<{ items: EnrolledChild[] }>(`${base}/enrolments?status=active`) : Promise.resolve({ items: [] }),
    ])
      .then(([cat, enr]) => {
        if (!alive) return;
        const s = cat.services.find((x) => x.serviceId === serviceId);
        if (!s) throw new ApiError(404, 'NOT_FOUND', 'Serviciul nu există în catalog.');
        setService(s);
        setChildren(enr.items.filter((e) => e.status === 'active'));
      })
      .catch((e: ApiError) => alive && setFailure(e));
    if (can('staff.list')) {
      Promise.all(['intervention_staff', 'centre_staff'].map((role) => api.get<{ items: StaffMember[] }>(`/staff?role=${role}`).then((r) => r.items).catch(() => [])))
        .then((lists) => alive && setStaff(lists.flat().filter((s, i, all) => all.findIndex((x) => x.userId === s.userId) === i)))
        .catch(() => undefined); // the caller is always offered; colleagues are a convenience
    }
    return () => {
      alive = false;
    };
  }, [serviceId]);

  // the sessions of the last days that the service was open (one request per day)
  useEffect(() => {
    if (!service) return;
    let alive = true;
    setRecentError(undefined);
    const days = openDaysBetween(service.schedule.daysOpen, addDays(today, -(RECENT_DAYS - 1)), today);
    Promise.all(days.map((d) => api.get<{ items: SessionView[] }>(`${base}/sessions?date=${d}`).then((r) => r.items)))
      .then((lists) => alive && setRecent(lists.flat().sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt))))
      .catch((e: ApiError) => alive && setRecentError(e.message));
    return () => {
      alive = false;
    };
  }, [service, reload]);

  if (failure?.status === 403) return <Denied message={failure.message} />;
  return (
    <Page title={service ? `Ședințe — ${service.shortName}` : 'Ședințe'}>
      {failure && <Banner kind="error">{failure.message}</Banner>}
      {!service && !failure && <Loading what="serviciul" />}
      {service && children && (
        <>
          {can('session.write') && (
            <section class="card" aria-labelledby="sec-new-session">
              <h2 id="sec-new-session">Înregistrați o ședință</h2>
              <SessionFormView service={service} enrolled={children} staff={staff} me={{ userId: me.userId, displayName: me.displayName }} today={today} onSaved={() => setReload((n) => n + 1)} />
            </section>
          )}
          <section class="card" aria-labelledby="sec-recent">
            <h2 id="sec-recent">Ședințe recente (ultimele {RECENT_DAYS} zile)</h2>
            {recentError && <Banner kind="error">{recentError}</Banner>}
            {!recent && !recentError && <Loading what="ședințele" />}
            {recent && recent.length === 0 && <p class="empty">Nicio ședință înregistrată în ultimele {RECENT_DAYS} zile.</p>}
            {recent && recent.length > 0 && <RecentTable items={recent} onCorrected={() => setReload((n) => n + 1)} />}
          </section>
        </>
      )}
    </Page>
  );
}

function RecentTable({ items, onCorrected }: { items: SessionView[]; onCorrected: () => void }) {
  const { can } = useApp();
  const [editing, setEditing] = useState<SessionView | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const writes = can('session.write');
  const presence = (s: SessionView) => [s.childPresent ? 'copilul' : '', s.parentPresent ? 'părintele' : ''].filter(Boolean).join(' și ') || '—';
  return (
    <div class="table-wrap">
      <table class="sessions-table">
        <caption class="visually-hidden">Ședințele recente, cele mai noi primele</caption>
        <thead>
          <tr>
            <th scope="col">Ziua</th>
            <th scope="col">Copilul</th>
            <th scope="col">Tipul</th>
            <th scope="col">Activitatea</th>
            <th scope="col">Durata</th>
            <th scope="col">Prezenți</th>
            <th scope="col">Înregistrată</th>
            {writes && <th scope="col"><span class="visually-hidden">Corectură</span></th>}
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.sessionId} class={s.cancelled ? 'cancelled' : undefined}>
              <td>{formatDate(s.date)}</td>
              <td>{s.child}</td>
              <td>
                {s.kindLabel}
                {s.cancelled && <span class="badge badge-rejected">anulată</span>}
              </td>
              <td>{s.activityLabel}</td>
              <td>{s.durationMinutes} min</td>
              <td>{presence(s)}</td>
              <td class="muted">
                {s.recordedByName}, {formatInstant(s.recordedAt)}
              </td>
              {writes && (
                <td>
                  {!s.cancelled && (
                    <button type="button" class="link" aria-expanded={editing?.sessionId === s.sessionId} onClick={() => setEditing(editing?.sessionId === s.sessionId ? undefined : s)}>
                      Corectează
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {done && <Banner kind="success">{done}</Banner>}
      {editing && (
        <SessionCorrection
          key={editing.sessionId}
          s={editing}
          onDone={(m) => {
            setEditing(undefined);
            setDone(m);
            onCorrected();
          }}
        />
      )}
    </div>
  );
}

/** Correct or cancel one child's session (a reason is required when its month is closed: the API says so, 422). */
function SessionCorrection({ s, onDone }: { s: SessionView; onDone: (message: string) => void }) {
  const { api } = useApp();
  return (
    <section class="card" aria-labelledby="sec-correct-session">
      <h3 id="sec-correct-session">Corectura ședinței din {formatDate(s.date)} ({s.child})</h3>
      <ActionForm
        name="corectura"
        title="Corectura ședinței"
        initial={{ durationMinutes: String(s.durationMinutes), note: s.note ?? '', cancelled: false, correctionReason: '' }}
        prepare={(v) => ({
          ...(v.cancelled ? { cancelled: true } : { durationMinutes: Number(v.durationMinutes) }),
          note: v.note,
          correctionReason: v.correctionReason,
        })}
        submitLabel="Salvează corectura"
        send={(body) => api.put(`/cases/${encodeURIComponent(s.caseId)}/sessions/${encodeURIComponent(s.sessionId)}`, body)}
        onDone={() => onDone(`Ședința din ${formatDate(s.date)} a fost corectată.`)}
      >
        <TextField path="corectura.durationMinutes" label="Durata (minute)" inputMode="numeric" width="short" />
        <CheckboxField path="corectura.cancelled" label="Ședința nu a avut loc: anulează-o" />
        <TextArea path="corectura.note" label="Observații" optional rows={2} maxLength={300} />
        <TextArea path="corectura.correctionReason" label="Motivul corecturii" optional hint="Obligatoriu dacă luna este închisă." rows={2} maxLength={500} />
      </ActionForm>
    </section>
  );
}

function SessionFormView(props: { service: CatalogueService; enrolled: EnrolledChild[]; staff: StaffMember[]; me: { userId: string; displayName: string }; today: string; onSaved: () => void }) {
  const { api } = useApp();
  const { service, enrolled: children, today } = props;
  const form = useForm<SessionForm>(() => emptySession(lastOpenDayOn(service.schedule.daysOpen, today) ?? '', props.me.userId));
  const [requestId, setRequestId] = useState(() => newRequestId());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const ref = useRef<HTMLFormElement>(null);
  const order = useMemo(() => children.map((c) => c.caseId), [children]);
  // public holidays and the service's closures are not offered (the API refuses them too)
  const closed = useClosedDays(service.serviceId, previousMonthStart(today), today);
  const days = useMemo(() => openDaysBetween(service.schedule.daysOpen, previousMonthStart(today), today).filter((d) => !closed.has(d)), [service, today, closed]);
  useEffect(() => {
    if (form.values.date && closed.has(form.values.date)) form.set('date', days[0] ?? '');
  }, [closed]);
  // a day of an earlier month may be in a closed month: then the API asks for a correction reason
  const askReason = form.values.date !== '' && form.values.date.slice(0, 7) < today.slice(0, 7);
  const professionals = [{ value: props.me.userId, label: `Eu — ${props.me.displayName}` }, ...props.staff.filter((s) => s.userId !== props.me.userId).map((s) => ({ value: s.userId, label: s.displayName }))];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setProblem(undefined);
    setDone(undefined);
    const errors = sessionErrors(form.values, order);
    if (askReason && form.values.correctionReason.trim() && form.values.correctionReason.trim().length < REASON_MIN) errors.correctionReason = `Motivul corecturii: minimum ${REASON_MIN} caractere`;
    if (Object.keys(errors).length) {
      form.setErrors(errors);
      focusFirstError(ref.current);
      return;
    }
    const body = sessionBody(form.values, order, requestId, askReason);
    setBusy(true);
    try {
      const r = await api.post<{ sessions: SessionView[]; duplicate: boolean }>(`/services/${encodeURIComponent(service.serviceId)}/sessions`, body);
      const n = r.sessions.length;
      setDone(`Ședința din ${formatDate(form.values.date)} a fost înregistrată pentru ${countRo(n, nouns.child, { words: true })}.`);
      form.setValues({ ...emptySession(form.values.date, form.values.professional), kind: form.values.kind, activityType: form.values.activityType, durationMinutes: form.values.durationMinutes });
      form.setErrors({});
      setRequestId(newRequestId());
      props.onSaved();
    } catch (err) {
      const ae = err as ApiError;
      if (ae.status === 422 && ae.fields.length) {
        form.setErrors(mapSessionErrors(ae.fields, body.participants.map((p) => p.caseId)));
        setProblem(ae.message);
        focusFirstError(ref.current);
      } else {
        setProblem(ae.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const participantsError = form.errors.participants;
  form.labels.set('participants', 'Cine a participat');
  return (
    <FormContext.Provider value={form as FormState<unknown>}>
      <form ref={ref} noValidate onSubmit={submit} class="session-form">
        {done && <Banner kind="success">{done}</Banner>}
        {problem && <Banner kind="error" title="Ședința nu a fost înregistrată">{problem}</Banner>}
        <ErrorSummary />
        <div class="cols">
          <SelectField path="date" label="Ziua" hint="Doar zilele în care serviciul are program" options={days.map((d) => ({ value: d, label: dayLabel(d) }))} />
          <SelectField path="activityType" label="Activitatea" options={service.activities.map((a) => ({ value: a.code, label: a.label }))} />
          <TextField path="durationMinutes" label="Durata (minute)" hint="Între 5 și 480" inputMode="numeric" width="short" maxLength={3} />
          <SelectField path="professional" label="Profesionistul care a ținut ședința" options={professionals} />
        </div>
        <ClosedDaysNote closed={closed} id="sedinte-zile-fara-program" />
        <RadioGroup path="kind" legend="Tipul ședinței" inline options={service.schedule.sessionTypes.map((k) => ({ value: k, label: sessionKindLabels[k] }))} />
        {form.values.kind === 'group' && <SelectField path="groupId" label="Grupa" optional options={service.groups.map((g) => ({ value: g.groupId, label: g.name }))} />}
        <fieldset class={`field group participants${participantsError ? ' has-error' : ''}`} id="f-participants" aria-describedby={participantsError ? 'f-participants-err' : 'f-participants-hint'}>
          <legend>Cine a participat</legend>
          <p class="hint" id="f-participants-hint">
            {form.values.kind === 'group' ? 'Bifați copiii (și părinții) prezenți la ședința de grup.' : 'O ședință individuală sau cu familia are un singur copil: bifați copilul și/sau părintele prezent.'}
          </p>
          <FieldError id="f-participants" error={participantsError} />
          {children.length === 0 ? (
            <p class="empty">Niciun copil nu este înscris acum la {service.shortName}.</p>
          ) : (
            <div class="table-wrap">
              <table class="participants-table">
                <caption class="visually-hidden">Copiii înscriși la {service.shortName}</caption>
                <thead>
                  <tr>
                    <th scope="col">Copilul</th>
                    <th scope="col">Grupa</th>
                    <th scope="col">Prezenți</th>
                  </tr>
                </thead>
                <tbody>
                  {children.map((c) => (
                    <ParticipantRow key={c.caseId} c={c} form={form} invalid={!!participantsError} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>
        <TextArea path="note" label="Observație" optional rows={2} maxLength={300} hint="Fără diagnostice sau alte date sensibile" />
        {(askReason || form.errors.correctionReason) && (
          <TextArea path="correctionReason" label="Motivul corecturii" optional={!form.errors.correctionReason} rows={2} maxLength={500} hint={`Necesar dacă luna a fost deja închisă pentru subvenție (minimum ${REASON_MIN} caractere).`} />
        )}
        <Buttons>
          <button type="submit" disabled={busy}>{busy ? 'Se înregistrează…' : 'Înregistrează ședința'}</button>
        </Buttons>
      </form>
    </FormContext.Provider>
  );
}

function ParticipantRow({ c, form, invalid }: { c: EnrolledChild; form: FormState<SessionForm>; invalid: boolean }) {
  const path = `people.${c.caseId}`;
  const error = form.errors[path];
  form.labels.set(path, c.child);
  const p = form.values.people[c.caseId] ?? { child: false, parent: false };
  const id = `f-people-${c.caseId}`;
  const toggle = (k: 'child' | 'parent', on: boolean) => {
    form.set(path, { ...p, [k]: on });
    if (form.errors.participants) form.setErrors(Object.fromEntries(Object.entries(form.errors).filter(([key]) => key !== 'participants')));
  };
  return (
    <tr>
      <th scope="row">
        {c.child}
        <span class="muted case-no">{c.caseNumber}</span>
        <FieldError id={id} error={error} />
      </th>
      <td>{c.groupName}</td>
      <td>
        <div class="presence" id={id}>
          {(['child', 'parent'] as const).map((k) => (
            <div class="choice" key={k}>
              <input
                type="checkbox"
                id={`${id}-${k}`}
                checked={p[k]}
                onChange={(e) => toggle(k, (e.currentTarget as HTMLInputElement).checked)}
                aria-invalid={error || invalid ? 'true' : undefined}
                aria-describedby={error ? `${id}-err` : invalid ? 'f-participants-err' : undefined}
              />
              <label for={`${id}-${k}`}>
                {k === 'child' ? 'Copilul' : 'Părintele'}
                <span class="visually-hidden"> — {c.child}</span>
              </label>
            </div>
          ))}
        </div>
      </td>
    </tr>
  );
}
