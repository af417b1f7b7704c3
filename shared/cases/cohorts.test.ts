import { describe, expect, it } from 'vitest';
import { CohortPlacesStore, RECENT_MS, type PlaceTaken } from './cohort-places-store.js';
import { countPlaces } from './cohorts.js';
import type { CohortFacts } from './store.js';

const places = new CohortPlacesStore({ mainTable: 'main', auditTable: 'audit', doc: {} as never });
const approved = (caseId: string, cohort: '18m' | '12m'): CohortFacts => ({ caseId, cohort, plan: { status: 'approved', cohort } });
const at = '2026-12-08T10:00:00.000Z';
const minutesBefore = (m: number) => new Date(Date.parse(at) - m * 60_000).toISOString();

describe('cohort places', () => {
  it('counts each case once by its place, a plan that waits for approval holding none, and leaves out the case being decided', () => {
    const facts: CohortFacts[] = [
      approved('a', '18m'), approved('b', '18m'), approved('c', '12m'),
      { caseId: 'd', plan: { status: 'submitted', cohort: '12m' } },
      { caseId: 'e', cohort: '12m' }, // imported: the place without an approved plan of its own
      approved('a', '18m'), // listed twice (a transfer between institutions read while it moves): counted once
    ];
    expect(countPlaces(facts, [])).toEqual({ '18m': 2, '12m': 2 });
    expect(countPlaces(facts, [], 'a')).toEqual({ '18m': 1, '12m': 2 });
    expect(countPlaces(facts, [], 'd')).toEqual({ '18m': 2, '12m': 2 });
  });

  it('reads the places just taken over an index that does not show them yet', () => {
    const facts: CohortFacts[] = [approved('a', '18m'), { caseId: 'd', plan: { status: 'submitted', cohort: '12m' } }];
    const recent: PlaceTaken[] = [
      { caseId: 'd', cohort: '12m', at }, // approved a moment ago: the index still has the plan waiting
      { caseId: 'x', cohort: '18m', at }, // a new case the index does not list yet
      { caseId: 'a', cohort: '18m', at }, // already in the index: counted once
    ];
    expect(countPlaces(facts, recent)).toEqual({ '18m': 2, '12m': 1 });
    expect(countPlaces(facts, recent, 'x')).toEqual({ '18m': 1, '12m': 1 });
    // a re-approval into the other cohort: the later entry wins over the index and the earlier entry
    expect(countPlaces([approved('a', '18m')], [{ caseId: 'a', cohort: '18m', at: minutesBefore(5) }, { caseId: 'a', cohort: '12m', at }])).toEqual({ '12m': 1 });
  });

  it('takes a place at the version counted: the first place of a table with no places item, then only while the version holds', () => {
    const first = places.takeItem({ version: 0, recent: [] }, { caseId: 'a', cohort: '18m', at }).Update!;
    expect(first.ConditionExpression).toBe('attribute_not_exists(#v)');
    expect(first.ExpressionAttributeValues).toEqual({ ':next': 1, ':recent': [{ caseId: 'a', cohort: '18m', at }] });
    const next = places.takeItem({ version: 7, recent: [] }, { caseId: 'b', cohort: '12m', at }).Update!;
    expect(next.ConditionExpression).toBe('#v = :seen');
    expect(next.ExpressionAttributeValues).toMatchObject({ ':seen': 7, ':next': 8 });
  });

  it('keeps on the places item only the places of the last minutes, the case\'s own entry once', () => {
    const recent: PlaceTaken[] = [
      { caseId: 'old', cohort: '18m', at: new Date(Date.parse(at) - RECENT_MS - 1).toISOString() },
      { caseId: 'b', cohort: '18m', at: minutesBefore(3) },
      { caseId: 'a', cohort: '18m', at: minutesBefore(1) },
    ];
    const u = places.takeItem({ version: 3, recent }, { caseId: 'a', cohort: '12m', at }).Update!;
    expect(u.ExpressionAttributeValues![':recent']).toEqual([{ caseId: 'b', cohort: '18m', at: minutesBefore(3) }, { caseId: 'a', cohort: '12m', at }]);
  });
});
