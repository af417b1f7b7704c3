import type { ActionPolicy, Relation } from '../platform/auth/policy.js';

export const MANAGE: readonly Relation[] = ['assigned', 'same_institution'];
export const INSTITUTION: readonly Relation[] = ['same_institution'];

export const corePolicy = {
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
