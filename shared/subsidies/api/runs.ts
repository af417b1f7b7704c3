/** GET /subsidy-runs and GET /subsidy-runs/{runId}: the runs, and one run with the budget. */
import type { Principal } from '../../platform/auth/principal.js';
import { budgetView } from '../budget.js';
import type { SubsidyDeps } from '../deps.js';
import { loadRun, requireLead } from './common.js';
import { runView } from './views.js';

export async function listRuns(d: SubsidyDeps, p: Principal, month?: string) {
  requireLead(p);
  const runs = await d.store.listRuns(month ? { month } : {});
  const all = month ? await d.store.listRuns() : runs;
  return { items: runs.map((r) => runView(r)), budget: budgetView(all) };
}

export async function getRunView(d: SubsidyDeps, p: Principal, runId: string) {
  requireLead(p);
  const run = await loadRun(d, runId);
  const runs = await d.store.listRuns();
  return runView(run, runs);
}
