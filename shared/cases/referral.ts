/**
 * Referral intake: validates the target group, refuses a second open case for the same child (CNP, or name + birth
 * date), creates the case with its first history entry, its identity keys and the request id in one transaction
 * (a double-clicked form returns the same case), and starts the intake workflow.
 */
import { ulid } from 'ulid';
import type { Principal } from '../platform/auth/principal.js';
import { localDate, wallTimeOf } from '../platform/calendar.js';
import { referralSourceLabels, trackConfig } from './config.js';
import type { CaseRecord, ReferralForm } from './model.js';
import { conflict, forbidden, invalid } from '../platform/errors.js';
import { checkTargetGroup } from './rules/target-group.js';
import { identityKeys } from './rules/duplicates.js';
import { protectIdentityKeys } from '../protection/index.js';
import { requireStaff } from './staff.js';
import { existingCaseLabel, existingOf, visibleTo } from './duplicates.js';
import { TransactionConflictError, type TransactItem } from './store.js';
import { actorOf, caseFacts, type RequestInfo } from './access.js';
import { canOnCase } from '../manifest/policy.js';
import type { PathwayDeps } from './deps.js';
import { startWorkflow } from './workflow.js';

export async function createReferral(d: PathwayDeps, p: Principal, form: ReferralForm, req: RequestInfo): Promise<{ case: CaseRecord; created: boolean }> {
  const now = d.now();
  const at = now.toISOString();
  // A repeated submission of the same form (double click, retry) answers with the case it created.
  const prior = await d.cases.referralRequest(form.clientRequestId);
  if (prior) {
    const existing = await d.cases.get(prior.caseId);
    if (existing && prior.actorId === p.userId) return { case: existing, created: false };
    throw conflict('DUPLICATE_REQUEST', 'Această cerere a fost deja trimisă.');
  }
  const cfg = trackConfig[form.track];
  if (!p.roles.includes('coordinator') && !p.roles.includes('case_manager')) throw forbidden();
  if (p.institution !== cfg.owner && p.institution !== 'GAL') {
    throw forbidden(`Cazurile de pe traseul „${cfg.label}” se deschid de ${cfg.owner}.`);
  }
  const tg = checkTargetGroup({
    birthDate: form.child.birthDate,
    referralDate: localDate(form.referral.receivedAt),
    track: form.track,
    residenceCity: form.child.residenceCity,
    inSpecialProtection: form.child.inSpecialProtection,
    riskFactors: form.referral.riskFactors,
  });
  if (!tg.eligible) {
    throw invalid('NOT_IN_TARGET_GROUP', `Copilul nu face parte din grupul țintă: ${tg.reasons.map((r) => r.message).join('; ')}`, tg.reasons.map((r) => ({ path: 'child', message: r.message, code: r.code })));
  }
  const caseManagerId = form.caseManagerId ?? (p.roles.includes('case_manager') ? p.userId : undefined);
  if (!caseManagerId) throw invalid('CASE_MANAGER_REQUIRED', 'Alegeți managerul de caz.', [{ path: 'caseManagerId', message: 'Obligatoriu', code: 'CASE_MANAGER_REQUIRED' }]);
  if (caseManagerId !== p.userId) await requireStaff(d.db, caseManagerId, 'case_manager', p.institution === 'GAL' ? cfg.owner : p.institution, 'caseManagerId');

  // keyed hashes, never the CNP or the name in a table key (shared/protection/identity-keys.ts)
  const keys = await protectIdentityKeys(identityKeys({ cnp: form.child.cnp, firstName: form.child.firstName, lastName: form.child.lastName, birthDate: form.child.birthDate }));
  const caseId = ulid(now.getTime());
  // numbered in the Bucharest year (a referral at 00:30 on 1 January belongs to the new year, not the UTC one)
  const caseNumber = await d.cases.nextCaseNumber(wallTimeOf(now).year);
  const record: CaseRecord = {
    caseId,
    caseNumber,
    track: form.track,
    stage: 'evaluation',
    status: 'open',
    institution: p.institution === 'GAL' ? cfg.owner : p.institution,
    sharedWith: p.institution === 'GAL' ? ['GAL'] : [],
    caseManagerId,
    child: form.child,
    legalRepresentative: form.legalRepresentative,
    referral: form.referral,
    reviews: [],
    services: [],
    identityKeys: keys,
    workflow: { seq: 0 },
    openedAt: at,
    createdAt: at,
    updatedAt: at,
    version: 1,
    editVersion: 1,
    origin: { kind: 'form', by: p.userId, at },
  };
  const extra: TransactItem[] = [
    ...keys.map((k) => d.cases.identityPutItem(k, caseId, caseNumber)),
    d.cases.referralRequestPutItem(form.clientRequestId, caseId, p.userId, now),
  ];
  const actor = actorOf(p);
  try {
    await d.cases.create(record, { at, actorId: actor.userId, actorName: actor.displayName, action: 'case.create', summary: `Sesizare înregistrată (${cfg.label}); sursa: ${referralSourceLabels[form.referral.source]}`, stageAfter: 'evaluation' }, extra);
  } catch (e) {
    if (e instanceof TransactionConflictError) {
      // reasons: [case, history, ...identity keys, request]. A store may report only the first failed condition (an
      // identity key) when a concurrent save of the same form won, so the request record is read back before any
      // identity conflict is answered: the same form gets its case, a different form the duplicate-child error.
      const sameForm = e.reasons.at(-1) === 'ConditionalCheckFailed' || e.reasons.includes('TransactionConflict')
        || (await d.cases.referralRequest(form.clientRequestId)) !== undefined;
      if (sameForm) {
        // the same form is being (or was just) saved by a concurrent request: answer with that case
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
        return createReferral(d, p, form, req);
      }
      const identHit = e.reasons.slice(2, 2 + keys.length).indexOf('ConditionalCheckFailed');
      if (identHit >= 0) {
        const [holder] = await d.cases.identityHolders([keys[identHit]!]);
        const held = holder?.caseId ? await d.cases.get(holder.caseId) : undefined;
        const existing = held ? existingOf(held) : { caseId: '', caseNumber: holder?.caseNumber || 'necunoscut' };
        const shown = visibleTo(existing, p.institution);
        // the case itself (a link in the page) only to whom the policy lets read it
        const readable = held ? canOnCase(p, 'case.read', caseFacts(held)) : false;
        throw conflict('DUPLICATE_CHILD', `Copilul are deja un caz deschis ${existingCaseLabel(existing, p.institution)}. Un copil poate avea un singur caz deschis.`,
          shown ? { existingCaseNumber: existing.caseNumber, ...(readable ? { existingCaseId: existing.caseId } : {}) } : { existingInstitution: existing.institution });
      }
    }
    throw e;
  }
  await d.audit.append({ actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'case.create', subjectType: 'case', subjectId: caseId, subjectInstitution: record.institution, outcome: 'allowed', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId });
  const started = await startWorkflow(d, caseId, 'case-intake', 1, {});
  return { case: started ?? record, created: true };
}
