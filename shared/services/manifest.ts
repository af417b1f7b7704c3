/**
 * The services area's manifest: its Lambda functions, its HTTP routes and the policy rows of its actions. Data only
 * (platform types, no area code): shared/manifest/ gathers every area's manifest for CDK (infra/) and the local
 * runtime (local/), and the platform's auth engine is handed the gathered policy table.
 */
import type { FunctionDef } from '../platform/functions.js';
import type { RouteDef } from '../platform/http/routes.js';
import { INSTITUTION, MANAGE, type ActionPolicy } from '../platform/auth/policy.js';

// ── Functions ──────────────────────────────────────────────────────────────────────────────────────────────────────
/** Functions of the services area. */
export const functions = [
  {
    name: 'api-services',
    entry: 'functions/services/index.ts',
    description: 'Service catalogue and places, closures, enrolments and waiting lists, attendance sheets, session records, monthly participation summaries, month close and corrections',
    memoryMb: 512,
    timeoutSeconds: 29,
    // writes enrolments with their case history entry, registers and summaries, audits every read and write of a
    // child's register data, mails coordinators (capacity, waiting list); reads names and ethnicity (Roma counts)
    access: { main: 'readwrite', audit: ['append'], sendEmail: true, fieldKey: true },
  },
] as const satisfies readonly FunctionDef[];

// ── Routes ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/** Routes of the services area: catalogue and places, enrolments and waiting lists, registers, month close. */
export const routes = [
  { method: 'GET', path: '/services', function: 'api-services', operation: 'listServices', auth: 'jwt', action: 'service.list', summary: 'Catalogul serviciilor: locuri ocupate, libere și în așteptare, țintele proiectului' },
  { method: 'GET', path: '/services/{serviceId}/enrolments', function: 'api-services', operation: 'listServiceEnrolments', auth: 'jwt', action: 'service.enrolments.read', summary: 'Copiii înscriși la un serviciu și lista de așteptare' },
  { method: 'GET', path: '/services/{serviceId}/groups/{groupId}/attendance/{date}', function: 'api-services', operation: 'getAttendanceSheet', auth: 'jwt', action: 'attendance.read', summary: 'Foaia de prezență a unei grupe pentru o zi' },
  { method: 'PUT', path: '/services/{serviceId}/groups/{groupId}/attendance/{date}', function: 'api-services', operation: 'saveAttendanceSheet', auth: 'jwt', action: 'attendance.write', summary: 'Salvează foaia de prezență a grupei (toți copiii, o singură cerere)' },
  { method: 'GET', path: '/services/{serviceId}/sessions', function: 'api-services', operation: 'listSessions', auth: 'jwt', action: 'session.read', summary: 'Ședințele unui serviciu într-o zi' },
  { method: 'POST', path: '/services/{serviceId}/sessions', function: 'api-services', operation: 'recordSessions', auth: 'jwt', action: 'session.write', summary: 'Înregistrează o ședință (individuală, de grup sau cu familia)' },
  { method: 'PUT', path: '/cases/{caseId}/sessions/{sessionId}', function: 'api-services', operation: 'correctSession', auth: 'jwt', action: 'session.write', summary: 'Corectează sau anulează ședința unui copil' },
  { method: 'GET', path: '/cases/{caseId}/enrolments', function: 'api-services', operation: 'getCaseEnrolments', auth: 'jwt', action: 'case.enrolments.read', summary: 'Înscrierile copilului la servicii' },
  { method: 'POST', path: '/cases/{caseId}/enrolments', function: 'api-services', operation: 'enrolCase', auth: 'jwt', action: 'case.enrolment.write', summary: 'Înscrie copilul la serviciile din planul aprobat (sau la unul dintre ele)' },
  { method: 'POST', path: '/enrolments/{caseId}/{enrolmentId}/end', function: 'api-services', operation: 'endEnrolment', auth: 'jwt', action: 'case.enrolment.write', summary: 'Încheie o înscriere (cu motiv); locul eliberat trece la lista de așteptare' },
  { method: 'POST', path: '/enrolments/{caseId}/{enrolmentId}/transfer', function: 'api-services', operation: 'transferEnrolment', auth: 'jwt', action: 'case.enrolment.write', summary: 'Transferă copilul la alt serviciu sau altă grupă' },
  { method: 'POST', path: '/enrolments/{caseId}/{enrolmentId}/start', function: 'api-services', operation: 'changeEnrolmentStart', auth: 'jwt', action: 'case.enrolment.write', summary: 'Corectează data de început a unei înscrieri' },
  { method: 'GET', path: '/cases/{caseId}/participation', function: 'api-services', operation: 'getParticipation', auth: 'jwt', action: 'participation.read', summary: 'Participarea copilului într-o lună: rezumat, evaluare, prezențe și ședințe' },
  { method: 'GET', path: '/services/{serviceId}/closures', function: 'api-services', operation: 'listClosures', auth: 'jwt', action: 'service.closure.read', summary: 'Închiderile unui serviciu într-o lună (vacanță, dezinfecție), cu zilele închise și zilele de program' },
  { method: 'POST', path: '/services/{serviceId}/closures', function: 'api-services', operation: 'createClosure', auth: 'jwt', action: 'service.closure.write', summary: 'Adaugă o închidere a serviciului (de la, până la, motiv)' },
  { method: 'POST', path: '/services/{serviceId}/closures/{closureId}/cancel', function: 'api-services', operation: 'cancelClosure', auth: 'jwt', action: 'service.closure.write', summary: 'Anulează o închidere a serviciului (zilele redevin zile de program)' },
  { method: 'POST', path: '/months/{month}/close', function: 'api-services', operation: 'closeMonth', auth: 'jwt', action: 'month.close', summary: 'Închide luna pentru registre (modificările ulterioare devin corecturi)' },
  { method: 'GET', path: '/months/{month}', function: 'api-services', operation: 'getMonth', auth: 'jwt', action: 'month.corrections.read', summary: 'Luna pentru registre: închisă sau nu (cine, când) și registrele incomplete ale centrelor' },
  { method: 'GET', path: '/months/{month}/corrections', function: 'api-services', operation: 'listCorrections', auth: 'jwt', action: 'month.corrections.read', summary: 'Corecturile unei luni închise, nedecontate încă' },
] as const satisfies readonly RouteDef[];

