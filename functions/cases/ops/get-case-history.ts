/** api-cases GET /cases/{caseId}/history: Istoricul cazului. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { withoutWorkflowInternals } from '../../../shared/cases/field-policy.js';
import { caseParams, req, load } from './common.js';

const getCaseHistory = operation({
  path: caseParams,
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    await authorizeCase(deps().audit, ctx.principal!, 'case.history.read', c, req(ctx));
    return { body: { items: withoutWorkflowInternals(await deps().cases.history(c.caseId)) } };
  },
});

export default getCaseHistory;
