/**
 * The request table of the data-protection tests (authz, fuzz): who calls as which role and relation, and how to
 * build a request for ANY route of shared/manifest/routes.ts — path parameters from defaults by name, bodies and queries
 * from ROUTE_FIXTURES where the defaults are not enough. A new route of any area is picked up without changes here
 * unless its request cannot be built generically; test/integration/authz.test.ts then names the route and says what
 * to add.
 */
import type { CaseAccessFacts, Relation } from '../../shared/platform/auth/policy.js';
import { actionPolicy, relationsTo } from '../../shared/manifest/policy.js';
import type { Principal, Role } from '../../shared/platform/auth/principal.js';
import { getService, serviceCatalogue } from '../../shared/services/catalogue.js';
import { routeKey, type RouteDef } from '../../shared/manifest/routes.js';
import type { ApiResponse } from './api.js';
import { isoDay, testClock } from './fixtures.js';
import { currentMonth } from '../../shared/platform/calendar.js';
import type { PreparedCase } from './security.js';

export type CaseRef = 'das' | 'dgaspc';

/**
 * Who calls, on which prepared case, and the relations that gives them (checked against relationsTo before use).
 * The DAS case is managed by manager.das, with an approved plan in Sf. Nicolae and Intervention A (GAL staff work in
 * it); the DGASPC case is managed by manager.dgaspc and has no services.
 */
export interface Subject { username: string; role: Role; caseRef: CaseRef; relations: Relation[] }
export const SUBJECTS: Subject[] = [
  { username: 'manager.das', role: 'case_manager', caseRef: 'das', relations: ['assigned', 'same_institution'] },
  { username: 'manager2.das', role: 'case_manager', caseRef: 'das', relations: ['same_institution'] },
  { username: 'manager.dgaspc', role: 'case_manager', caseRef: 'das', relations: ['none'] },
  { username: 'coord.das', role: 'coordinator', caseRef: 'das', relations: ['same_institution'] },
  { username: 'coord.dgaspc', role: 'coordinator', caseRef: 'das', relations: ['none'] },
  { username: 'centru.sfnicolae', role: 'centre_staff', caseRef: 'das', relations: ['same_institution', 'enrolled_in_my_service'] },
  { username: 'centru.kuncz', role: 'centre_staff', caseRef: 'das', relations: ['same_institution'] },
  { username: 'centru.kuncz', role: 'centre_staff', caseRef: 'dgaspc', relations: ['none'] },
  { username: 'interventie.gal', role: 'intervention_staff', caseRef: 'das', relations: ['enrolled_in_my_service'] },
  { username: 'interventie.gal', role: 'intervention_staff', caseRef: 'dgaspc', relations: ['none'] },
  { username: 'financiar.das', role: 'finance', caseRef: 'das', relations: ['same_institution'] },
  { username: 'financiar.das', role: 'finance', caseRef: 'dgaspc', relations: ['none'] },
  { username: 'manager.proiect', role: 'project_manager', caseRef: 'das', relations: ['same_institution'] },
  { username: 'manager.proiect', role: 'project_manager', caseRef: 'dgaspc', relations: ['none'] },
  { username: 'romi.das', role: 'roma_officer', caseRef: 'das', relations: ['same_institution'] },
  { username: 'romi.das', role: 'roma_officer', caseRef: 'dgaspc', relations: ['none'] },
  { username: 'admin', role: 'admin', caseRef: 'das', relations: ['same_institution'] },
  { username: 'admin', role: 'admin', caseRef: 'dgaspc', relations: ['none'] },
];

export interface Ctx { subject: Subject; principal: Principal; prepared: PreparedCase }

const today = () => isoDay(0);
const thisMonth = () => currentMonth(testClock());

/** The catalogue service a caller works in (staff) or whose provider is the caller's institution (coordinators). */
function serviceOf(p: Principal): string {
  return p.services[0] ?? serviceCatalogue.find((s) => (s.providers as readonly string[]).includes(p.institution))?.id ?? 'cz-sf-nicolae';
}

/**
 * Values for path parameters by name, used by every route that does not say otherwise. `missing` values name a
 * resource that does not exist: a 404 about that resource (not the case denial) then counts as allowed.
 */
export const PARAM_DEFAULTS: Record<string, { value: (x: Ctx) => string; missing?: true }> = {
  caseId: { value: (x) => x.prepared.caseId },
  taskId: { value: (x) => x.prepared.evaluationTaskId },
  year: { value: () => '2026' },
  quarter: { value: () => '2026-Q1' },
  // the current month: month-level actions (closing a month) are refused for a month not yet over
  month: { value: () => thisMonth() },
  date: { value: () => today() },
  indicatorId: { value: () => 'participants' },
  actionId: { value: () => '2.5' },
  serviceId: { value: (x) => serviceOf(x.principal) },
  groupId: { value: (x) => getService(serviceOf(x.principal))?.groups[0]?.id ?? 'g1' },
  institution: { value: (x) => x.principal.institution },
  runId: { value: () => '2000-01-999', missing: true },
  enrolmentId: { value: () => 'no-such-enrolment', missing: true },
  sessionId: { value: () => 'no-such-session', missing: true },
  closureId: { value: () => 'no-such-closure', missing: true },
};

export interface Fixture {
  params?: Record<string, (x: Ctx) => string>;
  query?: (x: Ctx) => Record<string, string>;
  /** for non-GET routes; default `{}` (enough for routes whose role gate is all there is to check) */
  body?: (x: Ctx) => unknown;
}

