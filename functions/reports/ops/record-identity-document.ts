/** api-reports POST /cases/{caseId}/identity-documents: Consemnează actele de identitate / stare civilă obținute cu sprijinul cazului. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { notFound } from '../../../shared/platform/http/errors.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { deps } from '../../../shared/cases/deps.js';
import { identityDocumentFormSchema, recordIdentityDocument } from '../../../shared/reports/identity-documents.js';
import { meta } from './common.js';

const recordIdentityDocumentOp = operation({
  path: z.object({ caseId: z.string().min(10).max(40) }),
  body: identityDocumentFormSchema,
  async handle(c) {
    const d = deps();
    const found = await d.cases.get(c.path.caseId);
    if (!found) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
    await authorizeCase(d.audit, c.principal!, 'case.identity_documents.write', found, meta(c));
    const record = await recordIdentityDocument(d, c.principal!, found, c.body);
    return { status: 201, body: { record } };
  },
});

export default recordIdentityDocumentOp;
