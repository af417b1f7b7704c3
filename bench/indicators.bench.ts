/**
 * `GET /reports/indicators` from the maintained aggregates (shared/reports/aggregate-store.ts) at 266 and at 10,000
 * children. The caseloads are synthetic report facts (clearly fake ids `BENCHAGG…`) built into the aggregate items
 * with the same code a first read uses (`ReportAggregateStore.rebuild`); the runtime then serves the GET from them.
 * Measured per caseload: GET p50/p95 with nothing in the journal, GET right after one journalled change (a ledger
 * line: the read applies it first), and, for the old path, what computing from the caseload costs — the requests it
 * makes (1 + 2 per case, plus the case lists) and the computation in this process. Figures only, never asserted.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { addCalendarDays, addMonthsToMonth } from '../shared/platform/calendar.js';
import { CaseStore } from '../shared/cases/store.js';
import { ReportAggregateStore } from '../shared/reports/aggregate-store.js';
import { computeIndicators } from '../shared/reports/indicators.js';
import type { EnrolmentFact, PaidMonthFact, ReportCase, ReportData } from '../shared/reports/model.js';
import { ReportReader } from '../shared/reports/store.js';
import { localDb } from '../test/support/services.js';
import { isoDay } from '../test/support/fixtures.js';
import type { BenchContext } from './run.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const services = ['cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a', 'int-b'] as const;
const institutions = ['DAS', 'DGASPC', 'GAL'] as const;
const reasons = ['objectives_met', 'moved_away', 'separated', 'reintegrated_monitored', 'not_eligible'] as const;

/** A deterministic synthetic caseload: n children, one in twenty with a second case, enrolments and paid months. */
function caseload(n: number, tag: string): ReportData {
  let seed = n;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const cases: ReportCase[] = [];
  const enrolments: EnrolmentFact[] = [];
  const paid: PaidMonthFact[] = [];
  const cases_ = Math.round(n * 1.05);
  for (let i = 0; i < cases_; i++) {
    const child = i < n ? i : Math.floor(rnd() * n);
    const caseId = `BENCHAGG${tag}${String(i).padStart(6, '0')}`;
    const entered = Math.floor(rnd() * 600);
    const enteredOn = addCalendarDays('2025-03-01', entered);
    const closed = rnd() < 0.2 ? addCalendarDays(enteredOn, 30 + Math.floor(rnd() * 300)) : null;
    const track = rnd() < 0.7 ? 'prevention' : 'reintegration';
    cases.push({
      caseId, caseNumber: `VT-BENCH-${i}`, institution: pick(institutions), track, stage: 'services', status: closed ? 'closed' : 'open',
      identityKeys: [`bench#${tag}#${child}`], childName: '', legalRepresentativeKey: '', ethnicity: rnd() < 0.3 ? 'roma' : 'not_declared',
      disability: false, riskFactors: [], openedOn: enteredOn, enteredOn, closedOn: closed, closureReason: closed ? pick(reasons) : null,
      reintegrationDate: track === 'reintegration' && rnd() < 0.5 ? addCalendarDays(enteredOn, 60) : null, cohort: rnd() < 0.5 ? '18m' : '12m',
      observatorRegisteredOn: rnd() < 0.6 ? addCalendarDays(enteredOn, 10) : null, evaluationOn: enteredOn, reviewDays: [],
    });
    enrolments.push({ caseId, serviceId: pick(services), status: 'active', from: enteredOn, source: 'enrolment' });
    const firstMonth = enteredOn.slice(0, 7);
    for (let m = 1; m <= Math.floor(rnd() * 8); m++) {
      const month = addMonthsToMonth(firstMonth, m);
      paid.push({ caseId, month, amountLei: 400, paidOn: `${addMonthsToMonth(month, 1)}-05` });
    }
  }
  return { cases, enrolments, paid, identityDocuments: [] };
}

export default async function ({ api, urls }: BenchContext) {
  const db = localDb(urls);
  const store = new ReportAggregateStore(db, new ReportReader(db, new CaseStore(db)));
  const figures: Record<string, string | number> = {};
  await api.token('manager.proiect');
  for (const [n, tag] of [[266, 'S'], [10_000, 'L']] as const) {
    const data = caseload(n, tag);
    const t0 = performance.now();
    const built = await store.rebuild(data);
    figures[`${n} children: aggregate build (${built.cases} cases, ${built.months} month items)`] = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    // warm the function, then measure
    await api.get('/reports/indicators', 'manager.proiect');
    const quiet: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      const r = await api.get(i % 2 ? '/reports/indicators' : `/reports/indicators?asOf=${isoDay(-90)}`, 'manager.proiect');
      quiet.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`indicators: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const afterChange: number[] = [];
    for (let i = 0; i < 10; i++) {
      // a ledger line of a synthetic case: journalled by the document client; the next read applies it (the case has no
      // case item, so its facts leave the aggregate — the cost is that of any one-case change)
      const caseId = data.cases[i * 7]!.caseId;
      await db.doc.send(new PutCommand({ TableName: db.mainTable, Item: { pk: `PAID#${caseId}`, sk: '2026-01', entity: 'paid', caseId, month: '2026-01', amount: 400, paidAt: new Date().toISOString() } }));
      const s = performance.now();
      await api.get('/reports/indicators', 'manager.proiect');
      afterChange.push(performance.now() - s);
    }
    const c0 = performance.now();
    computeIndicators(data, isoDay(0));
    const computeMs = performance.now() - c0;
    figures[`${n} children: GET /reports/indicators p50 / p95 (ms, target p95 ≤ 100)`] = `${pct(quiet, 50).toFixed(0)} / ${pct(quiet, 95).toFixed(0)}`;
    figures[`${n} children: GET after one journalled change p50 / p95 (ms)`] = `${pct(afterChange, 50).toFixed(0)} / ${pct(afterChange, 95).toFixed(0)}`;
    figures[`${n} children: DynamoDB requests per GET (aggregates / full computation)`] = `1 GetItem + ${8} journal Queries + 1 months Query (in parallel) / ${1 + 3 + 2 * built.cases} (case lists, then 2 per case)`;
    figures[`${n} children: full computation in process, facts already read (ms)`] = Math.round(computeMs);
  }
  return figures;
}
