import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { apiHandler, loadOperations, operation, type OperationTable } from './api.js';

/** The part of an API Gateway event the adapter reads. */
type ApiEventLike = Record<string, unknown>;

const health = (requestId = 'r1'): ApiEventLike => ({ routeKey: 'GET /health', rawPath: '/health', headers: {}, requestContext: { requestId } });
const me = (body: unknown): ApiEventLike => ({
  routeKey: 'PUT /me/preferences', rawPath: '/me/preferences', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  requestContext: { requestId: 'r2', authorizer: { jwt: { claims: { sub: 'u1', 'cognito:groups': ['case_manager'], 'custom:institution': 'DAS' } } } },
});
const answer = async (h: ReturnType<typeof apiHandler>, e: ApiEventLike) => {
  const r = await h(e as never, {} as never);
  return { status: r.statusCode, body: JSON.parse(r.body ?? 'null') as Record<string, any> };
};

const healthOp = operation({ async handle() { return { body: { status: 'ok' } }; } });
const preferencesOp = operation({
  body: z.object({ mailPreference: z.enum(['immediate', 'digest'], { error: 'Alegeți imediat sau rezumat' }) }),
  async handle(ctx) { return { body: { mailPreference: ctx.body.mailPreference } }; },
});

/** api-system's table with counting loaders. */
function table(overrides: Partial<Record<string, OperationTable[string]>> = {}) {
  const loads: Record<string, number> = {};
  const lazy = (name: string, op: (typeof healthOp) | (typeof preferencesOp)) => async () => {
    loads[name] = (loads[name] ?? 0) + 1;
    return { default: op };
  };
  const ops: OperationTable = {
    getHealth: lazy('getHealth', healthOp),
    getOpenApi: healthOp,
    getMe: healthOp,
    putPreferences: lazy('putPreferences', preferencesOp),
    getNotifications: healthOp,
    listOutbox: healthOp,
    listStaff: healthOp,
    ...overrides,
  } as OperationTable;
  return { ops, loads };
}

describe('apiHandler with operations loaded per route', () => {
  it("loads a route's module on its first request only, and validates with the loaded operation's schemas", async () => {
    const { ops, loads } = table();
    const h = apiHandler('api-system', ops);
    expect(loads).toEqual({});
    expect(await answer(h, health())).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await answer(h, health('r3'))).toEqual({ status: 200, body: { status: 'ok' } });
    expect(loads).toEqual({ getHealth: 1 });
    const refused = await answer(h, me({ mailPreference: 'weekly' }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([{ path: 'mailPreference', message: 'Alegeți imediat sau rezumat', code: 'invalid_value' }]);
    expect(await answer(h, me({ mailPreference: 'digest' }))).toEqual({ status: 200, body: { mailPreference: 'digest' } });
    expect(loads).toEqual({ getHealth: 1, putPreferences: 1 });
  });

  it('loads nothing for a route of another function, and one module for requests that arrive together', async () => {
    const { ops, loads } = table();
    const h = apiHandler('api-system', ops);
    const other = await answer(h, { routeKey: 'POST /referrals', rawPath: '/referrals', headers: {}, requestContext: { requestId: 'r4' } });
    expect(other.status).toBe(404);
    expect(loads).toEqual({});
    const both = await Promise.all([answer(h, health()), answer(h, health('r5'))]);
    expect(both.map((b) => b.status)).toEqual([200, 200]);
    expect(loads).toEqual({ getHealth: 1 });
  });

  it('answers 500 when a module fails to load and tries again on the next request', async () => {
    let attempts = 0;
    const { ops } = table({
      getHealth: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('chunk missing');
        return { default: healthOp };
      },
    });
    const h = apiHandler('api-system', ops);
    const failed = await answer(h, health());
    expect(failed.status).toBe(500);
    expect(failed.body.error.code).toBe('INTERNAL');
    expect(await answer(h, health('r6'))).toEqual({ status: 200, body: { status: 'ok' } });
    expect(attempts).toBe(2);
  });

  it('refuses at construction a table that lacks one of the function\'s operations', () => {
    const { ops } = table();
    const rest: Record<string, OperationTable[string]> = { ...ops };
    delete rest.listStaff;
    expect(() => apiHandler('api-system', rest)).toThrow(/lacks operation listStaff/);
  });

  it('hands the OpenAPI document every operation, loaded', async () => {
    const { ops, loads } = table();
    const all = await loadOperations(ops);
    expect(all.putPreferences).toBe(preferencesOp);
    expect(all.getMe).toBe(healthOp);
    expect(loads).toEqual({ getHealth: 1, putPreferences: 1 });
  });
});
