import type { ActionPolicy } from '../platform/auth/policy.js';
import { INSTITUTION, MANAGE } from '../cases/policy.js';

/**
 * Policy rows of the services area.
 *
 * Service-level actions ('any' below) are narrowed in code (shared/services/access.ts): centre and
 * intervention staff act only in the services they work in (`principal.services`), coordinators only in the services
 * their institution provides; anyone else gets 403 and the refusal is audited. Case-level actions use the relations:
 * a coordinator of an institution providing the service counts as `same_institution` (GAL for Intervention A).
 */
const STAFF_OF_SERVICE = ['enrolled_in_my_service'] as const;

export const servicesPolicy = {
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
  'month.close': {
    description: 'Închiderea unei luni pentru registre (coordonatorul liderului de proiect, managerul de proiect)',
    caseScoped: false,
    grants: { coordinator: 'any', project_manager: 'any' },
  },
  'month.registers.read': {
    description: 'Registrele incomplete ale unei luni (zile programate nemarcate), pe centre și grupe',
    caseScoped: false,
    grants: { coordinator: 'any', project_manager: 'any' },
  },
  'month.corrections.read': {
    description: 'Corecturile nedecontate ale unei luni închise',
    caseScoped: false,
    grants: { coordinator: 'any', project_manager: 'any' },
  },
} satisfies Record<string, ActionPolicy>;
