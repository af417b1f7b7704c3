/**
 * Registers on the local runtime: how long a bulk register save takes through the API, and what keeping the monthly
 * summaries up to date in the same transaction costs.
 *
 * - attendance sheet: a day-centre group filled to its capacity (20 — the largest day-centre group in the catalogue),
 *   one PUT per day for 30 past open days, every row changed (mark + summary delta per child);
 * - group session: 30 children of Intervention A in one POST (session record + summary delta per child), 30 times;
 * - summary cost: the same DynamoDB transaction of 30 mark items with and without the 30 summary updates, written
 *   directly to the local table (bench-only keys).
 * Figures are for reading and comparing, never asserted.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { addCalendarDays, closedReason, systemClock, today } from '../shared/platform/calendar.js';
import { getService } from '../shared/services/catalogue.js';
import { attendanceDelta } from '../shared/services/model.js';
import { RegisterStore } from '../shared/services/register-store.js';
import type { TransactItem } from '../shared/cases/store.js';
import type { BenchContext } from './run.js';
import { enrolFrom, localDb, manyCases, type ServiceCase } from '../test/support/services.js';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (xs: number[]) => ({ p50: Math.round(pct(xs, 50)), p95: Math.round(pct(xs, 95)) });

/** The `n` most recent open days before today in Timișoara (holidays excluded), from the one calendar. */
function pastOpenDays(daysOpen: readonly number[], n: number): string[] {
  const out: string[] = [];
  let day = addCalendarDays(today(systemClock), -1);
  while (out.length < n) {
    if (closedReason(day, { daysOpen }) === null) out.push(day);
    day = addCalendarDays(day, -1);
  }
  return out.reverse();
}

export default async function ({ api, urls }: BenchContext) {
  const sfn = getService('cz-sf-nicolae')!;
  const intA = getService('int-a')!;
  const groupSize = sfn.groups.find((g) => g.id === 'g3')!.capacity;
  const saves = 30;
  const days = pastOpenDays(sfn.schedule.daysOpen, saves);
  const sessionDays = pastOpenDays(intA.schedule.daysOpen, saves);
  const start = [days[0]!, sessionDays[0]!].sort()[0]!;

  const t0 = performance.now();
  // setup is not measured: two referrals at a time, so a loaded machine does not time the local functions out
  const centre = await manyCases(api, groupSize, { serviceId: 'cz-sf-nicolae', groupId: 'g3', consentDate: start }, 2);
  const intervention = await manyCases(api, 30, { serviceId: 'int-a', groupId: 'das', consentDate: start }, 2);
  for (const c of [...centre, ...intervention]) await enrolFrom(api, c, start);
  const setupSeconds = (performance.now() - t0) / 1000;

  // attendance: one save per day, every child's mark changes
  const sheetGet: number[] = [];
  const sheetPut: number[] = [];
  for (const [d, date] of days.entries()) {
    const g0 = performance.now();
    const s = await api.get(`/services/cz-sf-nicolae/groups/g3/attendance/${date}`, 'centru.sfnicolae');
    sheetGet.push(performance.now() - g0);
    const marks = centre.map((c: ServiceCase, i) => ({ caseId: c.caseId, mark: (i + d) % 4 === 0 ? { status: 'absent' } : { status: 'present' } }));
    const p0 = performance.now();
    const r = await api.put(`/services/cz-sf-nicolae/groups/g3/attendance/${date}`, 'centru.sfnicolae', { version: s.body.version, marks });
    sheetPut.push(performance.now() - p0);
    if (r.status !== 200) throw new Error(`sheet save failed: ${r.status} ${JSON.stringify(r.body)}`);
  }

  // group sessions of 30 children
  const sessionPost: number[] = [];
  for (const date of sessionDays) {
    const body = {
      date, kind: 'group', activityType: 'social_counselling', durationMinutes: 60, groupId: 'das',
      participants: intervention.map((c) => ({ caseId: c.caseId, childPresent: true, parentPresent: false })),
    };
    const p0 = performance.now();
    const r = await api.post('/services/int-a/sessions', 'interventie.gal', body);
    sessionPost.push(performance.now() - p0);
    if (r.status !== 201) throw new Error(`session save failed: ${r.status} ${JSON.stringify(r.body)}`);
  }

  // the summary updates' share of a transaction: 30 marks alone vs 30 marks + 30 summary deltas
  const db = localDb(urls);
  const registers = new RegisterStore(db);
  const marksOnly: number[] = [];
  const withSummaries: number[] = [];
  for (let round = 0; round < saves; round++) {
    const date = `2027-01-${String((round % 28) + 1).padStart(2, '0')}`;
    const at = new Date().toISOString();
    const rows = Array.from({ length: 30 }, (_, i) => ({ caseId: `BENCH${round}-${i}`, serviceId: 'cz-sf-nicolae', groupId: 'bench', date }));
    const markItems = (suffix: string): TransactItem[] => rows.map((k) => registers.markItem(undefined, { ...k, caseId: `${k.caseId}${suffix}`, mark: { status: 'present' }, recordedBy: 'bench', recordedByName: 'bench', recordedAt: at }, { ...k, caseId: `${k.caseId}${suffix}` }));
    const a0 = performance.now();
    await db.doc.send(new TransactWriteCommand({ TransactItems: markItems('a') }));
    marksOnly.push(performance.now() - a0);
    const summaries = rows.map((k) => registers.summaryUpdateItem({ caseId: `${k.caseId}b`, month: '2027-01', serviceId: k.serviceId }, attendanceDelta(undefined, { status: 'present' }), at, { value: 20, mode: 'ifMissing' }));
    const b0 = performance.now();
    await db.doc.send(new TransactWriteCommand({ TransactItems: [...markItems('b'), ...summaries] }));
    withSummaries.push(performance.now() - b0);
  }

  const put = ms(sheetPut);
  const get = ms(sheetGet);
  const sess = ms(sessionPost);
  const a = ms(marksOnly);
  const b = ms(withSummaries);
  return {
    'setup: cases through the pathway + enrolment': `${centre.length + intervention.length} children, ${setupSeconds.toFixed(1)} s`,
    [`attendance sheet GET, ${groupSize} children p50 (ms)`]: get.p50,
    [`attendance sheet GET, ${groupSize} children p95 (ms)`]: get.p95,
    [`attendance sheet PUT, ${groupSize} children p50 (ms)`]: put.p50,
    [`attendance sheet PUT, ${groupSize} children p95 (ms)`]: put.p95,
    'group session POST, 30 children p50 (ms)': sess.p50,
    'group session POST, 30 children p95 (ms)': sess.p95,
    'transaction 30 marks p50 (ms)': a.p50,
    'transaction 30 marks + 30 summary deltas p50 (ms)': b.p50,
    'transaction 30 marks + 30 summary deltas p95 (ms)': b.p95,
    'summary updates: extra per save p50 (ms)': b.p50 - a.p50,
    [`sheet PUT ÷ raw transaction, p50 / p95 (target ≤ 3×; ${groupSize} children vs 30)`]: `${(put.p50 / b.p50).toFixed(2)}× / ${(put.p95 / b.p95).toFixed(2)}×`,
    'session POST ÷ raw transaction, p50 / p95 (target ≤ 3×)': `${(sess.p50 / b.p50).toFixed(2)}× / ${(sess.p95 / b.p95).toFixed(2)}×`,
    'DynamoDB requests per sheet PUT (by the code)': '3 reads in parallel (enrolments, sheet, month close), then the transaction beside 1 BatchGetItem (children), then 1 audit transaction — whatever the group size',
    saves,
  };
}
