/**
 * Cohort places (`shared/subsidies/config.ts`: 187 children "at least 18 months", 79 "at least 12 months"): a child takes
 * a place when the plan that names the cohort is approved (or when an imported case brings one). A place once taken stays
 * counted, also after the case closes: the funder's quota is about children admitted, not children currently open.
 *
 * Two approvals at the same moment cannot both take the last place: an approval counts the places at a version of
 * the places item (`cohortPlaces`) and its transaction moves that version only while it is still the one it counted
 * at (`CohortPlacesStore.takeItem`); the other approval's transaction is refused and it counts again. The places are
 * counted from the cases' index, which DynamoDB updates a moment after the case: the places item also lists the
 * places taken in the last minutes, written in the approval's transaction, and the count reads them over the index.
 * An import counts the places when it starts (shared/imports/context.ts) and does not move the version (decision 012).
 */
import { institutionIds } from '../platform/auth/principal.js';
import type { Db } from '../platform/db/db.js';
import type { CohortId } from '../subsidies/index.js';
import { CohortPlacesStore, type PlaceTaken, type PlacesVersion } from './cohort-places-store.js';
import type { CaseStore, CohortFacts } from './store.js';

export interface CohortPlaces extends PlacesVersion {
  counts: Partial<Record<CohortId, number>>;
}

/** The cohort a case holds a place in, if any. */
export const cohortOf = (c: Pick<CohortFacts, 'cohort' | 'plan'>): CohortId | undefined =>
  (c.cohort ?? (c.plan?.status === 'approved' ? c.plan.cohort : undefined)) as CohortId | undefined;

/**
 * Children holding a place in each cohort (pure): each case's place from its facts — where the places item's list of
 * places just taken names the case, from the list (written with the case, it is never older than the index) — with
 * `except` (the case being decided) left out.
 */
export function countPlaces(facts: readonly CohortFacts[], recent: readonly PlaceTaken[], except?: string): Partial<Record<CohortId, number>> {
  const byCase = new Map<string, CohortId | undefined>();
  for (const f of facts) byCase.set(f.caseId, cohortOf(f));
  for (const r of recent) byCase.set(r.caseId, r.cohort);
  const counts: Partial<Record<CohortId, number>> = {};
  for (const [caseId, cohort] of byCase) {
    if (cohort && caseId !== except) counts[cohort] = (counts[cohort] ?? 0) + 1;
  }
  return counts;
}

/**
 * The places held in each cohort (leaving out `except`), with the version they were counted at. The places item is
 * read first (consistently), then the cases' cohort facts: a place another approval takes in between moves the
 * version after this read, so the write that relies on these counts is refused (`CohortPlacesStore.takeItem`).
 */
export async function cohortPlaces(d: { db: Db; cases: Pick<CaseStore, 'cohortFactsByInstitution'> }, except?: string): Promise<CohortPlaces> {
  const at = await new CohortPlacesStore(d.db).read();
  const facts = (await Promise.all(institutionIds.map((i) => d.cases.cohortFactsByInstitution(i)))).flat();
  return { ...at, counts: countPlaces(facts, at.recent, except) };
}

/** Children holding a place in each cohort (every case, open or closed), leaving out `except` (the case being decided). */
export async function cohortCounts(d: { db: Db; cases: Pick<CaseStore, 'cohortFactsByInstitution'> }, except?: string): Promise<Partial<Record<CohortId, number>>> {
  return (await cohortPlaces(d, except)).counts;
}

/** An approval's transaction was refused because another approval took a cohort place since it counted them. */
export class CohortPlacesMovedError extends Error {
  constructor() {
    super('cohort places moved since they were counted');
    this.name = 'CohortPlacesMovedError';
  }
}
