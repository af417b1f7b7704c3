/**
 * The import as a pure function: rows of the workbook + what Vatra already holds (ImportContext) → a report per row
 * and the drafts of the cases that can be written. Rows are parsed (parse.ts) and linked to their child (link.ts);
 * here the checks across cases (payment references, the same child twice, already imported, open cases, cohort
 * quotas, capacity, transaction size). A case is taken whole or not at all: one bad row rejects its case, and the
 * other rows of that case say so. No I/O and no clock: `ctx.now` is the moment of the import.
 */
import { createHash } from 'node:crypto';
import { existingCaseLabel } from '../cases/index.js';
import { getService, registerPolicy } from '../services/index.js';
import { assignCohort, bucharestDate, type CohortId } from '../subsidies/index.js';
import { sheetSpec, type ImportStage, type SheetId } from './columns.js';
import { linkRows, linkWorkbook, allRows, type ChildEntry } from './link.js';
import type { CaseDraft, CaseOutcome, ImportContext, ImportPlan, RowReport, RowStatus } from './model.js';
import { importKeyOf, refOf, type Row } from './parse.js';
import { readText } from './values.js';
import type { ParsedWorkbook } from './workbook.js';

export const MAX_TRANSACTION_ITEMS = registerPolicy.maxTransactionItems.value;

/** Stage of the case → the workflow that takes it over after the import (none for a closed case). */
export const workflowForStage: Record<ImportStage, { workflow: string; extra: Record<string, unknown> } | null> = {
  evaluation: { workflow: 'case-intake', extra: {} },
  services: { workflow: 'review-cycle', extra: { reviewKind: 'review' } },
  monitoring: { workflow: 'review-cycle', extra: { reviewKind: 'monitoring_review' } },
  closed: null,
};

/** History entries an imported case starts with: one per kind of record it brings, and the start of its workflow. */
export function historyKinds(d: Pick<CaseDraft, 'plan' | 'enrolments' | 'participation' | 'payments' | 'stage'>): string[] {
  return [
    'import.case',
    ...(d.plan ? ['import.plan'] : []),
    ...(d.enrolments.length ? ['import.enrolments'] : []),
    ...(d.participation.length ? ['import.participation'] : []),
    ...(d.payments.length ? ['import.payments'] : []),
    ...(workflowForStage[d.stage] ? ['workflow.start'] : []),
  ];
}

/** Does the import open an Observatorul registration task (approved plan not yet registered, case not closed)? */
export const needsObservatorTask = (d: Pick<CaseDraft, 'plan' | 'stage'>) => !!d.plan && !d.plan.plan.observator && d.stage !== 'closed';

/** Items of the one transaction that writes the case (shared/imports/commit.ts builds exactly these). */
export function transactItemCount(d: CaseDraft): number {
  const activeEnrolments = d.enrolments.filter((e) => e.status === 'active').length;
  return 1 // case
    + historyKinds(d).length
    + (d.stage === 'closed' ? 0 : d.identityKeys.length)
    + 1 // import key
    + d.enrolments.length + activeEnrolments // enrolments + capacity counters
    + d.participation.length
    + d.payments.length + (d.payments.length ? 1 : 0) // ledger lines + the child's paid-month counter
    + (needsObservatorTask(d) ? 1 : 0);
}

// ── the plan ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Canonical JSON (sorted keys): equal content gives an equal string whatever the order of properties. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Hash of what the file says about a case: independent of row numbers, row order and the groups Vatra chose. */
export function fingerprintOf(d: Omit<CaseDraft, 'fingerprint'>): string {
  const content = {
    importKey: d.importKey, track: d.track, stage: d.stage, institution: d.institution, sharedWith: d.sharedWith, caseManagerId: d.caseManagerId,
    child: d.child, legalRepresentative: d.legalRepresentative, referral: d.referral, consent: d.consent,
    plan: d.plan ? { approvedOn: d.plan.approvedOn, plan: d.plan.plan } : null,
    reintegrationDate: d.reintegrationDate, closure: d.closure,
    enrolments: d.enrolments.map((e) => ({ serviceId: e.serviceId, groupId: e.groupGiven ? e.groupId : null, from: e.from, to: e.to, endReason: e.endReason })).sort((a, b) => canonical(a).localeCompare(canonical(b))),
    participation: d.participation.map(({ sheet: _s, row: _r, ...p }) => p).sort((a, b) => `${a.month}${a.serviceId}`.localeCompare(`${b.month}${b.serviceId}`)),
    payments: d.payments.map(({ sheet: _s, row: _r, ...p }) => p).sort((a, b) => a.month.localeCompare(b.month)),
  };
  return createHash('sha256').update(canonical(content)).digest('hex');
}

