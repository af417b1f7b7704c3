/** api-subsidies GET /subsidies/budget: Bugetul subvenției: plătit, angajat, rămas, avertizări la 80/90/100%. */
import { operation } from '../../../shared/manifest/api.js';
import { budget } from '../../../shared/subsidies/api/budget.js';
import { subsidyDeps } from '../../../shared/subsidies/deps.js';

const getSubsidyBudgetOp = operation({
  async handle(c) {
    return { body: await budget(subsidyDeps(), c.principal!) };
  },
});

export default getSubsidyBudgetOp;
