/**
 * The import as the API and the command line use it:
 * - `dryRunImport`: reads the workbook, checks every row against Vatra's data and rules, and reports; writes nothing
 *   (only the audit entry of the attempt);
 * - `runImport`: the same checks, then writes each accepted case in its own transaction (a few at a time), starts
 *   its workflow, and reports per row what happened. Re-running it with the same file writes nothing: every case is
 *   found by its import key. A time budget stops it between cases (`complete: false`): sending the file again goes on
 *   where it stopped.
 */
import { createHash } from 'node:crypto';
import type { InstitutionId } from '../platform/auth/principal.js';
import type { PathwayDeps } from '../cases/index.js';
import type { RequestInfo } from '../cases/index.js';
import { sheetSpec } from './columns.js';
import { CaseNumbers, commitCase, ensureWorkflow, type CommitMeta } from './commit.js';
import { existingImports, loadContext } from './context.js';
import type { CaseOutcome, ImportReport, ImportSummary, RowReport } from './model.js';
import type { ImportPlan } from './model.js';
import { planImport } from './plan.js';
import { readWorkbook } from './workbook.js';

export interface Importer {
  userId: string;
  displayName: string;
  roles: readonly string[];
  /** the coordinator's institution; undefined for the operator of the command line (every institution) */
  institution?: InstitutionId | undefined;
}

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface RunOptions {
  /** cases written at the same time */
  concurrency?: number;
  /** stop starting new cases after this many ms (API Gateway answers within 30 s); undefined: no limit */
  budgetMs?: number;
  /** progress callback (command line) */
  onCase?: (done: number, total: number) => void;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function summarize(rows: readonly RowReport[], cases: readonly CaseOutcome[], paid: { months: number; lei: number }): ImportSummary {
  const count = <T extends { status: string }>(list: readonly T[], s: string) => list.filter((x) => x.status === s).length;
  return {
    children: {
      total: cases.length, accepted: count(cases, 'accepted'), rejected: count(cases, 'rejected'), alreadyImported: count(cases, 'already_imported'),
      imported: count(cases, 'imported'), pending: count(cases, 'pending'),
    },
    rows: {
      total: rows.length, accepted: count(rows, 'accepted'), rejected: count(rows, 'rejected'), alreadyImported: count(rows, 'already_imported'),
      ignored: count(rows, 'ignored'), imported: count(rows, 'imported'), pending: count(rows, 'pending'),
    },
    paidMonths: paid.months,
    paidLei: paid.lei,
  };
}

async function prepare(d: PathwayDeps, importer: Importer, file: ImportFile): Promise<{ plan: ImportPlan; fileSha256: string }> {
  const fileSha256 = sha256(file.bytes);
  const wb = await readWorkbook(file.bytes);
  if (wb.errors.length) return { plan: planImport(wb, emptyContext(d, importer)), fileSha256 };
  const ctx = await loadContext(d, wb, { by: importer.userId, importerInstitution: importer.institution });
  return { plan: planImport(wb, ctx), fileSha256 };
}

function emptyContext(d: PathwayDeps, importer: Importer) {
  return { now: d.now(), by: importer.userId, importerInstitution: importer.institution, caseManagers: [], existingImports: new Map(), identityHits: new Map(), cohortCounts: {}, placesTaken: new Map() };
}

async function audit(d: PathwayDeps, importer: Importer, report: ImportReport, req: RequestInfo) {
  await d.audit.append({
    actorId: importer.userId, actorRoles: [...importer.roles], actorInstitution: importer.institution ?? 'DAS',
    action: report.dryRun ? 'import.dry_run' : 'import.run', subjectType: 'import', subjectId: report.fileSha256,
    subjectInstitution: importer.institution ?? 'DAS', outcome: 'allowed', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId,
    // counts only: the file name may name a child, the rows certainly do
    detail: { children: report.summary.children, rows: report.summary.rows, complete: report.complete, fileErrors: report.fileErrors.map((e) => e.code) },
  });
}

function report(plan: ImportPlan, meta: { fileName: string; fileSha256: string; dryRun: boolean; complete: boolean; at: string; by: string }, paid: { months: number; lei: number }): ImportReport {
  return {
    fileName: meta.fileName, fileSha256: meta.fileSha256, dryRun: meta.dryRun, complete: meta.complete, at: meta.at, by: meta.by,
    fileErrors: plan.fileErrors, fileWarnings: plan.fileWarnings,
    summary: summarize(plan.rows, plan.outcomes, paid),
    cases: plan.outcomes, rows: plan.rows,
  };
}

const paidOf = (plan: ImportPlan, which: (code: string) => boolean) => {
  const drafts = plan.cases.filter((c) => which(c.childCode));
  return { months: drafts.reduce((n, c) => n + c.payments.length, 0), lei: drafts.reduce((n, c) => n + c.payments.reduce((s, p) => s + p.amountLei, 0), 0) };
};

export async function dryRunImport(d: PathwayDeps, importer: Importer, file: ImportFile, req: RequestInfo = {}): Promise<ImportReport> {
  const { plan, fileSha256 } = await prepare(d, importer, file);
  const r = report(plan, { fileName: file.fileName, fileSha256, dryRun: true, complete: true, at: d.now().toISOString(), by: importer.userId }, paidOf(plan, () => true));
  await audit(d, importer, r, req);
  return r;
}

async function pool<T>(items: readonly T[], limit: number, fn: (t: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

export async function runImport(d: PathwayDeps, importer: Importer, file: ImportFile, opts: RunOptions = {}, req: RequestInfo = {}): Promise<ImportReport> {
  const started = Date.now();
  const { plan, fileSha256 } = await prepare(d, importer, file);
  const at = d.now().toISOString();
  const meta: CommitMeta = { fileName: file.fileName, fileSha256, by: importer.userId, byName: importer.displayName, at };
  const outcomeOf = new Map(plan.outcomes.map((o) => [o.childCode, o]));
  const rowsOf = new Map<string, RowReport[]>();
  for (const r of plan.rows) {
    if (!r.childCode) continue;
    const code = r.childCode.trim().toUpperCase();
    rowsOf.set(code, [...(rowsOf.get(code) ?? []), r]);
  }
  const setRows = (code: string, f: (r: RowReport) => void) => { for (const r of rowsOf.get(code) ?? []) if (r.status !== 'ignored') f(r); };
  const imported = new Set<string>();
  let done = 0;
  let stopped = false;
  const numbers = new CaseNumbers(d);

  await pool(plan.cases, opts.concurrency ?? 6, async (draft) => {
    const outcome = outcomeOf.get(draft.childCode)!;
    if (stopped || (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs)) {
      stopped = true;
      outcome.status = 'pending';
      setRows(draft.childCode, (r) => { r.status = 'pending'; });
      return;
    }
    const result = await commitCase(d, draft, meta, numbers);
    outcome.caseId = 'caseId' in result ? result.caseId : undefined;
    outcome.caseNumber = 'caseNumber' in result ? result.caseNumber : undefined;
    if (result.status === 'imported') {
      imported.add(draft.childCode);
      outcome.status = 'imported';
      setRows(draft.childCode, (r) => { r.status = 'imported'; r.caseNumber = result.caseNumber; });
      if (!result.workflowStarted && draft.stage !== 'closed') {
        const childRow = rowsOf.get(draft.childCode)?.find((r) => r.sheet === 'children');
        childRow?.warnings.push({ code: 'WORKFLOW_NOT_STARTED', message: 'Cazul este importat, dar fluxul de lucru nu a pornit încă: importați din nou același fișier pentru a-l porni' });
      }
      await d.audit.append({
        actorId: importer.userId, actorRoles: [...importer.roles], actorInstitution: importer.institution ?? draft.institution,
        action: 'case.import', subjectType: 'case', subjectId: result.caseId, subjectInstitution: draft.institution, outcome: 'allowed',
        sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId, detail: { fileSha256, row: draft.row, sheet: sheetSpec('children').name },
      });
    } else if (result.status === 'already_imported') {
      outcome.status = 'already_imported';
      setRows(draft.childCode, (r) => { r.status = 'already_imported'; r.caseNumber = result.caseNumber; });
    } else {
      outcome.status = 'rejected';
      outcome.reasons = [{ code: result.code, message: result.message }];
      setRows(draft.childCode, (r) => { r.status = 'rejected'; r.reasons = [...r.reasons, { code: result.code, message: result.message }]; });
    }
    opts.onCase?.(++done, plan.cases.length);
  });

  // cases imported earlier whose first execution did not start (a crash between the write and the start): start it now
  const earlier = plan.outcomes.filter((o) => o.status === 'already_imported' && o.caseId && !imported.has(o.childCode) && o.stage !== 'closed');
  await pool(earlier, opts.concurrency ?? 6, async (o) => {
    if (stopped || (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs)) {
      stopped = true;
      return;
    }
    const c = await d.cases.get(o.caseId!);
    if (c) await ensureWorkflow(d, c);
  });

  const r = report(plan, { fileName: file.fileName, fileSha256, dryRun: false, complete: !stopped, at, by: importer.userId }, paidOf(plan, (code) => imported.has(code)));
  await audit(d, importer, r, req);
  return r;
}

export { existingImports };
