import { describe, expect, it } from 'vitest';
import { defaultSessionLifetime, sessionLifetimeFromEnv } from './session-lifetime.js';

describe('session lifetimes from the environment', () => {
  it('defaults to a 15-minute ID token, an 8-hour refresh and 30 minutes idle', () => {
    expect(sessionLifetimeFromEnv({})).toEqual({ idTokenTtlSeconds: 900, refreshTtlSeconds: 28_800, idleSeconds: 1800 });
    expect(sessionLifetimeFromEnv({ VATRA_ID_TOKEN_TTL_S: '', VATRA_SESSION_IDLE_S: '' })).toEqual(defaultSessionLifetime);
  });

  it('takes overrides in whole seconds', () => {
    expect(sessionLifetimeFromEnv({ VATRA_ID_TOKEN_TTL_S: '30', VATRA_REFRESH_TTL_S: '600', VATRA_SESSION_IDLE_S: '120' })).toEqual({ idTokenTtlSeconds: 30, refreshTtlSeconds: 600, idleSeconds: 120 });
  });

  it('refuses values that are not whole seconds in range, or a refresh shorter than the ID token, in Romanian', () => {
    for (const env of [{ VATRA_ID_TOKEN_TTL_S: 'abc' }, { VATRA_ID_TOKEN_TTL_S: '1.5' }, { VATRA_SESSION_IDLE_S: '-5' }, { VATRA_ID_TOKEN_TTL_S: '999999' }, { VATRA_REFRESH_TTL_S: '600', VATRA_ID_TOKEN_TTL_S: '900' }]) {
      expect(() => sessionLifetimeFromEnv(env), JSON.stringify(env)).toThrow(/^Setări de sesiune invalide/);
    }
  });
});
