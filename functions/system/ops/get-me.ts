/** api-system GET /me: Utilizatorul autentificat și drepturile lui. */
import { operation } from '../../../shared/manifest/api.js';
import { hasRoleFor, policy } from '../../../shared/manifest/policy.js';
import { roleLabels } from '../../../shared/platform/auth/principal.js';
import { UserStore } from '../../../shared/cases/staff-store.js';
import { deps } from '../../../shared/cases/deps.js';

const getMe = operation({
  async handle({ principal }) {
    const p = principal!;
    const profile = await new UserStore(deps().db).upsertFromPrincipal(p);
    return {
      body: {
        userId: p.userId,
        username: p.username,
        displayName: p.displayName,
        roles: p.roles.map((r) => ({ id: r, label: roleLabels[r] })),
        institution: p.institution,
        services: p.services,
        mailPreference: profile.mailPreference,
        actions: Object.keys(policy).filter((a) => hasRoleFor(p, a)),
      },
    };
  },
});

export default getMe;
