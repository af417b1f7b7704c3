/** What each role sees of a case: full file for its managers, a minimal view for centre/intervention staff. */
import type { Role } from '../platform/auth/principal.js';
import { stageLabels, trackConfig } from './config.js';
import type { CaseRecord } from './model.js';

export function caseView(c: CaseRecord, role: Role) {
  if (role === 'centre_staff' || role === 'intervention_staff') {
    return { caseId: c.caseId, caseNumber: c.caseNumber, child: { firstName: c.child.firstName }, services: c.services, stage: c.stage, status: c.status, view: 'limited' as const };
  }
  const { identityKeys: _k, version: storageVersion, editVersion, ...rest } = c;
  // `version` is what a form sends back as expectedVersion (changes by people only)
  return { ...rest, version: editVersion ?? 1, storageVersion, stageLabel: stageLabels[c.stage], trackLabel: trackConfig[c.track].label, planLabel: trackConfig[c.track].planLabel, view: 'full' as const };
}

/** Listing rows carry no sensitive fields at all. */
export function caseSummary(c: CaseRecord) {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    childName: `${c.child.firstName} ${c.child.lastName}`,
    track: c.track,
    stage: c.stage,
    stageLabel: stageLabels[c.stage],
    status: c.status,
    institution: c.institution,
    caseManagerId: c.caseManagerId,
    nextReviewDate: c.nextReviewDate ?? null,
    updatedAt: c.updatedAt,
    version: c.editVersion ?? 1,
  };
}
