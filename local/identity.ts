/**
 * The local stand-in for Cognito: users with scrypt-hashed passwords, ES256-signed ID tokens carrying the same
 * claims a Cognito ID token carries (sub, cognito:username, cognito:groups, custom:institution, custom:services,
 * email, name), expiry, and a backoff after repeated failures. There is no bypass: every API call needs a token.
 *
 * The backoff is kept per (user name as typed, source address), and it is the same for a name that exists and one
 * that does not: an attacker who guesses passwords slows down only themself (the real user signs in from elsewhere
 * and keeps their sessions), and the answers never tell a real name from an unknown one (decision record 016).
 */
import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { InstitutionId, Role } from '../shared/platform/auth/principal.js';
import { defaultSessionLifetime, type SessionLifetime } from '../shared/platform/auth/session-lifetime.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export interface LocalUser {
  username: string;
  sub: string;
  name: string;
  email?: string | undefined;
  groups: Role[];
  institution: InstitutionId;
  services: string[];
  passwordHash: string; // scrypt$<salt b64>$<hash b64>
  /** no longer used (the backoff is per name and source, not per account); kept so older users.json files load */
  failedAttempts?: number;
  lockedUntil?: string | undefined;
}

export interface NewUser {
  username: string;
  password: string;
  name: string;
  email?: string | undefined;
  groups: Role[];
  institution: InstitutionId;
  services?: string[];
}

export const LOCAL_AUDIENCE = 'vatra-web-local';
/** failed attempts from one source for one name before the backoff starts */
export const MAX_FAILED_ATTEMPTS = 5;
/** the backoff doubles from 1 minute with each further failure, up to this */
export const MAX_BACKOFF_MINUTES = 15;
/** failures older than this are forgotten */
export const FAILURE_MEMORY_MINUTES = 60;
/** records kept at most (oldest forgotten first): a flood of invented names cannot grow memory without bound */
const MAX_BACKOFF_RECORDS = 10_000;
/** ID tokens the server issues for its own use (the demo seed signs in as the demo users): never handed to a browser */
export const INTERNAL_TOKEN_TTL_SECONDS = 8 * 3600;

/** The wait after `failures` failed attempts (0 below the threshold): 1, 2, 4, 8, 15, 15, … minutes. */
export function backoffMinutes(failures: number): number {
  if (failures < MAX_FAILED_ATTEMPTS) return 0;
  return Math.min(MAX_BACKOFF_MINUTES, 2 ** (failures - MAX_FAILED_ATTEMPTS));
}

