/**
 * Authorization, generated from the policy table: EVERY route of shared/manifest/routes.ts is called as every role and,
 * for case routes, as every relation to a prepared case (assigned, same institution, enrolled in my service, none),
 * and the answer is checked against shared/platform/auth/policy.ts: allowed (anything but 401/403/404 and never a 5xx) or
 * denied (403 at the route for a role without a grant; 403/404 on the case for a relation without one).
 *
 * Routes added later by other areas are picked up automatically. A route needs an entry in ROUTE_FIXTURES
 * (test/support/route-fixtures.ts) only when its request cannot be built from the defaults (a path parameter without
 * a default, or a case check that a minimal body would not reach); the fixture test says so by name.
 *
 * Also here: the identity layer (expired, tampered, wrong-audience, wrong-issuer and unsigned tokens refused; login backoff
 * per name and source after repeated failures).
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { SignJWT, decodeJwt, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';
import { routes, routeKey, type RouteDef } from '../../shared/manifest/routes.js';
import { actionPolicy, policy, relationsTo, relations as allRelations, type CaseAccessFacts } from '../../shared/manifest/policy.js';
import { roles, type Principal } from '../../shared/platform/auth/principal.js';
import { LOCAL_AUDIENCE, LocalIdentity, MAX_FAILED_ATTEMPTS, backoffMinutes } from '../../local/identity.js';
import { Api, type ApiResponse } from '../support/api.js';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime.js';
import { prepareCase, whoIs, type PreparedCase } from '../support/security.js';
import { ROUTE_FIXTURES, SUBJECTS, allowed, buildRequest, expectation, fixtureProblem, isCaseDenial, type CaseRef, type Subject } from '../support/route-fixtures.js';

const urls = inject('urls');
const dataDir = inject('dataDir');
const api = new Api(urls);

let prepared: Record<CaseRef, PreparedCase>;
let facts: Record<CaseRef, CaseAccessFacts>;
const principals = new Map<string, Principal>();

beforeAll(async () => {
  const [das, dgaspc] = await Promise.all([
    prepareCase(api, { services: ['cz-sf-nicolae', 'int-a'] }),
    prepareCase(api, { track: 'reintegration' }),
  ]);
  prepared = { das, dgaspc };
  const factsOf = async (c: PreparedCase): Promise<CaseAccessFacts> => {
    const v = (await api.get(`/cases/${c.caseId}`, c.manager)).body.case;
    return { institution: v.institution, sharedWith: v.sharedWith, assignedTo: [v.caseManagerId], services: v.services };
  };
  facts = { das: await factsOf(das), dgaspc: await factsOf(dgaspc) };
  for (const u of new Set(SUBJECTS.map((s) => s.username))) principals.set(u, await whoIs(api, u));
});

async function call(route: RouteDef, s: Subject): Promise<ApiResponse> {
  const req = buildRequest(route, { subject: s, principal: principals.get(s.username)!, prepared: prepared[s.caseRef] });
  return api.call(route.method, req.path, { as: s.username, ...(req.body !== undefined ? { body: req.body } : {}) });
}

describe('the policy table covers every route', () => {
  it('every route names an action with a policy row; only public routes go without a token', () => {
    const problems: string[] = [];
    for (const r of routes as readonly RouteDef[]) {
      const p = actionPolicy(r.action);
      if (!p) problems.push(`${routeKey(r)} names action "${r.action}", which has no row in shared/auth/policies/*.ts (deny by default: add one)`);
      if (r.auth === 'none' && r.action !== 'public') problems.push(`${routeKey(r)} has no authentication but action "${r.action}"`);
      if (r.auth === 'jwt' && r.action === 'public') problems.push(`${routeKey(r)} requires a token but is marked public`);
      for (const role of Object.keys(p?.grants ?? {})) if (!(roles as readonly string[]).includes(role)) problems.push(`${r.action} grants unknown role ${role}`);
    }
    expect(problems).toEqual([]);
  });

  it('every route can be called by this test (defaults or a ROUTE_FIXTURES entry), and no fixture is stale', () => {
    const problems = (routes as readonly RouteDef[]).map(fixtureProblem).filter((x): x is string => x !== null);
    const keys = new Set((routes as readonly RouteDef[]).map(routeKey));
    for (const k of Object.keys(ROUTE_FIXTURES)) if (!keys.has(k)) problems.push(`ROUTE_FIXTURES has "${k}", which is not a route any more`);
    expect(problems).toEqual([]);
  });

  it('the callers really have the relations they stand for, and cover every relation each role is granted', () => {
    for (const s of SUBJECTS) {
      const p = principals.get(s.username)!;
      expect(p.roles, s.username).toEqual([s.role]);
      expect(relationsTo(p, facts[s.caseRef]).sort(), `${s.username} on the ${s.caseRef} case`).toEqual([...s.relations].sort());
    }
    const missing: string[] = [];
    for (const role of roles) {
      const mine = SUBJECTS.filter((s) => s.role === role);
      if (!mine.some((s) => s.relations.includes('none'))) missing.push(`${role}: no caller without a relation`);
      for (const [action, p] of Object.entries(policy)) {
        const g = p.grants[role];
        if (!p.caseScoped || g === undefined || g === 'any') continue;
        for (const rel of g) if (!mine.some((s) => s.relations.includes(rel))) missing.push(`${action}/${role}: no caller with relation ${rel} (add a SUBJECT)`);
      }
    }
    expect(missing).toEqual([]);
    expect(allRelations).toEqual(['assigned', 'same_institution', 'enrolled_in_my_service', 'none']);
  });
});

describe('every route × role × relation answers as the policy says', () => {
  for (const route of routes as readonly RouteDef[]) {
    it(`${routeKey(route)} (${route.action})`, async () => {
      const problem = fixtureProblem(route);
      expect(problem, problem ?? '').toBeNull();
      if (route.auth === 'none') {
        const r = await api.call(route.method, buildRequest(route, { subject: SUBJECTS[0]!, principal: principals.get('manager.das')!, prepared: prepared.das }).path);
        expect(r.status).toBeLessThan(400);
        return;
      }
      // no token: refused by the authorizer before any function runs
      const anon = await api.call(route.method, buildRequest(route, { subject: SUBJECTS[0]!, principal: principals.get('manager.das')!, prepared: prepared.das }).path);
      expect(anon.status, 'without a token').toBe(401);

      const p = actionPolicy(route.action)!;
      // case routes: every caller on its case; other routes: one caller per role
      const callers = p.caseScoped ? SUBJECTS : roles.map((r) => SUBJECTS.find((s) => s.role === r)!);
      const mismatches: string[] = [];
      const check = async (s: Subject) => {
        const want = expectation(route, principals.get(s.username)!, facts[s.caseRef]);
        const r = await call(route, s);
        const ok = r.status < 500 && (want === 'allow' ? allowed(route, r) : want === 'role-deny' ? r.status === 403 : isCaseDenial(r) || r.status === 403);
        if (!ok) mismatches.push(`${s.username} (${s.role}, ${s.relations.join('+')} on ${s.caseRef}) expected ${want}, got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      };
      // reads in parallel; writes one at a time (they touch the same case)
      if (route.method === 'GET') await Promise.all(callers.map(check));
      else for (const s of callers) await check(s);
      expect(mismatches, mismatches.join('\n')).toEqual([]);
    });
  }
});

describe('what the issue asks, in plain words', () => {
  it('a DGASPC case manager cannot read a DAS-only case, and the refusal reveals nothing', async () => {
    const r = await api.get(`/cases/${prepared.das.caseId}`, 'manager.dgaspc');
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain(prepared.das.form.child.lastName);
    const unknown = await api.get('/cases/01ZZZZZZZZZZZZZZZZZZZZZZZZ', 'manager.dgaspc');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe(r.body.error.code);
  });

  it('centre staff see only their enrolled children, by first name', async () => {
    const mine = await api.get(`/cases/${prepared.das.caseId}`, 'centru.sfnicolae');
    expect(mine.status).toBe(200);
    expect(mine.body.case.view).toBe('limited');
    expect(mine.body.case.child).toEqual({ firstName: prepared.das.form.child.firstName });
    const text = JSON.stringify(mine.body);
    for (const secret of [prepared.das.form.child.lastName, prepared.das.form.child.cnp!, prepared.das.form.legalRepresentative.iban!, 'familySituation', 'ethnicity']) expect(text).not.toContain(secret);
    expect((await api.get(`/cases/${prepared.das.caseId}`, 'centru.kuncz')).status).toBe(404);
  });

  it('finance and the project manager reach no case file; the project manager sees aggregates across partners', async () => {
    for (const u of ['financiar.das', 'manager.proiect', 'romi.das', 'admin']) {
      expect((await api.get(`/cases/${prepared.das.caseId}`, u)).status, u).toBe(403);
      expect((await api.get(`/cases/${prepared.das.caseId}/history`, u)).status, u).toBe(403);
    }
    const ind = await api.get('/reports/indicators', 'manager.proiect');
    expect(ind.status).toBe(200);
  });
});

describe('identity: tokens and lockout', () => {
  let signingKey: CryptoKey | Uint8Array;
  let issuer: string;
  let claims: JWTPayload;

  beforeAll(async () => {
    const jwks = JSON.parse(readFileSync(join(dataDir, 'identity', 'signing-key.json'), 'utf8')) as { privateJwk: JWK };
    signingKey = await importJWK(jwks.privateJwk, 'ES256');
    issuer = ((await (await fetch(`${urls.web}/auth/config`)).json()) as { issuer: string }).issuer;
    claims = decodeJwt(await api.token('coord.das'));
  });

  const sign = (over: { payload?: JWTPayload; iss?: string; aud?: string; iat?: number; exp?: number; key?: CryptoKey | Uint8Array }) => {
    const now = Math.floor(Date.now() / 1000);
    const { iss: _i, aud: _a, exp: _e, iat: _t, ...rest } = claims;
    return new SignJWT({ ...rest, ...over.payload })
      .setProtectedHeader({ alg: 'ES256', kid: 'vatra-local' })
      .setIssuer(over.iss ?? issuer)
      .setAudience(over.aud ?? LOCAL_AUDIENCE)
      .setIssuedAt(over.iat ?? now - 60)
      .setExpirationTime(over.exp ?? now + 600)
      .sign(over.key ?? signingKey);
  };
  const me = (token: string) => api.call('GET', '/me', { token });

  it('accepts a well-formed token (the control for the refusals below)', async () => {
    expect((await me(await sign({}))).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await me(await sign({ iat: now - 9 * 3600, exp: now - 3600 }))).status).toBe(401);
  });

  it('refuses a token for another audience or from another issuer', async () => {
    expect((await me(await sign({ aud: 'some-other-app' }))).status).toBe(401);
    expect((await me(await sign({ iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_evil' }))).status).toBe(401);
  });

  it('refuses a tampered, re-signed-by-someone-else or unsigned token', async () => {
    const good = await sign({});
    const [h, , s] = good.split('.');
    const elevated = Buffer.from(JSON.stringify({ ...decodeJwt(good), 'cognito:groups': ['admin', 'coordinator'], 'custom:institution': 'DGASPC' })).toString('base64url');
    expect((await me(`${h}.${elevated}.${s}`)).status).toBe(401);
    const { privateKey } = await generateKeyPair('ES256');
    expect((await me(await sign({ key: privateKey }))).status).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${good.split('.')[1]}.`;
    expect((await me(none)).status).toBe(401);
    expect((await api.call('GET', '/me', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('refuses a validly signed token whose claims carry no known role or institution', async () => {
    expect((await me(await sign({ payload: { 'cognito:groups': ['superuser'] } }))).status).toBe(401);
    expect((await me(await sign({ payload: { 'custom:institution': 'NASA' } }))).status).toBe(401);
  });

  describe('login backoff per name and source (a runtime of its own, so no shared account is slowed down)', () => {
    let rt: RuntimeProcess;
    beforeAll(async () => { rt = await startRuntimeProcess(); });
    afterAll(async () => { await rt?.stop(); });

    /** POST /auth/login from a chosen loopback address (127.0.0.x are all this machine): one "source" each. */
    const login = (username: string, password: string, from = '127.0.0.1') => new Promise<{ status: number; retryAfter: string | undefined; body: { idToken?: string; error?: { code: string; message: string } } }>((ok, fail) => {
      const u = new URL(`${rt.urls.web}/auth/login`);
      const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { text += c; });
        res.on('end', () => ok({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: JSON.parse(text) }));
      });
      req.on('error', fail);
      req.end(JSON.stringify({ username, password }));
    });
    const shape = (r: Awaited<ReturnType<typeof login>>) => ({ status: r.status, code: r.body.error?.code, message: r.body.error?.message, retryAfter: r.retryAfter === undefined ? undefined : Number(r.retryAfter) > 0 });

    it(`answers a real and an unknown name identically, attempt by attempt, past ${MAX_FAILED_ATTEMPTS} failures`, async () => {
      const real: unknown[] = [];
      const unknown: unknown[] = [];
      for (let i = 0; i < MAX_FAILED_ATTEMPTS + 2; i++) {
        real.push(shape(await login('manager2.das', `wrong-${i}`, '127.0.0.3')));
        unknown.push(shape(await login('nobody.here', `wrong-${i}`, '127.0.0.3')));
      }
      expect(unknown).toEqual(real);
      expect(real.slice(0, MAX_FAILED_ATTEMPTS)).toEqual(Array(MAX_FAILED_ATTEMPTS).fill({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Utilizator sau parolă incorectă.', retryAfter: undefined }));
      expect(real.at(-1)).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfter: true });
      expect((real.at(-1) as { message: string }).message).toMatch(/Reîncercați peste 1 minut/);
    });

    it('slows down only the attacker: the real user signs in from elsewhere and keeps their session', async () => {
      const fresh = new Api(rt.urls);
      const session = await fresh.token('manager.das'); // the real user, signed in before the attack
      for (let i = 0; i < MAX_FAILED_ATTEMPTS + 3; i++) await login('manager.das', `guess-${i}`, '127.0.0.2');
      const attacker = await login('manager.das', 'Vatra-demo-2026', '127.0.0.2');
      expect(attacker.status).toBe(429); // even the right password, from the attacking source, waits
      expect(attacker.body.idToken).toBeUndefined();
      const user = await login('manager.das', 'Vatra-demo-2026', '127.0.0.1');
      expect(user.status).toBe(200);
      expect(user.body.idToken).toBeTruthy();
      expect((await fresh.call('GET', '/me', { token: session })).status).toBe(200);
      expect((await fresh.call('GET', '/me', { token: user.body.idToken! })).status).toBe(200);
    });

    it('backs off 1, 2, 4, 8, then 15 minutes, forgets after a success (local identity provider, clock moved forward)', async () => {
      const id = await LocalIdentity.open(mkdtempSync(join(tmpdir(), 'vatra-lockout-')), 'http://local-test/issuer');
      await id.addUser({ username: 'u', password: 'correct horse', name: 'Test', groups: ['case_manager'], institution: 'DAS' });
      expect([4, 5, 6, 7, 8, 9, 10].map(backoffMinutes)).toEqual([0, 1, 2, 4, 8, 15, 15]);
      let t = new Date('2026-06-01T10:00:00Z').getTime();
      for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) expect(await id.login('u', 'bad', new Date(t), 'A')).toMatchObject({ ok: false, code: 'INVALID_CREDENTIALS' });
      expect(await id.login('u', 'correct horse', new Date(t + 30_000), 'A')).toMatchObject({ ok: false, code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 30 });
      expect((await id.login('u', 'correct horse', new Date(t + 30_000), 'B')).ok).toBe(true);
      t += 61_000;
      expect(await id.login('u', 'bad', new Date(t), 'A')).toMatchObject({ code: 'INVALID_CREDENTIALS' }); // 6th: 2 minutes
      expect(await id.login('u', 'correct horse', new Date(t + 119_000), 'A')).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect((await id.login('u', 'correct horse', new Date(t + 121_000), 'A')).ok).toBe(true);
      // after the success the count starts again
      expect(await id.login('u', 'bad', new Date(t + 122_000), 'A')).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect((await id.login('u', 'correct horse', new Date(t + 123_000), 'A')).ok).toBe(true);
    });
  });
});
