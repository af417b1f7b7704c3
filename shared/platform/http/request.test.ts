import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { apiAdapter } from './api.js';
import { assertWellFormedPath, decodeSegment, parseJsonObject, parseJsonText, tryDecodeSegment } from './request.js';

const code = (f: () => unknown) => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : `thrown ${(e as Error).name}`;
  }
};

describe('what arrives before a route schema', () => {
  it('decodes good segments and refuses malformed percent-encodings with 400 MALFORMED_PATH', () => {
    expect(decodeSegment('Timi%C8%99oara')).toBe('Timișoara');
    expect(tryDecodeSegment('%E0%A4%A')).toBeUndefined();
    for (const bad of ['%E0%A4%A', '%', '%ZZ', 'a%', '%C0%AF', '%FF', '%ED%A0%80']) {
      expect(code(() => decodeSegment(bad)), bad).toBe('400 MALFORMED_PATH');
      expect(code(() => assertWellFormedPath(`/api/cases/${bad}/tasks`)), bad).toBe('400 MALFORMED_PATH');
    }
    expect(code(() => assertWellFormedPath('/api/cases/01J%20X/tasks'))).toBe('ok');
  });

  it('parses JSON text, and refuses broken JSON and bodies that are not objects where an object is needed', () => {
    expect(parseJsonText('')).toBeUndefined();
    expect(parseJsonText('null')).toBeNull();
    expect(parseJsonObject('')).toEqual({});
    expect(parseJsonObject('{"username":"a"}')).toEqual({ username: 'a' });
    for (const bad of ['{', '{"a":', 'nul', '{"a":1}}']) expect(code(() => parseJsonObject(bad)), bad).toBe('400 INVALID_JSON');
    for (const bad of ['null', '[]', '"x"', '42', 'true']) expect(code(() => parseJsonObject(bad)), bad).toBe('400 BODY_NOT_OBJECT');
  });

  it('the API adapter answers a malformed raw path with 400 before looking for the route (as the local server does)', async () => {
    const handler = apiAdapter({ routes: [], hasRoleFor: () => true })('no-such-function', {});
    const call = (rawPath: string, body?: string) => handler({ routeKey: 'GET /cases/{caseId}', rawPath, body, headers: {}, requestContext: { requestId: 'r' } } as never, {} as never);
    const bad = await call('/cases/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body as string).error.code).toBe('MALFORMED_PATH');
    expect(bad.headers?.['x-content-type-options']).toBe('nosniff');
    const unknown = await call('/cases/abc');
    expect(unknown.statusCode).toBe(404);
  });
});
