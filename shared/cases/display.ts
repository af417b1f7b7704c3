/**
 * How a child is named in lists (task inbox, case list): a display label per the viewer's relation to the case, and
 * the age in whole years on today's Bucharest date. Only viewers the policy allows to read the case get a label;
 * the others get none (the list keeps the case number). E-mails never carry either (shared/notifications guard).
 *
 * The policy is configuration: which relation sees the full name and which only initials. Source: data minimisation,
 * GDPR art. 5(1)(c), and Vatra's least-privilege rule (docs/decisions/009-data-protection.md): the case manager and
 * the institution's team work with the family by name; staff of a service see initials in lists (the attendance sheet,
 * which they need to call the children, shows first names as today).
 */
import type { Principal } from '../platform/auth/principal.js';
import { actionPolicy, grantingRole } from '../manifest/policy.js';
import { relationsTo, type Relation } from '../platform/auth/policy.js';
import { ageOn, isIsoDate } from '../platform/calendar.js';
import { caseFacts } from './access.js';
import type { CaseRecord } from './model.js';
import { initials } from '../protection/index.js';

export type NameForm = 'full' | 'initials';

export interface ChildLabelPolicy {
  /** the name form per relation to the case; the first relation of the viewer found here wins, in this order */
  byRelation: Readonly<Partial<Record<Exclude<Relation, 'none'>, NameForm>>>;
  /** the action whose grant decides whether the viewer sees a label at all */
  readAction: string;
  source: string;
}

export const childLabelPolicy: ChildLabelPolicy = {
  byRelation: { assigned: 'full', same_institution: 'full', enrolled_in_my_service: 'initials' },
  readAction: 'case.read',
  source: 'GDPR art. 5(1)(c) (minimizarea datelor); docs/decisions/009-data-protection.md (acces minim necesar); docs/decisions/015-demo-story-and-names.md',
};

const ORDER: readonly Exclude<Relation, 'none'>[] = ['assigned', 'same_institution', 'enrolled_in_my_service'];

export interface ChildLabel {
  /** „Ana Pop” or „A. P.” */
  childLabel: string;
  /** whole years on `today` (Bucharest day); null when the birth date is missing or unreadable */
  childAge: number | null;
}

/** Pure: the label a viewer with these relations sees, or undefined when none of them names the child. */
export function nameFor(child: Pick<CaseRecord['child'], 'firstName' | 'lastName'>, rel: readonly Relation[], policy: ChildLabelPolicy = childLabelPolicy): string | undefined {
  const form = ORDER.filter((r) => rel.includes(r)).map((r) => policy.byRelation[r]).find((f) => f !== undefined);
  if (!form) return undefined;
  return form === 'full' ? `${child.firstName} ${child.lastName}`.trim() : `${initials(child.firstName)} ${initials(child.lastName)}`.trim();
}

/** Pure: the age on a Bucharest day, or null. */
export function ageLabel(birthDate: string | undefined, today: string): number | null {
  if (!birthDate || !isIsoDate(birthDate)) return null;
  const age = ageOn(birthDate, today);
  return age >= 0 ? age : null;
}

/**
 * The label of a case for a viewer, or undefined when the policy does not let the viewer read the case.
 * `extraAssignees`: the task's assignee (a task assigned to the viewer makes the viewer 'assigned').
 */
export function childLabelFor(viewer: Principal, c: CaseRecord, today: string, extraAssignees: string[] = [], policy: ChildLabelPolicy = childLabelPolicy): ChildLabel | undefined {
  const facts = caseFacts(c, extraAssignees);
  const role = grantingRole(viewer, policy.readAction, facts);
  if (!role) return undefined;
  // only the relations through which the viewer's role may read the case count (a centre educator of the same
  // institution reads the case through the service, not through the institution)
  const grant = actionPolicy(policy.readAction)?.grants[role];
  const rel = relationsTo(viewer, facts).filter((r) => grant === 'any' || (grant ?? []).includes(r));
  const name = nameFor(c.child, rel, policy);
  if (!name) return undefined;
  return { childLabel: name, childAge: ageLabel(c.child.birthDate, today) };
}
