/**
 * What Vatra already holds that an import is checked against, read with key lookups and queries only (never a Scan):
 * the import keys and identity keys of the file's children (BatchGetItem), children per cohort (cases by
 * institution), case managers (staff directory by role) and the places taken in each group (capacity counters).
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';
import { cohortCounts } from '../cases/index.js';
import { existingOf, type ExistingCase } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';
import { protectIdentityKeys } from '../protection/index.js';
import { EnrolmentStore } from '../services/index.js';
import { UserStore } from '../cases/index.js';
import type { ExistingImport, ImportContext, StaffRef } from './model.js';
import { lookupsFor } from './parse.js';
import type { ParsedWorkbook } from './workbook.js';

type Item = Record<string, unknown>;

export const importKeyItemKey = (importKey: string) => ({ pk: `IMPORT#${importKey}`, sk: 'IMPORT' });
export const identityItemKey = (protectedKey: string) => ({ pk: `IDENT#${protectedKey}`, sk: 'IDENT' });

/** BatchGetItem in chunks of 100, retrying unprocessed keys. */
export async function batchGet(d: Pick<PathwayDeps, 'db'>, keys: readonly { pk: string; sk: string }[]): Promise<Item[]> {
  const out: Item[] = [];
  const table = d.db.mainTable;
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      const res = await d.db.doc.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }));
      out.push(...((res.Responses?.[table] ?? []) as Item[]));
      pending = res.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
      if (pending?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
    }
  }
  return out;
}

export async function existingImports(d: Pick<PathwayDeps, 'db'>, importKeys: readonly string[]): Promise<Map<string, ExistingImport>> {
  const items = await batchGet(d, importKeys.map(importKeyItemKey));
  return new Map(items.map((i) => [String(i.importKey), { caseId: String(i.caseId), caseNumber: String(i.caseNumber), fingerprint: String(i.fingerprint) }]));
}

/** Identity keys held by open cases, by the plain key the planner knows. */
export async function identityHits(d: Pick<PathwayDeps, 'db' | 'cases'>, plainKeys: readonly string[]): Promise<Map<string, ExistingCase>> {
  const protectedKeys = await protectIdentityKeys(plainKeys);
  const plainOf = new Map(protectedKeys.map((p, i) => [p, plainKeys[i]!]));
  const items = await batchGet(d, protectedKeys.map(identityItemKey));
  const out = new Map<string, ExistingCase>();
  for (const i of items) {
    const plain = plainOf.get(String(i.pk).slice('IDENT#'.length));
    if (!plain) continue;
    // whose case it is decides whether the report may name it (shared/cases/duplicates.ts)
    const held = await d.cases.get(String(i.caseId));
    out.set(plain, held ? existingOf(held) : { caseId: String(i.caseId), caseNumber: String(i.caseNumber ?? '') });
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
