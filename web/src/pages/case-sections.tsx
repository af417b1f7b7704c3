/**
 * The case page's working sections beyond the pathway forms: the parent's consent (purposes, record, withdrawal and what
 * each withdrawal stops), identity documents obtained with the case's help (plan action 6.1), the child's enrolments
 * with their actions (enrol from the plan, end with a reason, transfer, correct the start; waiting-list position), and
 * who read or changed the case (audit, coordinators). Each shows only to users holding its action; the API decides.
 */
import { useEffect, useState } from 'preact/hooks';
import { recordConsentSchema, withdrawConsentSchema } from '../../../shared/protection/consent.js';
import { identityDocumentFormSchema, identityDocumentKindLabels, identityDocumentPersonLabels } from '../../../shared/reports/identity-document-form.js';
import { endReasonLabels } from '../../../shared/services/config.js';
import { useApp } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { bucharestDay, formatDate, formatInstant } from '../lib/format.js';
import { consentPurposeLabels, options } from '../lib/labels.js';
import { ActionForm } from '../ui/action-form.js';
import { consentDiff } from '../lib/conflict.js';
import { countRo } from '../../../shared/platform/i18n/plural.js';
import { CheckboxGroup, SelectField, TextArea, TextField } from '../ui/fields.js';
import { Banner, Loading } from '../ui/page.js';

/** Why processing of a case is restricted, in words (the API sends the code). */
const restrictionReasonLabels: Record<string, string> = { consent_withdrawn: 'acordul pentru prelucrarea datelor a fost retras' };

const today = () => bucharestDay(new Date());

// ── consent ──────────────────────────────────────────────────────────────────────────────────────────────────────

interface ConsentView {
  version: number;
  consent: { given: boolean; givenByRelation: string; givenByName: string | null; date: string; purposes: string[] } | null;
  purposes: { purpose: string; label: string; state: 'valid' | 'missing' | 'withdrawn' | 'expired'; withdrawalStops: string }[];
  withdrawals: { date: string; purposes: string[]; note: string | null; recordedAt: string }[];
  processingRestricted: { since: string; reason: string } | null;
  anonymisedAt: string | null;
}

const givenByLabels = { parent: 'Părintele', legal_representative: 'Reprezentantul legal', child: 'Copilul (peste 14 ani)' } as const;
const purposeLabel = (p: string) => consentPurposeLabels[p as keyof typeof consentPurposeLabels] ?? p;

export const consentStateLabels: Record<ConsentView['purposes'][number]['state'], string> = {
  valid: 'acord valabil',
  withdrawn: 'acord retras',
  expired: 'acord expirat',
  missing: 'fără acord',
};

