/**
 * Who is calling. Built from the JWT claims that API Gateway's JWT authorizer (AWS) or the local runtime's
 * authorizer (locally) puts in `requestContext.authorizer.jwt.claims` — the same claims on both sides.
 */
import { z } from 'zod';

export const roles = [
  'case_manager',
  'centre_staff',
  'intervention_staff',
  'coordinator',
  'finance',
  'project_manager',
  'roma_officer',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const institutionIds = ['DAS', 'DGASPC', 'GAL'] as const;
export type InstitutionId = (typeof institutionIds)[number];

export const roleLabels: Record<Role, string> = {
  case_manager: 'Manager de caz',
  centre_staff: 'Personal centru de zi',
  intervention_staff: 'Personal intervenție',
  coordinator: 'Coordonator',
  finance: 'Financiar',
  project_manager: 'Manager de proiect',
  roma_officer: 'Responsabil plan local romi',
  admin: 'Administrator',
};

export interface Principal {
  userId: string;
  username: string;
  email?: string | undefined;
  displayName: string;
  roles: Role[];
  institution: InstitutionId;
  /** service ids the user works in (centre / intervention staff) */
  services: string[];
}

// built at every API cold start: the one optional text schema serves four claims (a schema is immutable)
const text = z.string();
const optionalText = text.optional();
const claimsSchema = z.object({
  sub: text.min(1),
  'cognito:username': optionalText,
  email: optionalText,
  name: optionalText,
  'cognito:groups': z.union([z.array(text), text]).optional(),
  'custom:institution': z.enum(institutionIds),
  'custom:services': optionalText,
});

/** API Gateway delivers list claims either as arrays or as "[a b]" strings; accept both. */
function parseGroups(v: string[] | string | undefined): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v;
  return v.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function principalFromClaims(claims: Record<string, unknown> | undefined): Principal | undefined {
  if (!claims) return undefined;
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const c = parsed.data;
  const rs = parseGroups(c['cognito:groups']).filter((g): g is Role => (roles as readonly string[]).includes(g));
  if (rs.length === 0) return undefined;
  return {
    userId: c.sub,
    username: c['cognito:username'] ?? c.sub,
    email: c.email,
    displayName: c.name ?? c['cognito:username'] ?? c.sub,
    roles: rs,
    institution: c['custom:institution'],
    services: (c['custom:services'] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
