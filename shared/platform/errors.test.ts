import { describe, expect, it } from 'vitest';
import { invalid, Refusal } from './errors.js';
import { apiAdapter } from './http/api.js';
import { AppError, asAppError, notFound } from './http/errors.js';

describe('errors without HTTP', () => {
  it('maps each kind of refusal to its status, keeping code, message, fields and details', () => {
    const fields = [{ path: 'query.cursor', message: 'Cursor invalid', code: 'INVALID_CURSOR' }];
    const bad = asAppError(invalid('INVALID_CURSOR', 'Cursorul nu este valid.', fields));
    expect(bad).toBeInstanceOf(AppError);
    expect([bad?.status, bad?.code, bad?.message, bad?.fields]).toEqual([422, 'INVALID_CURSOR', 'Cursorul nu este valid.', fields]);
    const statuses = (['invalid', 'not_found', 'conflict', 'forbidden'] as const).map((k) => asAppError(new Refusal(k, 'X', 'x'))?.status);
    expect(statuses).toEqual([422, 404, 409, 403]);
    expect(asAppError(new Refusal('conflict', 'X', 'x', [], { currentVersion: 3 }))?.details).toEqual({ currentVersion: 3 });
  });

  it('leaves an AppError as it is and anything else to the 500 answer', () => {
    const e = notFound();
    expect(asAppError(e)).toBe(e);
    expect(asAppError(new Error('bug'))).toBeUndefined();
    expect(asAppError('text')).toBeUndefined();
  });

  it('the API adapter answers a refusal thrown by an operation like the AppError it maps to', async () => {
    const route = { method: 'GET', path: '/things', function: 'f', operation: 'list', auth: 'none', action: 'public', summary: 'x' } as const;
    const handler = apiAdapter({ routes: [route], hasRoleFor: () => true })('f', {
      list: { handle: async () => { throw invalid('INVALID_CURSOR', 'Cursorul nu este valid.', [{ path: 'query.cursor', message: 'Cursor invalid', code: 'INVALID_CURSOR' }]); } },
    });
    const res = await handler({ routeKey: 'GET /things', rawPath: '/things', headers: {}, requestContext: { requestId: 'r' } } as never, {} as never);
    expect(res.statusCode).toBe(422);
    expect(JSON.parse(res.body as string)).toEqual({ error: { code: 'INVALID_CURSOR', message: 'Cursorul nu este valid.', fields: [{ path: 'query.cursor', message: 'Cursor invalid', code: 'INVALID_CURSOR' }] } });
  });
});