/** Capacity: a place in the group the file names, or the first group with room. Returns false when full. */
function takePlaces(d: CaseDraft, e: ChildEntry, taken: Map<string, number>, waiting: ReadonlySet<string>): { ok: boolean; next: Map<string, number> } {
  const next = new Map(taken);
  let ok = true;
  for (const en of d.enrolments) {
    if (en.status !== 'active') continue;
    const service = getService(en.serviceId)!;
    const row = e.enrolments.find((x) => x.row.raw.row === en.row)!.row;
    const free = (g: { id: string; capacity: number }) => (next.get(`${service.id}#${g.id}`) ?? 0) < g.capacity && !waiting.has(`${service.id}#${g.id}`);
    const group = en.groupGiven ? service.groups.find((g) => g.id === en.groupId)! : service.groups.find(free);
    if (!group || !free(group)) {
      ok = false;
      const where = en.groupGiven ? `grupa ${en.groupId} de la ${service.shortName}` : service.shortName;
      row.err('SERVICE_AT_CAPACITY', `Nu mai sunt locuri la ${where} (capacitate ${group?.capacity ?? service.capacity}${waiting.size ? ', sau există o listă de așteptare' : ''})`, en.groupGiven ? 'group' : 'service');
      continue;
    }
    en.groupId = group.id;
    next.set(`${service.id}#${group.id}`, (next.get(`${service.id}#${group.id}`) ?? 0) + 1);
  }
  return { ok, next };
}

