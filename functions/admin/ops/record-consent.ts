/** api-admin PUT /cases/{caseId}/consent: Înregistrează acordul părintelui / reprezentantului legal (scopuri, data, cine l-a dat). */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { consentView, recordConsentSchema } from '../../../shared/protection/consent.js';
import { changeConsent } from '../../../shared/protection/consent-service.js';
import { caseParams, req } from './common.js';

const recordConsentOp = operation({
  path: caseParams,
  body: recordConsentSchema,
  async handle(ctx) {
    const d = deps();
    const after = await changeConsent(d, ctx.principal!, ctx.path.caseId, { kind: 'record', form: ctx.body }, req(ctx));
    return { body: consentView(after, d.now()) };
  },
});

export default recordConsentOp;
