import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { FieldEncryptionCodec } from './case-codec.js';
import { sealedCaseFields } from './config.js';
import { LocalKeyProvider } from './keys.js';
import { fakeCase } from './test-fixtures.js';
import type { CaseRecord } from '../cases/index.js';

const codec = () => new FieldEncryptionCodec(new LocalKeyProvider({ key: randomBytes(32) }));

describe('FieldEncryptionCodec', () => {
  it('stores no CNP, ethnicity, disability, risk factor or narrative in the clear, and reads the record back whole', async () => {
    const k = codec();
    const c = fakeCase();
    const item = await k.encode(c);
    const raw = JSON.stringify(item);
    for (const secret of [c.child.cnp!, 'roma', 'suicide_attempt', 'alcohol_drug_use', c.referral.reason, c.evaluation!.familySituation, c.evaluation!.childView]) {
      expect(raw).not.toContain(secret);
    }
    expect((item.child as Record<string, unknown>).disability).toBeUndefined();
    // what queries and indexes need stays readable
    expect(item).toMatchObject({ caseId: c.caseId, caseNumber: c.caseNumber, status: 'open', institution: 'DAS', services: ['cz-sf-nicolae'] });
    expect(await k.decode(item)).toEqual(c);
    // the input record is not changed by encoding
    expect(c.child.cnp).toMatch(/^\d{13}$/);
  });

  it('round-trips records with any subset of the sealed fields present (property)', async () => {
    const k = codec();
    await fc.assert(fc.asyncProperty(
      fc.subarray([...sealedCaseFields]),
      fc.constantFrom('roma', 'not_roma', 'not_declared'),
      fc.boolean(),
      fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
      async (present, ethnicity, disability, narrative) => {
        const c = fakeCase({ child: { ...fakeCase().child, ethnicity: ethnicity as 'roma', disability } });
        if (narrative !== undefined) c.referral = { ...c.referral, reason: narrative };
        for (const path of sealedCaseFields) {
          if (present.includes(path)) continue;
          const [head, key] = path.split('.') as [keyof CaseRecord, string];
          const parent = c[head] as Record<string, unknown> | undefined;
          if (parent) delete parent[key];
        }
        const item = await k.encode(c);
        expect(await k.decode(item)).toEqual(c);
        if (present.length === 0) expect(item.sealed).toBeUndefined();
      },
    ), { numRuns: 150 });
  });

  it('reads items written before encryption as they are', async () => {
    const c = fakeCase();
    expect(await codec().decode({ ...c } as unknown as Record<string, unknown>)).toEqual(c);
  });

  it('refuses a sealed attribute copied from another case', async () => {
    const k = codec();
    const a = await k.encode(fakeCase());
    const b = await k.encode(fakeCase());
    await expect(k.decode({ ...b, sealed: a.sealed })).rejects.toThrow(/does not verify/);
  });

  it('does not bring back a parent object removed outside the store', async () => {
    const k = codec();
    const c = fakeCase();
    const item = await k.encode(c);
    delete item.evaluation;
    const back = await k.decode(item);
    expect(back.evaluation).toBeUndefined();
    expect(back.child.cnp).toBe(c.child.cnp);
  });
});
