/**
 * The protection area's manifest: its Lambda functions, its HTTP routes and the policy rows of its actions. Data only
 * (platform types, no area code): shared/manifest/ gathers every area's manifest for CDK (infra/) and the local
 * runtime (local/), and the platform's auth engine is handed the gathered policy table.
 */
import type { FunctionDef } from '../platform/functions.js';
import type { RouteDef } from '../platform/http/routes.js';
import { INSTITUTION, MANAGE, type ActionPolicy } from '../platform/auth/policy.js';

// ── Functions ──────────────────────────────────────────────────────────────────────────────────────────────────────
/** Functions of the admin area (data protection). */
export const functions = [
  {
    name: 'api-admin',
    entry: 'functions/admin/index.ts',
    description: 'Parental consent and its withdrawal, the audit log (read, export), retention status',
    memoryMb: 512,
    timeoutSeconds: 15,
    // consent changes write the case (sealed fields) and its history; reading the audit log and auditing that read
    access: { main: 'readwrite', audit: ['append', 'read'], fieldKey: true },
  },
  {
    name: 'retention',
    entry: 'functions/admin/retention.ts',
    description: 'Daily anonymisation of cases closed longer than the retention period',
    memoryMb: 512,
    timeoutSeconds: 300,
    access: { main: 'readwrite', audit: ['append'], fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Routes of the admin area (data protection): the parental consent on a case and its withdrawal, the audit log (of a
 * case, of an institution's month, CSV export) and the retention status. There is deliberately no route that updates
 * or deletes an audit entry.
 */
export const routes = [
  { method: 'GET', path: '/cases/{caseId}/consent', function: 'api-admin', operation: 'getConsent', auth: 'jwt', action: 'case.consent.read', summary: 'Acordul părintelui pe caz: scopuri, retrageri și ce oprește fiecare retragere' },
  { method: 'PUT', path: '/cases/{caseId}/consent', function: 'api-admin', operation: 'recordConsent', auth: 'jwt', action: 'case.consent.write', summary: 'Înregistrează acordul părintelui / reprezentantului legal (scopuri, data, cine l-a dat)' },
  { method: 'POST', path: '/cases/{caseId}/consent/withdrawals', function: 'api-admin', operation: 'withdrawConsent', auth: 'jwt', action: 'case.consent.write', summary: 'Retrage acordul pentru unul sau mai multe scopuri' },
  { method: 'GET', path: '/cases/{caseId}/audit', function: 'api-admin', operation: 'getCaseAudit', auth: 'jwt', action: 'case.audit.read', summary: 'Jurnalul de audit al cazului (cine, când, ce, de unde)' },
  { method: 'GET', path: '/audit', function: 'api-admin', operation: 'listAudit', auth: 'jwt', action: 'audit.read', summary: 'Jurnalul de audit al instituției pe o lună' },
  { method: 'GET', path: '/audit/export', function: 'api-admin', operation: 'exportAudit', auth: 'jwt', action: 'audit.export', summary: 'Descarcă jurnalul de audit al instituției pe o lună (CSV)' },
  { method: 'GET', path: '/retention', function: 'api-admin', operation: 'getRetention', auth: 'jwt', action: 'retention.read', summary: 'Termenul de păstrare, temeiul legal și cazurile închise de anonimizat' },
  { method: 'GET', path: '/retention/runs', function: 'api-admin', operation: 'listRetentionRuns', auth: 'jwt', action: 'retention.runs.read', summary: 'Rulările anonimizării: când, câte cazuri anonimizate și câte chei de identificare șterse (doar numere)' },
] as const satisfies readonly RouteDef[];

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Policy rows of the admin area (data protection). Consent is recorded and withdrawn by whoever manages the case;
 * the audit log is read by coordinators and the administrator, for their own institution only (the handler pins the
 * institution; issue #18: the admin searches and exports it); the
 * retention status shows counts only; the list of retention runs (counts per run) is the administrator's alone. No role may change or delete an audit entry: there is no such action.
 */
export const policy = {
  'case.consent.read': { description: 'Acordul părintelui pe caz și retragerile lui', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'case.consent.write': { description: 'Înregistrarea și retragerea acordului părintelui', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'case.audit.read': { description: 'Jurnalul de audit al unui caz', caseScoped: true, grants: { coordinator: INSTITUTION } },
  'audit.read': { description: 'Jurnalul de audit al propriei instituții', caseScoped: false, grants: { coordinator: 'any', admin: 'any' } },
  'audit.export': { description: 'Descărcarea jurnalului de audit al propriei instituții (exportul este și el auditat)', caseScoped: false, grants: { coordinator: 'any', admin: 'any' } },
  'retention.read': { description: 'Termenul de păstrare și numărul cazurilor de anonimizat (fără date personale)', caseScoped: false, grants: { coordinator: 'any', project_manager: 'any', admin: 'any' } },
  'retention.runs.read': { description: 'Rulările zilnice ale anonimizării: ce s-a anonimizat și șters, când (doar numere)', caseScoped: false, grants: { admin: 'any' } },
} satisfies Record<string, ActionPolicy>;
