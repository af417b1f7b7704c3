import type { RouteDef } from '../manifest/routes.js';

/**
 * Routes of the admin area (data protection): the parental consent on a case and its withdrawal, the audit log (of a
 * case, of an institution's month, CSV export) and the retention status. There is deliberately no route that updates
 * or deletes an audit entry.
 */
export const adminRoutes = [
  { method: 'GET', path: '/cases/{caseId}/consent', function: 'api-admin', operation: 'getConsent', auth: 'jwt', action: 'case.consent.read', summary: 'Acordul părintelui pe caz: scopuri, retrageri și ce oprește fiecare retragere' },
  { method: 'PUT', path: '/cases/{caseId}/consent', function: 'api-admin', operation: 'recordConsent', auth: 'jwt', action: 'case.consent.write', summary: 'Înregistrează acordul părintelui / reprezentantului legal (scopuri, data, cine l-a dat)' },
  { method: 'POST', path: '/cases/{caseId}/consent/withdrawals', function: 'api-admin', operation: 'withdrawConsent', auth: 'jwt', action: 'case.consent.write', summary: 'Retrage acordul pentru unul sau mai multe scopuri' },
  { method: 'GET', path: '/cases/{caseId}/audit', function: 'api-admin', operation: 'getCaseAudit', auth: 'jwt', action: 'case.audit.read', summary: 'Jurnalul de audit al cazului (cine, când, ce, de unde)' },
  { method: 'GET', path: '/audit', function: 'api-admin', operation: 'listAudit', auth: 'jwt', action: 'audit.read', summary: 'Jurnalul de audit al instituției pe o lună' },
  { method: 'GET', path: '/audit/export', function: 'api-admin', operation: 'exportAudit', auth: 'jwt', action: 'audit.export', summary: 'Descarcă jurnalul de audit al instituției pe o lună (CSV)' },
  { method: 'GET', path: '/retention', function: 'api-admin', operation: 'getRetention', auth: 'jwt', action: 'retention.read', summary: 'Termenul de păstrare, temeiul legal și cazurile închise de anonimizat' },
] as const satisfies readonly RouteDef[];
