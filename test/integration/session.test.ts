/**
 * The local identity provider's session (decision record 016): a short-lived ID token plus an HttpOnly,
 * SameSite=Strict refresh cookie scoped to /auth; POST /auth/refresh gives a new ID token, POST /auth/logout revokes
 * the cookie, and a revoked, unknown, idle or expired cookie is refused with a stable code — against the running
 * local runtime, and against the identity provider itself with the clock moved forward.
 */
import { describe, expect, it, inject } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { decodeJwt } from 'jose';
import { DEMO_PASSWORD } from '../../local/demo/users.js';
import { LocalIdentity } from '../../local/identity.js';
import { ID_TOKEN_TTL_SECONDS, REFRESH_TTL_SECONDS, SESSION_IDLE_SECONDS } from '../../shared/platform/auth/session-lifetime.js';

const urls = inject('urls');

interface Answer {
  status: number;
  body: { idToken?: string; expiresIn?: number; idleSeconds?: number; signedOut?: boolean; error?: { code: string; message: string } } & Record<string, unknown>;
  setCookie: string[];
  nosniff: string | null;
}

async function post(path: string, opts: { cookie?: string; body?: unknown; origin?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.cookie !== undefined) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${urls.web}${path}`, { method: 'POST', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : {}, setCookie: r.headers.getSetCookie(), nosniff: r.headers.get('x-content-type-options') };
}

/** Sign in as a demo user: the answer and the refresh cookie as a browser would send it back (`name=value`). */
async function signIn(username = 'manager.das') {
  const r = await post('/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(r.status).toBe(200);
  const cookie = r.setCookie.find((c) => c.startsWith('vatra_refresh='))!;
  return { answer: r, setCookie: cookie, cookie: cookie.split(';')[0]! };
}

const attributes = (setCookie: string) => setCookie.split(';').slice(1).map((a) => a.trim().toLowerCase());
const me = (idToken: string) => fetch(`${urls.api}/me`, { headers: { authorization: `Bearer ${idToken}` } }).then((r) => r.status);

describe('local session: short ID token, refresh cookie, logout', () => {
  it('signs in with a 15-minute ID token and an HttpOnly, SameSite=Strict refresh cookie for /auth only', async () => {
    const { answer, setCookie, cookie } = await signIn();
    expect(answer.body.expiresIn).toBe(ID_TOKEN_TTL_SECONDS);
    expect(answer.body.idleSeconds).toBe(SESSION_IDLE_SECONDS);
    const claims = decodeJwt(answer.body.idToken!);
    expect(claims.exp! - claims.iat!).toBe(ID_TOKEN_TTL_SECONDS);
    expect(attributes(setCookie).sort()).toEqual(['httponly', `max-age=${REFRESH_TTL_SECONDS}`, 'path=/auth', 'samesite=strict']);
    // the refresh credential is only in the cookie: never in the body the page's script reads
    const value = cookie.slice('vatra_refresh='.length);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(answer.body)).not.toContain(value);
  });

  it('POST /auth/refresh gives a new ID token the API accepts', async () => {
    const { answer, cookie } = await signIn();
    const r = await post('/auth/refresh', { cookie });
    expect(r.status).toBe(200);
    expect(r.body.expiresIn).toBe(ID_TOKEN_TTL_SECONDS);
    expect(r.body.idToken).not.toBe(answer.body.idToken);
    expect(decodeJwt(r.body.idToken!).sub).toBe(decodeJwt(answer.body.idToken!).sub);
    expect(await me(r.body.idToken!)).toBe(200);
    // the same cookie keeps working (not rotated: two tabs share it)
    expect((await post('/auth/refresh', { cookie })).status).toBe(200);
  });

  it('refuses a refresh without a cookie, with an unknown or malformed one, or from another site — stable codes, nosniff', async () => {
    const none = await post('/auth/refresh');
    expect(none).toMatchObject({ status: 401, body: { error: { code: 'REFRESH_MISSING' } }, nosniff: 'nosniff' });
    for (const cookie of ['vatra_refresh=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'vatra_refresh=%00%ZZ;;', `vatra_refresh=${'x'.repeat(5000)}`]) {
      const r = await post('/auth/refresh', { cookie });
      expect(r, cookie.slice(0, 40)).toMatchObject({ status: 401, body: { error: { code: 'REFRESH_INVALID' } }, nosniff: 'nosniff' });
      expect(r.body.error!.message).toMatch(/Autentificați-vă din nou/);
      // the browser is told to forget a cookie that is of no use
      expect(r.setCookie.some((c) => /^vatra_refresh=;/.test(c) && /Max-Age=0/.test(c))).toBe(true);
    }
    const { cookie } = await signIn();
    const cross = await post('/auth/refresh', { cookie, origin: 'https://evil.example' });
    expect(cross).toMatchObject({ status: 403, body: { error: { code: 'CROSS_ORIGIN' } }, nosniff: 'nosniff' });
    expect(cross.body.idToken).toBeUndefined();
    expect((await post('/auth/logout', { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/auth/refresh', { cookie, origin: urls.web })).status).toBe(200); // the app's own page
    // a forged sign-in from another site's page (login CSRF): refused, and no cookie is set
    const forged = await post('/auth/login', { body: { username: 'manager.das', password: DEMO_PASSWORD }, origin: 'https://evil.example' });
    expect(forged).toMatchObject({ status: 403, body: { error: { code: 'CROSS_ORIGIN' } } });
    expect(forged.setCookie).toEqual([]);
    expect((await post('/auth/login', { body: { username: 'manager.das', password: DEMO_PASSWORD }, origin: urls.web })).status).toBe(200);
  });

  it('POST /auth/logout revokes the refresh cookie: a later refresh is refused REFRESH_REVOKED; other sessions go on', async () => {
    const first = await signIn();
    const second = await signIn(); // the same user in another browser
    const out = await post('/auth/logout', { cookie: first.cookie });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedOut: true });
    expect(out.setCookie).toHaveLength(1);
    expect(attributes(out.setCookie[0]!)).toEqual(expect.arrayContaining(['path=/auth', 'httponly', 'samesite=strict', 'max-age=0']));
    const again = await post('/auth/refresh', { cookie: first.cookie });
    expect(again).toMatchObject({ status: 401, body: { error: { code: 'REFRESH_REVOKED', message: 'Ați ieșit din cont. Autentificați-vă din nou.' } }, nosniff: 'nosniff' });
    expect(again.body.idToken).toBeUndefined();
    expect((await post('/auth/refresh', { cookie: second.cookie })).status).toBe(200);
    // logging out twice, or without a cookie, is harmless
    expect((await post('/auth/logout', { cookie: first.cookie })).status).toBe(200);
    expect((await post('/auth/logout')).status).toBe(200);
  });

  it('tells the SPA its idle limit in config.json', async () => {
    const r = await fetch(`${urls.web}/config.json`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ apiBaseUrl: '/api', auth: 'local', sessionIdleSeconds: SESSION_IDLE_SECONDS });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('local identity provider: refresh lifetime, idle limit, revocation across restarts (clock moved forward)', () => {
  const lifetime = { idTokenTtlSeconds: 60, refreshTtlSeconds: 3600, idleSeconds: 600 };
  const open = (dir: string) => LocalIdentity.open(dir, 'http://local-test/issuer', lifetime);

  it('refreshes while in use, refuses after the idle limit and after the refresh lifetime', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vatra-refresh-'));
    const id = await open(dir);
    await id.addUser({ username: 'u', password: 'correct horse', name: 'Test', groups: ['case_manager'], institution: 'DAS' });
    const t0 = new Date('2026-06-01T08:00:00Z').getTime();
    const login = await id.login('u', 'correct horse', new Date(t0));
    if (!login.ok) throw new Error('login failed');
    expect(login.expiresIn).toBe(60);
    // used every 9 minutes (within the 10-minute idle limit): refreshed for the whole hour, then refused
    let t = t0;
    for (let i = 1; i <= 6; i++) {
      t = t0 + i * 9 * 60_000;
      const r = await id.refresh(login.refreshToken, new Date(t));
      expect(r.ok, `after ${i * 9} minutes`).toBe(true);
      if (r.ok) expect(decodeJwt(r.idToken).exp).toBe(Math.floor(t / 1000) + 60);
    }
    expect(await id.refresh(login.refreshToken, new Date(t0 + 3600_000))).toMatchObject({ ok: false, code: 'REFRESH_EXPIRED' });

    // unused for longer than the idle limit (the tab closed, the computer slept): refused
    const other = await id.login('u', 'correct horse', new Date(t0));
    if (!other.ok) throw new Error('login failed');
    expect((await id.refresh(other.refreshToken, new Date(t0 + 600_000))).ok).toBe(true);
    expect(await id.refresh(other.refreshToken, new Date(t0 + 600_000 + 600_001))).toMatchObject({ ok: false, code: 'REFRESH_EXPIRED', message: 'Sesiunea a expirat. Vă rugăm să vă autentificați din nou.' });
  });

  it('keeps sessions and revocations across a restart, storing no usable token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vatra-refresh-'));
    const id = await open(dir);
    await id.addUser({ username: 'u', password: 'correct horse', name: 'Test', groups: ['case_manager'], institution: 'DAS' });
    const now = new Date();
    const kept = await id.login('u', 'correct horse', now);
    const revoked = await id.login('u', 'correct horse', now);
    if (!kept.ok || !revoked.ok) throw new Error('login failed');
    expect(id.revoke(revoked.refreshToken, now)).toBe(true);
    const reopened = await open(dir);
    expect((await reopened.refresh(kept.refreshToken, now)).ok).toBe(true);
    expect(await reopened.refresh(revoked.refreshToken, now)).toMatchObject({ ok: false, code: 'REFRESH_REVOKED' });
    const stored = readFileSync(join(dir, 'identity', 'refresh-sessions.json'), 'utf8');
    expect(stored).not.toContain(kept.refreshToken);
    expect(stored).not.toContain(revoked.refreshToken);
  });
});
