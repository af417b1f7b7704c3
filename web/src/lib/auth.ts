/**
 * Signing in, behind one interface so the deployed (Cognito) and local identity providers are interchangeable.
 * `config.json` names the mode; the app asks `authProviderFor(config)` and never talks to an identity service itself.
 *
 * - `local` (npm start): a username/password form, POST /auth/login → a short-lived ID token, plus an HttpOnly
 *   refresh cookie the page never sees; POST /auth/refresh → a new ID token (also after a reload); POST /auth/logout
 *   revokes the cookie.
 * - `cognito` (AWS): Cognito's managed login with the OAuth 2.0 authorization-code flow and PKCE (RFC 7636). The app
 *   sends the browser to `<authDomain>/oauth2/authorize`; Cognito's pages ask for the password and the TOTP code (and
 *   set TOTP up on first sign-in); Cognito sends the browser back with `?code=…&state=…`, and the app exchanges the
 *   code at `<authDomain>/oauth2/token` for the ID token and a refresh token, both kept in memory only; the refresh
 *   token grant gives new ID tokens. A reload goes back through managed login (its own session signs the user in
 *   again without a password while it lasts). No client secret, no token in a URL or in storage, no SDK.
 */
export interface WebConfig {
  apiBaseUrl: string;
  auth: string;
  region?: string;
  userPoolId?: string;
  clientId?: string;
  /** cognito: base URL of managed login, `https://<prefix>.auth.<region>.amazoncognito.com` */
  authDomain?: string;
  /** sign out after this many seconds without keyboard or pointer activity (default 30 minutes) */
  sessionIdleSeconds?: number;
}

export interface SignedIn {
  idToken: string;
  /** seconds the token is valid for */
  expiresIn: number;
}

/** What both providers do once signed in: a new ID token before the current one lapses, and on a reload. */
interface Refreshing {
  /** A new ID token. SignInError: `NETWORK` (try again later) or why the session is over (REFRESH_*). */
  refresh(): Promise<SignedIn>;
}

/** The login page shows a username/password form and hands both to the provider. */
export interface PasswordAuthProvider extends Refreshing {
  readonly mode: string;
  readonly kind: 'password';
  signIn(username: string, password: string): Promise<SignedIn>;
  /** On start (a reload): the session the refresh cookie still holds, or undefined when there is none. */
  resume(): Promise<SignedIn | undefined>;
  /** Revoke the refresh cookie (best effort: the page forgets its token whatever the answer). */
  signOut(): Promise<void>;
}

/** The login page shows one button; the identity provider's own pages do the rest and send the browser back. */
export interface RedirectAuthProvider extends Refreshing {
  readonly mode: string;
  readonly kind: 'redirect';
  /** Leave for the identity provider's sign-in page. Rejects (SignInError) only when the browser cannot do it. */
  beginSignIn(): Promise<void>;
  /** Whether the current URL is a return from the identity provider (`?code=…` or `?error=…`). */
  hasCallback(): boolean;
  /** Finish a return: check it, exchange the code, clean the URL. SignInError with a Romanian message on failure. */
  completeSignIn(): Promise<SignedIn>;
  /** After the app has cleared its session: end the identity provider's session too (the browser leaves the app). */
  signOut(reason?: SignOutReason): void;
  /** On start (a reload of a signed-in tab): leave for managed login again to come back signed in. */
  resumeByRedirect(): Promise<boolean>;
}

export type SignOutReason = 'signed-out' | 'idle';

export type AuthProvider = PasswordAuthProvider | RedirectAuthProvider;

export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

