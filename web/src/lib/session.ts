/**
 * The signed-in session, kept in memory only (never in sessionStorage or localStorage: a script injected into the
 * page could read those): the ID token, when it was issued and when it expires. A reload starts without it and asks
 * the identity provider for a new one (local: the HttpOnly refresh cookie; Cognito: managed login again).
 *
 * What happens next is decided here, purely, from the session, the last keyboard/pointer activity and the clock:
 * sign out after the idle limit, refresh shortly before the token lapses, otherwise wait (decision record 016).
 */
export interface Session {
  idToken: string;
  /** epoch milliseconds */
  issuedAt: number;
  /** epoch milliseconds */
  expiresAt: number;
}

/** Thirty minutes, unless config.json says otherwise (`sessionIdleSeconds`). */
export const DEFAULT_IDLE_SECONDS = 30 * 60;

export function sessionFrom(idToken: string, expiresInSeconds: number, now: number): Session {
  return { idToken, issuedAt: now, expiresAt: now + expiresInSeconds * 1000 };
}

/**
 * When to ask for a new token: a fifth of its lifetime before it lapses, at most a minute before, at least two
 * seconds (15 min → 1 min before; 60 s → 12 s before).
 */
export function refreshAt(s: Pick<Session, 'issuedAt' | 'expiresAt'>): number {
  const life = Math.max(0, s.expiresAt - s.issuedAt);
  const margin = Math.min(60_000, Math.max(2_000, life / 5));
  return Math.max(s.issuedAt, s.expiresAt - margin);
}

/** After a failed refresh (network), try again this much later, as long as the token has not lapsed. */
export const REFRESH_RETRY_MS = 10_000;

export type SessionStep =
  | { kind: 'idle' }
  | { kind: 'expired' }
  | { kind: 'refresh' }
  | { kind: 'wait'; ms: number };

/**
 * The next thing the session keeper does. `lastActivityAt`: the last keydown/pointerdown/… (or the sign-in); `idleMs`:
 * the idle limit. Idle comes first (a laptop woken after an hour signs out, it does not refresh); a token already
 * lapsed is refreshed once, and ends the session only after a refresh failed; then a refresh when due; otherwise wait until the next of
 * these moments, but never longer than a minute (timers drift in background tabs and sleeping computers).
 */
export function nextSessionStep(s: Session, lastActivityAt: number, now: number, idleMs: number, opts: { retryAfter?: number } = {}): SessionStep {
  const idleAt = lastActivityAt + idleMs;
  if (now >= idleAt) return { kind: 'idle' };
  // a lapsed token is refreshed (a computer woken before the idle limit, a throttled tab); it ends the session only
  // when a refresh has already failed
  if (now >= s.expiresAt) return opts.retryAfter === undefined ? { kind: 'refresh' } : { kind: 'expired' };
  const due = opts.retryAfter !== undefined ? Math.max(refreshAt(s), opts.retryAfter) : refreshAt(s);
  if (now >= due) return { kind: 'refresh' };
  return { kind: 'wait', ms: Math.max(0, Math.min(idleAt, due, s.expiresAt, now + 60_000) - now) };
}

/**
 * The last activity seen in any tab of this browser (localStorage: a time, nothing about the person or the token),
 * written at most every few seconds. Storage that refuses (private mode, quota) only makes idle per tab.
 */
export const ACTIVITY_KEY = 'vatra.lastActivity';
const SHARE_EVERY_MS = 5_000;
type Store = Pick<Storage, 'getItem' | 'setItem'>;
export function shareActivity(store: Store, at: number): void {
  try {
    if (at - sharedActivity(store) >= SHARE_EVERY_MS) store.setItem(ACTIVITY_KEY, String(at));
  } catch {
    /* idle per tab */
  }
}
export function sharedActivity(store: Store): number {
  try {
    const v = Number(store.getItem(ACTIVITY_KEY));
    return Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

/** Events that count as the user being there. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
