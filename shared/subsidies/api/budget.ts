/** GET /subsidies/budget: paid, committed and left, with each run's net amount. */
import type { Principal } from '../../platform/auth/principal.js';
import { budgetView } from '../budget.js';
import type { SubsidyDeps } from '../deps.js';
import { reasonLabels } from '../labels.js';
import { requireLead } from './common.js';

export async function budget(d: SubsidyDeps, p: Principal) {
  requireLead(p);
  const runs = await d.store.listRuns();
  const pending = runs.find((r) => r.status === 'awaiting_approval');
  return {
    budget: budgetView(runs, pending ? { pendingRunId: pending.runId } : {}),
    runs: runs.map((r) => ({ runId: r.runId, month: r.month, status: r.status, netLei: r.summary?.netLei ?? null, paidLei: r.payment ? r.payment.paidAmountLei + r.payment.recoveredAmountLei : null })),
    reasonLabels,
  };
}
