/**
 * Roma plan action 6.1 needs a fact the case file did not hold: that the case helped the child or the legal
 * representative obtain identity / civil-status documents. The case manager records it on the case; the record is
 * its own item (one per case, person and document kind) written in the case's transaction with a history entry.
 * The case's edit version is not bumped: an open task form stays valid.
 */
import type { Principal } from '../platform/auth/principal.js';
import { conflict, invalid, isRefusal, type Refusal } from '../platform/errors.js';
import type { PathwayDeps } from '../cases/index.js';
import { CaseConflictError, TransactionConflictError } from '../cases/index.js';
import type { CaseRecord } from '../cases/index.js';
import { dayOf } from './dates.js';
import { identityDocumentItem, type IdentityDocumentRecord } from './store.js';

// the form (schema, kinds, labels) lives in a module of its own, without the store: the browser validates with it too
export { identityDocumentFormSchema, identityDocumentKindLabels, identityDocumentKinds, identityDocumentPersonLabels, type IdentityDocumentForm } from './identity-document-form.js';
import { identityDocumentKindLabels, identityDocumentPersonLabels, type IdentityDocumentForm } from './identity-document-form.js';

/** Pure checks of a record against the case and the day: not before the case opened, not in the future. */
export function checkIdentityDocument(c: Pick<CaseRecord, 'openedAt'>, form: IdentityDocumentForm, now: Date): Refusal | null {
  const today = dayOf(now);
  if (form.obtainedOn > today) {
    return invalid('IDENTITY_DOCUMENT_DATE_FUTURE', 'Data obținerii actului nu poate fi în viitor.', [{ path: 'obtainedOn', message: 'Data este în viitor', code: 'IDENTITY_DOCUMENT_DATE_FUTURE' }]);
  }
  if (form.obtainedOn < dayOf(c.openedAt)) {
    return invalid('IDENTITY_DOCUMENT_BEFORE_CASE', 'Actul a fost obținut înainte de deschiderea cazului; se consemnează doar sprijinul acordat în caz.', [{ path: 'obtainedOn', message: 'Data este înainte de deschiderea cazului', code: 'IDENTITY_DOCUMENT_BEFORE_CASE' }]);
  }
  return null;
}

export async function recordIdentityDocument(d: Pick<PathwayDeps, 'cases' | 'db' | 'now'>, p: Principal, c: CaseRecord, form: IdentityDocumentForm): Promise<IdentityDocumentRecord> {
  // the form carries no version (it edits nothing on the case): a change made meanwhile — often the workflow's own
  // step, e.g. the enrolment right after a plan approval — is not a conflict for the user; read the case again
  for (let attempt = 0; ; attempt++) {
    try {
      return await recordOnce(d, p, c, form);
    } catch (e) {
      const fresh = isRefusal(e, 'conflict', 'VERSION_CONFLICT') && attempt < 4 ? await d.cases.get(c.caseId) : undefined;
      if (!fresh) throw e;
      c = fresh;
    }
  }
}

async function recordOnce(d: Pick<PathwayDeps, 'cases' | 'db' | 'now'>, p: Principal, c: CaseRecord, form: IdentityDocumentForm): Promise<IdentityDocumentRecord> {
  const now = d.now();
  const refused = checkIdentityDocument(c, form, now);
  if (refused) throw refused;
  const at = now.toISOString();
  const record: IdentityDocumentRecord = {
    caseId: c.caseId, person: form.person, document: form.document, obtainedOn: form.obtainedOn,
    ...(form.notes ? { notes: form.notes } : {}), recordedBy: p.userId, recordedAt: at,
  };
  try {
    await d.cases.update(c, { ...c, updatedAt: at }, {
      at, actorId: p.userId, actorName: p.displayName, action: 'case.identity_document',
      summary: `Sprijin pentru acte: ${identityDocumentKindLabels[form.document]} obținut pentru ${identityDocumentPersonLabels[form.person]} la ${form.obtainedOn}`,
      detail: { person: form.person, document: form.document, obtainedOn: form.obtainedOn },
    }, [identityDocumentItem(d.db.mainTable, record)]);
  } catch (e) {
    if (e instanceof CaseConflictError) throw conflict('VERSION_CONFLICT', 'Cazul a fost modificat între timp. Reîncercați.');
    if (e instanceof TransactionConflictError && e.reasons[2] === 'ConditionalCheckFailed') {
      throw conflict('IDENTITY_DOCUMENT_DUPLICATE', `Pentru ${identityDocumentPersonLabels[form.person]} s-a consemnat deja obținerea actului (${identityDocumentKindLabels[form.document]}).`);
    }
    throw e;
  }
  return record;
}
