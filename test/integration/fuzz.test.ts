/**
 * Hostile payloads at EVERY write route (every non-GET route of shared/manifest/routes.ts, whatever area adds it):
 * wrong types, huge strings, prototype-pollution keys, deep nesting, odd unicode, numbers as strings, missing fields,
 * broken JSON and wrong content types — sent by a caller the policy allows, so validation and the handler run. The
 * answer is never a 5xx, and a 4xx leaves nothing written: the WHOLE tables are scanned after every refused request
 * and compared with the scan before it (see TableWatch for the one thing left out). Bounded: FUZZ_RUNS payloads per route.
 *
 * The same for what arrives before a route's schema: malformed percent-encodings in any path segment (API routes with
 * and without a token, the local Cognito, the operator controls, static files) and bodies that are not JSON objects —
 * against the local runtime's HTTP server AND against the Lambda adapter on its own (an API Gateway v2 event handed
 * straight to each API function, as `aws lambda invoke` would): 400 with a stable code, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { routes, routeKey, type RouteDef } from '../../shared/manifest/routes.js';
import { institutionIds, type Principal } from '../../shared/platform/auth/principal.js';
import type { CaseAccessFacts } from '../../shared/platform/auth/policy.js';
import { Api } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess, type RuntimeUrls } from '../support/runtime.js';
import { waitTask } from '../support/fixtures.js';
import { AUDIT, MAIN, caseFingerprint, documentClient, prepareCase, whoIs, type PreparedCase } from '../support/security.js';
import { diffTables, settledSnapshot, snapshotTables, type TableSnapshot } from '../support/table-diff.js';
import { ROUTE_FIXTURES, SUBJECTS, buildRequest, expectation, type Subject } from '../support/route-fixtures.js';

const FUZZ_RUNS = 25;
// A runtime of its own: the WHOLE tables and the number of cases are compared around every refused request, so no
// other file may write beside it (the integration files run in parallel on the shared runtime).
let rt: RuntimeProcess;
let urls: RuntimeUrls;
let api: Api;
let doc: DynamoDBDocumentClient;
beforeAll(async () => {
  rt = await startRuntimeProcess({ dataDir: tempDataDir('fuzz') });
  urls = rt.urls;
  api = new Api(urls);
  doc = documentClient(urls);
});
afterAll(async () => { await rt?.stop(); });

type Payload = { json: unknown } | { raw: string; contentType?: string };

const nested = (depth: number) => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null, '', ' ', '0', '-1', '1e309', 'true', 'null', 'undefined', '[]', '{}', '<script>alert(1)</script>', "' OR 1=1 --",
    '../../etc/passwd', '\u0000', '\uD800', '\u202Eevil', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👨‍👩‍👧', 'ş ţ Ş Ţ', '__proto__', 'constructor', '2026-02-30', '9999-99-99',
    'NaN', 'Infinity', -0, Number.MAX_SAFE_INTEGER + 2, -1, 1.5, 1e308, [], {}, [null], { __proto__: null },
  ),
  fc.integer(), fc.double({ noNaN: true }), fc.boolean(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'ș'.repeat(n)),
  fc.integer({ min: 20, max: 2_000 }).map(nested),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
);

function numbersAsStrings(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(numbersAsStrings);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, numbersAsStrings(x)]));
  return v;
}

/** Every (top-level or nested) key path of a JSON object. */
function paths(v: unknown, prefix: string[] = []): string[][] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return prefix.length ? [prefix] : [];
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return prefix.length ? [prefix] : [];
  return [...(prefix.length ? [prefix] : []), ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

function setPath(base: unknown, path: string[], value: unknown, remove = false): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  if (remove) delete cur[path.at(-1)!];
  else cur[path.at(-1)!] = value;
  return copy;
}

