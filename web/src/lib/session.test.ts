import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIVITY_KEY, nextSessionStep, refreshAt, sessionFrom, shareActivity, sharedActivity } from './session.js';

const MIN = 60_000;
const IDLE = 30 * MIN;

describe('session in memory', () => {
  it('runs from the sign-in for the token lifetime', () => {
    expect(sessionFrom('tok', 900, 1_000_000)).toEqual({ idToken: 'tok', issuedAt: 1_000_000, expiresAt: 1_000_000 + 900_000 });
  });

  it('refreshes a minute before a 15-minute token lapses, a fifth of the life before a short one', () => {
    expect(refreshAt(sessionFrom('t', 900, 0))).toBe(14 * MIN);
    expect(refreshAt(sessionFrom('t', 60, 0))).toBe(48_000);
    expect(refreshAt(sessionFrom('t', 5, 0))).toBe(3_000);
  });

  it('waits, refreshes when due, and retries a failed refresh later while the token lasts', () => {
    const s = sessionFrom('t', 900, 0);
    expect(nextSessionStep(s, 0, 0, IDLE)).toEqual({ kind: 'wait', ms: MIN }); // never sleeps longer than a minute
    expect(nextSessionStep(s, 13 * MIN, 13.5 * MIN, IDLE)).toEqual({ kind: 'wait', ms: 0.5 * MIN });
    expect(nextSessionStep(s, 13 * MIN, 14 * MIN, IDLE)).toEqual({ kind: 'refresh' });
    expect(nextSessionStep(s, 13 * MIN, 14 * MIN, IDLE, { retryAfter: 14 * MIN + 10_000 })).toEqual({ kind: 'wait', ms: 10_000 });
    expect(nextSessionStep(s, 13 * MIN, 15 * MIN, IDLE, { retryAfter: 14 * MIN + 10_000 })).toEqual({ kind: 'expired' });
  });

  it('refreshes a token that lapsed while the computer slept less than the idle limit, instead of signing out', () => {
    const s = sessionFrom('t', 900, 0);
    // last activity at 10 min, asleep until 35 min: 25 min away (< 30), the token lapsed at 15 min
    expect(nextSessionStep(s, 10 * MIN, 35 * MIN, IDLE)).toEqual({ kind: 'refresh' });
  });

  it('keeps refreshing while the user is away less than the idle limit, signs out at the limit', () => {
    expect(nextSessionStep(sessionFrom('t', 900, 14 * MIN), 0, 28 * MIN, IDLE)).toEqual({ kind: 'refresh' });
    const s = sessionFrom('t', 900, 20 * MIN);
    expect(nextSessionStep(s, 0, 29 * MIN, IDLE)).toEqual({ kind: 'wait', ms: MIN });
    expect(nextSessionStep(s, 0, 29.5 * MIN, IDLE)).toEqual({ kind: 'wait', ms: 0.5 * MIN }); // wakes exactly at the limit
    expect(nextSessionStep(s, 0, 30 * MIN, IDLE)).toEqual({ kind: 'idle' });
  });

  it('signs out, not refreshes, when a sleeping computer wakes after the idle limit (even with a lapsed token)', () => {
    const s = sessionFrom('t', 900, 0);
    expect(nextSessionStep(s, 0, 2 * 3600_000, IDLE)).toEqual({ kind: 'idle' });
  });

  it('never waits past the idle limit, the refresh time or the expiry, and never a negative time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 5, max: 3600 }),
        fc.integer({ min: 0, max: 2 * 3600_000 }),
        fc.integer({ min: 0, max: 2 * 3600_000 }),
        fc.integer({ min: 10_000, max: 3600_000 }),
        (issued, ttl, activityOffset, nowOffset, idleMs) => {
          const s = sessionFrom('t', ttl, issued);
          const last = issued + activityOffset;
          const now = Math.max(last, issued + nowOffset);
          const step = nextSessionStep(s, last, now, idleMs);
          if (now >= last + idleMs) return step.kind === 'idle';
          if (step.kind !== 'wait') return true;
          return step.ms >= 0 && step.ms <= 60_000 && now + step.ms <= Math.min(last + idleMs, refreshAt(s), s.expiresAt);
        },
      ),
    );
  });
});

describe('activity shared between the tabs of one browser', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
  };

  it('lets a background tab see that the person works in another tab, so it does not sign the browser out', () => {
    const store = memory();
    shareActivity(store, 10 * MIN); // the tab in use
    const background = sessionFrom('t', 900, 0);
    const last = Math.max(0, sharedActivity(store)); // the background tab's own last activity was at 0
    expect(nextSessionStep(background, last, 31 * MIN, IDLE)).not.toEqual({ kind: 'idle' });
    expect(nextSessionStep(background, 0, 31 * MIN, IDLE)).toEqual({ kind: 'idle' });
  });

  it('writes at most every five seconds, keeps no more than a time, and survives storage that refuses', () => {
    const store = memory();
    shareActivity(store, 1_000_000);
    shareActivity(store, 1_003_000);
    expect(sharedActivity(store)).toBe(1_000_000);
    shareActivity(store, 1_005_000);
    expect(sharedActivity(store)).toBe(1_005_000);
    expect([...store.m.keys()]).toEqual([ACTIVITY_KEY]);
    const refusing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(() => shareActivity(refusing, 1)).not.toThrow();
    expect(sharedActivity(refusing)).toBe(0);
  });
});
