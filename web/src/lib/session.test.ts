import { describe, expect, it } from 'vitest';
import { clearSession, readSession, sessionFrom, writeSession } from './session.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), size: () => m.size };
}

describe('session', () => {
  it('is stored and read back until it expires, then forgotten', () => {
    const s = memoryStorage();
    const session = sessionFrom('tok', 3600, 1_000_000);
    writeSession(s, session);
    expect(readSession(s, 1_000_000)).toEqual(session);
    expect(readSession(s, session.expiresAt + 1)).toBeUndefined();
    expect(s.size()).toBe(0);
  });

  it('expires a little before the token does, never after', () => {
    const now = 5_000;
    for (const ttl of [60, 600, 3600, 8 * 3600]) {
      const s = sessionFrom('t', ttl, now);
      expect(s.expiresAt).toBeLessThan(now + ttl * 1000);
      expect(s.expiresAt).toBeGreaterThanOrEqual(now + ttl * 900);
    }
  });

  it('treats unreadable storage as signed out and can be cleared', () => {
    const s = memoryStorage();
    s.setItem('vatra.session', '{not json');
    expect(readSession(s, 0)).toBeUndefined();
    writeSession(s, sessionFrom('t', 100, 0));
    clearSession(s);
    expect(readSession(s, 0)).toBeUndefined();
  });
});
