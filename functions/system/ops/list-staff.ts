/** api-system GET /staff: Personalul unei instituții, după rol (pentru alocare). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { roles } from '../../../shared/platform/auth/principal.js';
import { UserStore } from '../../../shared/cases/staff-store.js';
import { deps } from '../../../shared/cases/deps.js';
import { forbidden } from '../../../shared/platform/http/errors.js';

const listStaff = operation({
  query: z.object({ role: z.enum(roles), institution: z.enum(['DAS', 'DGASPC', 'GAL']).optional() }),
  async handle({ principal, query }) {
    const p = principal!;
    const institution = query.institution ?? p.institution;
    // coordinators assign across institutions on transfers; everyone else sees their own institution
    if (institution !== p.institution && !p.roles.includes('coordinator')) throw forbidden();
    const staff = await new UserStore(deps().db).byRole(query.role, institution);
    return { body: { items: staff.map((s) => ({ userId: s.userId, displayName: s.displayName, institution: s.institution, roles: s.roles })) } };
  },
});

export default listStaff;
