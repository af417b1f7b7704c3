/**
 * Case-level access: evaluates the policy for a principal and a case, writes the audit entry for every read and
 * write (allowed or denied), and answers 403/404 the same way (a case you may not see does not exist for you).
 */
import type { Principal } from '../platform/auth/principal.js';
import type { CaseAccessFacts } from '../platform/auth/policy.js';
import { grantingRole } from '../manifest/policy.js';
import type { CaseRecord } from './model.js';
import { notFound } from '../platform/errors.js';
import type { AuditLog } from '../protection/index.js';
import type { Actor } from './store.js';

export interface RequestInfo {
  sourceIp?: string;
  userAgent?: string;
  requestId?: string;
}

export function caseFacts(c: CaseRecord, extraAssignees: string[] = []): CaseAccessFacts {
  return { institution: c.institution, sharedWith: c.sharedWith, assignedTo: [c.caseManagerId, ...extraAssignees], services: c.services };
}

export function actorOf(p: Principal): Actor {
  return { userId: p.userId, displayName: p.displayName, roles: p.roles, institution: p.institution };
}

/**
 * Check `action` on the case and audit the attempt. Throws 404 when denied (no existence oracle).
 * Returns the role that granted access (callers use it to shape the view, e.g. centre staff see first names only).
 */
export async function authorizeCase(
  audit: AuditLog,
  principal: Principal,
  action: string,
  c: CaseRecord,
  req: RequestInfo,
  opts: { extraAssignees?: string[]; auditAction?: string; detail?: Record<string, unknown> } = {},
) {
  const role = grantingRole(principal, action, caseFacts(c, opts.extraAssignees));
  await audit.append({
    actorId: principal.userId,
    actorRoles: principal.roles,
    actorInstitution: principal.institution,
    action: opts.auditAction ?? action,
    subjectType: 'case',
    subjectId: c.caseId,
    subjectInstitution: c.institution,
    outcome: role ? 'allowed' : 'denied',
    sourceIp: req.sourceIp,
    userAgent: req.userAgent,
    requestId: req.requestId,
    detail: opts.detail,
  });
  if (!role) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  return role;
}