export const REASON = 'Verificare de autorizare, fără efect asupra datelor';

/**
 * Requests the defaults cannot build. Bodies of case routes must pass validation, so that the case check runs, yet
 * change nothing: a completed task, a stale expectedVersion, a duplicate record, an unknown service or enrolment.
 */
export const ROUTE_FIXTURES: Record<string, Fixture> = {
  'GET /staff': { query: () => ({ role: 'case_manager' }) },
  'PUT /tasks/{taskId}/draft': { body: () => ({ form: {} }) },
  'POST /tasks/{taskId}/submit': { body: () => ({ expectedVersion: 0, form: {} }) },
  'POST /tasks/{taskId}/reassign': { body: () => ({ assigneeId: 'authz-test-nobody', reason: REASON }) },
  'POST /cases/{caseId}/identity-documents': { body: () => ({ person: 'child', document: 'birth_certificate', obtainedOn: today() }) },
  'PUT /cases/{caseId}/consent': { body: () => ({ expectedVersion: 0, given: true, givenByRelation: 'parent', date: today(), purposes: ['services'] }) },
  'POST /cases/{caseId}/consent/withdrawals': { body: () => ({ expectedVersion: 0, purposes: ['subsidy'], date: today() }) },
  'GET /cases/{caseId}/audit': { query: () => ({ limit: '5' }) },
  'GET /audit': { query: () => ({ limit: '5' }) },
  'GET /services/{serviceId}/sessions': { query: () => ({ date: today() }) },
  'POST /cases/{caseId}/enrolments': { body: () => ({ serviceId: 'no-such-service' }) },
  'POST /enrolments/{caseId}/{enrolmentId}/end': { body: () => ({ reason: 'other', note: REASON }) },
  'POST /enrolments/{caseId}/{enrolmentId}/transfer': { body: () => ({ serviceId: 'cz-kuncz', note: REASON }) },
  'POST /enrolments/{caseId}/{enrolmentId}/start': { body: () => ({ from: today(), reason: REASON }) },
};

export class FixtureMissing extends Error {}

export function buildRequest(route: RouteDef, x: Ctx): { path: string; body?: unknown } {
  const fx = ROUTE_FIXTURES[routeKey(route)];
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const make = fx?.params?.[name] ?? PARAM_DEFAULTS[name]?.value;
    if (!make) throw new FixtureMissing(`path parameter {${name}}`);
    return encodeURIComponent(make(x));
  });
  const q = fx?.query?.(x);
  const qs = q && Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : '';
  return { path: path + qs, ...(route.method === 'GET' ? {} : { body: fx?.body ? fx.body(x) : {} }) };
}

/** Why a route's request cannot be built generically, or null. */
export function fixtureProblem(route: RouteDef): string | null {
  const key = routeKey(route);
  const fx = ROUTE_FIXTURES[key];
  for (const m of route.path.matchAll(/\{([^}]+)\}/g)) {
    if (!fx?.params?.[m[1]!] && !PARAM_DEFAULTS[m[1]!]) {
      return `${key}: path parameter {${m[1]}} has no default — add an entry for "${key}" to ROUTE_FIXTURES in test/support/route-fixtures.ts`;
    }
  }
  const p = actionPolicy(route.action);
  if (p?.caseScoped && route.method !== 'GET' && !fx?.body) {
    return `${key}: a case route that changes data needs a fixture entry in ROUTE_FIXTURES (test/support/route-fixtures.ts) with a valid body that changes nothing, so that the case check is reached`;
  }
  if (p?.caseScoped && !/\{(caseId|taskId)\}/.test(route.path) && !fx?.params) {
    return `${key}: a case route without {caseId} or {taskId} in its path needs a fixture entry in ROUTE_FIXTURES (test/support/route-fixtures.ts) that points it at the prepared case`;
  }
  return null;
}

/** The answer authorizeCase gives to a caller without access (the same as for a case that does not exist). */
export const isCaseDenial = (r: ApiResponse) => r.status === 404 && /Cazul nu a fost găsit/.test(String(r.body?.error?.message ?? ''));
export const usesMissingResource = (route: RouteDef) => [...route.path.matchAll(/\{([^}]+)\}/g)].some((m) => !ROUTE_FIXTURES[routeKey(route)]?.params?.[m[1]!] && PARAM_DEFAULTS[m[1]!]?.missing);

/** Allowed: past authorization — anything but 401/403/404 (a 404 about a placeholder resource is past it too). */
export const allowed = (route: RouteDef, r: ApiResponse) =>
  r.status < 500 && ![401, 403, 404].includes(r.status) || (r.status === 404 && usesMissingResource(route) && !isCaseDenial(r) && r.body?.error?.code !== 'ROUTE_NOT_FOUND');

/** What the policy table says a caller may do on a route (case routes: given the caller's relations to the case). */
export function expectation(route: RouteDef, principal: Principal, facts: CaseAccessFacts): 'allow' | 'role-deny' | 'case-deny' {
  const p = actionPolicy(route.action)!;
  const grants = principal.roles.map((r) => p.grants[r]).filter((g) => g !== undefined);
  if (grants.length === 0) return 'role-deny';
  if (!p.caseScoped) return 'allow';
  const rel = relationsTo(principal, facts);
  return grants.some((g) => g === 'any' || rel.some((r) => (g as readonly Relation[]).includes(r))) ? 'allow' : 'case-deny';
}
