import { describe, expect, it } from 'vitest';
import {
  appRedirectUri,
  authorizeUrl,
  authProviderFor,
  base64url,
  codeChallenge,
  codeVerifierFrom,
  cognitoAuth,
  COGNITO_MESSAGES,
  loadConfig,
  localAuth,
  logoutUrl,
  PENDING_KEY,
  pkcePair,
  SIGNED_OUT_KEY,
  SignInError,
  RESUME_KEY,
  takeSignOutReason,
  type BrowserEnv,
} from './auth.js';

const respond = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as unknown as typeof fetch;

describe('sign-in providers', () => {
  it('signs in against the local identity provider', async () => {
    await expect(localAuth(respond(200, { idToken: 'abc', expiresIn: 28800 })).signIn('manager.das', 'x')).resolves.toEqual({ idToken: 'abc', expiresIn: 28800 });
  });

  it('passes on the provider\'s Romanian refusal (wrong password, too many attempts)', async () => {
    const e = await localAuth(respond(429, { error: { code: 'TOO_MANY_ATTEMPTS', message: 'Prea multe încercări eșuate. Reîncercați peste 1 minut.' } })).signIn('a', 'b').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SignInError);
    expect((e as SignInError).code).toBe('TOO_MANY_ATTEMPTS');
    expect((e as SignInError).message).toBe('Prea multe încercări eșuate. Reîncercați peste 1 minut.');
  });

  it('has a provider for the local and cognito modes, none for an unknown mode or an incomplete cognito config', () => {
    expect(authProviderFor({ apiBaseUrl: '/api', auth: 'local' })).toMatchObject({ mode: 'local', kind: 'password' });
    expect(authProviderFor({ apiBaseUrl: 'https://x', auth: 'cognito', clientId: 'c', authDomain: AUTH_DOMAIN })).toMatchObject({ mode: 'cognito', kind: 'redirect' });
    expect(authProviderFor({ apiBaseUrl: 'https://x', auth: 'cognito' })).toBeUndefined();
    expect(authProviderFor({ apiBaseUrl: 'https://x', auth: 'cognito', clientId: 'c', authDomain: 'http://plain.example' })).toBeUndefined();
    expect(authProviderFor({ apiBaseUrl: 'https://x', auth: 'saml' })).toBeUndefined();
  });

  it('reads config.json and falls back to the local defaults', async () => {
    await expect(loadConfig(respond(200, { apiBaseUrl: 'https://api.example', auth: 'cognito', region: 'eu-central-1' }))).resolves.toMatchObject({ apiBaseUrl: 'https://api.example', auth: 'cognito' });
    await expect(loadConfig(respond(404, {}))).resolves.toEqual({ apiBaseUrl: '/api', auth: 'local' });
    await expect(loadConfig(respond(200, { nonsense: true }))).resolves.toEqual({ apiBaseUrl: '/api', auth: 'local' });
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Cognito managed login: authorization code + PKCE

const AUTH_DOMAIN = 'https://test-vatra-login.auth.eu-central-1.amazoncognito.com';
const CLIENT_ID = '4ab1example2client3id';
const ORIGIN = 'https://vatra.example.ro';

/** RFC 7636 appendix B: the 32 octets, the verifier they make, and its S256 challenge. */
const RFC7636 = {
  octets: [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121],
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
};

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), map: m };
}

interface FakeCall {
  url: string;
  init: RequestInit | undefined;
}

