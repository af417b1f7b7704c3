/**
 * Who may be put in charge of a child's case or task: a staff member known to Vatra (signed in at least once, so the
 * staff directory holds their profile) who holds the role in the institution responsible for it. Every id that comes
 * from a form (referral, reassignment, transfer acceptance) goes through here: a case must never be handed to someone
 * outside the team, nor to a made-up id.
 */
import type { Role } from '../platform/auth/principal.js';
import { invalid } from '../platform/errors.js';
import type { Db } from '../platform/db/db.js';
import { UserStore, type StaffProfile } from './staff-store.js';

/** What a user id can look like (Cognito and local ids are UUIDs): anything else is nobody, without asking the table. */
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
export const isUserId = (v: string): boolean => USER_ID.test(v);

export async function requireStaff(db: Db, userId: string, role: Role, institution: string, field: string, code = 'ASSIGNEE_NOT_ELIGIBLE'): Promise<StaffProfile> {
  const s = USER_ID.test(userId) ? await new UserStore(db).get(userId) : undefined;
  if (!s?.roles.includes(role) || s.institution !== institution) {
    throw invalid(code, `Persoana aleasă nu poate prelua cazul: trebuie să fie ${role === 'coordinator' ? 'coordonator' : 'manager de caz'} la ${institution}.`, [
      { path: field, message: 'Alegeți o persoană din lista propusă.', code },
    ]);
  }
  return s;
}
