/** api-admin GET /cases/{caseId}/audit: Jurnalul de audit al cazului (cine, când, ce, de unde). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { deps } from '../../../shared/cases/deps.js';
import { caseAudit } from '../../../shared/protection/audit-view.js';
import { loadCase } from '../../../shared/protection/consent-service.js';
import { caseParams, cursor, limit, req } from './common.js';

const getCaseAudit = operation({
  path: caseParams,
  query: z.object({ limit, cursor: cursor.optional() }),
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(d, ctx.path.caseId);
    await authorizeCase(d.audit, ctx.principal!, 'case.audit.read', c, req(ctx));
    return { body: await caseAudit(d.db, c.caseId, ctx.query.limit, ctx.query.cursor) };
  },
});

export default getCaseAudit;
