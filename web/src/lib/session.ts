/**
 * The signed-in session: the ID token and when it expires, kept in sessionStorage (gone when the tab closes).
 * No personal data is stored beside it.
 */
export interface Session {
  idToken: string;
  /** epoch milliseconds */
  expiresAt: number;
}

const KEY = 'vatra.session';

export function readSession(storage: Pick<Storage, 'getItem' | 'removeItem'>, now: number): Session | undefined {
  const raw = storage.getItem(KEY);
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.idToken === 'string' && typeof s.expiresAt === 'number' && s.expiresAt > now) return { idToken: s.idToken, expiresAt: s.expiresAt };
  } catch {
    // unreadable: treated as signed out
  }
  storage.removeItem(KEY);
  return undefined;
}

export function writeSession(storage: Pick<Storage, 'setItem'>, s: Session): void {
  storage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(KEY);
}

/** A session from a sign-in answer, expiring a little early so no request is sent with a token about to lapse. */
export function sessionFrom(idToken: string, expiresInSeconds: number, now: number): Session {
  const margin = Math.min(60, Math.floor(expiresInSeconds / 10));
  return { idToken, expiresAt: now + (expiresInSeconds - margin) * 1000 };
}