function payloads(base: unknown): fc.Arbitrary<Payload> {
  const keyPaths = paths(base);
  const key: fc.Arbitrary<string[]> = keyPaths.length ? fc.constantFrom(...keyPaths) : fc.constant(['unexpected']);
  const baseText = JSON.stringify(base ?? {});
  return fc.oneof(
    // a valid body with one field made hostile, or missing
    fc.tuple(key, hostileValue).map(([p, v]) => ({ json: setPath(base ?? {}, p, v) })),
    key.map((p) => ({ json: setPath(base ?? {}, p, undefined, true) })),
    // prototype pollution and unknown keys beside a valid body
    hostileValue.map((v) => ({ raw: baseText.replace(/^\{/, `{"__proto__":{"polluted":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":true}},"extra":${JSON.stringify(v) ?? 'null'}${baseText === '{}' ? '' : ','}`) })),
    // numbers as strings, arrays for objects, something else entirely
    fc.constant({ json: numbersAsStrings(base) }),
    fc.constant({ json: [base] }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => ({ json: v })),
    // not JSON at all, or not declared as JSON
    fc.constantFrom<Payload>(
      { raw: '{"a":' }, { raw: 'not json' }, { raw: '' }, { raw: 'null' }, { raw: '[]' }, { raw: '"string"' }, { raw: '\u0000\u0001' },
      { raw: baseText, contentType: 'text/plain' }, { raw: baseText, contentType: 'application/x-www-form-urlencoded' }, { raw: baseText, contentType: 'multipart/form-data; boundary=x' },
    ),
    fc.integer({ min: 100, max: 20_000 }).map((n) => ({ raw: `${'['.repeat(n)}${']'.repeat(n)}` })),
  );
}

let target: PreparedCase;
let openTaskId: string;
let facts: CaseAccessFacts;
const principals = new Map<string, Principal>();

async function caseCount(): Promise<number> {
  let n = 0;
  for (const inst of institutionIds) {
    const r = await doc.send(new QueryCommand({ TableName: MAIN, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `INST#${inst}` }, Select: 'COUNT' }));
    n += r.Count ?? 0;
  }
  return n;
}

/** Cheap, after every request: the target case (item, history, tasks, enrolments, …) and the number of cases. */
const snapshot = async () => `${await caseFingerprint(doc, target.caseId)}|${await caseCount()}`;

/**
 * "0 writes from rejected requests", over the WHOLE tables: every item of the main and the audit table is read (a
 * full consistent scan, test/support/table-diff.ts) before and after each property run, once the tables are quiet.
 * A full scan after each of the ~1,500 requests would take tens of minutes once the shared runtime holds the other
 * files' data (about 0.3 ms per item per scan), so the whole-table diff brackets a run:
 * - a run whose requests were all refused must leave both tables exactly as they were (exact: nothing else runs —
 *   schedules are paused, test files run one at a time, earlier workflows have settled);
 * - a run in which some hostile payloads were still valid and accepted may add items anywhere and change items of the
 *   target case (its partition, and items carrying its id: tasks, enrolments, its change-journal entry) and outbox
 *   deliveries; any other change or removal fails. Within such a
 *   run the target case and the case count are still checked after every refused request (`snapshot`).
 * Left out of the comparison, on purpose, and only this: audit entries ADDED during the run. The API records attempts
 * on a case before it validates the body — `task.submit`, `task.draft` (allowed on the case, then refused by the form's
 * schema) and denials — and that record is the point of the audit log (decision 009). An audit entry is never changed
 * or removed (checked). Nothing of the main table is left out: not the change journal (it records writes, so a
 * journal item means a write), not the outbox, not drafts, not idempotency records.
 */
class TableWatch {
  private before: TableSnapshot = new Map();
  private accepted: string[] = [];
  /** the quiet tables the previous run ended with: one scan that agrees with them is quiet too */
  private last: TableSnapshot | undefined;
  /**
   * The target's snapshot taken after the last refused request, while the run has accepted none: nothing else writes
   * (own runtime, schedules paused, earlier work settled at `begin`), so the next request starts from exactly it and
   * it is not read again (half of the file's ~10,000 snapshot queries).
   */
  private quiet: string | undefined;

  async begin(): Promise<void> {
    const now = this.last ? await snapshotTables(doc) : undefined;
    const d = now && this.last ? diffTables(this.last, now) : undefined;
    this.before = now && d && !d.added.length && !d.changed.length && !d.removed.length ? now : await settledSnapshot(doc);
    this.accepted = [];
    this.quiet = undefined;
  }

  /** Before each request of the run: the target case and the case count (`snapshot`). */
  async snapshotBefore(): Promise<string> {
    const s = this.quiet ?? (await snapshot());
    this.quiet = undefined;
    return s;
  }

  /** After each request of the run; `after` is the snapshot a refused request left (checked equal to the one before). */
  note(status: number, label: string, after?: string): void {
    if (status < 400) this.accepted.push(`${status} ${label}`);
    else if (after !== undefined && this.accepted.length === 0) this.quiet = after;
  }

