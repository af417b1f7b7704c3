/** api-subsidies GET /subsidy-runs/{runId}/payment-file: Fișierul de plată al unei rulări aprobate (CSV, XLSX) sau pagina de rezumat pentru semnare (HTML). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { paymentFile } from '../../../shared/subsidies/api/payment-download.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';
import { req, runPath } from './common.js';

const getPaymentFileOp = operation({
  path: runPath,
  query: z.object({ format: z.enum(['csv', 'xlsx', 'html'], { error: 'Formatul poate fi csv, xlsx sau html' }).default('csv') }),
  async handle(c) {
    const f = await paymentFile(subsidyDeps(), c.principal!, c.path.runId, c.query.format, req(c));
    return { file: { contentType: f.contentType, content: f.content, ...(f.filename ? { filename: f.filename } : {}) } };
  },
});

export default getPaymentFileOp;
