/** api-system PUT /me/preferences: Preferințele de notificare (imediat / rezumat zilnic). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { UserStore } from '../../../shared/cases/staff-store.js';
import { deps } from '../../../shared/cases/deps.js';

const putPreferences = operation({
  body: z.object({ mailPreference: z.enum(['immediate', 'digest']) }),
  async handle({ principal, body }) {
    const users = new UserStore(deps().db);
    await users.upsertFromPrincipal(principal!);
    await users.setMailPreference(principal!.userId, body.mailPreference);
    return { body: { mailPreference: body.mailPreference } };
  },
});

export default putPreferences;