/** The local runtime's identity provider: POST /auth/login, /auth/refresh, /auth/logout (the cookie goes along). */
export function localAuth(fetchImpl: typeof fetch = (...a) => fetch(...a), authBase = '/auth'): PasswordAuthProvider {
  const post = async (path: string, body?: unknown): Promise<{ res: Response; body: { idToken?: string; expiresIn?: number; error?: { code?: string; message?: string } } }> => {
    let res: Response;
    try {
      res = await fetchImpl(`${authBase}${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new SignInError('NETWORK', 'Serverul nu răspunde. Verificați conexiunea și încercați din nou.');
    }
    return { res, body: (await res.json().catch(() => ({}))) as never };
  };
  const refresh = async (): Promise<SignedIn> => {
    const { res, body } = await post('/refresh');
    if (res.ok && body.idToken) return { idToken: body.idToken, expiresIn: body.expiresIn ?? 900 };
    if (res.status >= 500 || res.status === 0) throw new SignInError('NETWORK', 'Serverul nu răspunde. Verificați conexiunea și încercați din nou.');
    throw new SignInError(body.error?.code ?? 'REFRESH_INVALID', body.error?.message ?? 'Sesiunea a expirat. Vă rugăm să vă autentificați din nou.');
  };
  return {
    mode: 'local',
    kind: 'password',
    async signIn(username, password) {
      const { res, body } = await post('/login', { username, password });
      if (!res.ok || !body.idToken) {
        throw new SignInError(body.error?.code ?? 'INVALID_CREDENTIALS', body.error?.message ?? 'Utilizatorul sau parola nu sunt corecte.');
      }
      return { idToken: body.idToken, expiresIn: body.expiresIn ?? 900 };
    },
    refresh,
    async resume() {
      try {
        return await refresh();
      } catch (e) {
        if (e instanceof SignInError && e.code === 'REFRESH_MISSING') return undefined; // nobody signed in: the form
        throw e;
      }
    },
    async signOut() {
      await post('/logout').catch(() => undefined);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// PKCE (RFC 7636) and the OAuth 2.0 authorization-code flow against Cognito's managed login

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code verifier from 32 random octets: 43 characters of [A-Za-z0-9_-] (RFC 7636 §4.1). */
export function codeVerifierFrom(random: Uint8Array): string {
  if (random.length < 32) throw new Error('a PKCE code verifier needs at least 32 random octets');
  return base64url(random);
}

/** The S256 code challenge: base64url(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). */
export async function codeChallenge(verifier: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  return base64url(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export async function pkcePair(random: (n: number) => Uint8Array = randomBytes): Promise<{ verifier: string; challenge: string }> {
  const verifier = codeVerifierFrom(random(32));
  return { verifier, challenge: await codeChallenge(verifier) };
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export interface AuthorizeRequest {
  authDomain: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

export const OAUTH_SCOPE = 'openid email profile';

export function authorizeUrl(r: AuthorizeRequest): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: r.clientId,
    redirect_uri: r.redirectUri,
    scope: OAUTH_SCOPE,
    state: r.state,
    code_challenge: r.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `${trimSlash(r.authDomain)}/oauth2/authorize?${q}`;
}

export function logoutUrl(authDomain: string, clientId: string, logoutUri: string): string {
  return `${trimSlash(authDomain)}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: logoutUri })}`;
}

/** Where Cognito sends the browser back: the app's own address without query or fragment (`https://host/`). */
export function appRedirectUri(location: Pick<Location, 'origin' | 'pathname'>): string {
  return location.origin + location.pathname.replace(/[^/]*$/, '');
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/** What the browser offers the Cognito provider; tests hand in fakes. */
export interface BrowserEnv {
  fetch: typeof fetch;
  /** sessionStorage: the pending sign-in survives the round trip in this tab only */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** read on every call (window.location is live) */
  location: Pick<Location, 'origin' | 'pathname' | 'search' | 'hash'>;
  /** leave the app for this URL (location.assign) */
  navigate(url: string): void;
  /** change the address without reloading (history.replaceState) */
  replaceUrl(url: string): void;
  random?: (n: number) => Uint8Array;
}

/** The real browser, looked up on use (so a provider can be made where there is no window, e.g. in unit tests). */
function browserEnv(): BrowserEnv {
  return {
    fetch: (...a) => fetch(...a),
    get storage() {
      return sessionStorage;
    },
    get location() {
      return window.location;
    },
    navigate: (url) => window.location.assign(url),
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  };
}

/** sessionStorage key of the sign-in under way (state, code verifier, redirect URI, where to return in the app). */
export const PENDING_KEY = 'vatra.signin';
/** sessionStorage key set just before leaving for Cognito's sign-out, so the login page can say so on return. */
export const SIGNED_OUT_KEY = 'vatra.signedOut';
/** sessionStorage key saying this tab is signed in (no token in it): a reload goes back through managed login. */
export const RESUME_KEY = 'vatra.resume';

interface Pending {
  state: string;
  verifier: string;
  redirectUri: string;
  /** the app's hash route when sign-in started (e.g. `#/cazuri/…` after a session expired) */
  returnTo: string;
}

export const COGNITO_MESSAGES = {
  cancelled: 'Autentificarea a fost anulată sau refuzată. Încercați din nou.',
  refused: (code: string) => `Serviciul de autentificare a refuzat cererea (${code}). Încercați din nou sau anunțați administratorul.`,
  state: 'Răspunsul de autentificare nu corespunde unei cereri pornite din această fereastră și a fost ignorat. Încercați din nou.',
  token: 'Autentificarea nu a putut fi finalizată (codul primit a expirat sau a fost deja folosit). Încercați din nou.',
  network: 'Serviciul de autentificare nu răspunde. Verificați conexiunea și încercați din nou.',
  insecure: 'Browserul nu permite autentificarea securizată pe această pagină (este necesară o conexiune https). Anunțați administratorul.',
  expired: 'Sesiunea a expirat. Vă rugăm să vă autentificați din nou.',
} as const;

/** Cognito managed login, authorization-code flow with PKCE. `config` must carry authDomain and clientId. */
export function cognitoAuth(config: { authDomain: string; clientId: string }, env: BrowserEnv = browserEnv()): RedirectAuthProvider {
  const { authDomain, clientId } = config;
  const random = env.random ?? randomBytes;
  const params = () => new URLSearchParams(env.location.search);
  // the refresh token: in this closure only (memory), never in storage; gone on reload
  let refreshToken: string | undefined;

  const tokenRequest = async (form: Record<string, string>): Promise<{ res: Response; body: { id_token?: unknown; expires_in?: unknown; refresh_token?: unknown; error?: unknown } }> => {
    let res: Response;
    try {
      res = await env.fetch(`${trimSlash(authDomain)}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    } catch {
      throw new SignInError('NETWORK', COGNITO_MESSAGES.network);
    }
    return { res, body: (await res.json().catch(() => ({}))) as never };
  };

  const takePending = (): Pending | undefined => {
    const raw = env.storage.getItem(PENDING_KEY);
    env.storage.removeItem(PENDING_KEY); // single use, whatever happens next
    if (!raw) return undefined;
    try {
      const p = JSON.parse(raw) as Partial<Pending>;
      if (typeof p.state === 'string' && typeof p.verifier === 'string' && typeof p.redirectUri === 'string') {
        return { state: p.state, verifier: p.verifier, redirectUri: p.redirectUri, returnTo: typeof p.returnTo === 'string' ? p.returnTo : '' };
      }
    } catch {
      // unreadable: as if there were none
    }
    return undefined;
  };

  return {
    mode: 'cognito',
    kind: 'redirect',

    async beginSignIn() {
      let pair: { verifier: string; challenge: string };
      let state: string;
      try {
        pair = await pkcePair(random);
        state = base64url(random(16));
      } catch {
        // crypto.subtle exists only in secure contexts (https, localhost)
        throw new SignInError('INSECURE_CONTEXT', COGNITO_MESSAGES.insecure);
      }
      const redirectUri = appRedirectUri(env.location);
      const pending: Pending = { state, verifier: pair.verifier, redirectUri, returnTo: env.location.hash.startsWith('#/') ? env.location.hash : '' };
      env.storage.setItem(PENDING_KEY, JSON.stringify(pending));
      env.navigate(authorizeUrl({ authDomain, clientId, redirectUri, state, codeChallenge: pair.challenge }));
    },

    hasCallback() {
      const q = params();
      return q.has('code') || q.has('error');
    },

    async completeSignIn() {
      const q = params();
      const pending = takePending();
      // the code is single-use and the URL must not be bookmarked or reloaded with it: clean it before anything else
      env.replaceUrl(env.location.pathname + (pending?.returnTo || env.location.hash));

      const error = q.get('error');
      if (error) {
        const code = /^[a-z_]{1,64}$/.test(error) ? error : 'unknown_error';
        throw new SignInError(code.toUpperCase(), code === 'access_denied' ? COGNITO_MESSAGES.cancelled : COGNITO_MESSAGES.refused(code));
      }
      const code = q.get('code');
      if (!pending || !code || q.get('state') !== pending.state) throw new SignInError('STATE_MISMATCH', COGNITO_MESSAGES.state);

      const { res, body } = await tokenRequest({
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: pending.redirectUri,
        code_verifier: pending.verifier,
      });
      if (!res.ok || typeof body.id_token !== 'string' || !body.id_token) {
        throw new SignInError(typeof body.error === 'string' && /^[a-z_]{1,64}$/.test(body.error) ? body.error.toUpperCase() : 'TOKEN_EXCHANGE', COGNITO_MESSAGES.token);
      }
      // the refresh token stays in memory for the refresh token grant; the access token is not used
      refreshToken = typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined;
      env.storage.setItem(RESUME_KEY, '1');
      const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 900;
      return { idToken: body.id_token, expiresIn };
    },

    async refresh() {
      if (!refreshToken) throw new SignInError('REFRESH_MISSING', COGNITO_MESSAGES.expired);
      const { res, body } = await tokenRequest({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken });
      if (res.status >= 500) throw new SignInError('NETWORK', COGNITO_MESSAGES.network);
      if (!res.ok || typeof body.id_token !== 'string' || !body.id_token) {
        refreshToken = undefined;
        throw new SignInError('REFRESH_EXPIRED', COGNITO_MESSAGES.expired);
      }
      const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 900;
      return { idToken: body.id_token, expiresIn };
    },

    async resumeByRedirect() {
      if (env.storage.getItem(RESUME_KEY) !== '1') return false;
      env.storage.removeItem(RESUME_KEY); // once: a failed return shows the login page, never a loop
      await this.beginSignIn();
      return true;
    },

    signOut(reason: SignOutReason = 'signed-out') {
      env.storage.removeItem(RESUME_KEY);
      env.storage.setItem(SIGNED_OUT_KEY, reason === 'idle' ? 'idle' : '1');
      // revoke the refresh token (Cognito's /oauth2/revoke), then end managed login's own session
      const token = refreshToken;
      refreshToken = undefined;
      if (token) {
        env.fetch(`${trimSlash(authDomain)}/oauth2/revoke`, {
          method: 'POST',
          keepalive: true,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token, client_id: clientId }).toString(),
        }).catch(() => undefined);
      }
      env.navigate(logoutUrl(authDomain, clientId, appRedirectUri(env.location)));
    },
  };
}

/** Why the tab came back from the identity provider's sign-out (once): the user's choice or the idle limit. */
export function takeSignOutReason(storage: Pick<Storage, 'getItem' | 'removeItem'>): SignOutReason | undefined {
  const v = storage.getItem(SIGNED_OUT_KEY);
  if (v) storage.removeItem(SIGNED_OUT_KEY);
  return v === '1' ? 'signed-out' : v === 'idle' ? 'idle' : undefined;
}

const providers: Record<string, (config: WebConfig) => AuthProvider | undefined> = {
  local: () => localAuth(),
  // without a usable managed-login address and client the mode counts as unsupported (the login page says so)
  cognito: (c) => (c.authDomain && /^https:\/\/[^/?#]+\/?$/.test(c.authDomain) && c.clientId ? cognitoAuth({ authDomain: c.authDomain, clientId: c.clientId }) : undefined),
};

/** The provider for the configured mode, or undefined when this build has none for it (the login page says so). */
export function authProviderFor(config: WebConfig): AuthProvider | undefined {
  return providers[config.auth]?.(config);
}

export async function loadConfig(fetchImpl: typeof fetch = (...a) => fetch(...a)): Promise<WebConfig> {
  try {
    const res = await fetchImpl('/config.json', { cache: 'no-store' });
    if (res.ok) {
      const c = (await res.json()) as Partial<WebConfig>;
      if (typeof c.apiBaseUrl === 'string' && typeof c.auth === 'string') return c as WebConfig;
    }
  } catch {
    // fall through to the local defaults
  }
  return { apiBaseUrl: '/api', auth: 'local' };
}
