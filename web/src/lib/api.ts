/**
 * The HTTP API client: JSON in and out, `Authorization: Bearer <idToken>`, and one error type carrying the API's
 * stable code, its Romanian message and field errors. A 401 (the gateway's `{message:'Unauthorized'}`) ends the session.
 */
import type { FieldError } from './form.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** the caller may not see the resource: refused by policy, or a case that "does not exist" for them */
  get denied(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

export const NETWORK_MESSAGE = 'Serverul nu răspunde. Verificați conexiunea la internet și încercați din nou.';
export const SESSION_EXPIRED_MESSAGE = 'Sesiunea a expirat. Vă rugăm să vă autentificați din nou.';

/** Turn an error answer into an ApiError (the API's `{ error: {...} }`, or the gateway's `{ message }`). */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  if (e && typeof e === 'object') {
    const { code, message, fields, ...details } = e as Record<string, unknown>;
    return new ApiError(
      status,
      typeof code === 'string' ? code : `HTTP_${status}`,
      typeof message === 'string' ? message : defaultMessage(status),
      Array.isArray(fields) ? (fields as FieldError[]) : [],
      details,
    );
  }
  return new ApiError(status, status === 401 ? 'UNAUTHENTICATED' : `HTTP_${status}`, defaultMessage(status));
}

function defaultMessage(status: number): string {
  if (status === 401) return SESSION_EXPIRED_MESSAGE;
  if (status === 403) return 'Nu aveți drept de acces la această resursă.';
  if (status === 404) return 'Resursa nu a fost găsită.';
  if (status >= 500) return 'A apărut o eroare pe server. Încercați din nou peste câteva momente.';
  return 'Cererea nu a putut fi procesată.';
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** A file answer (CSV, XLSX) as a Blob with the server's file name. */
  download(path: string): Promise<{ blob: Blob; filename: string }>;
}

export interface ApiOptions {
  baseUrl: string;
  token: () => string | undefined;
  onUnauthorized: () => void;
  fetchImpl?: typeof fetch;
}

export function createApi(opts: ApiOptions): ApiClient {
  const f = opts.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const t = opts.token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await f(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
    }
    if (res.status === 401) {
      opts.onUnauthorized();
      throw new ApiError(401, 'UNAUTHENTICATED', SESSION_EXPIRED_MESSAGE);
    }
    if (!res.ok) {
      const parsed = await res.json().catch(() => null);
      throw errorFromResponse(res.status, parsed);
    }
    return res;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(method, path, body);
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  return {
    get: (path) => json('GET', path),
    post: (path, body) => json('POST', path, body),
    put: (path, body) => json('PUT', path, body),
    async download(path) {
      const res = await send('GET', path);
      const cd = res.headers.get('content-disposition') ?? '';
      const filename = /filename="([^"]+)"/.exec(cd)?.[1] ?? 'export';
      return { blob: await res.blob(), filename };
    },
  };
}
