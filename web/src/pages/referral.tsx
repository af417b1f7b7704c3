/**
 * A new referral (sesizare): the child, the legal representative, the referral itself with risk factors from the
 * catalogue, and the track. A request id generated once per form makes a double click or a retry harmless.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { referralFormSchema } from '../../../shared/cases/model.js';
import { referralSourceLabels, trackConfig, tracks, type Track } from '../../../shared/cases/config.js';
import { riskFactors } from '../../../shared/cases/risk-factors.js';
import { useApp, type Me } from '../lib/app-context.js';
import type { ApiError } from '../lib/api.js';
import { bucharestLocalToIso, toBucharestLocal } from '../lib/format.js';
import { prune, serverErrors, validate } from '../lib/form.js';
import { ethnicityLabels, options, relationLabels, sexLabels } from '../lib/labels.js';
import { href, navigate } from '../lib/router.js';
import type { StaffMember } from '../lib/types.js';
import { newRequestId } from '../lib/uuid.js';
import { Buttons, CheckboxField, CheckboxGroup, ErrorSummary, FormContext, RadioGroup, SelectField, TextArea, TextField, focusFirstError, useForm, type FormState } from '../ui/fields.js';
import { Banner, Page } from '../ui/page.js';

export interface ReferralValues {
  clientRequestId: string;
  track: string;
  child: {
    firstName: string; lastName: string; birthDate: string; sex: string; cnp: string; residenceCity: string;
    address: string; school: string; ethnicity: string; disability: boolean; inSpecialProtection: boolean;
  };
  legalRepresentative: { firstName: string; lastName: string; relation: string; phone: string; iban: string };
  referral: { source: string; receivedAt: string; reason: string; riskFactors: string[] };
  caseManagerId: string;
}

/** Tracks this user's institution may open (GAL works on both, each owned by its partner). */
export function tracksFor(institution: Me['institution']): Track[] {
  return tracks.filter((t) => institution === 'GAL' || trackConfig[t].owner === institution);
}

export function initialReferral(me: Me, now: Date, requestId: string): ReferralValues {
  const allowed = tracksFor(me.institution);
  return {
    clientRequestId: requestId,
    track: allowed.length === 1 ? allowed[0]! : '',
    child: { firstName: '', lastName: '', birthDate: '', sex: '', cnp: '', residenceCity: 'Timișoara', address: '', school: '', ethnicity: 'not_declared', disability: false, inSpecialProtection: false },
    legalRepresentative: { firstName: '', lastName: '', relation: '', phone: '', iban: '' },
    referral: { source: '', receivedAt: toBucharestLocal(now), reason: '', riskFactors: [] },
    caseManagerId: '',
  };
}

/** The form as the API takes it: the Bucharest wall-clock time becomes an ISO instant. */
export function referralOutput(v: ReferralValues): unknown {
  const iso = bucharestLocalToIso(v.referral.receivedAt);
  return { ...v, referral: { ...v.referral, receivedAt: iso ?? v.referral.receivedAt } };
}