export function planImport(wb: ParsedWorkbook, ctx: ImportContext): ImportPlan {
  const today = bucharestDate(ctx.now.toISOString());
  const currentMonth = today.slice(0, 7);
  if (wb.errors.length) return { cases: [], outcomes: [], rows: [], fileErrors: wb.errors, fileWarnings: wb.warnings };
  const { rows, ignored, byCode, orphans } = linkWorkbook(wb, ctx, today, currentMonth);

  // payment references are unique in the whole file
  const references = new Map<string, Row>();
  for (const e of byCode.values()) {
    for (const p of e.payments) {
      if (!p.parsed) continue;
      const key = p.parsed.reference.toUpperCase();
      const before = references.get(key);
      if (before) p.row.err('DUPLICATE_REFERENCE', `Referința plății apare deja la ${refOf(before)}`, 'reference');
      else references.set(key, p.row);
    }
  }

  // the same child twice in the file (CNP or name + birth date)
  const identityOwner = new Map<string, ChildEntry>();
  for (const e of byCode.values()) {
    if (!e.parsed) continue;
    const other = e.parsed.identityKeys.map((k) => identityOwner.get(k)).find(Boolean);
    if (other) e.row.err('DUPLICATE_IN_FILE', `Același copil apare și la ${refOf(other.row)} (CNP sau nume și dată de naștere)`, 'cnp');
    else for (const k of e.parsed.identityKeys) identityOwner.set(k, e);
  }

  const outcomes: CaseOutcome[] = [];
  const cases: CaseDraft[] = [];
  const cohortCounts: Partial<Record<CohortId, number>> = { ...ctx.cohortCounts };
  let taken = new Map(ctx.placesTaken);
  const waiting = ctx.groupsWithWaitingList ?? new Set<string>();
  const status = new Map<Row, RowStatus>();
  const caseNumberOf = new Map<Row, string>();

  for (const e of byCode.values()) {
    const members = allRows(e);
    const outcome: CaseOutcome = {
      childCode: e.code, importKey: e.parsed ? importKeyOf(e.parsed.institution, e.code) : null,
      institution: e.parsed?.institution ?? null, stage: e.parsed?.stage ?? null, status: 'rejected', rows: members.length, reasons: [],
    };
    outcomes.push(outcome);
    let draft: CaseDraft | undefined;
    if (e.parsed && e.row.issues.length === 0) {
      const base = linkRows(e, e.parsed, ctx, today);
      draft = { ...base, fingerprint: fingerprintOf(base) };
    }
    const bad = members.filter((r) => r.issues.length > 0);
    if (!draft || bad.length > 0) {
      reject(e, members, bad, outcome, status);
      continue;
    }
    // already imported: the same content changes nothing; different content is refused
    const existing = ctx.existingImports.get(draft.importKey);
    if (existing) {
      outcome.caseId = existing.caseId;
      outcome.caseNumber = existing.caseNumber;
      if (existing.fingerprint === draft.fingerprint) {
        outcome.status = 'already_imported';
        for (const r of members) { status.set(r, 'already_imported'); caseNumberOf.set(r, existing.caseNumber); }
      } else {
        e.row.err('ALREADY_IMPORTED_CHANGED', `Copilul a fost importat deja (${existing.caseNumber}) cu alte date; modificările se fac în Vatra, nu printr-un nou import`, 'code');
        reject(e, members, [e.row], outcome, status);
      }
      continue;
    }
    if (draft.stage !== 'closed') {
      const hit = draft.identityKeys.map((k) => ctx.identityHits.get(k)).find(Boolean);
      if (hit) e.row.err('DUPLICATE_CHILD', `Copilul are deja un caz deschis ${existingCaseLabel(hit, ctx.importerInstitution ?? hit.institution /* the command-line operator loads every institution */)}. Un copil poate avea un singur caz deschis`, 'cnp');
    }
    if (draft.plan) {
      const a = assignCohort(cohortCounts, draft.plan.plan.cohort);
      if (!a.ok) e.plans[0]!.row.err(a.code, a.message, 'cohort');
    }
    const places = e.row.issues.length === 0 && e.plans.every((p) => p.row.issues.length === 0) ? takePlaces(draft, e, taken, waiting) : { ok: false, next: taken };
    const size = transactItemCount(draft);
    if (size > MAX_TRANSACTION_ITEMS) {
      e.row.err('CASE_TOO_LARGE', `Cazul are prea multe înregistrări pentru o singură scriere (${size} > ${MAX_TRANSACTION_ITEMS}): importați participarea lunară doar pentru lunile fără plată`, 'code');
    }
    const late = members.filter((r) => r.issues.length > 0);
    if (late.length > 0 || !places.ok) {
      reject(e, members, late, outcome, status);
      continue;
    }
    taken = places.next;
    if (draft.plan) cohortCounts[draft.plan.plan.cohort] = (cohortCounts[draft.plan.plan.cohort] ?? 0) + 1;
    outcome.status = 'accepted';
    for (const r of members) status.set(r, 'accepted');
    cases.push(draft);
  }
  for (const r of orphans) status.set(r, 'rejected');

  const reports: RowReport[] = rows
    .map((r) => ({
      sheet: r.sheet,
      sheetName: sheetSpec(r.sheet).name,
      row: r.raw.row,
      childCode: readText(r.cell('code')) ?? null,
      status: ignored.has(r) ? ('ignored' as const) : (status.get(r) ?? 'rejected'),
      reasons: ignored.has(r) ? [{ code: 'EXAMPLE_ROW', message: 'Rând de exemplu din șablon: ignorat' }] : r.issues,
      warnings: r.warnings,
      ...(caseNumberOf.get(r) ? { caseNumber: caseNumberOf.get(r) } : {}),
    }))
    .sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row);
  return { cases, outcomes, rows: reports, fileErrors: wb.errors, fileWarnings: wb.warnings };
}

const sheetOrder = (s: SheetId) => ['children', 'plans', 'enrolments', 'participation', 'payments'].indexOf(s);

/** Reject a whole case: rows with their own issues keep them; the others point at the rows that sank the case. */
function reject(e: ChildEntry, members: Row[], bad: Row[], outcome: CaseOutcome, status: Map<Row, RowStatus>) {
  const where = bad.map(refOf).join('; ');
  outcome.status = 'rejected';
  outcome.reasons = bad.flatMap((r) => r.issues.map((i) => ({ ...i, message: `${refOf(r)}: ${i.message}` })));
  for (const r of members) {
    status.set(r, 'rejected');
    if (r.issues.length === 0) r.err('CASE_REJECTED', `Cazul copilului ${e.code} nu se importă din cauza erorilor de la: ${where || 'foaia copiilor'}`);
  }
}