  async end(label: string): Promise<{ accepted: number }> {
    const after = await settledSnapshot(doc);
    this.last = after;
    const d = diffTables(this.before, after);
    const inAudit = (k: string) => k.startsWith(`${AUDIT}|`);
    expect([...d.changed, ...d.removed].filter(inAudit), `${label}: audit entries changed or removed`).toEqual([]);
    if (this.accepted.length === 0) {
      const wrote = [...d.added, ...d.changed, ...d.removed].filter((k) => !inAudit(k));
      expect(wrote, `${label}: every request was refused, yet the tables changed`).toEqual([]);
    } else {
      const ofTarget = (k: string) => {
        if (k.startsWith(`${MAIN}|CASE#${target.caseId}|`) || k.startsWith(`${MAIN}|OUTBOX#`)) return true;
        // its tasks, enrolments and change-journal entry carry its id
        const item = JSON.parse(after.get(k) ?? this.before.get(k) ?? '{}') as { caseId?: string };
        return item.caseId === target.caseId;
      };
      const unexplained = [...d.changed.filter((k) => !inAudit(k) && !ofTarget(k)), ...d.removed];
      expect(unexplained, `${label}: changed or removed outside what its ${this.accepted.length} accepted requests may touch (${this.accepted.slice(0, 3).join('; ')})`).toEqual([]);
    }
    return { accepted: this.accepted.length };
  }
}
const tables = new TableWatch();

/** A caller the policy allows on the target case (so the payload reaches validation and the handler), if any. */
function callerFor(route: RouteDef): Subject {
  const das = SUBJECTS.filter((s) => s.caseRef === 'das');
  return das.find((s) => expectation(route, principals.get(s.username)!, facts) === 'allow') ?? das[0]!;
}

async function send(route: RouteDef, as: Subject, payload: Payload) {
  const req = buildRequest(route, { subject: as, principal: principals.get(as.username)!, prepared: target });
  // task routes work on the case's open task (deeper validation), except reassignment (a valid-looking body must not
  // move the case away from its manager mid-test): that one keeps the completed evaluation task
  const path = /\{taskId\}/.test(route.path) && !route.path.endsWith('/reassign') ? req.path.replace(target.evaluationTaskId, openTaskId) : req.path;
  const token = await api.token(as.username);
  const text = 'json' in payload ? JSON.stringify(payload.json) ?? 'null' : payload.raw;
  const contentType = 'json' in payload ? 'application/json' : payload.contentType ?? 'application/json';
  const r = await fetch(`${urls.api}${path}`, { method: route.method, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: text });
  const body = await r.text();
  return { status: r.status, body };
}

beforeAll(async () => {
  target = await prepareCase(api, { services: ['cz-sf-nicolae'] });
  openTaskId = (await waitTask(api, target.caseId, 'observator_registration', 'manager.das')).taskId;
  const v = (await api.get(`/cases/${target.caseId}`, 'manager.das')).body.case;
  facts = { institution: v.institution, sharedWith: v.sharedWith, assignedTo: [v.caseManagerId], services: v.services };
  for (const u of new Set(SUBJECTS.map((s) => s.username))) principals.set(u, await whoIs(api, u));
});

const writeRoutes = (routes as readonly RouteDef[]).filter((r) => r.method !== 'GET');

/** A path segment whose percent-encoding is malformed (truncated, not hex, invalid UTF-8, an encoded lone surrogate). */
const badSegment: fc.Arbitrary<string> = fc.tuple(
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
  fc.constantFrom('%E0%A4%A', '%', '%Z', '%ZZ', '%%', '%E0%A4', '%C0%AF', '%FF', '%ED%A0%80', '%F4%90%80%80', '%C3', '%u0041', '%0'),
  fc.string({ maxLength: 6 }).map(encodeURIComponent),
).map(([a, bad, b]) => `${a}${bad}-${b}`); // '-' is no hex digit: the bad escape stays bad

/** The route's path with one segment (a parameter if it has one, else a fixed one) made malformed. */
function malformedPath(route: RouteDef, bad: string, pick: number): string {
  const segs = route.path.split('/');
  const params = segs.flatMap((x, i) => (x.startsWith('{') ? [i] : []));
  const choices = params.length ? params : segs.flatMap((x, i) => (x ? [i] : []));
  const at = choices[pick % choices.length]!;
  return segs.map((x, i) => (i === at ? bad : x.startsWith('{') ? 'x' : x)).join('/');
}

const notObjects = ['{', '{"a":', '{"username":"a"', 'null', '[]', '[1,2]', '"text"', '42', 'true', '\u0000', 'nul', '{"a":1}}'];

async function raw(url: string, method: string, body: string | undefined, headers: Record<string, string> = {}) {
  const r = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await r.text();
  return { status: r.status, text, nosniff: r.headers.get('x-content-type-options'), code: (() => { try { return (JSON.parse(text) as { error?: { code?: string } }).error?.code; } catch { return undefined; } })() };
}

