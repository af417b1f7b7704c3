/**
 * The clock, injected. Every handler, workflow step, scheduled job, the local runtime and the demo seed read "now"
 * from a `Clock` rather than from `new Date()`, so the whole system can run "on the 1st of the month at 00:30".
 * Pure except `systemClock`, which reads the process clock.
 */
import { exactDurationMs } from './zone.js';

export interface Clock {
  /** The current instant. */
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const toMs = (at: Date | string): number => {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid clock instant: ${String(at)}`);
  return ms;
};

/** A clock stopped at `at`. */
export function fixedClock(at: Date | string): Clock {
  const ms = toMs(at);
  return { now: () => new Date(ms) };
}

/** `base` shifted by `offsetMs` milliseconds (it keeps running). */
export function offsetClock(offsetMs: number, base: Clock = systemClock): Clock {
  if (!Number.isFinite(offsetMs)) throw new RangeError(`Invalid clock offset: ${String(offsetMs)}`);
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}

/** A running clock that reads `at` now (the offset from `base` is fixed when it is made). */
export function clockStartingAt(at: Date | string, base: Clock = systemClock): Clock {
  return offsetClock(toMs(at) - base.now().getTime(), base);
}

/** Environment settings of the clock (documented in the README, section "Running at another time"). */
export const CLOCK_ENV = {
  /** An ISO-8601 instant with offset: the clock is stopped at it (e.g. `2027-01-01T00:30:00+02:00`). */
  fixed: 'VATRA_CLOCK',
  /**
   * Either an ISO-8601 instant, from which the clock starts and keeps running, or an ISO-8601 duration
   * (`P3D`, `-PT2H30M`) added to the system clock.
   */
  offset: 'VATRA_CLOCK_OFFSET',
} as const;

/** Milliseconds of an ISO-8601 duration with exact units only (days count as 24 h): 'P1D', '-PT2H30M', 'PT90S'. */
export function durationMs(iso: string): number {
  try {
    return exactDurationMs(iso);
  } catch {
    throw new RangeError(`Clock offset must use days, hours, minutes or seconds: ${iso}`);
  }
}

/** The clock the environment asks for; the system clock when neither setting is present. */
export function clockFromEnv(env: Record<string, string | undefined> = process.env, base: Clock = systemClock): Clock {
  const fixed = env[CLOCK_ENV.fixed]?.trim();
  const offset = env[CLOCK_ENV.offset]?.trim();
  if (fixed && offset) throw new Error(`Set either ${CLOCK_ENV.fixed} or ${CLOCK_ENV.offset}, not both`);
  if (fixed) {
    if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(fixed)) throw new RangeError(`${CLOCK_ENV.fixed} needs an offset or Z: ${fixed}`);
    return fixedClock(fixed);
  }
  if (offset) {
    if (/^[+-]?P/i.test(offset)) return offsetClock(durationMs(offset), base);
    if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(offset)) throw new RangeError(`${CLOCK_ENV.offset} needs an offset or Z: ${offset}`);
    return clockStartingAt(offset, base);
  }
  return base;
}
