import type { RouteDef } from '../manifest/routes.js';

export const coreRoutes = [
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
