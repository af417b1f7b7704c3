/** api-admin GET /retention: Termenul de păstrare, temeiul legal și cazurile închise de anonimizat. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { retentionPolicy } from '../../../shared/protection/config.js';
import { closedCases } from '../../../shared/protection/retention-job.js';
import { retentionStatus } from '../../../shared/protection/retention.js';

const getRetention = operation({
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    const seesAll = p.roles.includes('admin') || p.roles.includes('project_manager');
    const cases = (await closedCases(d)).filter((c) => seesAll || c.institution === p.institution);
    return { body: retentionStatus(cases, d.now(), retentionPolicy()) };
  },
});

export default getRetention;
