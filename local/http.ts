/**
 * The local stand-in for API Gateway (HTTP API, payload v2, JWT authorizer) and CloudFront (static web UI):
 * one HTTP server on 127.0.0.1. `/api/*` becomes an API Gateway v2 event for the function the route names;
 * `/auth/*` is the local Cognito; `/_local/*` are operator controls (admin token required); everything else is the SPA.
 */
import { runtimeClock } from '../shared/platform/env.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { JWTPayload } from 'jose';
import { matchRoute, routes, routeKey, type RouteDef } from '../shared/manifest/routes.js';
import type { LocalIdentity } from './identity.js';
import type { LocalFunctions } from './functions.js';
import { asAppError } from '../shared/platform/http/errors.js';
import { errorBody } from '../shared/platform/http/api.js';
import { assertWellFormedPath, decodeSegment, parseJsonObject } from '../shared/platform/http/request.js';

const MAX_BODY = 6 * 1024 * 1024;

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export const webSecurityHeaders: Record<string, string> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export type LocalControl = (req: { method: string; path: string; body: unknown; claims: JWTPayload }) => Promise<{ status: number; body: unknown }>;

export interface LocalHttpOptions {
  host: string;
  port: number;
  identity: LocalIdentity;
  functions: LocalFunctions;
  webDir: string;
  control?: LocalControl;
  routeList?: readonly RouteDef[];
  log?: (m: string, d?: Record<string, unknown>) => void;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('payload too large'), { status: 413 });
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The refresh cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it), only to /auth. */
export const REFRESH_COOKIE = 'vatra_refresh';
export const REFRESH_COOKIE_PATH = '/auth';

/**
 * `Secure` is left out: the local server speaks plain http on 127.0.0.1, where a browser would drop a Secure cookie
 * set over http on some addresses. On AWS there is no cookie (Cognito's refresh token stays in the SPA's memory).
 */
