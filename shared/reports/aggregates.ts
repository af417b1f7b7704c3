/**
 * Indicators from maintained aggregates (issue #21, docs/decisions/018-performance.md) — the pure part.
 *
 * Every figure of `computeIndicators` is a sum over children: a child (all the cases that share an identity key)
 * adds the same amount to a figure whatever the other children are. And for one child, each figure is a step
 * function of the report day: it changes only on days named in the child's facts (entry, closure, enrolment start,
 * Observator registration, reintegration, payment day). So a child's *contribution* is a short list of
 * (day, counter, delta), found by running `computeIndicators` itself on the child's facts at each of those days —
 * the same code, so the same figures. The aggregate is the sum of all contributions, kept by day; the indicators
 * for any day are the deltas summed up to that day. The case lists (drill-down) are not aggregated: the drill-down
 * route still reads the caseload.
 */
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';
import { childKeys } from './children.js';
import { reportingConfig, type ReportingConfig } from './config.js';
import { budgetOf, computeFigures, paymentDay, plansRegisteredNote, type IndicatorSet } from './indicators.js';
import type { ReportData } from './model.js';

/** counter → value. Keys: `<indicatorId>` (total) and `<indicatorId>@<institution>`; lei are held in bani. */
export type Counters = Record<string, number>;
/** day 'YYYY-MM-DD' → counter → change on that day */
export type DayDeltas = Record<string, Counters>;

const EMPTY: ReportData = { cases: [], enrolments: [], paid: [], identityDocuments: [] };

/** The counters of an indicator set (lei → bani, so every counter is an integer and sums are exact). */
export function countersOf(set: Pick<IndicatorSet, 'indicators'>): Counters {
  const out: Counters = {};
  for (const i of set.indicators) {
    const scale = i.unit === 'lei' ? 100 : 1;
    out[i.id] = Math.round(i.value * scale);
    for (const inst of institutionIds) out[`${i.id}@${inst}`] = Math.round(i.byInstitution[inst] * scale);
  }
  return out;
}

/** The days on which a child's figures can change. */
function breakpoints(data: ReportData): string[] {
  const days = new Set<string>();
  const add = (d: string | null | undefined) => { if (d) days.add(d); };
  for (const c of data.cases) {
    add(c.enteredOn); add(c.closedOn); add(c.observatorRegisteredOn); add(c.reintegrationDate);
  }
  for (const e of data.enrolments) add(e.from);
  for (const p of data.paid) add(paymentDay(p));
  return [...days].sort();
}

/** What one child (the facts of all its cases) adds to the counters, day by day; zero changes are left out. */
export function childContribution(data: ReportData, config: ReportingConfig = reportingConfig): DayDeltas {
  const out: DayDeltas = {};
  let prev: Counters = {};
  for (const day of breakpoints(data)) {
    const now = countersOf(computeFigures(data, day, config));
    const delta: Counters = {};
    for (const k of new Set([...Object.keys(prev), ...Object.keys(now)])) {
      const d = (now[k] ?? 0) - (prev[k] ?? 0);
      if (d !== 0) delta[k] = d;
    }
    if (Object.keys(delta).length > 0) out[day] = delta;
    prev = now;
  }
  return out;
}

/** The facts split by child: cases that share an identity key (transitively) are one child, keyed by its smallest case id. */
export function splitByChild(data: ReportData): Map<string, ReportData> {
  const keys = childKeys(data.cases);
  const out = new Map<string, ReportData>();
  const of = (caseId: string) => {
    const k = keys.get(caseId);
    if (!k) return undefined;
    let d = out.get(k);
    if (!d) {
      d = { cases: [], enrolments: [], paid: [], identityDocuments: [] };
      out.set(k, d);
    }
    return d;
  };
  for (const c of data.cases) of(c.caseId)!.cases.push(c);
  for (const e of data.enrolments) of(e.caseId)?.enrolments.push(e);
  for (const p of data.paid) of(p.caseId)?.paid.push(p);
  return out;
}

/** Add `b` (times `sign`) into `a`, dropping counters that reach zero. */
export function addDeltas(a: DayDeltas, b: DayDeltas, sign = 1): DayDeltas {
  for (const [day, counters] of Object.entries(b)) {
    a[day] ??= {};
    const into = a[day];
    for (const [k, v] of Object.entries(counters)) {
      const n = (into[k] ?? 0) + sign * v;
      if (n === 0) delete into[k];
      else into[k] = n;
    }
    if (Object.keys(into).length === 0) delete a[day];
  }
  return a;
}

/** The whole aggregate from the facts (the rebuild, and the reference the tests compare with). */
export function aggregateOf(data: ReportData, config: ReportingConfig = reportingConfig): DayDeltas {
  const total: DayDeltas = {};
  for (const child of splitByChild(data).values()) addDeltas(total, childContribution(child, config));
  return total;
}

/** Counters on `asOf`: every change made on or before that day. */
export function countersOn(deltas: DayDeltas, asOf: string): Counters {
  const out: Counters = {};
  for (const [day, counters] of Object.entries(deltas)) {
    if (day > asOf) continue;
    for (const [k, v] of Object.entries(counters)) out[k] = (out[k] ?? 0) + v;
  }
  return out;
}

/**
 * The indicator set of `asOf` from the counters: labels, targets and notes from `computeIndicators` on no facts,
 * figures from the counters. Equal to `computeIndicators` on the facts, case lists left empty.
 */
export function indicatorsFromCounters(counters: Counters, asOf: string, config: ReportingConfig = reportingConfig): IndicatorSet {
  const template = computeFigures(EMPTY, asOf, config);
  const get = (k: string) => counters[k] ?? 0;
  const indicators = template.indicators.map((i) => {
    const scale = i.unit === 'lei' ? 100 : 1;
    const byInstitution = Object.fromEntries(institutionIds.map((inst) => [inst, get(`${i.id}@${inst}`) / scale])) as Record<InstitutionId, number>;
    return {
      ...i,
      value: get(i.id) / scale,
      byInstitution,
      caseIds: [],
      ...(i.id === 'plans_registered' ? { note: plansRegisteredNote(get('plans_registered') + get('plans_unregistered')) } : {}),
    };
  });
  const prevented = get('separation_prevented');
  const decided = prevented + get('separated');
  return {
    asOf,
    indicators,
    budget: budgetOf(indicators),
    preventionRate: decided === 0 ? null : prevented / decided,
  };
}

/** Months 'YYYY-MM' the deltas fall in (the aggregate is stored one item per month). */
export function deltasByMonth(deltas: DayDeltas): Map<string, DayDeltas> {
  const out = new Map<string, DayDeltas>();
  for (const [day, counters] of Object.entries(deltas)) {
    const m = day.slice(0, 7);
    let d = out.get(m);
    if (!d) {
      d = {};
      out.set(m, d);
    }
    d[day] = counters;
  }
  return out;
}

