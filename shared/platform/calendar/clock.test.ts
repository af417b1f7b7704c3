import { describe, expect, it } from 'vitest';
import { clockFromEnv, clockStartingAt, durationMs, fixedClock, offsetClock, systemClock } from './clock.js';

const base = fixedClock('2026-12-06T10:00:00Z');

describe('the injected clock', () => {
  it('stops a fixed clock at its instant', () => {
    const c = fixedClock('2027-01-01T00:30:00+02:00');
    expect(c.now().toISOString()).toBe('2026-12-31T22:30:00.000Z');
    expect(c.now().getTime()).toBe(c.now().getTime());
    expect(() => fixedClock('mâine')).toThrow(RangeError);
  });

  it('shifts a running clock', () => {
    expect(offsetClock(3_600_000, base).now().toISOString()).toBe('2026-12-06T11:00:00.000Z');
    expect(clockStartingAt('2027-03-01T00:30:00+02:00', base).now().toISOString()).toBe('2027-02-28T22:30:00.000Z');
    const running = offsetClock(-86_400_000);
    const drift = Math.abs(running.now().getTime() + 86_400_000 - systemClock.now().getTime());
    expect(drift).toBeLessThan(1000);
  });

  it('reads the environment settings', () => {
    expect(clockFromEnv({}, base)).toBe(base);
    expect(clockFromEnv({ VATRA_CLOCK: '2027-01-01T00:30:00+02:00' }, base).now().toISOString()).toBe('2026-12-31T22:30:00.000Z');
    expect(clockFromEnv({ VATRA_CLOCK_OFFSET: '-PT2H30M' }, base).now().toISOString()).toBe('2026-12-06T07:30:00.000Z');
    expect(clockFromEnv({ VATRA_CLOCK_OFFSET: 'P3D' }, base).now().toISOString()).toBe('2026-12-09T10:00:00.000Z');
    expect(clockFromEnv({ VATRA_CLOCK_OFFSET: '2026-10-25T03:30:00+03:00' }, base).now().toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(() => clockFromEnv({ VATRA_CLOCK: '2027-01-01T00:30:00' }, base)).toThrow(/offset/);
    expect(() => clockFromEnv({ VATRA_CLOCK: '2027-01-01T00:30:00Z', VATRA_CLOCK_OFFSET: 'P1D' }, base)).toThrow(/either/);
    expect(() => durationMs('P1M')).toThrow(RangeError);
  });
});
