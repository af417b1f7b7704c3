/** api-cases GET /cases: Cazurile mele sau ale instituției. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { stages } from '../../../shared/cases/config.js';
import { deps } from '../../../shared/cases/deps.js';
import { caseSummary } from '../../../shared/cases/views.js';
import { childLabelFor } from '../../../shared/cases/display.js';
import { localDate } from '../../../shared/platform/calendar.js';

const listCases = operation({
  query: z.object({ scope: z.enum(['mine', 'institution']).default('mine'), status: z.enum(['open', 'closed']).optional(), stage: z.enum(stages).optional() }),
  async handle(ctx) {
    const p = ctx.principal!;
    const d = deps();
    const scope = p.roles.includes('coordinator') ? ctx.query.scope : ctx.query.scope === 'institution' && p.roles.includes('case_manager') ? 'institution' : 'mine';
    const list = scope === 'institution'
      ? await d.cases.listByInstitution(p.institution, { ...(ctx.query.status ? { status: ctx.query.status } : {}), ...(ctx.query.stage ? { stage: ctx.query.stage } : {}) })
      : (await d.cases.listByCaseManager(p.userId, ctx.query.status)).filter((c) => !ctx.query.stage || c.stage === ctx.query.stage);
    await d.audit.append({ actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'case.list', subjectType: 'case', subjectId: `list:${scope}`, subjectInstitution: p.institution, outcome: 'allowed', sourceIp: ctx.sourceIp, requestId: ctx.requestId, detail: { count: list.length } });
    const today = localDate(d.now());
    return { body: { items: list.map((c) => caseSummary(c, childLabelFor(p, c, today))), scope } };
  },
});

export default listCases;
