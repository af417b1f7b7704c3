/**
 * Cohort places (`shared/subsidies/config.ts`: 187 children "at least 18 months", 79 "at least 12 months"): a child takes
 * a place when the plan that names the cohort is approved (or when an imported case brings one). A place once taken stays
 * counted, also after the case closes: the funder's quota is about children admitted, not children currently open.
 */
import { institutionIds } from '../platform/auth/principal.js';
import type { CohortId } from '../subsidies/index.js';
import type { CaseStore, CohortFacts } from './store.js';

/** The cohort a case holds a place in, if any. */
export const cohortOf = (c: Pick<CohortFacts, 'cohort' | 'plan'>): CohortId | undefined =>
  (c.cohort ?? (c.plan?.status === 'approved' ? c.plan.cohort : undefined)) as CohortId | undefined;

/** Children holding a place in each cohort (every case, open or closed), leaving out `except` (the case being decided). */
export async function cohortCounts(d: { cases: Pick<CaseStore, 'cohortFactsByInstitution'> }, except?: string): Promise<Partial<Record<CohortId, number>>> {
  const lists = await Promise.all(institutionIds.map((i) => d.cases.cohortFactsByInstitution(i)));
  const seen = new Set<string>();
  const counts: Partial<Record<CohortId, number>> = {};
  for (const c of lists.flat()) {
    if (seen.has(c.caseId) || c.caseId === except) continue;
    seen.add(c.caseId);
    const cohort = cohortOf(c);
    if (cohort) counts[cohort] = (counts[cohort] ?? 0) + 1;
  }
  return counts;
}
