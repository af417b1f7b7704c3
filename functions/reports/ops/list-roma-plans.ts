/** api-reports GET /roma-plan: Anii pentru care există un plan local pentru romi. */
import { operation } from '../../../shared/manifest/api.js';
import { loadPlan } from '../../../shared/reports/service.js';
import { ctx } from './common.js';

const listRomaPlans = operation({
  async handle() {
    const x = ctx();
    const years = x.plans.listPlanYears();
    const plans = await Promise.all(years.map(async (year) => {
      const plan = await loadPlan(x, year);
      return { year, title: plan.title, actions: plan.actions.length, objectives: plan.objectives.length, confidence: plan.source.confidence };
    }));
    return { body: { years, items: plans } };
  },
});

export default listRomaPlans;
