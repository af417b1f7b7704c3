/** GET /subsidy-runs/{runId}/lines: a run's lines, filtered, by pages (reading them is audited). */
import type { Principal } from '../../platform/auth/principal.js';
import { invalid } from '../../platform/errors.js';
import type { RequestInfo } from '../../cases/index.js';
import type { SubsidyDeps } from '../deps.js';
import type { lineFilters } from '../model.js';
import { decodeCursor, encodeCursor } from '../store.js';
import { auditRun, loadRun, requireLead } from './common.js';
import { lineView } from './views.js';

const filters: Record<(typeof lineFilters)[number], { expression: string; names?: Record<string, string>; values?: Record<string, unknown> } | undefined> = {
  all: undefined,
  eligible: { expression: 'eligible = :yes', values: { ':yes': true } },
  ineligible: { expression: 'eligible = :no', values: { ':no': false } },
  adjustments: { expression: '#k <> :monthly', names: { '#k': 'kind' }, values: { ':monthly': 'monthly' } },
  overridden: { expression: 'attribute_exists(#o)', names: { '#o': 'override' } },
};

export async function listLines(
  d: SubsidyDeps, p: Principal, runId: string,
  q: { filter: (typeof lineFilters)[number]; reason?: string | undefined; cursor?: string | undefined; limit: number },
  req: RequestInfo,
) {
  requireLead(p);
  const run = await loadRun(d, runId);
  const base = filters[q.filter];
  let filter = base;
  if (q.reason) {
    const reasonPart = 'contains(reasonCodes, :code)';
    filter = base
      ? { expression: `(${base.expression}) AND ${reasonPart}`, ...(base.names ? { names: base.names } : {}), values: { ...(base.values ?? {}), ':code': q.reason } }
      : { expression: reasonPart, values: { ':code': q.reason } };
  }
  const decoded = decodeCursor(q.cursor);
  // only a key of this run's lines is a valid place to continue from (anything else would fail in DynamoDB: a 500)
  const start = decoded && Object.keys(decoded).length === 2 && decoded.pk === `SUBRUN#${runId}` && typeof decoded.sk === 'string' && decoded.sk.startsWith('LINE#') ? decoded : undefined;
  if (q.cursor && !start) throw invalid('INVALID_CURSOR', 'Cursorul paginii nu este valid.', [{ path: 'query.cursor', code: 'INVALID_CURSOR', message: 'Cursor invalid' }]);
  const page = await d.store.lines(runId, { cursor: start, limit: q.limit, ...(filter ? { filter } : {}) });
  // a paid line keeps `pending` in its item: its payment is the ledger's (only an approved run has paid anything)
  const lines = run.approval?.decision === 'approved' ? await d.store.resolvePayments(runId, page.items) : page.items;
  const items = lines.map(lineView);
  // the lines show the legal representative's name: reading them is reading personal data of these cases
  await auditRun(d, p, 'subsidy.run.lines.read', 'run', runId, req, { filter: q.filter, reason: q.reason ?? null, caseIds: items.map((l) => l.caseId) });
  return { items, cursor: encodeCursor(page.cursor) };
}
