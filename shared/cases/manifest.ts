/**
 * The cases area's manifest: its Lambda functions, its HTTP routes and the policy rows of its actions. Data only
 * (platform types, no area code): shared/manifest/ gathers every area's manifest for CDK (infra/) and the local
 * runtime (local/), and the platform's auth engine is handed the gathered policy table.
 */
import type { FunctionDef } from '../platform/functions.js';
import type { RouteDef } from '../platform/http/routes.js';
import { INSTITUTION, MANAGE, type ActionPolicy } from '../platform/auth/policy.js';

// ── Functions ──────────────────────────────────────────────────────────────────────────────────────────────────────
export const functions = [
  {
    name: 'api-system',
    entry: 'functions/system/index.ts',
    description: 'Health, identity of the caller, OpenAPI document',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { main: 'readwrite' },
  },
  {
    name: 'api-cases',
    entry: 'functions/cases/index.ts',
    description: 'Referrals, case files, history, Observatorul registration',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: { main: 'readwrite', audit: ['append'], startStateMachines: ['case-intake'], sendEmail: true, fieldKey: true, identityMac: true },
  },
  {
    name: 'api-tasks',
    entry: 'functions/tasks/index.ts',
    description: 'Task inbox, task forms (draft, submit), reassignment; resumes the waiting workflow',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: { main: 'readwrite', audit: ['append'], sendTaskResults: true, sendEmail: true, fieldKey: true },
  },
  {
    name: 'wf-case',
    entry: 'functions/workflow/index.ts',
    description: 'Pathway workflow steps: open a human task, settle a delivered one, enrol from the plan, flag a failed step, start the next execution, close a case',
    memoryMb: 512,
    timeoutSeconds: 30,
    access: { main: 'readwrite', startStateMachines: ['case-intake', 'review-cycle', 'reintegration', 'transfer', 'closure'], sendEmail: true, fieldKey: true },
  },
  {
    name: 'notifier',
    entry: 'functions/notifications/index.ts',
    description: 'Daily reminders (due soon, overdue), digests, retries of pending mails and workflow resumes',
    memoryMb: 512,
    timeoutSeconds: 300,
    access: { main: 'readwrite', sendTaskResults: true, sendEmail: true, fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────────
export const routes = [
  { method: 'GET', path: '/health', function: 'api-system', operation: 'getHealth', auth: 'none', action: 'public', summary: 'Starea serviciului' },
  { method: 'GET', path: '/openapi.json', function: 'api-system', operation: 'getOpenApi', auth: 'none', action: 'public', summary: 'Documentul OpenAPI al API-ului' },
  { method: 'GET', path: '/me', function: 'api-system', operation: 'getMe', auth: 'jwt', action: 'self.read', summary: 'Utilizatorul autentificat și drepturile lui' },
  { method: 'PUT', path: '/me/preferences', function: 'api-system', operation: 'putPreferences', auth: 'jwt', action: 'self.update', summary: 'Preferințele de notificare (imediat / rezumat zilnic)' },
  { method: 'GET', path: '/me/notifications', function: 'api-system', operation: 'getNotifications', auth: 'jwt', action: 'self.read', summary: 'Notificările din aplicație' },
  { method: 'GET', path: '/mail/outbox', function: 'api-system', operation: 'listOutbox', auth: 'jwt', action: 'mail.outbox.read', summary: 'E-mailuri netrimise (de reîncercat / eșuate)' },
  { method: 'GET', path: '/staff', function: 'api-system', operation: 'listStaff', auth: 'jwt', action: 'staff.list', summary: 'Personalul unei instituții, după rol (pentru alocare)' },
  { method: 'POST', path: '/referrals', function: 'api-cases', operation: 'createReferral', auth: 'jwt', action: 'case.create', summary: 'Înregistrează o sesizare și deschide cazul' },
  { method: 'GET', path: '/cases', function: 'api-cases', operation: 'listCases', auth: 'jwt', action: 'case.list', summary: 'Cazurile mele sau ale instituției' },
  { method: 'GET', path: '/cases/{caseId}', function: 'api-cases', operation: 'getCase', auth: 'jwt', action: 'case.read', summary: 'Dosarul cazului' },
  { method: 'GET', path: '/cases/{caseId}/history', function: 'api-cases', operation: 'getCaseHistory', auth: 'jwt', action: 'case.history.read', summary: 'Istoricul cazului' },
  { method: 'GET', path: '/cases/{caseId}/tasks', function: 'api-cases', operation: 'getCaseTasks', auth: 'jwt', action: 'case.read', summary: 'Sarcinile cazului' },
  { method: 'GET', path: '/cases/{caseId}/observator-export', function: 'api-cases', operation: 'getObservatorExport', auth: 'jwt', action: 'case.observator.export', summary: 'Datele pentru înregistrarea în Observatorul Național al Copilului' },
  { method: 'GET', path: '/tasks', function: 'api-tasks', operation: 'listTasks', auth: 'jwt', action: 'task.list', summary: 'Sarcinile mele / ale echipei, cele întârziate primele' },
  { method: 'GET', path: '/tasks/{taskId}', function: 'api-tasks', operation: 'getTask', auth: 'jwt', action: 'task.work', summary: 'O sarcină cu formularul ei' },
  { method: 'PUT', path: '/tasks/{taskId}/draft', function: 'api-tasks', operation: 'saveDraft', auth: 'jwt', action: 'task.work', summary: 'Salvează ciorna formularului' },
  { method: 'POST', path: '/tasks/{taskId}/submit', function: 'api-tasks', operation: 'submitTask', auth: 'jwt', action: 'task.work', summary: 'Trimite formularul și reia fluxul de lucru' },
  { method: 'POST', path: '/tasks/{taskId}/reassign', function: 'api-tasks', operation: 'reassignTask', auth: 'jwt', action: 'task.reassign', summary: 'Realocă sarcina' },
] as const satisfies readonly RouteDef[];

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────────────────────────
export const policy = {
  public: { description: 'Fără autentificare (stare serviciu, documentația API)', caseScoped: false, grants: {} },
  'self.read': {
    description: 'Propriul profil și drepturi',
    caseScoped: false,
    grants: { case_manager: 'any', centre_staff: 'any', intervention_staff: 'any', coordinator: 'any', finance: 'any', project_manager: 'any', roma_officer: 'any', admin: 'any' },
  },
  'self.update': {
    description: 'Propriile preferințe de notificare',
    caseScoped: false,
    grants: { case_manager: 'any', centre_staff: 'any', intervention_staff: 'any', coordinator: 'any', finance: 'any', project_manager: 'any', roma_officer: 'any', admin: 'any' },
  },
  'mail.outbox.read': { description: 'Probleme de livrare a e-mailurilor', caseScoped: false, grants: { admin: 'any' } },
  'staff.list': { description: 'Lista personalului (pentru alocare)', caseScoped: false, grants: { case_manager: 'any', coordinator: 'any', admin: 'any' } },
  'case.create': { description: 'Înregistrarea unei sesizări / referiri', caseScoped: false, grants: { case_manager: 'any', coordinator: 'any' } },
  'case.list': { description: 'Lista cazurilor (filtrată după instituție / alocare)', caseScoped: false, grants: { case_manager: 'any', coordinator: 'any' } },
  'case.read': {
    description: 'Dosarul cazului',
    caseScoped: true,
    grants: { case_manager: MANAGE, coordinator: INSTITUTION, centre_staff: ['enrolled_in_my_service'], intervention_staff: ['enrolled_in_my_service'] },
  },
  'case.history.read': { description: 'Istoricul cazului', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'case.observator.write': { description: 'Înregistrarea planului în Observatorul Național al Copilului', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'case.observator.export': { description: 'Export pentru înregistrarea în Observator (date personale)', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'task.list': { description: 'Sarcinile mele și ale echipei', caseScoped: false, grants: { case_manager: 'any', coordinator: 'any' } },
  'task.work': { description: 'Deschiderea, ciorna și trimiterea unei sarcini', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'task.reassign': { description: 'Realocarea unei sarcini', caseScoped: true, grants: { coordinator: INSTITUTION } },
} satisfies Record<string, ActionPolicy>;
