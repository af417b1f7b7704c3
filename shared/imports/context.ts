/**
 * What Vatra already holds that an import is checked against, read with key lookups and queries only (never a Scan):
 * the import keys and identity keys of the file's children (BatchGetItem), children per cohort (cases by
 * institution), case managers (staff directory by role) and the places taken in each group (capacity counters).
 */
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';
import { cohortCounts } from '../cases/index.js';
import { existingOf, type ExistingCase } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { protectIdentityKeys } from '../protection/index.js';
import { EnrolmentStore } from '../services/index.js';
import { UserStore } from '../cases/index.js';
import type { ExistingImport, ImportContext, StaffRef } from './model.js';
import { lookupsFor } from './parse.js';
import { ImportStore } from './store.js';
import type { ParsedWorkbook } from './workbook.js';

export async function existingImports(d: Pick<PathwayDeps, 'db'>, importKeys: readonly string[]): Promise<Map<string, ExistingImport>> {
  const items = await new ImportStore(d.db).importKeys(importKeys);
  return new Map(items.map((i) => [i.importKey, { caseId: i.caseId, caseNumber: i.caseNumber, fingerprint: i.fingerprint }]));
}

/** Identity keys held by open cases, by the plain key the planner knows. */
export async function identityHits(d: Pick<PathwayDeps, 'db' | 'cases'>, plainKeys: readonly string[]): Promise<Map<string, ExistingCase>> {
  const protectedKeys = await protectIdentityKeys(plainKeys);
  const plainOf = new Map(protectedKeys.map((p, i) => [p, plainKeys[i]!]));
  const items = await d.cases.identityHolders(protectedKeys);
  const out = new Map<string, ExistingCase>();
  for (const i of items) {
    const plain = plainOf.get(i.protectedKey);
    if (!plain) continue;
    // whose case it is decides whether the report may name it (shared/cases/duplicates.ts)
    const held = await d.cases.get(i.caseId);
    out.set(plain, held ? existingOf(held) : { caseId: i.caseId, caseNumber: i.caseNumber });
  }
  return out;
}

/** Children already in each cohort: the pathway's count (open or closed cases: a place once taken stays counted). */
export { cohortCounts };

export async function caseManagers(d: Pick<PathwayDeps, 'db'>): Promise<StaffRef[]> {
  const users = new UserStore(d.db);
  const lists = await Promise.all(institutionIds.map((i) => users.byRole('case_manager', i)));
  return lists.flat().map((u) => ({ userId: u.userId, username: u.username, email: u.email, institution: u.institution }));
}

export async function capacityUse(d: Pick<PathwayDeps, 'db'>): Promise<{ placesTaken: Map<string, number>; groupsWithWaitingList: Set<string> }> {
  const counters = await new EnrolmentStore(d.db).counters();
  return {
    placesTaken: new Map(counters.map((c) => [`${c.serviceId}#${c.groupId}`, c.enrolled])),
    groupsWithWaitingList: new Set(counters.filter((c) => c.waiting > 0).map((c) => `${c.serviceId}#${c.groupId}`)),
  };
}

export async function loadContext(d: PathwayDeps, wb: ParsedWorkbook, who: { by: string; importerInstitution?: InstitutionId | undefined }): Promise<ImportContext> {
  const { importKeys, identityKeys } = lookupsFor(wb);
  const [imports, hits, cohorts, managers, capacity] = await Promise.all([
    existingImports(d, importKeys),
    identityHits(d, identityKeys),
    cohortCounts(d),
    caseManagers(d),
    capacityUse(d),
  ]);
  return {
    now: d.now(),
    by: who.by,
    importerInstitution: who.importerInstitution,
    caseManagers: managers,
    existingImports: imports,
    identityHits: hits,
    cohortCounts: cohorts,
    placesTaken: capacity.placesTaken,
    groupsWithWaitingList: capacity.groupsWithWaitingList,
  };
}
