import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { identityKeys } from '../cases/index.js';
import { syntheticCnp } from '../platform/ro/cnp.js';
import { LocalKeyProvider } from './keys.js';
import { isProtectedIdentityKey, protectIdentityKey, protectIdentityKeys } from './identity-keys.js';

const keys = new LocalKeyProvider({ key: randomBytes(32) });

describe('protected identity keys', () => {
  it('reveal neither the CNP nor the name and birth date, and keep their kind', async () => {
    const cnp = syntheticCnp('2015-04-12', 'F', 17);
    const raw = identityKeys({ cnp, firstName: 'Fictivina', lastName: 'Testescu', birthDate: '2015-04-12' });
    const hashed = await protectIdentityKeys(raw, keys);
    expect(hashed).toHaveLength(2);
    expect(hashed[0]).toMatch(/^cnp#h1#/);
    expect(hashed[1]).toMatch(/^nbd#h1#/);
    const text = hashed.join(' ');
    for (const s of [cnp, 'fictivina', 'testescu', '2015-04-12']) expect(text.toLowerCase()).not.toContain(s);
    expect(hashed.every(isProtectedIdentityKey)).toBe(true);
  });

  it('still finds the same child: the same person always gives the same keys, different people different keys (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('Ana', 'Ștefan', 'Ionuț', 'Maria-Ioana'), fc.constantFrom('Pop', 'Țurcan', 'Fictivescu'),
      fc.integer({ min: 1, max: 998 }), fc.integer({ min: 1, max: 998 }),
      async (first, last, s1, s2) => {
        const a = await protectIdentityKeys(identityKeys({ cnp: syntheticCnp('2014-02-03', 'M', s1), firstName: first, lastName: last, birthDate: '2014-02-03' }), keys);
        // the same child typed without diacritics and without a CNP still matches on the name key
        const plain = first.normalize('NFD').replace(/\p{M}/gu, '');
        const b = await protectIdentityKeys(identityKeys({ firstName: plain.toUpperCase(), lastName: last, birthDate: '2014-02-03' }), keys);
        expect(a).toContain(b[0]);
        const c = await protectIdentityKeys(identityKeys({ cnp: syntheticCnp('2014-02-03', 'M', s2), firstName: first, lastName: last, birthDate: '2014-02-03' }), keys);
        expect(c[0] === a[0]).toBe(s1 === s2);
      },
    ), { numRuns: 60 });
  });

  it('is idempotent and depends on the secret key', async () => {
    const k = await protectIdentityKey('cnp#5150412350016', keys);
    expect(await protectIdentityKey(k, keys)).toBe(k);
    expect(await protectIdentityKey('cnp#5150412350016', new LocalKeyProvider({ key: randomBytes(32) }))).not.toBe(k);
  });
});
