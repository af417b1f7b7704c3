import type { ActionPolicy } from '../platform/auth/policy.js';
import { INSTITUTION, MANAGE } from '../cases/policy.js';

/**
 * Policy rows of the admin area (data protection). Consent is recorded and withdrawn by whoever manages the case;
 * the audit log is read by coordinators, for their own institution only (the handler pins the institution); the
 * retention status shows counts only. No role may change or delete an audit entry: there is no such action.
 */
export const adminPolicy = {
  'case.consent.read': { description: 'Acordul părintelui pe caz și retragerile lui', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'case.consent.write': { description: 'Înregistrarea și retragerea acordului părintelui', caseScoped: true, grants: { case_manager: MANAGE, coordinator: INSTITUTION } },
  'case.audit.read': { description: 'Jurnalul de audit al unui caz', caseScoped: true, grants: { coordinator: INSTITUTION } },
  'audit.read': { description: 'Jurnalul de audit al propriei instituții', caseScoped: false, grants: { coordinator: 'any' } },
  'audit.export': { description: 'Descărcarea jurnalului de audit al propriei instituții (exportul este și el auditat)', caseScoped: false, grants: { coordinator: 'any' } },
  'retention.read': { description: 'Termenul de păstrare și numărul cazurilor de anonimizat (fără date personale)', caseScoped: false, grants: { coordinator: 'any', project_manager: 'any', admin: 'any' } },
} satisfies Record<string, ActionPolicy>;
