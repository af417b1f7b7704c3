/**
 * What someone else changed, in words (issue #18: a 409 names the changed fields). The API answers a stale write with
 * 409 and no diff — the stores only know that the version moved on —, so the page that loaded the record re-reads it
 * and compares the two copies here: every differing path is named by the label of its closest labelled path
 * („child.firstName” → „prenumele copilului”, „plan.objectives.0.text” → „planul de servicii”). Bookkeeping fields
 * (versions, timestamps, workflow internals) are ignored; a difference nobody labelled is named `other`, and so is a
 * conflict whose labelled fields all read the same (the record moved on in a part this page does not show).
 */

export interface DiffSpec {
  /** path → Romanian label, in the order the names are listed; a path covers everything beneath it */
  labels: Readonly<Record<string, string>>;
  /** paths (and everything beneath) that never count: versions, timestamps, computed labels */
  ignore?: readonly string[];
  /** the name of a change under no label */
  other?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf paths where `a` and `b` differ (arrays compared element by element, missing = undefined). */
export function differingPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differingPaths(a[i], b[i], prefix ? `${prefix}.${i}` : String(i)));
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const out: string[] = [];
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out.push(...differingPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
    return out;
  }
  // a value replaced (or one side missing / null): the path itself
  return [prefix];
}

const within = (path: string, base: string) => path === base || path.startsWith(`${base}.`);

/** The labels of what changed between the copy a page loaded and the one it reads after a 409. */
export function changedFields(before: unknown, after: unknown, spec: DiffSpec): string[] {
  const paths = differingPaths(before, after).filter((p) => !(spec.ignore ?? []).some((i) => within(p, i)));
  const keys = Object.keys(spec.labels);
  const hit = new Set<string>();
  let other = false;
  for (const p of paths) {
    // the closest labelled path: the longest label key that covers p
    const key = keys.filter((k) => within(p, k)).sort((x, y) => y.length - x.length)[0];
    if (key) hit.add(key);
    else other = true;
  }
  const names = keys.filter((k) => hit.has(k)).map((k) => spec.labels[k]!);
  if ((other || names.length === 0) && spec.other) names.push(spec.other);
  return [...new Set(names)];
}

/** The case as the case page and the task forms load it (GET /cases/{id}, GET /tasks/{id}). */
export const caseDiff: DiffSpec = {
  labels: {
    'child.firstName': 'prenumele copilului',
    'child.lastName': 'numele copilului',
    'child.birthDate': 'data nașterii copilului',
    child: 'datele copilului',
    legalRepresentative: 'datele reprezentantului legal',
    referral: 'sesizarea',
    evaluation: 'evaluarea inițială',
    consent: 'acordul părintelui',
    consentWithdrawals: 'retragerile acordului',
    processingRestricted: 'restricționarea prelucrării',
    plan: 'planul de servicii',
    cohort: 'cohorta',
    reviews: 'reevaluările',
    nextReviewDate: 'data următoarei reevaluări',
    reintegrationDate: 'data reintegrării',
    transfer: 'transferul',
    closure: 'închiderea cazului',
    closedAt: 'închiderea cazului',
    services: 'serviciile',
    stage: 'etapa cazului',
    status: 'starea cazului',
    caseManagerId: 'managerul de caz',
    sharedWith: 'instituțiile care văd cazul',
    track: 'tipul de caz',
    institution: 'instituția',
    anonymisedAt: 'anonimizarea',
  },
  ignore: ['version', 'storageVersion', 'editVersion', 'updatedAt', 'createdAt', 'workflow', 'pendingTaskId', 'stageLabel', 'trackLabel', 'planLabel', 'view', 'participation', 'subsidyMonths', 'origin'],
  other: 'alte date ale cazului',
};

/** The case's consent as its section loads it (GET /cases/{id}/consent). */
export const consentDiff: DiffSpec = {
  labels: {
    consent: 'acordul părintelui',
    purposes: 'scopurile acordului',
    withdrawals: 'retragerile acordului',
    processingRestricted: 'restricționarea prelucrării',
    anonymisedAt: 'anonimizarea',
  },
  ignore: ['version'],
  other: 'alte date ale cazului',
};