export function ConsentSection({ caseId }: { caseId: string }) {
  const { api, can } = useApp();
  const [view, setView] = useState<ConsentView | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [open, setOpen] = useState<'withdraw' | 'record' | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const path = `/cases/${encodeURIComponent(caseId)}/consent`;
  const load = () => api.get<ConsentView>(path).then(setView).catch((e: ApiError) => setError(e));
  useEffect(() => {
    void load();
  }, [caseId]);

  if (error?.denied) return null;
  const writes = can('case.consent.write') && view && !view.anonymisedAt;
  const givenPurposes = view?.purposes.filter((p) => p.state === 'valid') ?? [];
  return (
    <section class="card wide" aria-labelledby="sec-consent" data-section="consent">
      <h2 id="sec-consent">Acordul părintelui</h2>
      {error && <Banner kind="error">{error.message}</Banner>}
      {notice && <Banner kind="success">{notice}</Banner>}
      {!view && !error && <Loading what="acordul" />}
      {view && (
        <>
          {view.consent ? (
            <p>
              Dat la {formatDate(view.consent.date)} de {givenByLabels[view.consent.givenByRelation as keyof typeof givenByLabels]?.toLowerCase() ?? view.consent.givenByRelation}
              {view.consent.givenByName && ` (${view.consent.givenByName})`}.
            </p>
          ) : (
            <p>Nu a fost înregistrat niciun acord.</p>
          )}
          {view.processingRestricted && <Banner kind="warning" title="Prelucrare restricționată">{`Din ${formatDate(bucharestDay(new Date(view.processingRestricted.since)))}: ${restrictionReasonLabels[view.processingRestricted.reason] ?? 'motiv neînregistrat'}`}</Banner>}
          <ul class="consent-purposes">
            {view.purposes.map((p) => (
              <li key={p.purpose}>
                <strong>{p.label}</strong>: {consentStateLabels[p.state] ?? p.state}
              </li>
            ))}
          </ul>
          {view.withdrawals.length > 0 && (
            <>
              <h3>Retrageri</h3>
              <ul>
                {view.withdrawals.map((w, i) => (
                  <li key={i}>
                    {formatDate(w.date)}: {w.purposes.map(purposeLabel).join(', ')}{w.note && ` — ${w.note}`}
                  </li>
                ))}
              </ul>
            </>
          )}
          {writes && (
            <div class="buttons">
              {givenPurposes.length > 0 && (
                <button type="button" class="secondary" aria-expanded={open === 'withdraw'} onClick={() => setOpen(open === 'withdraw' ? undefined : 'withdraw')}>Retrage acordul</button>
              )}
              <button type="button" class="secondary" aria-expanded={open === 'record'} onClick={() => setOpen(open === 'record' ? undefined : 'record')}>Înregistrează un acord</button>
            </div>
          )}
          {writes && open === 'withdraw' && (
            <ActionForm
              name="retragere"
              title="Retragerea acordului"
              initial={{ purposes: [] as string[], date: today(), note: '' }}
              schema={withdrawConsentSchema}
              prepare={(v) => ({ ...v, expectedVersion: view.version })}
              submitLabel="Înregistrează retragerea"
              send={(data) => api.post<ConsentView>(`${path}/withdrawals`, data)}
              onDone={(r) => {
                setView(r);
                setOpen(undefined);
                setNotice('Retragerea acordului a fost înregistrată.');
              }}
              reload={() => void load().then(() => setOpen(undefined))}
              conflictDiff={{ loaded: view, reread: () => api.get(path), spec: consentDiff }}
            >
              <CheckboxGroup path="retragere.purposes" legend="Scopurile pentru care se retrage acordul" options={givenPurposes.map((p) => ({ value: p.purpose, label: `${p.label} — ${p.withdrawalStops}` }))} />
              <TextField path="retragere.date" type="date" label="Data retragerii" width="medium" />
              <TextArea path="retragere.note" label="Observații" optional rows={2} maxLength={500} hint="Fără date personale (nume, CNP)." />
            </ActionForm>
          )}
          {writes && open === 'record' && (
            <ActionForm
              name="acord"
              title="Înregistrarea acordului"
              initial={{ given: true, givenByRelation: '', givenByName: '', date: today(), purposes: [] as string[] }}
              schema={recordConsentSchema}
              prepare={(v) => ({ ...v, given: true, expectedVersion: view.version })}
              submitLabel="Înregistrează acordul"
              send={(data) => api.put<ConsentView>(path, data)}
              onDone={(r) => {
                setView(r);
                setOpen(undefined);
                setNotice('Acordul a fost înregistrat.');
              }}
              reload={() => void load().then(() => setOpen(undefined))}
              conflictDiff={{ loaded: view, reread: () => api.get(path), spec: consentDiff }}
            >
              <SelectField path="acord.givenByRelation" label="Cine a dat acordul" options={options(givenByLabels)} />
              <TextField path="acord.givenByName" label="Numele persoanei" optional />
              <TextField path="acord.date" type="date" label="Data acordului" width="medium" />
              <CheckboxGroup path="acord.purposes" legend="Scopurile" options={view.purposes.map((p) => ({ value: p.purpose, label: p.label }))} />
            </ActionForm>
          )}
        </>
      )}
    </section>
  );
}

// ── identity documents ───────────────────────────────────────────────────────────────────────────────────────────

