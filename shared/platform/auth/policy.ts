/**
 * Authorization, deny by default, in ONE table: action × role → the relations to the case that allow it
 * ('any' when the action is not about one case). Relations: assigned (the case manager / task assignee),
 * same_institution (the case belongs to, or is shared with, the caller's institution), enrolled_in_my_service
 * (the child is enrolled in a service the caller works in). Every route in shared/manifest/routes.ts names its action;
 * the authorization test walks routes × roles × relations, so a route without a policy cannot land.
 */
import type { InstitutionId, Principal, Role } from './principal.js';

export const relations = ['assigned', 'same_institution', 'enrolled_in_my_service', 'none'] as const;
export type Relation = (typeof relations)[number];

export type Grant = 'any' | readonly Relation[];

export interface ActionPolicy {
  readonly description: string;
  /** true when the route identifies one case and the grant's relations are checked against it */
  readonly caseScoped: boolean;
  readonly grants: Readonly<Partial<Record<Role, Grant>>>;
}

/** Relations that let someone manage a case (its case manager, or anyone of the institution). */
export const MANAGE: readonly Relation[] = ['assigned', 'same_institution'];
export const INSTITUTION: readonly Relation[] = ['same_institution'];

export type PolicyTable = Readonly<Record<string, ActionPolicy>>;

export interface CaseAccessFacts {
  institution: InstitutionId;
  sharedWith?: InstitutionId[];
  /** users assigned to the case (its manager) or to the task at hand */
  assignedTo?: string[];
  /** service ids the child is enrolled in */
  services?: string[];
}

export function relationsTo(principal: Principal, facts: CaseAccessFacts): Relation[] {
  const out: Relation[] = [];
  if (facts.assignedTo?.includes(principal.userId)) out.push('assigned');
  if (facts.institution === principal.institution || facts.sharedWith?.includes(principal.institution)) out.push('same_institution');
  if (facts.services?.some((s) => principal.services.includes(s))) out.push('enrolled_in_my_service');
  if (out.length === 0) out.push('none');
  return out;
}

/**
 * The engine over one policy table. The platform knows no area: the table is gathered from the areas' manifests in
 * shared/manifest/policy.ts, which builds the one engine everybody uses.
 */
export function policyEngine(policy: PolicyTable) {
  function actionPolicy(action: string): ActionPolicy | undefined {
    return Object.hasOwn(policy, action) ? policy[action] : undefined;
  }

  /** First gate, at the route: does any of the caller's roles have a grant for the action at all? */
  function hasRoleFor(principal: Principal, action: string): boolean {
    const p = actionPolicy(action);
    if (!p) return false;
    return principal.roles.some((r) => p.grants[r] !== undefined);
  }

  /** Second gate, on the case: the caller's roles × relations to this case. Returns the role that grants it. */
  function grantingRole(principal: Principal, action: string, facts: CaseAccessFacts): Role | undefined {
    const p = actionPolicy(action);
    if (!p) return undefined;
    const rel = relationsTo(principal, facts);
    for (const role of principal.roles) {
      const g = p.grants[role];
      if (g === undefined) continue;
      if (g === 'any' || rel.some((r) => (g as readonly Relation[]).includes(r))) return role;
    }
    return undefined;
  }

  function canOnCase(principal: Principal, action: string, facts: CaseAccessFacts): boolean {
    return grantingRole(principal, action, facts) !== undefined;
  }

  return { policy, actionPolicy, hasRoleFor, grantingRole, canOnCase };
}

export type PolicyEngine = ReturnType<typeof policyEngine>;
