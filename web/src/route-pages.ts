/**
 * Which page calls each API route meant for people (every route with a token): the page (a key of routes.tsx, or
 * 'shell' for the signed-in frame) and the source file that makes the call. test: web/src/route-pages.test.ts reads
 * the routes from shared/manifest and fails when a route has no row, a row names a page that does not exist, or the
 * file does not call the route — so an API route cannot land without the page its users need.
 */
import type { PageKey } from './routes.js';

export interface RoutePage {
  page: PageKey | 'shell';
  /** the file under web/src that calls the route */
  file: string;
}

export const routePages: Readonly<Record<string, RoutePage>> = {
  'GET /me': { page: 'shell', file: 'app.tsx' },
  'PUT /me/preferences': { page: 'preferences', file: 'pages/preferences.tsx' },
  'GET /me/notifications': { page: 'notifications', file: 'pages/notifications.tsx' },
  'GET /mail/outbox': { page: 'outbox', file: 'pages/admin.tsx' },
  'GET /staff': { page: 'staff', file: 'pages/admin.tsx' },
  'POST /referrals': { page: 'referral', file: 'pages/referral.tsx' },
  'GET /cases': { page: 'cases', file: 'pages/cases.tsx' },
  'GET /cases/{caseId}': { page: 'case', file: 'pages/case.tsx' },
  'GET /cases/{caseId}/history': { page: 'case', file: 'pages/case.tsx' },
  'GET /cases/{caseId}/tasks': { page: 'case', file: 'pages/case.tsx' },
  'GET /cases/{caseId}/observator-export': { page: 'task', file: 'forms/observator.tsx' },
  'GET /tasks': { page: 'inbox', file: 'pages/inbox.tsx' },
  'GET /tasks/{taskId}': { page: 'task', file: 'pages/task.tsx' },
  'PUT /tasks/{taskId}/draft': { page: 'task', file: 'pages/task.tsx' },
  'POST /tasks/{taskId}/submit': { page: 'task', file: 'pages/task.tsx' },
  'POST /tasks/{taskId}/reassign': { page: 'task', file: 'pages/task.tsx' },
  'GET /imports/template': { page: 'import', file: 'pages/import.tsx' },
  'POST /imports/dry-run': { page: 'import', file: 'pages/import.tsx' },
  'POST /imports': { page: 'import', file: 'pages/import.tsx' },
  'GET /cases/{caseId}/consent': { page: 'case', file: 'pages/case-sections.tsx' },
  'PUT /cases/{caseId}/consent': { page: 'case', file: 'pages/case-sections.tsx' },
  'POST /cases/{caseId}/consent/withdrawals': { page: 'case', file: 'pages/case-sections.tsx' },
  'GET /cases/{caseId}/audit': { page: 'case', file: 'pages/case-sections.tsx' },
  'GET /audit': { page: 'audit', file: 'pages/admin.tsx' },
  'GET /audit/export': { page: 'audit', file: 'pages/admin.tsx' },
  'GET /retention': { page: 'retention', file: 'pages/admin.tsx' },
  'GET /retention/runs': { page: 'retention', file: 'pages/admin.tsx' },
  'GET /reports/indicators': { page: 'reports', file: 'pages/reports.tsx' },
  'GET /reports/indicators/export': { page: 'reports', file: 'pages/reports.tsx' },
  'GET /reports/indicators/{indicatorId}/cases': { page: 'indicator-cases', file: 'pages/reports.tsx' },
  'GET /reports/quarterly/{quarter}': { page: 'reports', file: 'pages/reports.tsx' },
  'GET /roma-plan': { page: 'roma-plan', file: 'pages/roma-plan.tsx' },
  'GET /roma-plan/{year}': { page: 'roma-plan', file: 'pages/roma-plan.tsx' },
  'GET /roma-plan/{year}/progress': { page: 'roma-plan', file: 'pages/roma-plan.tsx' },
  'POST /roma-plan/{year}/progress': { page: 'roma-plan', file: 'pages/roma-plan.tsx' },
  'GET /roma-plan/{year}/export': { page: 'roma-plan', file: 'pages/roma-plan.tsx' },
  'GET /roma-plan/{year}/actions/{actionId}/cases': { page: 'roma-action-cases', file: 'pages/roma-plan.tsx' },
  'POST /cases/{caseId}/identity-documents': { page: 'case', file: 'pages/case-sections.tsx' },
  'GET /services': { page: 'sessions-service', file: 'pages/sessions.tsx' },
  'GET /services/{serviceId}/enrolments': { page: 'sessions-service', file: 'pages/sessions.tsx' },
  'GET /services/{serviceId}/groups/{groupId}/attendance/{date}': { page: 'attendance-sheet', file: 'pages/attendance.tsx' },
  'PUT /services/{serviceId}/groups/{groupId}/attendance/{date}': { page: 'attendance-sheet', file: 'pages/attendance.tsx' },
  'GET /services/{serviceId}/closures': { page: 'closures', file: 'pages/closures.tsx' },
  'POST /services/{serviceId}/closures': { page: 'closures', file: 'pages/closures.tsx' },
  'POST /services/{serviceId}/closures/{closureId}/cancel': { page: 'closures', file: 'pages/closures.tsx' },
  'GET /services/{serviceId}/sessions': { page: 'sessions-service', file: 'pages/sessions.tsx' },
  'POST /services/{serviceId}/sessions': { page: 'sessions-service', file: 'pages/sessions.tsx' },
  'PUT /cases/{caseId}/sessions/{sessionId}': { page: 'sessions-service', file: 'pages/sessions.tsx' },
  'GET /cases/{caseId}/enrolments': { page: 'case', file: 'pages/case.tsx' },
  'POST /cases/{caseId}/enrolments': { page: 'case', file: 'pages/case-sections.tsx' },
  'POST /enrolments/{caseId}/{enrolmentId}/end': { page: 'case', file: 'pages/case-sections.tsx' },
  'POST /enrolments/{caseId}/{enrolmentId}/transfer': { page: 'case', file: 'pages/case-sections.tsx' },
  'POST /enrolments/{caseId}/{enrolmentId}/start': { page: 'case', file: 'pages/case-sections.tsx' },
  'GET /cases/{caseId}/participation': { page: 'case', file: 'pages/case.tsx' },
  'GET /months/{month}': { page: 'months', file: 'pages/months.tsx' },
  'POST /months/{month}/close': { page: 'months', file: 'pages/months.tsx' },
  'GET /months/{month}/corrections': { page: 'months', file: 'pages/months.tsx' },
  'POST /subsidy-runs': { page: 'subsidy-runs', file: 'pages/subsidy-runs.tsx' },
  'GET /subsidy-runs': { page: 'subsidy-runs', file: 'pages/subsidy-runs.tsx' },
  'GET /subsidy-runs/{runId}': { page: 'subsidy-run', file: 'pages/subsidy-run.tsx' },
  'GET /subsidy-runs/{runId}/lines': { page: 'subsidy-run', file: 'pages/subsidy-run.tsx' },
  'POST /subsidy-runs/{runId}/lines/{caseId}/override': { page: 'subsidy-run', file: 'pages/subsidy-run.tsx' },
  'POST /subsidy-runs/{runId}/approve': { page: 'subsidy-run', file: 'pages/subsidy-run.tsx' },
  'POST /subsidy-runs/{runId}/reject': { page: 'subsidy-run', file: 'pages/subsidy-run.tsx' },
  'GET /subsidy-runs/{runId}/payment-file': { page: 'subsidy-run', file: 'pages/subsidy-run.tsx' },
  'GET /subsidies/budget': { page: 'months', file: 'pages/months.tsx' },
};
