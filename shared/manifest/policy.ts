/**
 * The one authorization table, gathered from every area's manifest (shared/<area>/manifest.ts), and the engine over
 * it (shared/platform/auth/policy.ts). Deny by default: an action no area lists is granted to nobody. Every route of
 * shared/manifest/routes.ts names its action; the authorization test walks routes × roles × relations.
 */
import { policyEngine, type ActionPolicy, type PolicyTable } from '../platform/auth/policy.js';
import * as cases from '../cases/manifest.js';
import * as services from '../services/manifest.js';
import * as subsidies from '../subsidies/manifest.js';
import * as reports from '../reports/manifest.js';
import * as imports from '../imports/manifest.js';
import * as protection from '../protection/manifest.js';

export { relations, relationsTo, type ActionPolicy, type CaseAccessFacts, type Grant, type Relation } from '../platform/auth/policy.js';

// each area's policy rows by name (not the manifest modules themselves): a bundle that needs the policy then carries
// no function list and no route table (docs/decisions/018-performance.md)
const areaPolicies: readonly Readonly<Record<string, ActionPolicy>>[] = [cases.policy, services.policy, subsidies.policy, reports.policy, imports.policy, protection.policy];

function gather(): PolicyTable {
  const table: Record<string, ActionPolicy> = {};
  for (const rows of areaPolicies) {
    for (const [action, row] of Object.entries(rows)) {
      if (Object.hasOwn(table, action)) throw new Error(`Policy action ${action} is listed by two areas`);
      table[action] = row;
    }
  }
  return table;
}

/** The whole table. */
export const policy: PolicyTable = gather();

export const { actionPolicy, hasRoleFor, grantingRole, canOnCase } = policyEngine(policy);
