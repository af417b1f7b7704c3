/**
 * The HTTP adapter as a whole, called as Lambda calls it (an API Gateway v2 event and a context): the order of the
 * gates (path, route, authentication, policy, path/query, body, body schema), every answer's status, code, Romanian
 * message and headers, file answers, and the log lines of an invocation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiAdapter, operation, type ApiEvent, type ApiResult } from './api.js';
import { AppError, conflict, notFound } from './errors.js';
import { logger } from '../log.js';
import type { RouteDef } from './routes.js';

const route = (method: RouteDef['method'], path: string, op: string, auth: RouteDef['auth'] = 'jwt', action = 'thing.write'): RouteDef => ({
  method, path, function: 'api-test', operation: op, auth, action, summary: op,
});
const routes: RouteDef[] = [
  route('POST', '/things/{thingId}', 'saveThing'),
  route('GET', '/things/{thingId}', 'getThing', 'jwt', 'thing.read'),
  route('GET', '/health', 'health', 'none', 'public'),
  route('GET', '/things/{thingId}/file', 'thingFile', 'jwt', 'thing.read'),
  route('GET', '/things/{thingId}/sheet', 'thingSheet', 'jwt', 'thing.read'),
  route('POST', '/boom', 'boom'),
  route('POST', '/other', 'other', 'jwt', 'thing.write'),
  { ...route('GET', '/elsewhere', 'elsewhere'), function: 'api-elsewhere' },
];
const claims = (groups: string[]) => ({ sub: 'u1', 'cognito:groups': `[${groups.join(' ')}]`, 'custom:institution': 'DAS' });
const writer = claims(['case_manager']);
const reader = claims(['finance']);
// the policy engine's first gate: a case manager may do anything here, finance may only read
const hasRoleFor = (p: { roles: string[] }, action: string) => p.roles.includes('case_manager') || action === 'thing.read';

let failure: unknown;
const seen: { requestId: string; body: unknown; path: unknown; query: unknown; principal: unknown; sourceIp: string; userAgent: string }[] = [];
const ops = {
  saveThing: operation({
    path: z.object({ thingId: z.string().regex(/^T\d+$/) }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.object({ label: z.string().min(1), count: z.number().int().optional() }),
    async handle(ctx) {
      logger.info('saving thing', { thingId: ctx.path.thingId });
      seen.push({ requestId: ctx.requestId, body: ctx.body, path: ctx.path, query: ctx.query, principal: ctx.principal?.userId, sourceIp: ctx.sourceIp, userAgent: ctx.userAgent });
      if (failure) throw failure;
      return { status: 201, body: { saved: ctx.path.thingId, label: ctx.body.label }, headers: { 'set-cookie': 'a=b; HttpOnly', 'x-extra': '1' } };
    },
  }),
  getThing: operation({
    path: z.object({ thingId: z.string() }),
    async handle(ctx) {
      seen.push({ requestId: ctx.requestId, body: ctx.body, path: ctx.path, query: ctx.query, principal: ctx.principal?.userId, sourceIp: ctx.sourceIp, userAgent: ctx.userAgent });
      if (ctx.path.thingId === 'missing') throw notFound();
      return {};
    },
  }),
  health: operation({ async handle(ctx) { return { body: { ok: true, who: ctx.principal?.userId ?? null } }; } }),
  thingFile: operation({ async handle() { return { file: { contentType: 'text/csv; charset=utf-8', content: '\uFEFFa;b\r\n', filename: 'lucruri.csv' } }; } }),
  thingSheet: operation({ async handle() { return { status: 200, file: { contentType: 'application/octet-stream', content: new Uint8Array([0, 1, 2, 255]) }, headers: { 'cache-control': 'private' } }; } }),
  boom: operation({ async handle() { throw new Error('kaput'); } }),
  other: operation({ async handle() { throw new AppError(503, 'UPSTREAM_DOWN', 'Serviciul extern nu răspunde.'); } }),
};
const handler = apiAdapter({ routes, hasRoleFor: hasRoleFor as never })('api-test', ops);

function event(routeKey: string, rawPath: string, o: { claims?: Record<string, unknown>; body?: string; headers?: Record<string, string>; path?: Record<string, string>; query?: Record<string, string>; base64?: boolean; requestId?: string | null } = {}): ApiEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: o.headers ?? (o.body === undefined ? {} : { 'content-type': 'application/json' }),
    pathParameters: o.path,
    queryStringParameters: o.query,
    body: o.body,
    isBase64Encoded: o.base64 ?? false,
    requestContext: {
      ...(o.requestId === null ? {} : { requestId: o.requestId ?? 'gw-1' }),
      http: { method: routeKey.split(' ')[0], path: rawPath, protocol: 'HTTP/1.1', sourceIp: '10.0.0.7', userAgent: 'vitest' },
      ...(o.claims ? { authorizer: { jwt: { claims: o.claims, scopes: null } } } : {}),
    },
  } as unknown as ApiEvent;
}
const call = (e: ApiEvent): Promise<ApiResult> => handler(e, { awsRequestId: 'lambda-1', functionName: 'dev-vatra-api-test' } as never);
const bodyOf = (r: ApiResult) => JSON.parse(r.body as string) as { error: { code: string; message: string; fields?: { path: string; message: string; code: string }[]; requestId?: string; [k: string]: unknown } };

const save = (o: Parameters<typeof event>[2] = {}) => event('POST /things/{thingId}', '/things/T1', { claims: writer, path: { thingId: 'T1' }, body: '{"label":"Masă"}', ...o });

let lines: { stream: string; entry: Record<string, unknown> }[] = [];
beforeEach(() => {
  failure = undefined;
  seen.length = 0;
  lines = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    vi.spyOn(process[stream], 'write').mockImplementation(((chunk: string | Uint8Array) => {
      const text = String(chunk).trim();
      if (text.startsWith('{')) lines.push({ stream, entry: JSON.parse(text) as Record<string, unknown> });
      return true;
    }) as never);
  }
});
afterEach(() => vi.restoreAllMocks());

const securityHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

describe('the HTTP adapter', () => {
  it('answers a valid request with the operation\'s status, body and headers over the security headers, and hands it typed input', async () => {
    const r = await call(save({ query: { dryRun: 'true' } }));
    expect(r.statusCode).toBe(201);
    expect(r.headers).toEqual({ ...securityHeaders, 'set-cookie': 'a=b; HttpOnly', 'x-extra': '1' });
    expect(JSON.parse(r.body as string)).toEqual({ saved: 'T1', label: 'Masă' });
    expect(seen).toEqual([{ requestId: 'gw-1', body: { label: 'Masă' }, path: { thingId: 'T1' }, query: { dryRun: 'true' }, principal: 'u1', sourceIp: '10.0.0.7', userAgent: 'vitest' }]);
  });

  it('defaults to 200 and a JSON null, and passes an operation without schemas its raw parts', async () => {
    const r = await call(event('GET /things/{thingId}', '/things/x', { claims: reader, path: { thingId: 'x' } }));
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('null');
    expect(r.headers).toEqual(securityHeaders);
    expect(seen[0]).toMatchObject({ body: {}, query: {}, path: { thingId: 'x' } });
    // a public route needs no claims, and still reads them when they are there
    expect(JSON.parse((await call(event('GET /health', '/health'))).body as string)).toEqual({ ok: true, who: null });
    expect(JSON.parse((await call(event('GET /health', '/health', { claims: reader }))).body as string)).toEqual({ ok: true, who: 'u1' });
    // without API Gateway's request id the operation is told 'local'
    await call(event('GET /things/{thingId}', '/things/y', { claims: reader, path: { thingId: 'y' }, requestId: null }));
    expect(seen[1]?.requestId).toBe('local');
  });

  it('answers files: text as is, bytes base64-encoded, with the download name and the operation\'s headers last', async () => {
    const csv = await call(event('GET /things/{thingId}/file', '/things/T1/file', { claims: reader, path: { thingId: 'T1' } }));
    expect(csv).toEqual({
      statusCode: 200,
      isBase64Encoded: false,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-disposition': 'attachment; filename="lucruri.csv"' },
      body: '\uFEFFa;b\r\n',
    });
    const bin = await call(event('GET /things/{thingId}/sheet', '/things/T1/sheet', { claims: reader, path: { thingId: 'T1' } }));
    expect(bin).toEqual({
      statusCode: 200,
      isBase64Encoded: true,
      headers: { 'content-type': 'application/octet-stream', 'cache-control': 'private', 'x-content-type-options': 'nosniff' },
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    });
  });

  it('checks, in order: the raw path, the route, the caller, the policy, path and query, the body\'s media type and JSON, the body schema', async () => {
    const status = async (e: ApiEvent) => {
      const r = await call(e);
      expect(r.headers, JSON.stringify(e)).toEqual(securityHeaders);
      return `${r.statusCode} ${bodyOf(r).error.code}`;
    };
    // everything wrong at once: the first gate answers
    const allWrong = { claims: undefined, path: { thingId: 'nope' }, body: '{', headers: { 'content-type': 'text/plain' } };
    expect(await status(event('POST /things/{thingId}', '/things/%E0%A4%A', allWrong))).toBe('400 MALFORMED_PATH');
    expect(await status(event('POST /nowhere', '/nowhere', allWrong))).toBe('404 ROUTE_NOT_FOUND');
    // another function's route is not this function's
    expect(await status(event('GET /elsewhere', '/elsewhere', { claims: writer }))).toBe('404 ROUTE_NOT_FOUND');
    expect(await status(event('POST /things/{thingId}', '/things/nope', allWrong))).toBe('401 UNAUTHENTICATED');
    // claims that name no known role are no principal
    expect(await status(event('POST /things/{thingId}', '/things/nope', { ...allWrong, claims: claims(['visitor']) }))).toBe('401 UNAUTHENTICATED');
    expect(await status(event('POST /things/{thingId}', '/things/nope', { ...allWrong, claims: reader }))).toBe('403 FORBIDDEN');
    expect(await status(event('POST /things/{thingId}', '/things/nope', { ...allWrong, claims: writer }))).toBe('422 VALIDATION_FAILED');
    expect(await status(save({ headers: { 'content-type': 'text/plain' }, body: '{' }))).toBe('415 UNSUPPORTED_MEDIA_TYPE');
    expect(await status(save({ body: '{' }))).toBe('400 INVALID_JSON');
    expect(await status(save({ body: '{"label":""}' }))).toBe('422 VALIDATION_FAILED');
    expect(seen).toEqual([]);
  });

  it('names the fields of a refused request in Romanian: path and query prefixed, body fields by their own path', async () => {
    const r = await call(save({ path: { thingId: 'x' }, query: { dryRun: 'maybe' } }));
    expect(r.statusCode).toBe(422);
    const b = bodyOf(r);
    expect(b.error.message).toBe('Datele trimise nu sunt valide. Verificați câmpurile marcate.');
    expect(b.error.fields?.map((f) => f.path)).toEqual(['path.thingId']);
    expect(b.error.fields?.[0]?.message).toMatch(/^Șir invalid|invalid/i);
    const q = bodyOf(await call(save({ query: { dryRun: 'maybe' } })));
    expect(q.error.fields?.map((f) => `${f.path} ${f.code}`)).toEqual(['query.dryRun invalid_value']);
    const body = bodyOf(await call(save({ body: '{"label":"","count":1.5,"items":[]}' })));
    expect(body.error.fields?.map((f) => `${f.path} ${f.code}`)).toEqual(['label too_small', 'count invalid_type']);
    expect(body.error.fields?.[0]?.message).toMatch(/^Prea mic/);
    // no body at all is `undefined` for the schema
    const none = bodyOf(await call(save({ body: undefined, headers: {} })));
    expect(none.error.fields?.map((f) => [f.path, f.code])).toEqual([['', 'invalid_type']]);
  });

  it('reads JSON with or without a content type, of any +json type, base64-encoded too; anything else is 415', async () => {
    const ok = async (headers: Record<string, string>, body: string, base64 = false) => (await call(save({ headers, body, base64 }))).statusCode;
    expect(await ok({}, '{"label":"a"}')).toBe(201);
    expect(await ok({ 'content-type': 'application/json; charset=utf-8' }, '{"label":"a"}')).toBe(201);
    expect(await ok({ 'content-type': 'Application/Merge-Patch+JSON' }, '{"label":"a"}')).toBe(201);
    expect(await ok({ 'content-type': 'application/json' }, Buffer.from('{"label":"Țară"}').toString('base64'), true)).toBe(201);
    expect(seen.at(-1)?.body).toEqual({ label: 'Țară' });
    expect(await ok({ 'content-type': 'application/x-www-form-urlencoded' }, 'label=a')).toBe(415);
    expect(await ok({ 'content-type': 'multipart/form-data; boundary=x' }, '--x--')).toBe(415);
    const r = await call(save({ headers: { 'content-type': 'text/csv' }, body: 'a;b' }));
    expect(bodyOf(r).error.message).toBe('Cererea trebuie trimisă ca JSON (application/json).');
    // an empty body is no body, whatever its type says
    expect((await call(event('GET /things/{thingId}', '/things/x', { claims: reader, path: { thingId: 'x' }, body: '', headers: { 'content-type': 'text/plain' } }))).statusCode).toBe(200);
  });

  it('refuses broken JSON with 400 INVALID_JSON and a Romanian message, never 500, on routes with and without a body schema', async () => {
    for (const body of ['{', '{"label":', 'nul', '{"label":"a"}}', ' ', '\u0000']) {
      const r = await call(save({ body }));
      expect(`${r.statusCode} ${bodyOf(r).error.code}`, JSON.stringify(body)).toBe('400 INVALID_JSON');
      expect(bodyOf(r).error.message).toBe('Corpul cererii nu este un JSON valid.');
    }
    const get = await call(event('GET /things/{thingId}', '/things/x', { claims: reader, path: { thingId: 'x' }, body: '{' }));
    expect(`${get.statusCode} ${bodyOf(get).error.code}`).toBe('400 INVALID_JSON');
    const b64 = await call(save({ body: Buffer.from('{"label":').toString('base64'), base64: true }));
    expect(`${b64.statusCode} ${bodyOf(b64).error.code}`).toBe('400 INVALID_JSON');
    expect(seen).toEqual([]);
  });

  it('maps application errors to their status, code, message, fields and details; logs those of 500 and above', async () => {
    failure = conflict('THING_TAKEN', 'Lucrul este deja salvat.', { thingId: 'T1', version: 3 });
    const c = await call(save());
    expect(c.statusCode).toBe(409);
    expect(c.headers).toEqual(securityHeaders);
    expect(JSON.parse(c.body as string)).toEqual({ error: { code: 'THING_TAKEN', message: 'Lucrul este deja salvat.', thingId: 'T1', version: 3 } });
    failure = new AppError(422, 'BAD_LABEL', 'Eticheta nu e bună.', [{ path: 'label', message: 'Prea scurtă', code: 'too_small' }]);
    expect(JSON.parse((await call(save())).body as string)).toEqual({ error: { code: 'BAD_LABEL', message: 'Eticheta nu e bună.', fields: [{ path: 'label', message: 'Prea scurtă', code: 'too_small' }] } });
    const nf = await call(event('GET /things/{thingId}', '/things/missing', { claims: reader, path: { thingId: 'missing' } }));
    expect(`${nf.statusCode} ${bodyOf(nf).error.code} ${bodyOf(nf).error.message}`).toBe('404 NOT_FOUND Resursa nu a fost găsită.');
    expect(lines.filter((l) => l.entry.level === 'ERROR')).toEqual([]);
    const up = await call(event('POST /other', '/other', { claims: writer }));
    expect(`${up.statusCode} ${bodyOf(up).error.code}`).toBe('503 UPSTREAM_DOWN');
    expect(lines.filter((l) => l.entry.level === 'ERROR').map((l) => [l.stream, l.entry.message, l.entry.code, l.entry.requestId, l.entry.function])).toEqual([
      ['stderr', 'application error', 'UPSTREAM_DOWN', 'gw-1', 'dev-vatra-api-test'],
    ]);
  });

  it('answers anything else with 500 INTERNAL and the request id a person can quote, and logs the error under that id', async () => {
    const r = await call(event('POST /boom', '/boom', { claims: writer, requestId: 'gw-boom' }));
    expect(r.statusCode).toBe(500);
    expect(r.headers).toEqual(securityHeaders);
    expect(JSON.parse(r.body as string)).toEqual({ error: { code: 'INTERNAL', message: 'A apărut o eroare internă. Încercați din nou; dacă persistă, comunicați codul cererii.', requestId: 'gw-boom' } });
    const logged = lines.filter((l) => l.entry.level === 'ERROR');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.entry).toMatchObject({ message: 'unhandled error', requestId: 'gw-boom', function: 'dev-vatra-api-test', error: { type: 'Error', message: 'kaput' } });
    expect(JSON.stringify(logged[0]?.entry.error)).toContain('api.test.ts');
  });

  it('writes the handler\'s log lines under API Gateway\'s request id (Lambda\'s when there is none) and the function\'s name', async () => {
    await call(save());
    await call(save({ requestId: null }));
    const info = lines.filter((l) => l.entry.message === 'saving thing').map((l) => [l.entry.requestId, l.entry.function, l.entry.thingId]);
    expect(info).toEqual([['gw-1', 'dev-vatra-api-test', 'T1'], ['lambda-1', 'dev-vatra-api-test', 'T1']]);
    // interleaved invocations (the local runtime runs them in one process) keep their own ids, and leave none behind
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = operation({ async handle() { await gate; logger.info('slow done'); return {}; } });
    const fast = operation({ async handle() { logger.info('fast done'); return {}; } });
    const h = apiAdapter({ routes: [route('GET', '/slow', 'slow', 'none', 'public'), route('GET', '/fast', 'fast', 'none', 'public')], hasRoleFor: () => true })('api-test', { slow, fast });
    const a = h(event('GET /slow', '/slow', { requestId: 'gw-slow' }), { functionName: 'f' } as never);
    const b = h(event('GET /fast', '/fast', { requestId: 'gw-fast' }), { functionName: 'f' } as never);
    logger.info('caller between');
    await b;
    release();
    await a;
    logger.info('caller after');
    expect(lines.filter((l) => /done|caller/.test(l.entry.message as string)).map((l) => `${l.entry.message}:${l.entry.requestId ?? '-'}`)).toEqual([
      'caller between:-', 'fast done:gw-fast', 'slow done:gw-slow', 'caller after:-',
    ]);
  });

  it('refuses to build a function whose route names an operation it lacks', () => {
    expect(() => apiAdapter({ routes, hasRoleFor: () => true })('api-test', { ...ops, boom: undefined } as never)).toThrow('Function api-test lacks operation boom');
  });
});