// ── Policy ─────────────────────────────────────────────────────────────────────────────────────────────────────────
/**
 * Policy rows of the services area.
 *
 * Service-level actions ('any' below) are narrowed in code (shared/services/access.ts): centre and
 * intervention staff act only in the services they work in (`principal.services`), coordinators only in the services
 * their institution provides; anyone else gets 403 and the refusal is audited. Case-level actions use the relations:
 * a coordinator of an institution providing the service counts as `same_institution` (GAL for Intervention A).
 */
const STAFF_OF_SERVICE = ['enrolled_in_my_service'] as const;

export const policy = {
  'service.list': {
    description: 'Catalogul serviciilor cu locurile ocupate și țintele proiectului (copii romi: numere mici suprimate în afara echipei de proiect)',
    caseScoped: false,
    grants: { case_manager: 'any', centre_staff: 'any', intervention_staff: 'any', coordinator: 'any', project_manager: 'any' },
  },
  'service.enrolments.read': {
    description: 'Lista copiilor înscriși și a listei de așteptare (doar serviciul propriu / serviciile instituției)',
    caseScoped: false,
    grants: { centre_staff: 'any', intervention_staff: 'any', coordinator: 'any' },
  },
  'case.enrolments.read': {
    description: 'Înscrierile unui copil la servicii',
    caseScoped: true,
    grants: { case_manager: MANAGE, coordinator: INSTITUTION, centre_staff: STAFF_OF_SERVICE, intervention_staff: STAFF_OF_SERVICE },
  },
  'case.enrolment.write': {
    description: 'Înscrierea din plan, încheierea, transferul și corectarea datei de început (coordonatorii instituției cazului sau ai furnizorului)',
    caseScoped: true,
    grants: { coordinator: INSTITUTION },
  },
  'attendance.read': {
    description: 'Foaia de prezență a unei grupe (doar centrul propriu / centrele instituției)',
    caseScoped: false,
    grants: { centre_staff: 'any', coordinator: 'any' },
  },
  'attendance.write': {
    description: 'Completarea foii de prezență (doar centrul propriu / centrele instituției); după închiderea lunii, doar cu motiv de corectură',
    caseScoped: false,
    grants: { centre_staff: 'any', coordinator: 'any' },
  },
  'session.read': {
    description: 'Ședințele unui serviciu (doar serviciul propriu / serviciile instituției)',
    caseScoped: false,
    grants: { centre_staff: 'any', intervention_staff: 'any', coordinator: 'any' },
  },
  'session.write': {
    description: 'Înregistrarea și corectarea ședințelor (doar serviciul propriu / serviciile instituției)',
    caseScoped: false,
    grants: { centre_staff: 'any', intervention_staff: 'any', coordinator: 'any' },
  },
  'participation.read': {
    description: 'Participarea lunară a unui copil (managerul cazului, coordonatorii, personalul serviciului — doar serviciul propriu)',
    caseScoped: true,
    grants: { case_manager: ['assigned'], coordinator: INSTITUTION, centre_staff: STAFF_OF_SERVICE, intervention_staff: STAFF_OF_SERVICE },
  },
  'service.closure.read': {
    description: 'Închiderile unui serviciu și zilele închise ale lunii (doar serviciul propriu / serviciile instituției)',
    caseScoped: false,
    grants: { centre_staff: 'any', intervention_staff: 'any', coordinator: 'any' },
  },
  'service.closure.write': {
    description: 'Adăugarea și anularea închiderilor unui serviciu, cu motiv (coordonatorul instituției care oferă serviciul)',
    caseScoped: false,
    grants: { coordinator: 'any' },
  },
  'month.close': {
    description: 'Închiderea unei luni pentru registre, cu motivare (coordonatorul liderului de proiect)',
    caseScoped: false,
    grants: { coordinator: 'any' },
  },
  'month.corrections.read': {
    description: 'Corecturile nedecontate ale unei luni închise',
    caseScoped: false,
    grants: { coordinator: 'any', project_manager: 'any' },
  },
} satisfies Record<string, ActionPolicy>;
