/** Keys that identify a child for "one open case per child": the CNP when valid, and name + birth date. */
import { isValidCnp } from './cnp.js';

/** Lower case, no diacritics (ș/ş, ț/ţ alike), single spaces. */
export function normaliseName(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/\s+/g, ' ').trim();
}

export function identityKeys(p: { cnp?: string | undefined; firstName: string; lastName: string; birthDate: string }): string[] {
  const keys: string[] = [];
  if (p.cnp && isValidCnp(p.cnp)) keys.push(`cnp#${p.cnp}`);
  keys.push(`nbd#${normaliseName(`${p.lastName} ${p.firstName}`)}#${p.birthDate}`);
  return keys;
}
