/**
 * The local stand-in for Cognito: users with scrypt-hashed passwords, ES256-signed ID tokens carrying the same
 * claims a Cognito ID token carries (sub, cognito:username, cognito:groups, custom:institution, custom:services,
 * email, name), expiry, and lockout after repeated failures. There is no bypass: every API call needs a token.
 */
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { InstitutionId, Role } from '../shared/platform/auth/principal.js';

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
  failedAttempts: number;
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
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
export const TOKEN_TTL_SECONDS = 8 * 3600;

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
  | { ok: true; idToken: string; expiresIn: number }
  | { ok: false; code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED'; message: string; lockedUntil?: string };

export class LocalIdentity {
  private users = new Map<string, LocalUser>();
  private privateKey!: CryptoKey | Uint8Array;
  private publicKey!: CryptoKey | Uint8Array;

  private constructor(private readonly dir: string, readonly issuer: string) {}

  static async open(dataDir: string, issuer: string): Promise<LocalIdentity> {
    const id = new LocalIdentity(join(dataDir, 'identity'), issuer);
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
    return id;
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
      failedAttempts: 0,
    };
    this.users.set(u.username, user);
    this.save();
    return user;
  }

  async login(username: string, password: string, now = new Date()): Promise<LoginResult> {
    const user = this.users.get(username);
    const invalid: LoginResult = { ok: false, code: 'INVALID_CREDENTIALS', message: 'Utilizator sau parolă incorectă.' };
    if (!user) {
      await hashPassword(password); // same work either way: no user enumeration by timing
      return invalid;
    }
    if (user.lockedUntil && new Date(user.lockedUntil) > now) {
      return { ok: false, code: 'ACCOUNT_LOCKED', message: `Cont blocat temporar după prea multe încercări eșuate. Reîncercați după ${LOCKOUT_MINUTES} minute.`, lockedUntil: user.lockedUntil };
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      user.failedAttempts += 1;
      if (user.failedAttempts >= MAX_FAILED_ATTEMPTS) {
        user.lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
        user.failedAttempts = 0;
      }
      this.save();
      return invalid;
    }
    user.failedAttempts = 0;
    user.lockedUntil = undefined;
    this.save();
    return { ok: true, idToken: await this.issue(user, now), expiresIn: TOKEN_TTL_SECONDS };
  }

  async issue(user: LocalUser, now = new Date(), ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
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
