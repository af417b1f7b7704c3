import type { RouteDef } from '../manifest/routes.js';

/** Routes of the services area: catalogue and places, enrolments and waiting lists, registers, month close. */
export const servicesRoutes = [
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
  { method: 'POST', path: '/months/{month}/close', function: 'api-services', operation: 'closeMonth', auth: 'jwt', action: 'month.close', summary: 'Închide luna pentru registre (modificările ulterioare devin corecturi)' },
  { method: 'GET', path: '/months/{month}/incomplete-registers', function: 'api-services', operation: 'listIncompleteRegisters', auth: 'jwt', action: 'month.registers.read', summary: 'Registrele lunii cu zile programate nemarcate, pe centre și grupe (înainte de închiderea lunii)' },
  { method: 'GET', path: '/months/{month}/corrections', function: 'api-services', operation: 'listCorrections', auth: 'jwt', action: 'month.corrections.read', summary: 'Corecturile unei luni închise, nedecontate încă' },
] as const satisfies readonly RouteDef[];