export function ReferralPage() {
  const { api, me, hasRole, flash } = useApp();
  const [requestId] = useState(newRequestId);
  const form = useForm<ReferralValues>(() => initialReferral(me, new Date(), requestId));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  /** the open case of the same child, when the viewer may read it (DUPLICATE_CHILD) */
  const [existingCase, setExistingCase] = useState<string | undefined>();
  const [managers, setManagers] = useState<StaffMember[] | undefined>();
  const ref = useRef<HTMLFormElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const isCoordinator = hasRole('coordinator');
  const allowed = tracksFor(me.institution);

  useEffect(() => {
    if (!isCoordinator) return;
    api.get<{ items: StaffMember[] }>('/staff?role=case_manager').then((r) => setManagers(r.items)).catch(() => setManagers([]));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setProblem(undefined);
    const out = referralOutput(form.values);
    const v = validate(referralFormSchema, out);
    if (!v.ok) {
      form.setErrors(v.errors);
      focusFirstError(ref.current);
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<{ case: { caseId: string; caseNumber: string }; created: boolean }>('/referrals', prune(out));
      flash(`Sesizarea a fost înregistrată. S-a deschis cazul ${r.case.caseNumber}; evaluarea inițială apare în sarcinile managerului de caz.`);
      navigate(href('/cazuri/:caseId', { caseId: r.case.caseId }));
    } catch (err) {
      const ae = err as ApiError;
      setBusy(false);
      if (ae.status === 422 && ae.fields.length) {
        form.setErrors(serverErrors(ae.fields));
        setProblem(ae.message);
        focusFirstError(ref.current);
        return;
      }
      const existing = ae.code === 'DUPLICATE_CHILD' && typeof ae.details.existingCaseId === 'string' ? ae.details.existingCaseId : undefined;
      setExistingCase(existing);
      setProblem(ae.code === 'DUPLICATE_CHILD' && !existing ? `${ae.message} Căutați cazul existent în lista de cazuri.` : ae.message);
      requestAnimationFrame(() => problemRef.current?.focus());
    }
  };

  const v = form.values;
  return (
    <Page title="Sesizare nouă">
      <FormContext.Provider value={form as FormState<unknown>}>
        <form ref={ref} noValidate onSubmit={submit} class="referral-form">
          {problem && (
            <div ref={problemRef} tabIndex={-1}>
              <Banner kind="error">
                {problem}
                {existingCase && (
                  <>
                    {' '}
                    <a href={href('/cazuri/:caseId', { caseId: existingCase })}>Deschideți cazul existent</a>.
                  </>
                )}
              </Banner>
            </div>
          )}
          <ErrorSummary />
          <RadioGroup path="track" legend="Traseul" hint="Prevenirea separării se deschide la DAS; reintegrarea din protecția specială la DGASPC." options={allowed.map((t) => ({ value: t, label: trackConfig[t].label }))} />

          <fieldset class="section">
            <legend>Copilul</legend>
            <div class="cols">
              <TextField path="child.lastName" label="Numele de familie" summaryLabel="Numele de familie al copilului" />
              <TextField path="child.firstName" label="Prenumele" summaryLabel="Prenumele copilului" />
            </div>
            <div class="cols">
              <TextField path="child.birthDate" type="date" label="Data nașterii" width="short" />
              <SelectField path="child.sex" label="Sexul" optional options={options(sexLabels)} />
              <TextField path="child.cnp" label="CNP" optional inputMode="numeric" maxLength={13} width="medium" hint="13 cifre; dacă nu îl aveți acum, îl completați mai târziu." />
            </div>
            <div class="cols">
              <TextField path="child.residenceCity" label="Localitatea de domiciliu" />
              <TextField path="child.address" label="Adresa" optional />
            </div>
            <TextField path="child.school" label="Școala" optional />
            <SelectField path="child.ethnicity" label="Etnia (autodeclarată)" optional hint="Se completează doar dacă familia o declară. Este o dată sensibilă: apare în rapoarte numai agregat." options={options(ethnicityLabels)} />
            <CheckboxField path="child.disability" label="Copilul are o dizabilitate" />
            <CheckboxField path="child.inSpecialProtection" label="Copilul are o măsură de protecție specială" hint="Obligatoriu pentru traseul de reintegrare." />
          </fieldset>

          <fieldset class="section">
            <legend>Părintele sau reprezentantul legal</legend>
            <div class="cols">
              <TextField path="legalRepresentative.lastName" label="Numele de familie" summaryLabel="Numele de familie al reprezentantului legal" />
              <TextField path="legalRepresentative.firstName" label="Prenumele" summaryLabel="Prenumele reprezentantului legal" />
            </div>
            <div class="cols">
              <SelectField path="legalRepresentative.relation" label="Relația cu copilul" options={options(relationLabels)} />
              <TextField path="legalRepresentative.phone" type="tel" label="Telefon" optional width="medium" />
            </div>
            <TextField path="legalRepresentative.iban" label="IBAN pentru subvenția lunară" optional hint="Contul părintelui sau al reprezentantului legal, la o bancă din România." width="medium" />
          </fieldset>

          <fieldset class="section">
            <legend>Sesizarea</legend>
            <div class="cols">
              <SelectField path="referral.source" label="Sursa sesizării" options={options(referralSourceLabels)} />
              <TextField path="referral.receivedAt" type="datetime-local" label="Primită la (data și ora)" width="medium" />
            </div>
            <TextArea path="referral.reason" label="Motivul sesizării" hint="Ce s-a semnalat, de cine și când." rows={5} />
            <CheckboxGroup path="referral.riskFactors" legend="Factori de risc semnalați" options={riskFactors.map((r) => ({ value: r.code, label: r.label }))} />
          </fieldset>

          {isCoordinator && (
            <SelectField
              path="caseManagerId"
              label="Managerul de caz"
              optional={hasRole('case_manager')}
              options={(managers ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
              placeholder={managers ? '— Alegeți —' : 'Se încarcă lista…'}
            />
          )}

          <Buttons>
            <button type="submit" disabled={busy}>
              {busy ? 'Se înregistrează…' : 'Înregistrează sesizarea'}
            </button>
            <a class="button secondary" href="#/cazuri">
              Renunță
            </a>
          </Buttons>
          {v.track && <p class="muted">Cazul se deschide pe traseul „{trackConfig[v.track as Track].label}”.</p>}
        </form>
      </FormContext.Provider>
    </Page>
  );
}
