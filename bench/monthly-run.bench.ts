/**
 * The monthly subsidy run at scale on the local runtime: 10,000 synthetic children (VATRA_BENCH_SUBSIDY_CHILDREN to
 * change it) seeded directly, then the run through the API and the workflow — evaluation, approval, ledger.
 *
 * Figures: children per second (evaluation; evaluation + ledger), DynamoDB requests per child (counted by the
 * middleware on the subsidy functions' own client, per workflow step, stored on the run), and the ratio of the run's
 * throughput to the raw BatchWriteItem throughput of the same local table measured in the same process just before
 * (the run writes one decision line per child, so the raw write rate is its ceiling on DynamoDB Local).
 * Seeding writes what a real month holds: the case, its enrolment in a service (group index included, so the freeze
 * step finds it) and its register summary for the month (counters of marked days / sessions), for every child; the
 * run then freezes the month (summaries refreshed from the enrolments), evaluates, and pays.
 */
import type { BenchContext } from './run.js';
import { batchWrite, localDb, population, seedChildren, waitRun } from '../test/support/subsidy.js';

const MONTH_CANDIDATES = ['2025-05', '2025-04', '2025-03', '2025-06', '2025-07', '2025-08'];

async function rawBatchWrite(ctx: BenchContext, items: number) {
  const db = localDb(ctx.urls);
  const tag = Date.now().toString(36);
  // same shape and size as a decision line: partition of one run, ~1 KB
  const rows = Array.from({ length: items }, (_, i) => ({ pk: `BENCH#RAW#${tag}`, sk: `LINE#${String(i).padStart(8, '0')}`, entity: 'bench-raw', payload: 'x'.repeat(900) }));
  const started = performance.now();
  await batchWrite(db.doc, db.mainTable, rows, 4);
  const s = (performance.now() - started) / 1000;
  return { itemsPerSecond: items / s, requestsPerSecond: Math.ceil(items / 25) / s };
}

export default async function (ctx: BenchContext) {
  const { api } = ctx;
  const n = Number(process.env.VATRA_BENCH_SUBSIDY_CHILDREN ?? 10_000);
  await api.token('coord.das');
  let month: string | undefined;
  for (const m of MONTH_CANDIDATES) {
    if (((await api.get(`/subsidy-runs?month=${m}`, 'coord.das')).body.items as unknown[]).length === 0) { month = m; break; }
  }
  if (!month) throw new Error('no free month for the benchmark');

  const raw = await rawBatchWrite(ctx, 2_000);

  const seedStart = performance.now();
  const specs = population(n, 20251231);
  await seedChildren(ctx.urls, specs, [month], { enrolments: true, concurrency: 4 });
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const t0 = performance.now();
  const start = await api.post('/subsidy-runs', 'coord.das', { month });
  if (start.status !== 202) throw new Error(`start: ${start.status} ${JSON.stringify(start.body)}`);
  const runId = start.body.run.runId as string;
  const evaluated = await waitRun(api, runId, ['awaiting_approval'], 'coord.das', 3_600_000);
  const evalSeconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  const ok = await api.post(`/subsidy-runs/${runId}/approve`, 'coord.das', { expectedVersion: evaluated.version });
  if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${JSON.stringify(ok.body)}`);
  await waitRun(api, runId, ['completed'], 'coord.das', 3_600_000);
  const markSeconds = (performance.now() - t1) / 1000;
  // the last step adds its request count right after it marks the run completed
  await new Promise((r) => setTimeout(r, 2_000));
  const done = (await api.get(`/subsidy-runs/${runId}`, 'coord.das')).body.run;

  const children = evaluated.progress.total as number;
  const metrics = done.metrics as Record<string, number>;
  const total = Object.values(metrics).reduce((a, b) => a + b, 0);
  const evalRate = children / evalSeconds;
  const figures: Record<string, string | number> = {
    'children': children,
    'eligible': evaluated.summary.totals.eligible,
    'ledger entries written': done.payment.paidCount,
    'seeding, not part of the run (s)': seedSeconds,
    'evaluation: start → awaiting approval (s)': evalSeconds,
    'evaluation throughput (children/s)': evalRate,
    'ledger: approve → completed (s)': markSeconds,
    'ledger throughput (payments/s)': done.payment.paidCount / markSeconds,
    'run throughput excl. approval (children/s)': children / (evalSeconds + markSeconds),
    'DynamoDB requests, all steps': total,
    'DynamoDB requests per child (all steps)': total / children,
    'DynamoDB requests per child (evaluation)': (metrics.evaluate ?? 0) / children,
    'DynamoDB requests per payment (ledger)': (metrics.markPaid ?? 0) / Math.max(1, done.payment.paidCount),
    'raw BatchWriteItem, same table (items/s)': raw.itemsPerSecond,
    'raw BatchWriteItem, same table (requests/s)': raw.requestsPerSecond,
    'evaluation ÷ raw BatchWriteItem (items/s ratio)': evalRate / raw.itemsPerSecond,
  };
  for (const [step, count] of Object.entries(metrics)) figures[`requests in step ${step} (per child)`] = `${count} (${(count / children).toFixed(4)})`;
  return figures;
}
