/**
 * The daily retention job: finds closed cases (per-institution index, no scan) whose retention period has passed and
 * anonymises each in one transaction — the anonymised case, its history entry, and the removal of any identity-key
 * item still pointing at it — then audits it. Idempotent: an anonymised case is skipped; a case changed meanwhile is
 * re-read and retried.
 */
import { institutionIds } from '../platform/auth/principal.js';
import { logger } from '../platform/log.js';
import type { PathwayDeps } from '../cases/index.js';
import { CaseConflictError, systemActor, type TransactItem } from '../cases/index.js';
import { retentionPolicy, type RetentionPolicy } from './config.js';
import type { CaseWithConsent } from './consent.js';
import { anonymiseCase, isDueForAnonymisation, RETENTION_RUN_SUBJECT, retentionRunDetail, type RetentionRunResult } from './retention.js';

export type { RetentionRunResult };

export async function closedCases(d: Pick<PathwayDeps, 'cases'>): Promise<CaseWithConsent[]> {
  const out: CaseWithConsent[] = [];
  for (const inst of institutionIds) out.push(...((await d.cases.listByInstitution(inst, { status: 'closed', limit: 100_000 })) as CaseWithConsent[]));
  return out;
}

function identityKeyDeletes(d: Pick<PathwayDeps, 'cases'>, c: CaseWithConsent): TransactItem[] {
  // only the key items that still point at this case (a later case of the same child keeps its own)
  return c.identityKeys.map((k) => d.cases.identityDeleteItem(k, c.caseId));
}

async function anonymiseOne(d: PathwayDeps, first: CaseWithConsent, now: Date, policy: RetentionPolicy): Promise<boolean> {
  let c = first;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!isDueForAnonymisation(c, now, policy)) return false;
    const at = now.toISOString();
    const extra = identityKeyDeletes(d, c);
    try {
      await d.cases.update(c, anonymiseCase(c, now), {
        at, actorId: systemActor.userId, actorName: systemActor.displayName, action: 'case.anonymise',
        summary: 'Date personale anonimizate după expirarea termenului de păstrare',
        detail: { closedAt: c.closedAt ?? null, policyYears: policy.closedCaseDays === null ? policy.closedCaseYears : null, policyDays: policy.closedCaseDays },
      }, extra);
    } catch (e) {
      if (e instanceof CaseConflictError) {
        const again = await d.cases.get(c.caseId);
        if (!again) return false;
        c = again as CaseWithConsent;
        continue;
      }
      throw e;
    }
    await d.audit.append({
      at, actorId: systemActor.userId, actorRoles: systemActor.roles, actorInstitution: systemActor.institution,
      action: 'retention.anonymise', subjectType: 'case', subjectId: c.caseId, subjectInstitution: c.institution, outcome: 'allowed',
      detail: { closedAt: c.closedAt ?? null },
    });
    return true;
  }
  throw new Error(`retention: case ${c.caseId} kept changing`);
}

export async function runRetention(d: PathwayDeps, now: Date, policy: RetentionPolicy = retentionPolicy()): Promise<RetentionRunResult> {
  const cases = await closedCases(d);
  const due = cases.filter((c) => isDueForAnonymisation(c, now, policy));
  const outcomes: { institution: string; anonymised: boolean; failed: boolean; identityKeys: number }[] = [];
  for (const c of due) {
    try {
      const done = await anonymiseOne(d, c, now, policy);
      outcomes.push({ institution: c.institution, anonymised: done, failed: false, identityKeys: done ? c.identityKeys.length : 0 });
    } catch (e) {
      outcomes.push({ institution: c.institution, anonymised: false, failed: true, identityKeys: 0 });
      logger.error('retention: anonymisation failed', { caseId: c.caseId, error: (e as Error).name });
    }
  }
  const detail = retentionRunDetail(cases.length, outcomes);
  const result: RetentionRunResult = { asOf: now.toISOString(), closedCases: detail.closedCases, due: detail.due, anonymised: detail.anonymised, failed: detail.failed };
  logger.info('retention run', { closedCases: result.closedCases, due: result.due, anonymised: result.anonymised, failed: result.failed });
  // the run itself, counts only, in the append-only audit log: the administrator's list of runs reads it back
  await d.audit.append({
    at: now.toISOString(), actorId: systemActor.userId, actorRoles: systemActor.roles, actorInstitution: systemActor.institution,
    action: 'retention.run', subjectType: RETENTION_RUN_SUBJECT.type, subjectId: RETENTION_RUN_SUBJECT.id, subjectInstitution: systemActor.institution,
    outcome: 'allowed', detail: { ...detail },
  });
  return result;
}
