/** api-cases GET /cases/{caseId}/tasks: Sarcinile cazului. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { taskView, viewKindOf } from '../../../shared/cases/field-policy.js';
import { caseParams, req, load } from './common.js';

const getCaseTasks = operation({
  path: caseParams,
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    const role = await authorizeCase(deps().audit, ctx.principal!, 'case.read', c, req(ctx), { auditAction: 'case.tasks.read' });
    const tasks = await deps().tasks.forCase(c.caseId);
    return { body: { items: tasks.map((t) => taskView(t, viewKindOf(role))), view: viewKindOf(role) } };
  },
});

export default getCaseTasks;
