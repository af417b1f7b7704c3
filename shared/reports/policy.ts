import type { ActionPolicy } from '../platform/auth/policy.js';
import { INSTITUTION, MANAGE } from '../cases/policy.js';

/**
 * Policy rows of the reports area. Aggregates for the project team (project manager, coordinators); drill-down to
 * case lists for the same roles (names only for coordinators of the case's institution — shared/reports/drilldown.ts);
 * the Roma plan for its officer and the project team; files always leave with ethnicity small counts suppressed.
 */
export const reportsPolicy = {
  'report.indicators.read': { description: 'Indicatorii proiectului (agregate)', caseScoped: false, grants: { project_manager: 'any', coordinator: 'any' } },
  'report.drilldown': { description: 'Lista cazurilor din spatele unui indicator (fără nume pentru managerul de proiect)', caseScoped: false, grants: { project_manager: 'any', coordinator: 'any' } },
  'report.export': { description: 'Descărcarea indicatorilor și a raportului trimestrial (numere mici suprimate)', caseScoped: false, grants: { project_manager: 'any', coordinator: 'any' } },
  'roma_plan.read': { description: 'Planul local pentru romi și progresul lui', caseScoped: false, grants: { roma_officer: 'any', project_manager: 'any', coordinator: 'any' } },
  'roma_plan.progress.write': { description: 'Raportarea progresului trimestrial (coordonatorii: doar acțiunile instituției lor)', caseScoped: false, grants: { roma_officer: 'any', coordinator: 'any' } },
  'roma_plan.export': { description: 'Descărcarea stadiului planului local pentru romi (numere mici suprimate)', caseScoped: false, grants: { roma_officer: 'any', project_manager: 'any', coordinator: 'any' } },
  'case.identity_documents.write': { description: 'Consemnarea actelor de identitate obținute cu sprijinul cazului (plan romi 6.1)', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
} satisfies Record<string, ActionPolicy>;