/** A browser tab: live location, sessionStorage, recorded navigations and address changes, a scripted token endpoint. */
function fakeBrowser(tokenAnswer: { status: number; body: unknown } | 'network-error' = { status: 200, body: { id_token: 'id.jwt.sig', access_token: 'access-token-value', refresh_token: 'refresh-token-value', expires_in: 28800, token_type: 'Bearer' } }) {
  const location = { origin: ORIGIN, pathname: '/', search: '', hash: '' };
  const storage = memoryStorage();
  const navigations: string[] = [];
  const replaced: string[] = [];
  const calls: FakeCall[] = [];
  let counter = 0;
  const env: BrowserEnv = {
    fetch: (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      if (tokenAnswer === 'network-error') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(tokenAnswer.body), { status: tokenAnswer.status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch,
    storage,
    location,
    navigate: (url) => void navigations.push(url),
    replaceUrl: (url) => {
      replaced.push(url);
      const u = new URL(url, ORIGIN);
      Object.assign(location, { pathname: u.pathname, search: u.search, hash: u.hash });
    },
    // first call: the RFC's verifier octets; then the state's 16 bytes (distinct per call)
    random: (n) => (n === 32 ? Uint8Array.from(RFC7636.octets) : new Uint8Array(n).fill(++counter)),
  };
  /** Cognito sends the browser back to the redirect URI with this query */
  const returnWith = (query: Record<string, string>) => {
    Object.assign(location, { pathname: '/', search: `?${new URLSearchParams(query)}`, hash: '' });
  };
  return { env, location, storage, navigations, replaced, calls, returnWith };
}

const pendingOf = (storage: ReturnType<typeof memoryStorage>) => JSON.parse(storage.map.get(PENDING_KEY)!) as { state: string; verifier: string; redirectUri: string; returnTo: string };

describe('PKCE (RFC 7636)', () => {
  it('makes the verifier from 32 random octets and the S256 challenge as in appendix B', async () => {
    expect(codeVerifierFrom(Uint8Array.from(RFC7636.octets))).toBe(RFC7636.verifier);
    await expect(codeChallenge(RFC7636.verifier)).resolves.toBe(RFC7636.challenge);
    await expect(pkcePair(() => Uint8Array.from(RFC7636.octets))).resolves.toEqual({ verifier: RFC7636.verifier, challenge: RFC7636.challenge });
  });

  it('draws a fresh 43-character base64url verifier each time from Web Crypto', async () => {
    const [a, b] = await Promise.all([pkcePair(), pkcePair()]);
    for (const p of [a, b]) {
      expect(p.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect(codeChallenge(p.verifier)).resolves.toBe(p.challenge);
    }
    expect(a.verifier).not.toBe(b.verifier);
    expect(() => codeVerifierFrom(new Uint8Array(16))).toThrow();
    expect(base64url(Uint8Array.from([0xfb, 0xff, 0xfe]))).toBe('-__-');
  });
});

describe('Cognito managed login', () => {
  it('builds the authorize and logout addresses', () => {
    const url = new URL(authorizeUrl({ authDomain: `${AUTH_DOMAIN}/`, clientId: CLIENT_ID, redirectUri: `${ORIGIN}/`, state: 'st', codeChallenge: RFC7636.challenge }));
    expect(`${url.origin}${url.pathname}`).toBe(`${AUTH_DOMAIN}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${ORIGIN}/`,
      scope: 'openid email profile',
      state: 'st',
      code_challenge: RFC7636.challenge,
      code_challenge_method: 'S256',
    });
    expect(logoutUrl(AUTH_DOMAIN, CLIENT_ID, `${ORIGIN}/`)).toBe(`${AUTH_DOMAIN}/logout?client_id=${CLIENT_ID}&logout_uri=${encodeURIComponent(`${ORIGIN}/`)}`);
    expect(appRedirectUri({ origin: ORIGIN, pathname: '/' })).toBe(`${ORIGIN}/`);
    expect(appRedirectUri({ origin: ORIGIN, pathname: '/index.html' })).toBe(`${ORIGIN}/`);
  });

  it('leaves for managed login with a random state and the PKCE challenge, keeping state and verifier in sessionStorage', async () => {
    const b = fakeBrowser();
    b.location.hash = '#/cazuri/abc';
    const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
    expect(p.hasCallback()).toBe(false);
    await p.beginSignIn();
    expect(b.navigations).toHaveLength(1);
    const url = new URL(b.navigations[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${AUTH_DOMAIN}/oauth2/authorize`);
    const pending = pendingOf(b.storage);
    expect(pending).toEqual({ state: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), verifier: RFC7636.verifier, redirectUri: `${ORIGIN}/`, returnTo: '#/cazuri/abc' });
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('code_challenge')).toBe(RFC7636.challenge);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('openid email profile');
    expect(url.searchParams.has('code_verifier')).toBe(false);
  });

  it('exchanges the code with exactly the form the token endpoint expects, returns the ID token and cleans the URL', async () => {
    const b = fakeBrowser();
    b.location.hash = '#/subventii';
    const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
    await p.beginSignIn();
    const { state } = pendingOf(b.storage);
    b.returnWith({ code: 'auth-code-123', state });
    expect(p.hasCallback()).toBe(true);

    const signedIn = await p.completeSignIn();
    expect(signedIn).toEqual({ idToken: 'id.jwt.sig', expiresIn: 28800 });
    // no token in storage: only the mark that this tab is signed in (a reload goes back through managed login)
    expect([...b.storage.map.entries()]).toEqual([[RESUME_KEY, '1']]);
    expect(b.calls).toHaveLength(1);
    const [call] = b.calls;
    expect(call!.url).toBe(`${AUTH_DOMAIN}/oauth2/token`);
    expect(call!.init?.method).toBe('POST');
    expect(call!.init?.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(call!.init?.body).toBe(
      `grant_type=authorization_code&client_id=${CLIENT_ID}&code=auth-code-123&redirect_uri=${encodeURIComponent(`${ORIGIN}/`)}&code_verifier=${RFC7636.verifier}`,
    );
    // code and state gone from the address, back where the user was; the pending sign-in is used up
    expect(b.replaced).toEqual(['/#/subventii']);
    expect(b.location.search).toBe('');
    expect(p.hasCallback()).toBe(false);
    expect(b.storage.map.has(PENDING_KEY)).toBe(false);
    expect([...b.storage.map.values()].join()).not.toMatch(/refresh-token-value|access-token-value/);
  });

  it('refuses a return whose state is not the one this tab sent, without calling the token endpoint', async () => {
    const b = fakeBrowser();
    const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
    await p.beginSignIn();
    b.returnWith({ code: 'attacker-code', state: 'forged' });
    const e = await p.completeSignIn().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SignInError);
    expect((e as SignInError).code).toBe('STATE_MISMATCH');
    expect((e as SignInError).message).toBe(COGNITO_MESSAGES.state);
    expect(b.calls).toHaveLength(0);
    expect(b.location.search).toBe('');
    expect(b.storage.map.has(PENDING_KEY)).toBe(false);

    // a return in a tab that never started a sign-in (no pending state) is refused the same way
    const other = fakeBrowser();
    other.returnWith({ code: 'c', state: 's' });
    await expect(cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, other.env).completeSignIn()).rejects.toMatchObject({ code: 'STATE_MISMATCH' });
    expect(other.calls).toHaveLength(0);
  });

  it('turns ?error=… into a Romanian message and never shows the provider\'s free text', async () => {
    const b = fakeBrowser();
    const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
    await p.beginSignIn();
    b.returnWith({ error: 'access_denied', error_description: 'User cancelled', state: pendingOf(b.storage).state });
    await expect(p.completeSignIn()).rejects.toMatchObject({ code: 'ACCESS_DENIED', message: COGNITO_MESSAGES.cancelled });
    expect(b.location.search).toBe('');

    b.returnWith({ error: 'invalid_request', error_description: '<b>Click here</b>' });
    const e = (await p.completeSignIn().catch((x: unknown) => x)) as SignInError;
    expect(e.message).toBe(COGNITO_MESSAGES.refused('invalid_request'));
    expect(e.message).not.toContain('Click');
    expect(b.calls).toHaveLength(0);
  });

  it('reports a refused or unreachable token endpoint in Romanian and stores nothing', async () => {
    for (const answer of [{ status: 400, body: { error: 'invalid_grant' } }, { status: 200, body: { access_token: 'only' } }, 'network-error'] as const) {
      const b = fakeBrowser(answer);
      const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
      await p.beginSignIn();
      b.returnWith({ code: 'c', state: pendingOf(b.storage).state });
      const e = (await p.completeSignIn().catch((x: unknown) => x)) as SignInError;
      expect(e).toBeInstanceOf(SignInError);
      expect(e.message).toBe(answer === 'network-error' ? COGNITO_MESSAGES.network : COGNITO_MESSAGES.token);
      expect(b.location.search).toBe('');
      expect(b.storage.map.size).toBe(0);
    }
  });

  it('signs out of managed login too, and the login page hears about it once on return', () => {
    const b = fakeBrowser();
    cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env).signOut();
    expect(b.navigations).toEqual([`${AUTH_DOMAIN}/logout?client_id=${CLIENT_ID}&logout_uri=${encodeURIComponent(`${ORIGIN}/`)}`]);
    expect(b.storage.map.get(SIGNED_OUT_KEY)).toBe('1');
    expect(takeSignOutReason(b.storage)).toBe('signed-out');
    expect(takeSignOutReason(b.storage)).toBeUndefined();
  });

  it('refreshes with the refresh token grant from memory, revokes it on sign-out, and says why after idle', async () => {
    const b = fakeBrowser();
    const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
    await expect(p.refresh()).rejects.toMatchObject({ code: 'REFRESH_MISSING' }); // nothing to refresh before a sign-in
    await p.beginSignIn();
    b.returnWith({ code: 'auth-code-123', state: pendingOf(b.storage).state });
    await p.completeSignIn();
    await expect(p.refresh()).resolves.toEqual({ idToken: 'id.jwt.sig', expiresIn: 28800 });
    const refreshCall = b.calls.at(-1)!;
    expect(refreshCall.url).toBe(`${AUTH_DOMAIN}/oauth2/token`);
    expect(refreshCall.init?.body).toBe(`grant_type=refresh_token&client_id=${CLIENT_ID}&refresh_token=refresh-token-value`);
    expect([...b.storage.map.values()].join()).not.toMatch(/refresh-token-value|access-token-value|id\.jwt/);

    p.signOut('idle');
    const revoke = b.calls.at(-1)!;
    expect(revoke.url).toBe(`${AUTH_DOMAIN}/oauth2/revoke`);
    expect(revoke.init?.body).toBe(`token=refresh-token-value&client_id=${CLIENT_ID}`);
    expect(b.storage.map.has(RESUME_KEY)).toBe(false);
    expect(takeSignOutReason(b.storage)).toBe('idle');
    expect(takeSignOutReason(b.storage)).toBeUndefined();
    await expect(p.refresh()).rejects.toMatchObject({ code: 'REFRESH_MISSING' });
  });

  it('goes back through managed login once after a reload of a signed-in tab', async () => {
    const b = fakeBrowser();
    const p = cognitoAuth({ authDomain: AUTH_DOMAIN, clientId: CLIENT_ID }, b.env);
    await expect(p.resumeByRedirect()).resolves.toBe(false);
    b.storage.setItem(RESUME_KEY, '1');
    await expect(p.resumeByRedirect()).resolves.toBe(true);
    expect(b.navigations).toHaveLength(1);
    expect(b.navigations[0]).toMatch(`${AUTH_DOMAIN}/oauth2/authorize?`);
    await expect(p.resumeByRedirect()).resolves.toBe(false); // never a loop
  });
});

describe('local provider: refresh cookie', () => {
  const script = (answers: Array<{ status: number; body: unknown } | 'network-error'>) => {
    const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
    const f = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const a = answers.shift()!;
      if (a === 'network-error') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    return { calls, f };
  };

  it('resumes a session from the cookie after a reload, or shows the form when there is none', async () => {
    const s = script([{ status: 200, body: { idToken: 'fresh', expiresIn: 900 } }, { status: 401, body: { error: { code: 'REFRESH_MISSING', message: 'x' } } }]);
    const p = localAuth(s.f);
    await expect(p.resume()).resolves.toEqual({ idToken: 'fresh', expiresIn: 900 });
    await expect(p.resume()).resolves.toBeUndefined();
    expect(s.calls.map((c) => [c.url, c.init?.method, c.init?.credentials])).toEqual([['/auth/refresh', 'POST', 'same-origin'], ['/auth/refresh', 'POST', 'same-origin']]);
  });

  it('tells a network failure (try again) from a session that is over (revoked, expired)', async () => {
    const s = script(['network-error', { status: 401, body: { error: { code: 'REFRESH_REVOKED', message: 'Ați ieșit din cont. Autentificați-vă din nou.' } } }, { status: 200, body: { signedOut: true } }]);
    const p = localAuth(s.f);
    await expect(p.refresh()).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(p.resume()).rejects.toMatchObject({ code: 'REFRESH_REVOKED', message: 'Ați ieșit din cont. Autentificați-vă din nou.' });
    await p.signOut();
    expect(s.calls.at(-1)!.url).toBe('/auth/logout');
  });
});
