/** What each role sees of a case: full file for its managers, a minimal view for centre/intervention staff. */
import type { Role } from '../platform/auth/principal.js';
import { stageLabels, trackConfig } from './config.js';
import type { CaseRecord } from './model.js';
import type { ChildLabel } from './display.js';
import { fieldPolicy, pick, viewKindOf, withoutWorkflowInternals } from './field-policy.js';

export function caseView(c: CaseRecord, role: Role) {
  if (viewKindOf(role) === 'limited') {
    const limited = { ...c, child: pick(c.child, fieldPolicy.case.limitedChild), view: 'limited' as const };
    return pick(limited, fieldPolicy.case.limited) as Pick<CaseRecord, 'caseId' | 'caseNumber' | 'services' | 'stage' | 'status'> & { child: { firstName: string }; view: 'limited' };
  }
  const { identityKeys: _k, version: storageVersion, editVersion, ...rest } = withoutWorkflowInternals(c);
  // `version` is what a form sends back as expectedVersion (changes by people only)
  return { ...rest, version: editVersion ?? 1, storageVersion, stageLabel: stageLabels[c.stage], trackLabel: trackConfig[c.track].label, planLabel: trackConfig[c.track].planLabel, view: 'full' as const };
}

/**
 * Listing rows carry no sensitive fields: the child's name only in the form the viewer's relation allows
 * (shared/cases/display.ts: full name or initials, null when none) and the age in years, never the birth date.
 */
export function caseSummary(c: CaseRecord, label: ChildLabel | undefined) {
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    childName: label?.childLabel ?? null,
    childAge: label?.childAge ?? null,
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