export function refreshCookie(value: string, maxAgeSeconds: number): string {
  return `${REFRESH_COOKIE}=${value}; Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      return /^[A-Za-z0-9_-]{1,128}$/.test(v) ? v : v ? '!' : undefined; // anything else is no value this server issued
    }
  }
  return undefined;
}

/** A browser always names the page's origin on a POST; another site's page is refused (besides SameSite=Strict). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser page (curl, tests)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // every answer of the server itself (401, 403, 404, 405, 413, …) carries nosniff, like the API's own answers
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

/** API Gateway's JWT authorizer hands claims to the integration as strings; arrays become "[a b]". */
export function flattenClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  return m?.[1];
}

export function startLocalHttp(opts: LocalHttpOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const list = opts.routeList ?? routes;
  const webRoot = resolve(opts.webDir);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      // a malformed %-encoding anywhere in the path (API, auth, controls, static files): 400, as the API adapter answers
      assertWellFormedPath(url.pathname);
      if (url.pathname.startsWith('/api/') || url.pathname === '/api') {
        await handleApi(req, res, url, method);
      } else if (url.pathname === '/auth/login' && method === 'POST') {
        // another site's page must not sign this browser in (into the attacker's account) through a forged form
        if (!sameOrigin(req)) return send(res, 403, { error: { code: 'CROSS_ORIGIN', message: 'Cererea nu vine de pe pagina aplicației.' } });
        const body = parseJsonObject((await readBody(req)).toString('utf8')) as { username?: unknown; password?: unknown };
        if (typeof body.username !== 'string' || typeof body.password !== 'string') {
          return send(res, 400, { error: { code: 'VALIDATION_FAILED', message: 'Introduceți utilizatorul și parola.' } });
        }
        const r = await opts.identity.login(body.username, body.password, new Date(), req.socket.remoteAddress ?? '-');
        if (r.ok) {
          return send(res, 200, { idToken: r.idToken, expiresIn: r.expiresIn, idleSeconds: opts.identity.lifetime.idleSeconds }, { 'set-cookie': refreshCookie(r.refreshToken, r.refreshExpiresIn) });
        }
        if (r.code === 'TOO_MANY_ATTEMPTS') return send(res, 429, { error: { code: r.code, message: r.message } }, { 'retry-after': String(r.retryAfterSeconds) });
        return send(res, 401, { error: { code: r.code, message: r.message } });
      } else if (url.pathname === '/auth/refresh' && method === 'POST') {
        if (!sameOrigin(req)) return send(res, 403, { error: { code: 'CROSS_ORIGIN', message: 'Cererea nu vine de pe pagina aplicației.' } });
        const r = await opts.identity.refresh(cookieValue(req, REFRESH_COOKIE));
        if (r.ok) return send(res, 200, { idToken: r.idToken, expiresIn: r.expiresIn, idleSeconds: opts.identity.lifetime.idleSeconds });
        // a refused cookie is of no further use: the browser forgets it
        return send(res, 401, { error: { code: r.code, message: r.message } }, r.code === 'REFRESH_MISSING' ? {} : { 'set-cookie': refreshCookie('', 0) });
      } else if (url.pathname === '/auth/logout' && method === 'POST') {
        if (!sameOrigin(req)) return send(res, 403, { error: { code: 'CROSS_ORIGIN', message: 'Cererea nu vine de pe pagina aplicației.' } });
        opts.identity.revoke(cookieValue(req, REFRESH_COOKIE));
        return send(res, 200, { signedOut: true }, { 'set-cookie': refreshCookie('', 0) });
      } else if (url.pathname === '/auth/config') {
        send(res, 200, { mode: 'local', issuer: opts.identity.issuer });
      } else if (url.pathname.startsWith('/_local/')) {
        const token = bearer(req);
        const claims = token ? await opts.identity.verify(token) : undefined;
        const groups = (claims?.['cognito:groups'] as string[] | undefined) ?? [];
        if (!claims || !groups.includes('admin')) return send(res, 403, { error: { code: 'FORBIDDEN', message: 'Doar administratorul poate folosi controalele locale.' } });
        if (!opts.control) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'Nu există.' } });
        const raw = await readBody(req);
        const r = await opts.control({ method, path: url.pathname.slice('/_local'.length), body: parseJsonObject(raw.toString('utf8')), claims });
        send(res, r.status, r.body);
      } else if (method === 'GET' || method === 'HEAD') {
        serveStatic(res, url.pathname);
      } else {
        send(res, 405, { message: 'Method Not Allowed' });
      }
    } catch (err) {
      const answered = asAppError(err);
      if (answered) {
        if (!res.headersSent) send(res, answered.status, errorBody(answered));
        return;
      }
      const status = (err as { status?: number }).status ?? 500;
      opts.log?.('http error', { path: url.pathname, error: (err as Error).message });
      if (!res.headersSent) send(res, status, status === 500 ? { message: 'Internal Server Error' } : { message: (err as Error).message });
    }
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    const path = url.pathname.slice('/api'.length) || '/';
    const match = matchRoute(list, method, path);
    if (!match) return send(res, 404, { message: 'Not Found' });
    const { route, pathParameters } = match;
    let claims: Record<string, string> | undefined;
    if (route.auth === 'jwt') {
      const token = bearer(req);
      const payload = token ? await opts.identity.verify(token) : undefined;
      if (!payload) return send(res, 401, { message: 'Unauthorized' });
      claims = flattenClaims(payload);
    }
    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    }
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const textual = raw.length === 0 || /json|text|xml|csv|urlencoded/.test(headers['content-type'] ?? 'application/json');
    const now = runtimeClock().now(); // the injected clock (VATRA_CLOCK / VATRA_CLOCK_OFFSET)
    const event = {
      version: '2.0',
      routeKey: routeKey(route),
      rawPath: path,
      rawQueryString: url.search.slice(1),
      headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
      body: raw.length ? (textual ? raw.toString('utf8') : raw.toString('base64')) : undefined,
      isBase64Encoded: raw.length > 0 && !textual,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? '127.0.0.1',
        domainPrefix: 'local',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(),
        routeKey: routeKey(route),
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        authorizer: claims ? { jwt: { claims, scopes: null }, principalId: '', integrationLatency: 0 } : undefined,
      },
    };
    const result = (await opts.functions.invoke(route.function, event)) as {
      statusCode?: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean;
    } | null;
    const status = result?.statusCode ?? 200;
    const body = result?.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    res.writeHead(status, { ...(result?.headers ?? {}) });
    res.end(body);
  }

  function serveStatic(res: ServerResponse, pathname: string) {
    if (pathname === '/config.json') {
      // the built config.json plus this runtime's idle limit (VATRA_SESSION_IDLE_S)
      const built = join(webRoot, 'config.json');
      let config: Record<string, unknown> = { apiBaseUrl: '/api', auth: 'local' };
      try {
        if (existsSync(built)) config = { ...config, ...(JSON.parse(readFileSync(built, 'utf8')) as Record<string, unknown>) };
      } catch {
        // a broken build: the defaults
      }
      return send(res, 200, { ...config, sessionIdleSeconds: opts.identity.lifetime.idleSeconds }, webSecurityHeaders);
    }
    const rel = normalize(pathname.split('/').map(decodeSegment).join('/')).replace(/^(\.\.[/\\])+/, '');
    let file = join(webRoot, rel);
    if (!file.startsWith(webRoot)) return send(res, 403, { message: 'Forbidden' });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(webRoot, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Interfața web nu este construită încă (npm run build:web).');
    }
    const type = mime[extname(file)] ?? 'application/octet-stream';
    const immutable = /\.[0-9a-f]{8,}\./.test(file);
    res.writeHead(200, { 'content-type': type, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache', ...webSecurityHeaders });
    res.end(readFileSync(file));
  }

  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      resolveStart({
        server,
        url: `http://${opts.host}:${port}`,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
