/**
 * Distinct children. A child can have more than one case over the project (a closed case and a later referral, a
 * transfer recorded as a new case): cases that share any identity key are the same child, transitively.
 */
import type { ReportCase } from './model.js';

/** caseId → a stable child key (the smallest case id of the child's cases). */
export function childKeys(cases: readonly Pick<ReportCase, 'caseId' | 'identityKeys'>[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) (ra < rb ? parent.set(rb, ra) : parent.set(ra, rb));
  };
  const byKey = new Map<string, string>();
  for (const c of cases) parent.set(c.caseId, c.caseId);
  for (const c of cases) {
    for (const k of c.identityKeys) {
      const seen = byKey.get(k);
      if (seen) union(seen, c.caseId);
      else byKey.set(k, c.caseId);
    }
  }
  return new Map(cases.map((c) => [c.caseId, find(c.caseId)]));
}

/** Number of distinct children among the given case ids. */
export function countChildren(caseIds: Iterable<string>, keys: ReadonlyMap<string, string>): number {
  const seen = new Set<string>();
  for (const id of caseIds) seen.add(keys.get(id) ?? id);
  return seen.size;
}
