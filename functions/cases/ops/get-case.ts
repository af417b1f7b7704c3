/** api-cases GET /cases/{caseId}: Dosarul cazului. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { caseView } from '../../../shared/cases/views.js';
import { caseParams, req, load } from './common.js';

const getCase = operation({
  path: caseParams,
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    const role = await authorizeCase(deps().audit, ctx.principal!, 'case.read', c, req(ctx));
    return { body: { case: caseView(c, role) } };
  },
});

export default getCase;
