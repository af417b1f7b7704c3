/** POST /subsidy-runs/{runId}/lines/{caseId}/override: include or exclude a child before the approval. */
import type { Principal } from '../../platform/auth/principal.js';
import { conflict, notFound, invalid } from '../../platform/errors.js';
import type { RequestInfo, TransactItem } from '../../cases/index.js';
import { lineTotals, netLei, subtractTotals, totalsDeltaPaths } from '../aggregate.js';
import type { SubsidyDeps } from '../deps.js';
import { applyOverride } from '../evaluate.js';
import type { OverrideForm } from '../input.js';
import { runStatusLabels, type RunLine } from '../model.js';
import { runKey } from '../store.js';
import { auditRun, loadRun, requireLead } from './common.js';
import { lineView, runView } from './views.js';

/** The run update that keeps its summary exact after a line changed (ADD of the differences), while still open. */
function summaryDeltaItem(table: string, runId: string, before: RunLine, after: RunLine, at: string): TransactItem {
  const delta = subtractTotals(lineTotals(after), lineTotals(before));
  const names: Record<string, string> = { '#st': 'status', '#ver': 'version', '#sum': 'summary', '#tot': 'totals', '#net': 'netLei', '#upd': 'updatedAt' };
  const values: Record<string, unknown> = { ':await': 'awaiting_approval', ':one': 1, ':at': at };
  const adds = ['#ver :one'];
  let i = 0;
  for (const { path, value } of totalsDeltaPaths(delta)) {
    const parts = path.map((seg) => {
      const n = `#p${i++}`;
      names[n] = seg;
      return n;
    });
    const v = `:d${i++}`;
    values[v] = value;
    adds.push(`#sum.#tot.${parts.join('.')} ${v}`);
  }
  const dn = netLei(delta);
  if (dn !== 0) {
    values[':dn'] = dn;
    adds.push('#sum.#net :dn');
  }
  return {
    Update: {
      TableName: table, Key: runKey(runId),
      UpdateExpression: `SET #upd = :at ADD ${adds.join(', ')}`,
      ConditionExpression: '#st = :await',
      ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    },
  };
}

/** Include or exclude a child (with a written reason), or clear that decision; only while the run awaits approval. */
export async function overrideLine(d: SubsidyDeps, p: Principal, runId: string, caseId: string, form: OverrideForm, req: RequestInfo) {
  requireLead(p);
  const run = await loadRun(d, runId);
  if (run.status !== 'awaiting_approval') throw conflict('RUN_LOCKED', `Rularea este ${runStatusLabels[run.status].toLowerCase()}: includerile și excluderile nu mai pot fi modificate.`);
  const line = await d.store.getLine(runId, caseId, 'monthly');
  if (!line) throw notFound('Copilul nu apare în această rulare.');
  if (line.version !== form.expectedVersion) throw conflict('LINE_CHANGED', 'Linia a fost modificată între timp. Reîncărcați lista și încercați din nou.', { version: line.version });
  const at = d.now().toISOString();
  const outcome = applyOverride(line, form, { userId: p.userId, name: p.displayName, at });
  if (!outcome.ok) throw invalid(outcome.code, outcome.message, [{ path: 'decision', code: outcome.code, message: outcome.message }]);
  const after = outcome.line;
  const r = await d.store.overrideLine(line, after, summaryDeltaItem(d.store.table, runId, line, after, at), {
    runId, caseId, decision: form.decision, reason: form.reason, by: p.userId, byName: p.displayName, at,
    before: { eligible: line.eligible, amountLei: line.amountLei }, after: { eligible: after.eligible, amountLei: after.amountLei },
  });
  if (r === 'run_locked') throw conflict('RUN_LOCKED', 'Rularea nu mai așteaptă aprobarea: includerile și excluderile nu mai pot fi modificate.');
  if (r === 'line_changed') throw conflict('LINE_CHANGED', 'Linia a fost modificată între timp. Reîncărcați lista și încercați din nou.');
  await auditRun(d, p, `subsidy.line.${form.decision}`, 'case', caseId, req, { runId, month: run.month, eligibleBefore: line.eligible, eligibleAfter: after.eligible }, line.institution);
  const fresh = await loadRun(d, runId);
  return { line: lineView(after), run: runView(fresh) };
}
