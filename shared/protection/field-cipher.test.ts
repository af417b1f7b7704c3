import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { FieldCipher, SealError, isSealed } from './field-cipher.js';
import { LocalKeyProvider, type KeyProvider } from './keys.js';

function countingProvider() {
  const inner = new LocalKeyProvider({ key: randomBytes(32) });
  const counts = { generate: 0, decrypt: 0 };
  const p: KeyProvider = {
    kind: 'local',
    generateDataKey: (c) => { counts.generate += 1; return inner.generateDataKey(c); },
    decryptDataKey: (e, k, c) => { counts.decrypt += 1; return inner.decryptDataKey(e, k, c); },
    mac: (m) => inner.mac(m),
  };
  return { p, counts };
}

describe('FieldCipher', () => {
  it('round-trips any JSON value (property)', async () => {
    const cipher = new FieldCipher(new LocalKeyProvider({ key: randomBytes(32) }));
    await fc.assert(fc.asyncProperty(fc.jsonValue(), fc.string({ minLength: 1, maxLength: 40 }), async (value, aad) => {
      const sealed = await cipher.seal(value, aad);
      expect(isSealed(sealed)).toBe(true);
      expect(await cipher.open(sealed, aad)).toEqual(JSON.parse(JSON.stringify(value)));
    }), { numRuns: 200 });
  });

  it('hides the value: the sealed form contains no plaintext', async () => {
    const cipher = new FieldCipher(new LocalKeyProvider({ key: randomBytes(32) }));
    const sealed = await cipher.seal({ cnp: '5150412350016', ethnicity: 'roma' }, 'vatra/case/A');
    const text = JSON.stringify(sealed);
    expect(text).not.toContain('5150412350016');
    expect(text).not.toContain('roma');
  });

  it('refuses a blob moved to another record, altered, or opened with another key', async () => {
    const keys = new LocalKeyProvider({ key: randomBytes(32) });
    const cipher = new FieldCipher(keys);
    const sealed = await cipher.seal({ ethnicity: 'roma' }, 'vatra/case/A');
    await expect(cipher.open(sealed, 'vatra/case/B')).rejects.toThrow(SealError);
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0]! ^= 0xff;
    await expect(cipher.open({ ...sealed, ct: ct.toString('base64') }, 'vatra/case/A')).rejects.toThrow(SealError);
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[3]! ^= 1;
    await expect(cipher.open({ ...sealed, tag: tag.toString('base64') }, 'vatra/case/A')).rejects.toThrow(SealError);
    const stranger = new FieldCipher(new LocalKeyProvider({ key: randomBytes(32) }));
    await expect(stranger.open(sealed, 'vatra/case/A')).rejects.toThrow();
  });

  it('reuses a data key within its use and age limits, then asks for a new one', async () => {
    const { p, counts } = countingProvider();
    let clock = 0;
    const cipher = new FieldCipher(p, { maxUses: 3, maxAgeMs: 1000, now: () => clock });
    const a = await Promise.all([cipher.seal(1, 'x'), cipher.seal(2, 'x'), cipher.seal(3, 'x')]);
    expect(counts.generate).toBe(1);
    expect(new Set(a.map((s) => s.edk)).size).toBe(1);
    const b = await cipher.seal(4, 'x');
    expect(counts.generate).toBe(2);
    expect(b.edk).not.toBe(a[0]!.edk);
    clock = 5000;
    await cipher.seal(5, 'x');
    expect(counts.generate).toBe(3);
    // keys this instance generated or already unwrapped open without asking the provider again
    for (const s of [...a, b]) await cipher.open(s, 'x');
    expect(counts.decrypt).toBe(0);
    const fresh = new FieldCipher(p);
    await fresh.open(a[0]!, 'x');
    await fresh.open(a[1]!, 'x');
    expect(counts.decrypt).toBe(1);
  });
});
