/** api-admin GET /cases/{caseId}/consent: Acordul părintelui pe caz: scopuri, retrageri și ce oprește fiecare retragere. */
import { operation } from '../../../shared/manifest/api.js';
import { authorizeCase } from '../../../shared/cases/access.js';
import { deps } from '../../../shared/cases/deps.js';
import { consentView } from '../../../shared/protection/consent.js';
import { loadCase } from '../../../shared/protection/consent-service.js';
import { caseParams, req } from './common.js';

const getConsent = operation({
  path: caseParams,
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(d, ctx.path.caseId);
    await authorizeCase(d.audit, ctx.principal!, 'case.consent.read', c, req(ctx));
    return { body: consentView(c, d.now()) };
  },
});

export default getConsent;