interface Backoff { failures: number; last: number; until: number }

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, saltB64, hashB64] = stored.split('$');
  if (alg !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export type LoginResult =
  | { ok: true; idToken: string; expiresIn: number; refreshToken: string; refreshExpiresIn: number }
  | { ok: false; code: 'INVALID_CREDENTIALS'; message: string }
  | { ok: false; code: 'TOO_MANY_ATTEMPTS'; message: string; retryAfterSeconds: number };

export type RefreshCode = 'REFRESH_MISSING' | 'REFRESH_INVALID' | 'REFRESH_REVOKED' | 'REFRESH_EXPIRED';

export type RefreshResult =
  | { ok: true; idToken: string; expiresIn: number }
  | { ok: false; code: RefreshCode; message: string };

export const REFRESH_MESSAGES: Record<RefreshCode, string> = {
  REFRESH_MISSING: 'Nu există o sesiune deschisă. Autentificați-vă.',
  REFRESH_INVALID: 'Sesiunea nu este recunoscută. Autentificați-vă din nou.',
  REFRESH_REVOKED: 'Ați ieșit din cont. Autentificați-vă din nou.',
  REFRESH_EXPIRED: 'Sesiunea a expirat. Vă rugăm să vă autentificați din nou.',
};

/**
 * A refresh session: what the refresh cookie stands for. Only a SHA-256 of the cookie's value is kept (a copy of
 * refresh-sessions.json signs nobody in). Revoked sessions are remembered until they would have expired, so a
 * revoked cookie is told apart (REFRESH_REVOKED) from one never issued (REFRESH_INVALID).
 */
interface RefreshSession {
  username: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number;
  revokedAt?: number | undefined;
}

const refreshKey = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

export class LocalIdentity {
  private users = new Map<string, LocalUser>();
  private backoff = new Map<string, Backoff>();
  private refreshSessions = new Map<string, RefreshSession>();
  private privateKey!: CryptoKey | Uint8Array;
  private publicKey!: CryptoKey | Uint8Array;

  private constructor(private readonly dir: string, readonly issuer: string, readonly lifetime: SessionLifetime) {}

  static async open(dataDir: string, issuer: string, lifetime: SessionLifetime = defaultSessionLifetime): Promise<LocalIdentity> {
    const id = new LocalIdentity(join(dataDir, 'identity'), issuer, lifetime);
    mkdirSync(id.dir, { recursive: true });
    const keyFile = join(id.dir, 'signing-key.json');
    let jwks: { privateJwk: JWK; publicJwk: JWK };
    if (existsSync(keyFile)) {
      jwks = JSON.parse(readFileSync(keyFile, 'utf8')) as typeof jwks;
    } else {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      jwks = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
      writeFileSync(keyFile, JSON.stringify(jwks), { mode: 0o600 });
    }
    id.privateKey = await importJWK(jwks.privateJwk, 'ES256');
    id.publicKey = await importJWK(jwks.publicJwk, 'ES256');
    const usersFile = join(id.dir, 'users.json');
    if (existsSync(usersFile)) {
      for (const u of JSON.parse(readFileSync(usersFile, 'utf8')) as LocalUser[]) id.users.set(u.username, u);
    }
    const refreshFile = join(id.dir, 'refresh-sessions.json');
    if (existsSync(refreshFile)) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(readFileSync(refreshFile, 'utf8')) as Record<string, RefreshSession>)) id.refreshSessions.set(k, v);
      } catch {
        // unreadable: every refresh cookie is refused and staff sign in again
      }
    }
    return id;
  }

  private saveRefreshSessions(now: number) {
    for (const [k, v] of this.refreshSessions) if (v.expiresAt <= now) this.refreshSessions.delete(k);
    const file = join(this.dir, 'refresh-sessions.json');
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(this.refreshSessions)), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  private save() {
    const file = join(this.dir, 'users.json');
    writeFileSync(`${file}.tmp`, JSON.stringify([...this.users.values()], null, 1), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  hasUsers(): boolean {
    return this.users.size > 0;
  }

  listUsers(): Omit<LocalUser, 'passwordHash'>[] {
    return [...this.users.values()].map(({ passwordHash: _p, ...rest }) => rest);
  }

  async addUser(u: NewUser): Promise<LocalUser> {
    const user: LocalUser = {
      username: u.username,
      sub: randomUUID(),
      name: u.name,
      email: u.email,
      groups: u.groups,
      institution: u.institution,
      services: u.services ?? [],
      passwordHash: await hashPassword(u.password),
    };
    const replaced = this.users.has(u.username);
    this.users.set(u.username, user);
    this.save();
    // the account was replaced (new password, roles or institution): the sessions signed in before end with it
    if (replaced) this.revokeAllOf(u.username);
    return user;
  }

  /**
   * Sign in. `source` is where the attempt comes from (the client address): the backoff is per name and source.
   * A real and an unknown name go through the same steps (a password hash each) and get the same answers.
   */
  async login(username: string, password: string, now = new Date(), source = '-'): Promise<LoginResult> {
    const key = `${username.normalize('NFC').toLowerCase()}\u0000${source}`;
    const t = now.getTime();
    let b = this.backoff.get(key);
    if (b && t - b.last > FAILURE_MEMORY_MINUTES * 60_000) {
      this.backoff.delete(key);
      b = undefined;
    }
    if (b && b.until > t) {
      const retryAfterSeconds = Math.ceil((b.until - t) / 1000);
      return {
        ok: false, code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds,
        message: `Prea multe încercări eșuate. Reîncercați peste ${Math.ceil(retryAfterSeconds / 60)} ${Math.ceil(retryAfterSeconds / 60) === 1 ? 'minut' : 'minute'}.`,
      };
    }
    const user = this.users.get(username);
    // an unknown name costs the same hashing as a wrong password (no user enumeration by timing)
    const good = user ? await verifyPassword(password, user.passwordHash) : await hashPassword(password).then(() => false);
    if (!user || !good) {
      const failures = (b?.failures ?? 0) + 1;
      this.backoff.delete(key); // re-insert: the map's order is the order of last use
      this.backoff.set(key, { failures, last: t, until: t + backoffMinutes(failures) * 60_000 });
      while (this.backoff.size > MAX_BACKOFF_RECORDS) this.backoff.delete(this.backoff.keys().next().value!);
      return { ok: false, code: 'INVALID_CREDENTIALS', message: 'Utilizator sau parolă incorectă.' };
    }
    this.backoff.delete(key);
    const refreshToken = randomBytes(32).toString('base64url');
    this.refreshSessions.set(refreshKey(refreshToken), { username: user.username, createdAt: t, lastUsedAt: t, expiresAt: t + this.lifetime.refreshTtlSeconds * 1000 });
    this.saveRefreshSessions(t);
    return {
      ok: true,
      idToken: await this.issue(user, now, this.lifetime.idTokenTtlSeconds),
      expiresIn: this.lifetime.idTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: this.lifetime.refreshTtlSeconds,
    };
  }

  /**
   * A new ID token for a refresh cookie's value. Refused: no value (REFRESH_MISSING), a value never issued
   * (REFRESH_INVALID), one signed out (REFRESH_REVOKED), one past its lifetime or unused for longer than the idle
   * limit — the tab was closed, or the computer slept (REFRESH_EXPIRED). The refresh credential itself is not
   * rotated: two tabs of one browser share the cookie and may refresh at the same moment.
   */
  async refresh(refreshToken: string | undefined, now = new Date()): Promise<RefreshResult> {
    const refuse = (code: RefreshCode): RefreshResult => ({ ok: false, code, message: REFRESH_MESSAGES[code] });
    if (!refreshToken) return refuse('REFRESH_MISSING');
    const t = now.getTime();
    const s = this.refreshSessions.get(refreshKey(refreshToken));
    if (!s) return refuse('REFRESH_INVALID');
    if (s.revokedAt !== undefined) return refuse('REFRESH_REVOKED');
    // the SPA refreshes at most one token lifetime apart while it is open and in use
    const idleMs = Math.max(this.lifetime.idleSeconds, this.lifetime.idTokenTtlSeconds + 60) * 1000;
    if (s.expiresAt <= t || t - s.lastUsedAt > idleMs) return refuse('REFRESH_EXPIRED');
    const user = this.users.get(s.username);
    if (!user) return refuse('REFRESH_INVALID');
    s.lastUsedAt = t;
    this.saveRefreshSessions(t);
    return { ok: true, idToken: await this.issue(user, now, this.lifetime.idTokenTtlSeconds), expiresIn: this.lifetime.idTokenTtlSeconds };
  }

  /** Sign out: the refresh cookie's session is revoked (idempotent; an unknown value changes nothing). */
  revoke(refreshToken: string | undefined, now = new Date()): boolean {
    if (!refreshToken) return false;
    const s = this.refreshSessions.get(refreshKey(refreshToken));
    if (!s || s.revokedAt !== undefined) return false;
    s.revokedAt = now.getTime();
    this.saveRefreshSessions(now.getTime());
    return true;
  }

  /** Every refresh session of one user is revoked (an account replaced or taken away). Returns how many were live. */
  revokeAllOf(username: string, now = new Date()): number {
    let n = 0;
    for (const s of this.refreshSessions.values()) {
      if (s.username !== username || s.revokedAt !== undefined) continue;
      s.revokedAt = now.getTime();
      n++;
    }
    if (n > 0) this.saveRefreshSessions(now.getTime());
    return n;
  }

  async issue(user: LocalUser, now = new Date(), ttlSeconds = INTERNAL_TOKEN_TTL_SECONDS): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({
      'cognito:username': user.username,
      'cognito:groups': user.groups,
      'custom:institution': user.institution,
      'custom:services': user.services.join(','),
      email: user.email,
      name: user.name,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'vatra-local' })
      .setSubject(user.sub)
      .setIssuer(this.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
  }

  /** Verify like API Gateway's JWT authorizer: signature, issuer, audience, expiry. Returns claims or undefined. */
  async verify(token: string): Promise<JWTPayload | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] });
      return payload;
    } catch {
      return undefined;
    }
  }

  userByUsername(username: string): LocalUser | undefined {
    return this.users.get(username);
  }
}
