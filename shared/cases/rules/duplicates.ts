/**
 * Keys that identify a child for "one open case per child": `cnp#<CNP>` when the CNP is valid, and always
 * `nbd#<last first, normalised>#<birth date>`, so that a child registered once with and once without a CNP,
 * or with and without diacritics, is still found.
 */
import { isValidCnp } from '../../platform/ro/cnp.js';

/**
 * Lower case, without diacritics (ș and the cedilla ş alike, ț and ţ alike, ă â î), hyphens and other separators as
 * spaces, other punctuation dropped, single spaces, trimmed: 'Ştefan-Ionuţ  POPESCU' → 'stefan ionut popescu'.
 */
export function normaliseName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—_.,/]+/g, ' ')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface IdentityInput {
  cnp?: string | undefined;
  firstName: string;
  lastName: string;
  birthDate: string;
}

export function identityKeys(p: IdentityInput): string[] {
  const keys: string[] = [];
  const cnp = p.cnp?.trim();
  if (cnp && isValidCnp(cnp)) keys.push(`cnp#${cnp}`);
  keys.push(`nbd#${normaliseName(`${p.lastName} ${p.firstName}`)}#${p.birthDate}`);
  return keys;
}

/** Do two children share an identity key (the same child registered twice)? */
export const sameChild = (a: IdentityInput, b: IdentityInput): boolean => {
  const keys = new Set(identityKeys(a));
  return identityKeys(b).some((k) => keys.has(k));
};
