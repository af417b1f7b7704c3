/** api-cases GET /cases/{caseId}/observator-export: Datele pentru înregistrarea în Observatorul Național al Copilului. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { observatorExport } from '../../../shared/cases/observator.js';
import { CSV_CONTENT_TYPE } from '../../../shared/platform/files/csv.js';
import { caseParams, req, load } from './common.js';

const getObservatorExport = operation({
  path: caseParams,
  query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    await authorizeCase(deps().audit, ctx.principal!, 'case.observator.export', c, req(ctx), { auditAction: 'export.personal.observator' });
    const exp = observatorExport(c);
    if (ctx.query.format === 'csv') return { file: { contentType: CSV_CONTENT_TYPE, content: exp.csv, filename: `observator-${c.caseNumber}.csv` } };
    return { body: exp.fields };
  },
});

export default getObservatorExport;
