/** A small client for tests: logs in through the local identity provider and calls the HTTP API like the SPA does. */
import { DEMO_PASSWORD } from '../../local/demo/users.js';
import type { RuntimeUrls } from './runtime.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  private tokens = new Map<string, { idToken: string; renewAt: number }>();
  constructor(readonly urls: RuntimeUrls) {}

  /** An ID token for the user; signs in again a minute before it lapses (ID tokens live 15 minutes). */
  async token(username: string, password = DEMO_PASSWORD): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached && cached.renewAt > Date.now()) return cached.idToken;
    const r = await fetch(`${this.urls.web}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await r.json()) as { idToken?: string; expiresIn?: number; error?: { message: string } };
    if (!r.ok || !body.idToken) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(body)}`);
    this.tokens.set(username, { idToken: body.idToken, renewAt: Date.now() + Math.max(5, (body.expiresIn ?? 900) - 60) * 1000 });
    return body.idToken;
  }

  async call<T = any>(method: string, path: string, opts: { as?: string; body?: unknown; token?: string; raw?: boolean } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    const token = opts.token ?? (opts.as ? await this.token(opts.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${this.urls.api}${path}`, { method, headers, body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) });
    const text = await r.text();
    let body: unknown = text;
    if ((r.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
    return { status: r.status, body: body as T, headers: r.headers };
  }

  get = <T = any>(path: string, as: string) => this.call<T>('GET', path, { as });
  post = <T = any>(path: string, as: string, body: unknown) => this.call<T>('POST', path, { as, body });
  put = <T = any>(path: string, as: string, body: unknown) => this.call<T>('PUT', path, { as, body });

  /** Operator controls of the local runtime (admin token). */
  async control<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const token = await this.token('admin');
    const r = await fetch(`${this.urls.web}/_local${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as T, headers: r.headers };
  }
}

/** Poll until `fn` returns a truthy value (workflows run asynchronously). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export interface Mail { from: string; destination: { to: string[] }; subject: string; body: { text?: string; html?: string }; at: number }

export async function inbox(urls: RuntimeUrls): Promise<Mail[]> {
  const r = await fetch(`${urls.ses}/store`);
  const body = (await r.json()) as { emails: Mail[] };
  return body.emails;
}
