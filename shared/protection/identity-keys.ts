/**
 * Identity keys ("one open case per child") are table keys (IDENT#<key>) and cannot be encrypted like a field. They
 * are replaced by a keyed hash: HMAC-SHA-256 under a key only Vatra holds (KMS HMAC key in AWS, derived from the
 * local field key locally). The same child always gives the same key, so duplicate detection and the reports'
 * distinct-children count work unchanged, but a key reveals neither the CNP nor the name and birth date.
 */
import { defaultKeyProvider, type KeyProvider } from './keys.js';

const PROTECTED = /^[a-z0-9]+#h1#[A-Za-z0-9_-]{43}$/;

export const isProtectedIdentityKey = (k: string) => PROTECTED.test(k);

/** `cnp#1234…` → `cnp#h1#<base64url HMAC>`; already protected keys pass through unchanged. */
export async function protectIdentityKey(key: string, keys: KeyProvider = defaultKeyProvider()): Promise<string> {
  if (isProtectedIdentityKey(key)) return key;
  const kind = /^([a-z0-9]+)#/.exec(key)?.[1] ?? 'id';
  const mac = await keys.mac(`vatra-identity-key/v1\n${key}`);
  return `${kind}#h1#${mac.toString('base64url')}`;
}

export async function protectIdentityKeys(list: readonly string[], keys: KeyProvider = defaultKeyProvider()): Promise<string[]> {
  return Promise.all(list.map((k) => protectIdentityKey(k, keys)));
}
