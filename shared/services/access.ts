/**
 * Who may work with a service's registers, and the audit of every read and write of a child's register data.
 *
 * Service level (sheets, sessions, enrolment lists): centre / intervention staff only for the services they work in
 * (`principal.services`), coordinators only for services their institution provides. Case level (a child's
 * participation, enrolment changes): the policy table, where a coordinator of a provider institution counts as
 * `same_institution` for the services it provides.
 */
import type { Principal, Role } from '../platform/auth/principal.js';
import { getService, type Service } from './catalogue.js';
import type { CaseRecord } from '../cases/index.js';
import { forbidden, notFound } from '../platform/errors.js';
import { authorizeCase, type RequestInfo } from '../cases/index.js';
import type { PathwayDeps } from '../cases/index.js';

export type ServiceRole = 'staff' | 'coordinator';

/** The caller's standing in a service, or undefined when the service is not theirs. */
export function serviceRole(p: Pick<Principal, 'roles' | 'services'> & { institution: string }, service: Pick<Service, 'id' | 'providers'>): ServiceRole | undefined {
  if ((p.roles.includes('centre_staff') || p.roles.includes('intervention_staff')) && p.services.includes(service.id)) return 'staff';
  if (p.roles.includes('coordinator') && (service.providers as readonly string[]).includes(p.institution)) return 'coordinator';
  return undefined;
}

/** A service from the catalogue or 404. */
export function serviceOr404(serviceId: string): Service {
  const s = getService(serviceId);
  if (!s) throw notFound('Serviciul nu există în catalog.');
  return s;
}

export function groupOr404(service: Service, groupId: string) {
  const g = service.groups.find((x) => x.id === groupId);
  if (!g) throw notFound(`Grupa nu există la ${service.shortName}.`);
  return g;
}

/**
 * Check the caller's standing in the service; a refusal is audited (nothing about any child is revealed) and
 * answered 403.
 */
export async function authorizeService(d: PathwayDeps, p: Principal, service: Service, action: string, subject: string, req: RequestInfo): Promise<ServiceRole> {
  const role = serviceRole(p, service);
  if (role) return role;
  await d.audit.append({
    actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action, subjectType: 'case', subjectId: subject,
    subjectInstitution: service.providers[0] ?? p.institution, outcome: 'denied', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId,
    detail: { serviceId: service.id },
  });
  throw forbidden(`Nu lucrați la ${service.shortName}: nu aveți acces la registrele acestui serviciu.`);
}

/**
 * Audit a read or write of register data for each child concerned (one entry per child, subject = the case, so a
 * child's own audit trail lists it), written in one request for up to 100 children (AuditLog.appendMany).
 */
export async function auditChildren(d: PathwayDeps, p: Principal, action: string, cases: readonly CaseRecord[], req: RequestInfo, detail: (c: CaseRecord) => Record<string, unknown>): Promise<void> {
  const at = d.now().toISOString();
  await d.audit.appendMany(cases.map((c) => ({
    at, actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action, subjectType: 'case', subjectId: c.caseId,
    subjectInstitution: c.institution, outcome: 'allowed', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId, detail: detail(c),
  })));
}

/**
 * Case-level check for participation and enrolment actions: coordinators of the institutions that provide the
 * services concerned count as the case's institution (a GAL coordinator manages Intervention A's children).
 * Returns the role that granted access; throws 404 when denied (audited by authorizeCase).
 */
export function authorizeCaseForServices(
  d: PathwayDeps,
  p: Principal,
  action: string,
  c: CaseRecord,
  serviceIds: readonly string[],
  req: RequestInfo,
  opts: { auditAction?: string; detail?: Record<string, unknown> } = {},
): Promise<Role> {
  // a provider coordinator stands in for the case's institution only when EVERY service concerned is one its
  // institution provides: a GAL coordinator manages Intervention A's children, never their day-centre places
  // (a whole-plan enrolment, a transfer between a GAL and a DAS service, or a read that would include DAS registers)
  const provider = p.roles.includes('coordinator') && p.institution !== c.institution && serviceIds.length > 0
    && serviceIds.every((id) => (getService(id)?.providers as readonly string[] | undefined)?.includes(p.institution));
  const facts: CaseRecord = provider ? { ...c, sharedWith: [...new Set([...c.sharedWith, p.institution as CaseRecord['institution']])] } : c;
  return authorizeCase(d.audit, p, action, facts, req, opts);
}

/** Full names for coordinators and case managers; first name + initial for centre and intervention staff. */
export const seesFullNames = (role: Role | ServiceRole): boolean => role !== 'staff' && role !== 'centre_staff' && role !== 'intervention_staff';
