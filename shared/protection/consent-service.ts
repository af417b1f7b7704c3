/**
 * Consent changes through the API: authorize and audit on the case, check the form's version, apply the pure change
 * (shared/protection/consent.ts) and write it with its history entry in one transaction.
 */
import type { Principal } from '../platform/auth/principal.js';
import { conflict, notFound } from '../platform/errors.js';
import { actorOf, authorizeCase, type RequestInfo } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { CaseConflictError } from '../cases/index.js';
import { recordConsent, withdrawConsent, type CaseWithConsent, type RecordConsentForm, type WithdrawConsentForm } from './consent.js';

export type ConsentCommand =
  | { kind: 'record'; form: RecordConsentForm }
  | { kind: 'withdraw'; form: WithdrawConsentForm };

const staleMessage = 'Cazul a fost modificat de altcineva între timp. Reîncărcați datele și reluați modificarea.';

export async function loadCase(d: PathwayDeps, caseId: string): Promise<CaseWithConsent> {
  const c = await d.cases.get(caseId);
  if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  return c as CaseWithConsent;
}

export async function changeConsent(d: PathwayDeps, p: Principal, caseId: string, cmd: ConsentCommand, req: RequestInfo): Promise<CaseWithConsent> {
  let c = await loadCase(d, caseId);
  await authorizeCase(d.audit, p, 'case.consent.write', c, req, { auditAction: `case.consent.${cmd.kind}`, detail: { purposes: cmd.form.purposes } });
  const actor = actorOf(p);
  // a workflow step may write the case between our read and our write (storage version only): re-read and re-apply
  // while the person's edit version still holds
  for (let attempt = 0; ; attempt++) {
    if ((c.editVersion ?? 1) !== cmd.form.expectedVersion) throw conflict('VERSION_CONFLICT', staleMessage, { currentVersion: c.editVersion ?? 1 });
    const now = d.now();
    const { expectedVersion: _v, ...form } = cmd.form;
    const change = cmd.kind === 'record'
      ? recordConsent(c, form as Omit<RecordConsentForm, 'expectedVersion'>, actor, now)
      : withdrawConsent(c, form as Omit<WithdrawConsentForm, 'expectedVersion'>, actor, now);
    const after: CaseWithConsent = { ...change.after, editVersion: (c.editVersion ?? 1) + 1 };
    try {
      return (await d.cases.update(c, after, { at: now.toISOString(), actorId: actor.userId, actorName: actor.displayName, action: change.action, summary: change.summary, detail: change.detail })) as CaseWithConsent;
    } catch (e) {
      if (!(e instanceof CaseConflictError) || attempt >= 4) {
        if (e instanceof CaseConflictError) throw conflict('VERSION_CONFLICT', staleMessage);
        throw e;
      }
      c = await loadCase(d, caseId);
    }
  }
}
