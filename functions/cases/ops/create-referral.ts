/** api-cases POST /referrals: Înregistrează o sesizare și deschide cazul. */
import { operation } from '../../../shared/manifest/api.js';
import { referralFormSchema } from '../../../shared/cases/model.js';
import { deps } from '../../../shared/cases/deps.js';
import { createReferral } from '../../../shared/cases/referral.js';
import { caseView } from '../../../shared/cases/views.js';
import { req } from './common.js';

const createReferralOp = operation({
  body: referralFormSchema,
  async handle(ctx) {
    const r = await createReferral(deps(), ctx.principal!, ctx.body, req(ctx));
    return { status: r.created ? 201 : 200, body: { case: caseView(r.case, 'case_manager'), created: r.created } };
  },
});

export default createReferralOp;
