/**
 * The reports area's manifest: its Lambda functions, its HTTP routes and the policy rows of its actions. Data only
 * (platform types, no area code): shared/manifest/ gathers every area's manifest for CDK (infra/) and the local
 * runtime (local/), and the platform's auth engine is handed the gathered policy table.
 */
import type { FunctionDef } from '../platform/functions.js';
import type { RouteDef } from '../platform/http/routes.js';
import { INSTITUTION, MANAGE, type ActionPolicy } from '../platform/auth/policy.js';

// ── Functions ──────────────────────────────────────────────────────────────────────────────────────────────────────
/** Functions of the reports area. */
export const functions = [
  {
    name: 'api-reports',
    entry: 'functions/reports/index.ts',
    description: 'Project indicators (dashboard, drill-down, XLSX/CSV), the Roma local plan with quarterly progress, the quarterly report, identity documents (6.1)',
    memoryMb: 1024,
    timeoutSeconds: 29,
    // reads every case (decrypts ethnicity for aggregates), writes progress entries, identity-document records with
    // their case history entry, and audits exports
    access: { main: 'readwrite', audit: ['append'], fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/** Routes of the reports area: project indicators, the Roma local plan, the quarterly report, identity documents (6.1). */
export const routes = [
  { method: 'GET', path: '/reports/indicators', function: 'api-reports', operation: 'getIndicators', auth: 'jwt', action: 'report.indicators.read', summary: 'Indicatorii proiectului la o dată (tablou de bord, grafice)' },
  { method: 'GET', path: '/reports/indicators/export', function: 'api-reports', operation: 'exportIndicators', auth: 'jwt', action: 'report.export', summary: 'Descarcă indicatorii proiectului (XLSX sau CSV), cu numerele mici suprimate' },
  { method: 'GET', path: '/reports/indicators/{indicatorId}/cases', function: 'api-reports', operation: 'getIndicatorCases', auth: 'jwt', action: 'report.drilldown', summary: 'Cazurile din spatele unui indicator' },
  { method: 'GET', path: '/reports/quarterly/{quarter}', function: 'api-reports', operation: 'getQuarterlyReport', auth: 'jwt', action: 'report.export', summary: 'Raportul trimestrial pentru comitetul de coordonare (HTML de tipărit sau XLSX)' },
  { method: 'GET', path: '/roma-plan', function: 'api-reports', operation: 'listRomaPlans', auth: 'jwt', action: 'roma_plan.read', summary: 'Anii pentru care există un plan local pentru romi' },
  { method: 'GET', path: '/roma-plan/{year}', function: 'api-reports', operation: 'getRomaPlan', auth: 'jwt', action: 'roma_plan.read', summary: 'Planul local pentru romi cu stadiul fiecărei acțiuni' },
  { method: 'GET', path: '/roma-plan/{year}/progress', function: 'api-reports', operation: 'listRomaProgress', auth: 'jwt', action: 'roma_plan.read', summary: 'Istoricul raportărilor de progres' },
  { method: 'POST', path: '/roma-plan/{year}/progress', function: 'api-reports', operation: 'recordRomaProgress', auth: 'jwt', action: 'roma_plan.progress.write', summary: 'Raportează progresul trimestrial al unei acțiuni' },
  { method: 'GET', path: '/roma-plan/{year}/export', function: 'api-reports', operation: 'exportRomaPlan', auth: 'jwt', action: 'roma_plan.export', summary: 'Descarcă stadiul planului local pentru romi (XLSX, CSV sau HTML de tipărit)' },
  { method: 'GET', path: '/roma-plan/{year}/actions/{actionId}/cases', function: 'api-reports', operation: 'getRomaActionCases', auth: 'jwt', action: 'report.drilldown', summary: 'Cazurile numărate într-o acțiune calculată a planului' },
  { method: 'POST', path: '/cases/{caseId}/identity-documents', function: 'api-reports', operation: 'recordIdentityDocument', auth: 'jwt', action: 'case.identity_documents.write', summary: 'Consemnează actele de identitate / stare civilă obținute cu sprijinul cazului' },
] as const satisfies readonly RouteDef[];

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Policy rows of the reports area. Aggregates for the project team (project manager, coordinators); drill-down to
 * case lists for the same roles (names only for coordinators of the case's institution — shared/reports/drilldown.ts);
 * the Roma plan for its officer and the project team; files always leave with ethnicity small counts suppressed.
 */
export const policy = {
  'report.indicators.read': { description: 'Indicatorii proiectului (agregate)', caseScoped: false, grants: { project_manager: 'any', coordinator: 'any' } },
  'report.drilldown': { description: 'Lista cazurilor din spatele unui indicator (fără nume pentru managerul de proiect)', caseScoped: false, grants: { project_manager: 'any', coordinator: 'any' } },
  'report.export': { description: 'Descărcarea indicatorilor și a raportului trimestrial (numere mici suprimate)', caseScoped: false, grants: { project_manager: 'any', coordinator: 'any' } },
  'roma_plan.read': { description: 'Planul local pentru romi și progresul lui', caseScoped: false, grants: { roma_officer: 'any', project_manager: 'any', coordinator: 'any' } },
  'roma_plan.progress.write': { description: 'Raportarea progresului trimestrial (coordonatorii: doar acțiunile instituției lor)', caseScoped: false, grants: { roma_officer: 'any', coordinator: 'any' } },
  'roma_plan.export': { description: 'Descărcarea stadiului planului local pentru romi (numere mici suprimate)', caseScoped: false, grants: { roma_officer: 'any', project_manager: 'any', coordinator: 'any' } },
  'case.identity_documents.write': { description: 'Consemnarea actelor de identitate obținute cu sprijinul cazului (plan romi 6.1)', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
} satisfies Record<string, ActionPolicy>;