export function IdentityDocumentsSection({ caseId }: { caseId: string }) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [recorded, setRecorded] = useState<string[]>([]);
  return (
    <section class="card" aria-labelledby="sec-id-docs" data-section="identity-documents">
      <h2 id="sec-id-docs">Acte de identitate și stare civilă</h2>
      <p class="muted">Consemnați actele obținute cu sprijinul cazului (certificat de naștere, carte de identitate): intră în acțiunea 6.1 a planului local pentru romi.</p>
      {recorded.length > 0 && (
        <Banner kind="success">
          <ul>{recorded.map((r, i) => <li key={i}>{r}</li>)}</ul>
        </Banner>
      )}
      {!open ? (
        <button type="button" class="secondary" onClick={() => setOpen(true)}>Consemnează un act obținut</button>
      ) : (
        <ActionForm
          name="act"
          title="Act de identitate obținut"
          initial={{ person: '', document: '', obtainedOn: today(), notes: '' }}
          schema={identityDocumentFormSchema}
          submitLabel="Consemnează actul"
          send={(data) => api.post<{ record: { document: string; person: string; obtainedOn: string } }>(`/cases/${encodeURIComponent(caseId)}/identity-documents`, data)}
          onDone={(r) => {
            const rec = r.record;
            setRecorded((x) => [...x, `S-a consemnat: ${identityDocumentKindLabels[rec.document as keyof typeof identityDocumentKindLabels] ?? rec.document} pentru ${identityDocumentPersonLabels[rec.person as keyof typeof identityDocumentPersonLabels] ?? rec.person}, obținut la ${formatDate(rec.obtainedOn)}.`]);
            setOpen(false);
          }}
        >
          <SelectField path="act.person" label="Pentru cine" options={options(identityDocumentPersonLabels)} />
          <SelectField path="act.document" label="Actul obținut" options={options(identityDocumentKindLabels)} />
          <TextField path="act.obtainedOn" type="date" label="Data obținerii" width="medium" />
          <TextArea path="act.notes" label="Observații" optional rows={2} maxLength={500} hint="Fără date personale (serie, număr, CNP)." />
        </ActionForm>
      )}
    </section>
  );
}

// ── enrolments ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface EnrolmentItem {
  enrolmentId: string;
  serviceId: string;
  groupId: string;
  serviceName: string;
  groupName: string;
  status: 'active' | 'waiting' | 'ended' | 'cancelled';
  statusLabel: string;
  from: string;
  to?: string;
  endReasonLabel?: string;
  waitingPosition?: number;
}
interface ServiceOption { serviceId: string; name: string; groups: { groupId: string; name: string; free: number; waiting: number }[] }

/** What the coordinator can do with one enrolment: end it (with a reason), transfer it, correct its start. */
export function EnrolmentActions({ caseId, e, onChanged }: { caseId: string; e: EnrolmentItem; onChanged: (message: string) => void }) {
  const { api } = useApp();
  const [open, setOpen] = useState<'end' | 'transfer' | 'start' | undefined>();
  const [services, setServices] = useState<ServiceOption[] | undefined>();
  const base = `/enrolments/${encodeURIComponent(caseId)}/${encodeURIComponent(e.enrolmentId)}`;
  const id = e.enrolmentId.slice(-8).toLowerCase();
  useEffect(() => {
    if (open === 'transfer' && !services) api.get<{ services: ServiceOption[] }>('/services').then((r) => setServices(r.services)).catch(() => setServices([]));
  }, [open]);
  const toggle = (w: typeof open) => setOpen(open === w ? undefined : w);
  const placeOptions = (services ?? [])
    .flatMap((s) => s.groups.map((g) => ({ value: `${s.serviceId}/${g.groupId}`, label: `${s.name} — ${g.name} (${countRo(g.free, { one: 'loc liber', many: 'locuri libere' })}${g.waiting ? `, ${g.waiting} în așteptare` : ''})` })))
    .filter((o) => o.value !== `${e.serviceId}/${e.groupId}`);
  return (
    <div class="enrolment-actions">
      <div class="buttons" role="group" aria-label={`Acțiuni pentru înscrierea la ${e.serviceName}`}>
        <button type="button" class="link" aria-expanded={open === 'end'} onClick={() => toggle('end')}>Încheie</button>
        <button type="button" class="link" aria-expanded={open === 'transfer'} onClick={() => toggle('transfer')}>Transferă</button>
        <button type="button" class="link" aria-expanded={open === 'start'} onClick={() => toggle('start')}>Corectează data de început</button>
      </div>
      {open === 'end' && (
        <ActionForm
          name={`inchide${id}`}
          title={`Încheierea înscrierii la ${e.serviceName}`}
          initial={{ reason: '', date: today(), note: '' }}
          submitLabel="Încheie înscrierea"
          send={(data) => api.post<{ promoted?: unknown }>(`${base}/end`, data)}
          onDone={() => onChanged(`Înscrierea la ${e.serviceName} a fost încheiată.`)}
        >
          <SelectField path={`inchide${id}.reason`} label="Motivul" options={options(endReasonLabels).filter((o) => o.value !== 'transfer')} />
          <TextField path={`inchide${id}.date`} type="date" label="Ultima zi" width="medium" />
          <TextArea path={`inchide${id}.note`} label="Observații" optional rows={2} maxLength={500} />
        </ActionForm>
      )}
      {open === 'transfer' && (
        <ActionForm
          name={`transfer${id}`}
          title={`Transferul de la ${e.serviceName}`}
          initial={{ place: '', date: today(), note: '' }}
          prepare={(v) => {
            const [serviceId, groupId] = String(v.place ?? '').split('/');
            return { serviceId: serviceId || undefined, groupId: groupId || undefined, date: v.date, note: v.note };
          }}
          submitLabel="Transferă"
          send={(data) => api.post(`${base}/transfer`, data)}
          onDone={() => onChanged(`Copilul a fost transferat de la ${e.serviceName}.`)}
        >
          {!services ? <Loading what="serviciile" /> : <SelectField path={`transfer${id}.place`} label="Serviciul și grupa noi" options={placeOptions} />}
          <TextField path={`transfer${id}.date`} type="date" label="Din ziua" width="medium" />
          <TextArea path={`transfer${id}.note`} label="Observații" optional rows={2} maxLength={500} />
        </ActionForm>
      )}
      {open === 'start' && (
        <ActionForm
          name={`start${id}`}
          title={`Data de început a înscrierii la ${e.serviceName}`}
          initial={{ from: e.from, reason: '' }}
          submitLabel="Salvează data"
          send={(data) => api.post(`${base}/start`, data)}
          onDone={() => onChanged(`Data de început a înscrierii la ${e.serviceName} a fost corectată.`)}
        >
          <TextField path={`start${id}.from`} type="date" label="Prima zi" width="medium" />
          <TextArea path={`start${id}.reason`} label="Motivul corecturii" rows={2} maxLength={500} />
        </ActionForm>
      )}
    </div>
  );
}

