/**
 * The subsidies area's manifest: its Lambda functions, its HTTP routes and the policy rows of its actions. Data only
 * (platform types, no area code): shared/manifest/ gathers every area's manifest for CDK (infra/) and the local
 * runtime (local/), and the platform's auth engine is handed the gathered policy table.
 */
import type { FunctionDef } from '../platform/functions.js';
import type { RouteDef } from '../platform/http/routes.js';
import type { ActionPolicy } from '../platform/auth/policy.js';

// ── Functions ──────────────────────────────────────────────────────────────────────────────────────────────────────
/** Functions of the subsidies area. */
export const functions = [
  {
    name: 'api-subsidies',
    entry: 'functions/subsidies/index.ts',
    description: 'Monthly subsidy runs: start, progress, lines, include/exclude, approve/reject (resumes the workflow), payment file, budget',
    memoryMb: 1024,
    timeoutSeconds: 29,
    // starts monthly-run executions, answers their approval callback, audits reads of lines and every download,
    // sends the approval mail (outbox)
    access: { main: 'readwrite', audit: ['append'], startStateMachines: ['monthly-run'], sendTaskResults: true, sendEmail: true },
  },
  {
    name: 'wf-subsidy',
    entry: 'functions/subsidies/workflow.ts',
    description: 'Monthly run steps: claim, freeze, evaluate one page, summarize, approval request, ledger page, notify finance, failure',
    memoryMb: 1024,
    timeoutSeconds: 300,
    // reads cases, enrolments, summaries and the ledger; writes run items, lines, the ledger, corrections' status,
    // outbox mails; hands a decision recorded during a retried approval step to the new task token
    access: { main: 'readwrite', sendTaskResults: true, sendEmail: true },
  },
] as const satisfies readonly FunctionDef[];

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/** Routes of the subsidies area: the monthly subsidy runs, their lines, approval, the payment file, the budget. */
export const routes = [
  { method: 'POST', path: '/subsidy-runs', function: 'api-subsidies', operation: 'startRun', auth: 'jwt', action: 'subsidy.run.start', summary: 'Pornește rularea lunară a subvenției pentru o lună încheiată' },
  { method: 'GET', path: '/subsidy-runs', function: 'api-subsidies', operation: 'listRuns', auth: 'jwt', action: 'subsidy.run.read', summary: 'Rulările lunare (stare, totaluri) și bugetul subvenției' },
  { method: 'GET', path: '/subsidy-runs/{runId}', function: 'api-subsidies', operation: 'getRun', auth: 'jwt', action: 'subsidy.run.read', summary: 'O rulare: etapa, progresul, totalurile, motivele de neeligibilitate, bugetul' },
  { method: 'GET', path: '/subsidy-runs/{runId}/lines', function: 'api-subsidies', operation: 'listRunLines', auth: 'jwt', action: 'subsidy.run.lines.read', summary: 'Liniile rulării (copii eligibili / neeligibili, ajustări) cu motivele, pe pagini' },
  { method: 'POST', path: '/subsidy-runs/{runId}/lines/{caseId}/override', function: 'api-subsidies', operation: 'overrideRunLine', auth: 'jwt', action: 'subsidy.run.decide', summary: 'Include sau exclude un copil din plată, cu motivare scrisă (înainte de aprobare)' },
  { method: 'POST', path: '/subsidy-runs/{runId}/approve', function: 'api-subsidies', operation: 'approveRun', auth: 'jwt', action: 'subsidy.run.decide', summary: 'Aprobă rularea: se înregistrează plățile și se generează fișierul de plată' },
  { method: 'POST', path: '/subsidy-runs/{runId}/reject', function: 'api-subsidies', operation: 'rejectRun', auth: 'jwt', action: 'subsidy.run.decide', summary: 'Respinge rularea (cu motiv); se poate porni o nouă rulare pentru lună' },
  { method: 'GET', path: '/subsidy-runs/{runId}/payment-file', function: 'api-subsidies', operation: 'getPaymentFile', auth: 'jwt', action: 'subsidy.payment_file', summary: 'Fișierul de plată al unei rulări aprobate (CSV, XLSX) sau pagina de rezumat pentru semnare (HTML)' },
  { method: 'GET', path: '/subsidies/budget', function: 'api-subsidies', operation: 'getSubsidyBudget', auth: 'jwt', action: 'subsidy.run.read', summary: 'Bugetul subvenției: plătit, angajat, rămas, avertizări la 80/90/100%' },
] as const satisfies readonly RouteDef[];

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Policy rows of the subsidies area. Runs belong to the project lead (DAS): its coordinators start, review and
 * approve them; the project manager follows them; finance takes the payment file. The handler also requires the
 * caller's institution to be the project lead (shared/subsidies/api/common.ts `requireLead`). None of these is about one case.
 */
export const policy = {
  'subsidy.run.start': { description: 'Pornirea rulării lunare a subvenției (coordonatorul DAS)', caseScoped: false, grants: { coordinator: 'any' } },
  'subsidy.run.read': { description: 'Rulările lunare: stare, totaluri, buget', caseScoped: false, grants: { coordinator: 'any', project_manager: 'any', finance: 'any' } },
  'subsidy.run.lines.read': { description: 'Liniile unei rulări (număr de caz, reprezentant legal, motive) — citire auditată', caseScoped: false, grants: { coordinator: 'any', project_manager: 'any', finance: 'any' } },
  'subsidy.run.decide': { description: 'Includere / excludere motivată, aprobarea sau respingerea rulării (coordonatorul DAS)', caseScoped: false, grants: { coordinator: 'any' } },
  'subsidy.payment_file': { description: 'Descărcarea fișierului de plată al unei rulări aprobate (auditată)', caseScoped: false, grants: { finance: 'any', coordinator: 'any', project_manager: 'any' } },
} satisfies Record<string, ActionPolicy>;