describe('hostile payloads at every write route', () => {
  it('covers every non-GET route', () => {
    expect(writeRoutes.length).toBeGreaterThan(5);
  });

  for (const route of writeRoutes) {
    it(`${routeKey(route)}: never a 5xx, nothing written on a 4xx`, async () => {
      const caller = callerFor(route);
      const base = ROUTE_FIXTURES[routeKey(route)]?.body?.({ subject: caller, principal: principals.get(caller.username)!, prepared: target }) ?? {};
      await tables.begin();
      await fc.assert(fc.asyncProperty(payloads(base), async (payload) => {
        const before = await tables.snapshotBefore();
        const r = await send(route, caller, payload);
        expect(r.status, `${routeKey(route)} as ${caller.username}: ${r.body.slice(0, 300)}`).toBeLessThan(500);
        const after = r.status >= 400 ? await snapshot() : undefined;
        if (after !== undefined) expect(after, `${routeKey(route)} answered ${r.status} but wrote`).toBe(before);
        tables.note(r.status, JSON.stringify(payload).slice(0, 80), after);
        // error answers are JSON with a stable code, never a stack trace
        if (r.status >= 400 && r.status !== 401 && r.status !== 404 && r.status !== 405) {
          const parsed = JSON.parse(r.body) as { error?: { code?: string } };
          expect(parsed.error?.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        }
        expect(r.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
      }), { numRuns: FUZZ_RUNS });
      await tables.end(routeKey(route));
    });
  }

  it('hostile case and task ids in the path: never a 5xx', async () => {
    const caseRoutes = (routes as readonly RouteDef[]).filter((r) => r.path.startsWith('/cases/{caseId}') || r.path.startsWith('/tasks/{taskId}'));
    const id = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), fc.constantFrom('..', '%2e%2e', '01ZZZZZZZZZZZZZZZZZZZZZZZZ', 'T'.repeat(25), "' OR '1'='1", '__proto__', 'a'.repeat(5000)));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...caseRoutes), id, async (route, raw) => {
      const path = route.path.replace(/\{(caseId|taskId)\}/, encodeURIComponent(raw)).replace(/\{[^}]+\}/g, 'x');
      const r = await api.call(route.method, path, { as: 'coord.das', ...(route.method === 'GET' ? {} : { body: {} }) });
      expect(r.status, `${route.method} ${path.slice(0, 120)}`).toBeLessThan(500);
    }), { numRuns: FUZZ_RUNS * 2 });
  });

  it('a malformed %-encoding in any path segment of any route answers 400 MALFORMED_PATH, with or without a token', async () => {
    const token = await api.token('coord.das');
    await tables.begin();
    await fc.assert(fc.asyncProperty(fc.constantFrom(...(routes as readonly RouteDef[])), badSegment, fc.nat(), fc.boolean(), async (route, bad, pick, withToken) => {
      const r = await raw(`${urls.api}${malformedPath(route, bad, pick)}`, route.method, route.method === 'GET' ? undefined : '{}', withToken ? { authorization: `Bearer ${token}` } : {});
      expect(r.status, `${routeKey(route)} ${bad}: ${r.text.slice(0, 200)}`).toBe(400);
      expect(r.code).toBe('MALFORMED_PATH');
      expect(r.nosniff).toBe('nosniff');
      tables.note(r.status, `${routeKey(route)} ${bad}`);
    }), { numRuns: FUZZ_RUNS * 4 });
    expect(await tables.end('malformed paths (local server)')).toEqual({ accepted: 0 });
  });

  it('the local server itself: malformed paths (static, auth, controls) and bodies that are not JSON objects answer 400 with a code', async () => {
    const admin = await api.token('admin');
    await fc.assert(fc.asyncProperty(badSegment, fc.constantFrom('/', '/auth/', '/_local/', '/assets/', '/cazuri/'), async (bad, prefix) => {
      const r = await raw(`${urls.web}${prefix}${bad}`, 'GET', undefined, { authorization: `Bearer ${admin}` });
      expect(r.status, `${prefix}${bad}`).toBe(400);
      expect(r.code).toBe('MALFORMED_PATH');
    }), { numRuns: FUZZ_RUNS * 2 });
    await tables.begin();
    for (const body of notObjects) {
      const login = await raw(`${urls.web}/auth/login`, 'POST', body);
      expect(login.status, `login ${body}`).toBe(400);
      expect(login.code).toMatch(/^(INVALID_JSON|BODY_NOT_OBJECT|VALIDATION_FAILED)$/);
      // the schedule control fires the monthly run on a valid body: a broken one must be refused before that
      const fire = await raw(`${urls.web}/_local/schedules/monthly-subsidy-run/fire`, 'POST', body, { authorization: `Bearer ${admin}` });
      expect(fire.status, `fire ${body}`).toBe(400);
      expect(fire.code).toMatch(/^(INVALID_JSON|BODY_NOT_OBJECT)$/);
    }
    expect(await tables.end('login and schedule control with bodies that are not objects')).toEqual({ accepted: 0 });
    // the server's own refusals carry nosniff too
    for (const r of [await raw(`${urls.api}/me`, 'GET', undefined), await raw(`${urls.api}/no-such-route`, 'GET', undefined), await raw(`${urls.web}/x`, 'DELETE', undefined)]) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.nosniff).toBe('nosniff');
    }
  });

  describe('the Lambda adapter on its own (API Gateway v2 events straight to each API function)', () => {
    const invoke = async (route: RouteDef, event: Record<string, unknown>, as?: string) => {
      const r = await api.control('POST', `/functions/${route.function}/invoke`, { event, ...(as ? { token: await api.token(as) } : {}) });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      const res = r.body as { statusCode: number; body?: string; headers?: Record<string, string> };
      return { status: res.statusCode, body: res.body ?? '', code: (() => { try { return (JSON.parse(res.body ?? '') as { error?: { code?: string } }).error?.code; } catch { return undefined; } })() };
    };
    const eventFor = (route: RouteDef, rawPath: string, pathParameters: Record<string, string> | undefined, body: string | undefined) => ({
      version: '2.0', routeKey: routeKey(route), rawPath, rawQueryString: '', headers: { 'content-type': 'application/json' },
      pathParameters, body, isBase64Encoded: false,
      requestContext: { requestId: 'fuzz', routeKey: routeKey(route), stage: '$default', http: { method: route.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fuzz' } },
    });

    it('a malformed %-encoding in the raw path answers 400 MALFORMED_PATH on every route', async () => {
      await tables.begin();
      await fc.assert(fc.asyncProperty(fc.constantFrom(...(routes as readonly RouteDef[])), badSegment, fc.nat(), fc.boolean(), async (route, bad, pick, withToken) => {
        const rawPath = malformedPath(route, bad, pick);
        const r = await invoke(route, eventFor(route, rawPath, undefined, route.method === 'GET' ? undefined : '{}'), withToken ? callerFor(route).username : undefined);
        expect(r.status, `${routeKey(route)} ${rawPath}: ${r.body.slice(0, 200)}`).toBe(400);
        expect(r.code).toBe('MALFORMED_PATH');
        tables.note(r.status, `${routeKey(route)} ${rawPath}`);
      }), { numRuns: FUZZ_RUNS * 4 });
      expect(await tables.end('malformed raw paths (Lambda adapter)')).toEqual({ accepted: 0 });
    });

    for (const route of writeRoutes) {
      it(`${routeKey(route)}: bodies that are not JSON objects never answer 5xx, and nothing is written on a 4xx`, async () => {
        const caller = callerFor(route);
        const req = buildRequest(route, { subject: caller, principal: principals.get(caller.username)!, prepared: target });
        const rawPath = (/\{taskId\}/.test(route.path) && !route.path.endsWith('/reassign') ? req.path.replace(target.evaluationTaskId, openTaskId) : req.path).split('?')[0]!;
        const tpl = route.path.split('/');
        const pathParameters = Object.fromEntries(rawPath.split('/').flatMap((seg, i) => (tpl[i]?.startsWith('{') ? [[tpl[i]!.slice(1, -1), decodeURIComponent(seg)]] : [])));
        await tables.begin();
        await fc.assert(fc.asyncProperty(fc.oneof(fc.constantFrom(...notObjects), fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v))), async (body) => {
          const before = await tables.snapshotBefore();
          const r = await invoke(route, eventFor(route, rawPath, Object.keys(pathParameters).length ? pathParameters : undefined, body), caller.username);
          expect(r.status, `${routeKey(route)} ${body.slice(0, 40)}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
          const after = r.status >= 400 ? await snapshot() : undefined;
          if (after !== undefined) {
            expect(after, `${routeKey(route)} answered ${r.status} but wrote`).toBe(before);
            expect(r.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
          }
          tables.note(r.status, body.slice(0, 40), after);
        }), { numRuns: FUZZ_RUNS });
        await tables.end(`${routeKey(route)} (Lambda adapter)`);
      });
    }
  });

  it('leaves the runtime unpolluted: the target case reads back normally', async () => {
    const r = await api.get(`/cases/${target.caseId}`, 'manager.das');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain('polluted');
    const me = await api.get('/me', 'manager.das');
    expect(me.body.roles.map((x: { id: string }) => x.id)).toEqual(['case_manager']);
  });
});
