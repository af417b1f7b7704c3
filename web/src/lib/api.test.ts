import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, errorFromResponse, NETWORK_MESSAGE, SESSION_EXPIRED_MESSAGE } from './api.js';

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('API client', () => {
  it('sends JSON with the bearer token under the configured base URL', async () => {
    const { f, calls } = fakeFetch(200, { ok: 1 });
    const api = createApi({ baseUrl: '/api/', token: () => 'tok', onUnauthorized: () => undefined, fetchImpl: f });
    await expect(api.post('/tasks/T1/submit', { expectedVersion: 3 })).resolves.toEqual({ ok: 1 });
    expect(calls[0]!.url).toBe('/api/tasks/T1/submit');
    const h = calls[0]!.init.headers as Record<string, string>;
    expect(h.authorization).toBe('Bearer tok');
    expect(h['content-type']).toBe('application/json');
    expect(calls[0]!.init.body).toBe('{"expectedVersion":3}');
  });

  it('turns a 401 from the gateway into a session end', async () => {
    const { f } = fakeFetch(401, { message: 'Unauthorized' });
    const onUnauthorized = vi.fn();
    const api = createApi({ baseUrl: '/api', token: () => 'old', onUnauthorized, fetchImpl: f });
    const e = await api.get('/me').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toBe(SESSION_EXPIRED_MESSAGE);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('keeps the code, the Romanian message, the field errors and the details of an API error', async () => {
    const { f } = fakeFetch(422, { error: { code: 'VALIDATION_FAILED', message: 'Formularul conține erori.', fields: [{ path: 'form.reviewDate', message: 'Data nu există', code: 'custom' }], extra: 1 } });
    const api = createApi({ baseUrl: '/api', token: () => 't', onUnauthorized: () => undefined, fetchImpl: f });
    const e = (await api.put('/x', {}).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(422);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.fields[0]!.path).toBe('form.reviewDate');
    expect(e.details).toEqual({ extra: 1 });
    expect(e.denied).toBe(false);
  });

  it('marks refusals (403) and cases one may not see (404) as denied', () => {
    expect(errorFromResponse(403, { error: { code: 'FORBIDDEN', message: 'Nu' } }).denied).toBe(true);
    expect(errorFromResponse(404, { error: { code: 'NOT_FOUND', message: 'Nu' } }).denied).toBe(true);
    expect(errorFromResponse(409, { error: { code: 'VERSION_CONFLICT', message: 'x' } }).denied).toBe(false);
    expect(errorFromResponse(500, null).message).toMatch(/eroare pe server/);
  });

  it('reports a server that does not answer in Romanian', async () => {
    const f = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const api = createApi({ baseUrl: '/api', token: () => undefined, onUnauthorized: () => undefined, fetchImpl: f });
    const e = (await api.get('/me').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('NETWORK');
    expect(e.message).toBe(NETWORK_MESSAGE);
  });

  it('downloads a file with its server-given name', async () => {
    const { f } = fakeFetch(200, 'a;b\n1;2', { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="observator-VT-2026-00001.csv"' });
    const api = createApi({ baseUrl: '/api', token: () => 't', onUnauthorized: () => undefined, fetchImpl: f });
    const r = await api.download('/cases/C/observator-export?format=csv');
    expect(r.filename).toBe('observator-VT-2026-00001.csv');
    expect(await r.blob.text()).toBe('a;b\n1;2');
  });
});
