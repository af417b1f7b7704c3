/**
 * The field policy (shared/cases/field-policy.ts), generated from the route list and the policy table: every GET
 * route scoped to a case is called as every role and relation the policy lets through, and
 * - on the routes that return the case or its tasks, the fields are EXACTLY those of the caller's view (limited for
 *   centre and intervention staff, full otherwise — full being everything the record holds minus what never leaves);
 * - on every case-scoped read route, no answer anywhere carries a field that never leaves the API (task tokens,
 *   execution ARNs, state names, identity lookup keys).
 */
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { routes, routeKey, type RouteDef } from '../../shared/manifest/routes.js';
import { actionPolicy } from '../../shared/manifest/policy.js';
import type { CaseAccessFacts } from '../../shared/platform/auth/policy.js';
import type { Principal } from '../../shared/platform/auth/principal.js';
import { fieldPolicy, viewKindOf } from '../../shared/cases/field-policy.js';
import { Api } from '../support/api.js';
import { waitTask } from '../support/fixtures.js';
import { MAIN, documentClient, prepareCase, whoIs, type PreparedCase } from '../support/security.js';
import { SUBJECTS, buildRequest, expectation, type CaseRef } from '../support/route-fixtures.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';

const urls = inject('urls');
const api = new Api(urls);
const doc = documentClient(urls);

let prepared: Record<CaseRef, PreparedCase>;
let facts: Record<CaseRef, CaseAccessFacts>;
const principals = new Map<string, Principal>();
const never = new Set<string>([...fieldPolicy.task.never, ...fieldPolicy.case.never]);

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Every key at any depth of a JSON value. */
function allKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) allKeys(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.add(k); allKeys(x, out); }
  return out;
}

beforeAll(async () => {
  const [das, dgaspc] = await Promise.all([prepareCase(api, { services: ['cz-sf-nicolae', 'int-a'] }), prepareCase(api, { track: 'reintegration' })]);
  prepared = { das, dgaspc };
  await waitTask(api, das.caseId, 'observator_registration', 'manager.das');
  facts = {} as Record<CaseRef, CaseAccessFacts>;
  for (const ref of ['das', 'dgaspc'] as const) {
    const v = (await api.get(`/cases/${prepared[ref].caseId}`, ref === 'das' ? 'manager.das' : 'manager.dgaspc')).body.case;
    facts[ref] = { institution: v.institution, sharedWith: v.sharedWith, assignedTo: [v.caseManagerId], services: v.services };
  }
  for (const u of new Set(SUBJECTS.map((s) => s.username))) principals.set(u, await whoIs(api, u));
});

const caseReads = (routes as readonly RouteDef[]).filter((r) => r.method === 'GET' && actionPolicy(r.action)?.caseScoped);

describe('every case read route answers each relation with exactly its view', () => {
  it('finds the case and task read routes among the case-scoped reads', () => {
    expect(caseReads.map(routeKey)).toEqual(expect.arrayContaining(['GET /cases/{caseId}', 'GET /cases/{caseId}/tasks']));
  });

  for (const route of caseReads) {
    it(`${routeKey(route)}: fields per relation`, async () => {
      let checked = 0;
      for (const s of SUBJECTS) {
        const p = principals.get(s.username)!;
        if (expectation(route, p, facts[s.caseRef]) !== 'allow') continue;
        const req = buildRequest(route, { subject: s, principal: p, prepared: prepared[s.caseRef] });
        const r = await api.call('GET', req.path, { as: s.username });
        if (r.status !== 200 || typeof r.body !== 'object') continue; // exports as files, or a resource the fixture names as missing
        checked += 1;
        const who = `${s.username} (${s.relations.join('+')})`;
        const leaked = [...allKeys(r.body)].filter((k) => never.has(k));
        expect(leaked, `${routeKey(route)} as ${who}`).toEqual([]);
        const role = p.roles.find((x) => actionPolicy(route.action)!.grants[x] !== undefined)!;
        const view = viewKindOf(role);
        if (routeKey(route) === 'GET /cases/{caseId}') {
          const c = r.body.case as Record<string, unknown>;
          if (view === 'limited') {
            expect(sorted(Object.keys(c)), who).toEqual(sorted(fieldPolicy.case.limited));
            expect(sorted(Object.keys(c.child as object)), who).toEqual(sorted(fieldPolicy.case.limitedChild));
          } else {
            expect(c.view, who).toBe('full');
          }
        }
        if (routeKey(route) === 'GET /cases/{caseId}/tasks') {
          const items = r.body.items as Record<string, unknown>[];
          expect(items.length, who).toBeGreaterThan(0);
          expect(r.body.view, who).toBe(view);
          // what the table holds for these tasks, minus what never leaves: the full view
          const stored = (await doc.send(new QueryCommand({ TableName: MAIN, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p', ExpressionAttributeValues: { ':p': `CASE#${prepared[s.caseRef].caseId}` } }))).Items ?? [];
          for (const t of items) {
            const raw = stored.find((x) => x.taskId === t.taskId)!;
            const present = (keys: readonly string[]) => keys.filter((k) => raw[k] !== undefined && !/^(pk|sk|gsi\d(pk|sk))$/.test(k));
            const expected = view === 'limited' ? present(fieldPolicy.task.limited) : present(Object.keys(raw).filter((k) => !never.has(k) && k !== 'entity'));
            expect(sorted(Object.keys(t)), `${who} task ${t.kind as string}`).toEqual(sorted(expected));
          }
        }
      }
      if (route.path === '/cases/{caseId}' || route.path === '/cases/{caseId}/tasks') expect(checked).toBeGreaterThan(3);
    });
  }
});
