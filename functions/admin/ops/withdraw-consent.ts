/** api-admin POST /cases/{caseId}/consent/withdrawals: Retrage acordul pentru unul sau mai multe scopuri. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { consentView, withdrawConsentSchema } from '../../../shared/protection/consent.js';
import { changeConsent } from '../../../shared/protection/consent-service.js';
import { caseParams, req } from './common.js';

const withdrawConsentOp = operation({
  path: caseParams,
  body: withdrawConsentSchema,
  async handle(ctx) {
    const d = deps();
    const after = await changeConsent(d, ctx.principal!, ctx.path.caseId, { kind: 'withdraw', form: ctx.body }, req(ctx));
    return { status: 201, body: consentView(after, d.now()) };
  },
});

export default withdrawConsentOp;