/** Enrol the child in the services of the approved plan (places free → active, else the waiting list). */
export function EnrolFromPlan({ caseId, onChanged }: { caseId: string; onChanged: (message: string) => void }) {
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <p>
      <button
        type="button"
        class="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            await api.post(`/cases/${encodeURIComponent(caseId)}/enrolments`, {});
            onChanged('Copilul a fost înscris la serviciile din planul aprobat (sau pus pe lista de așteptare).');
          } catch (e) {
            setError((e as ApiError).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Se înscrie…' : 'Înscrie la serviciile din plan'}
      </button>
      {error && <Banner kind="error">{error}</Banner>}
    </p>
  );
}

// ── audit ────────────────────────────────────────────────────────────────────────────────────────────────────────

interface AuditEntry { auditId: string; at: string; actorId: string; actorRoles: string[]; action: string; outcome: 'allowed' | 'denied'; sourceIp?: string }

export function CaseAuditSection({ caseId }: { caseId: string }) {
  const { api } = useApp();
  const [items, setItems] = useState<AuditEntry[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const load = (after: string | null) =>
    api
      .get<{ items: AuditEntry[]; nextCursor: string | null }>(`/cases/${encodeURIComponent(caseId)}/audit?limit=50${after ? `&cursor=${encodeURIComponent(after)}` : ''}`)
      .then((r) => {
        setItems((x) => (after ? [...(x ?? []), ...r.items] : r.items));
        setCursor(r.nextCursor);
      })
      .catch((e: ApiError) => setError(e.message));
  return (
    <section class="card wide" aria-labelledby="sec-audit" data-section="case-audit">
      <h2 id="sec-audit">Cine a consultat cazul</h2>
      {!open ? (
        <button type="button" class="secondary" onClick={() => { setOpen(true); void load(null); }}>Arată jurnalul de audit al cazului</button>
      ) : (
        <>
          {error && <Banner kind="error">{error}</Banner>}
          {!items && !error && <Loading what="jurnalul" />}
          {items && items.length === 0 && <p class="empty">Nicio înregistrare.</p>}
          {items && items.length > 0 && (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr><th scope="col">Când</th><th scope="col">Acțiunea</th><th scope="col">Utilizatorul</th><th scope="col">Rezultatul</th><th scope="col">De unde</th></tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.auditId}>
                      <td>{formatInstant(a.at)}</td>
                      <td>{a.action}</td>
                      <td>{a.actorId.slice(0, 8)}… ({a.actorRoles.join(', ')})</td>
                      <td>{a.outcome === 'denied' ? <strong>refuzat</strong> : 'permis'}</td>
                      <td>{a.sourceIp ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {cursor && <button type="button" class="secondary" onClick={() => void load(cursor)}>Încarcă mai multe</button>}
        </>
      )}
    </section>
  );
}
