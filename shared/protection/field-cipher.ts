/**
 * Envelope encryption of a small JSON value with AES-256-GCM (node:crypto). A data key from the KeyProvider encrypts
 * the value; the data key travels wrapped beside the ciphertext. The record's identity (e.g. the case id) is the
 * additional authenticated data, so a sealed blob copied onto another record does not open.
 *
 * Data keys are cached like the AWS Encryption SDK's caching materials manager: one data key encrypts up to
 * `maxUses` values for at most `maxAgeMs`, and unwrapped keys are kept in a bounded map, so a warm function does not
 * call KMS for every case it reads or writes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionContext, KeyProvider } from './keys.js';

export interface Sealed {
  v: 1;
  /** master key that wrapped the data key */
  kid: string;
  /** wrapped data key, base64 */
  edk: string;
  iv: string;
  tag: string;
  ct: string;
}

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export interface FieldCipherOptions {
  maxUses?: number;
  maxAgeMs?: number;
  maxCachedKeys?: number;
  now?: () => number;
}

const DATA_KEY_CONTEXT: EncryptionContext = Object.freeze({ app: 'vatra', purpose: 'sealed-fields' });

export function isSealed(v: unknown): v is Sealed {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  return s.v === 1 && ['kid', 'edk', 'iv', 'tag', 'ct'].every((k) => typeof s[k] === 'string');
}

export class FieldCipher {
  private current: { keyId: string; plaintext: Buffer; edk: string; uses: number; createdAt: number } | undefined;
  private pending: Promise<NonNullable<FieldCipher['current']>> | undefined;
  private readonly unwrapped = new Map<string, Buffer>();
  private readonly maxUses: number;
  private readonly maxAgeMs: number;
  private readonly maxCachedKeys: number;
  private readonly now: () => number;

  constructor(private readonly keys: KeyProvider, opts: FieldCipherOptions = {}) {
    this.maxUses = opts.maxUses ?? 1000;
    this.maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
    this.maxCachedKeys = opts.maxCachedKeys ?? 500;
    this.now = opts.now ?? Date.now;
  }

  private async dataKey() {
    const c = this.current;
    if (c && c.uses < this.maxUses && this.now() - c.createdAt < this.maxAgeMs) {
      c.uses += 1;
      return c;
    }
    // concurrent seals share one GenerateDataKey call
    this.pending ??= this.keys.generateDataKey(DATA_KEY_CONTEXT).then((k) => {
      const fresh = { keyId: k.keyId, plaintext: k.plaintext, edk: k.encrypted.toString('base64'), uses: 0, createdAt: this.now() };
      this.current = fresh;
      this.remember(fresh.edk, k.plaintext);
      return fresh;
    }).finally(() => { this.pending = undefined; });
    const fresh = await this.pending;
    fresh.uses += 1;
    return fresh;
  }

  private remember(edk: string, key: Buffer) {
    if (this.unwrapped.size >= this.maxCachedKeys) {
      const oldest = this.unwrapped.keys().next().value;
      if (oldest !== undefined) this.unwrapped.delete(oldest);
    }
    this.unwrapped.set(edk, key);
  }

  private async unwrap(s: Sealed): Promise<Buffer> {
    const cached = this.unwrapped.get(s.edk);
    if (cached) return cached;
    const key = await this.keys.decryptDataKey(Buffer.from(s.edk, 'base64'), s.kid, DATA_KEY_CONTEXT);
    this.remember(s.edk, key);
    return key;
  }

  /** Encrypt `value` (any JSON) bound to `aad` (the record's identity). */
  async seal(value: unknown, aad: string): Promise<Sealed> {
    const k = await this.dataKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', k.plaintext, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { v: 1, kid: k.keyId, edk: k.edk, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  }

  /** Decrypt a sealed value; throws SealError when it was altered, moved to another record or the key is wrong. */
  async open<T = unknown>(s: Sealed, aad: string): Promise<T> {
    const key = await this.unwrap(s);
    const iv = Buffer.from(s.iv, 'base64');
    const tag = Buffer.from(s.tag, 'base64');
    if (iv.length !== 12 || tag.length !== 16) throw new SealError('Malformed sealed value.');
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    let text: string;
    try {
      text = Buffer.concat([decipher.update(Buffer.from(s.ct, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealError('Sealed value does not verify (altered, moved to another record, or wrong key).');
    }
    return JSON.parse(text) as T;
  }
}
