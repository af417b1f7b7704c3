/** api-services GET /months/{month}/corrections: Corecturile unei luni închise, nedecontate încă. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { getService } from '../../../shared/services/catalogue.js';
import { pendingCorrections } from '../../../shared/services/register-store.js';
import { monthParams } from './common.js';

const listCorrections = operation({
  path: monthParams,
  async handle(ctx) {
    const p = ctx.principal!;
    const all = await pendingCorrections(deps().db, ctx.path.month);
    const mine = p.roles.includes('project_manager') ? all : all.filter((c) => (getService(c.serviceId)?.providers as readonly string[] | undefined)?.includes(p.institution));
    return { body: { month: ctx.path.month, items: mine } };
  },
});

export default listCorrections;
