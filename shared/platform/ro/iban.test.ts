import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIban, ibanCheckDigits, mod97, syntheticRoIban, validateRoIban } from './iban.js';
import { msg } from '../i18n/ro.js';

// Published example of a Romanian IBAN (the IBAN registry's RO sample)
const RO_SAMPLE = 'RO49AAAA1B31007593840000';

/** ISO 13616 check written independently of the module: move the first four characters to the end, letters → 10–35, the number mod 97 is 1. */
function referenceValid(iban: string): boolean {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`;
  const digits = [...moved].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  return /^\d+$/.test(digits) && BigInt(digits) % 97n === 1n;
}
/** A Romanian IBAN with the right check digits for any 20-character BBAN (bank code + account), valid format or not. */
const withCheckDigits = (bban: string) => `RO${String(98 - Number(BigInt([...`${bban}RO00`].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('')) % 97n)).padStart(2, '0')}${bban}`;

describe('validateRoIban', () => {
  it('returns the electronic format of a valid Romanian IBAN typed with spaces, dashes or lower case', () => {
    expect(validateRoIban('ro49 aaaa 1b31 0075 9384 0000')).toEqual({ ok: true, iban: RO_SAMPLE });
    expect(validateRoIban('RO49-AAAA-1B31-0075-9384-0000')).toEqual({ ok: true, iban: RO_SAMPLE });
    expect(validateRoIban(` ${RO_SAMPLE} `)).toEqual({ ok: true, iban: RO_SAMPLE });
  });

  it('refuses wrong check digits, wrong length and garbage with IBAN_INVALID', () => {
    for (const bad of ['RO48AAAA1B31007593840000', 'RO49AAAA1B3100759384000', 'RO49AAAA1B310075938400001', '', 'not an iban', 'RO']) {
      expect(validateRoIban(bad)).toEqual({ ok: false, code: 'IBAN_INVALID', message: msg('IBAN_INVALID') });
    }
  });

  it('refuses a valid foreign IBAN with IBAN_NOT_RO', () => {
    expect(validateRoIban('DE89 3704 0044 0532 0130 00')).toEqual({ ok: false, code: 'IBAN_NOT_RO', message: msg('IBAN_NOT_RO') });
    expect(validateRoIban('GB82WEST12345698765432')).toMatchObject({ ok: false, code: 'IBAN_NOT_RO' });
    expect(validateRoIban('FR14 2004 1010 0505 0001 3M02 606')).toMatchObject({ ok: false, code: 'IBAN_NOT_RO' });
    // a foreign IBAN with wrong check digits is simply invalid
    expect(validateRoIban('DE88370400440532013000')).toMatchObject({ ok: false, code: 'IBAN_INVALID' });
  });

  it('accepts the IBANs the demo seed and the test fixtures use, and refuses the fixtures\' deliberately invalid ones', () => {
    // local/demo/cases.ts (900 + i), local/demo/history.ts (40,000 + i), test/support/subsidy.ts (1,000,000 + i)
    for (const seed of [900, 923, 40_000, 40_016, 1_000_000, 1_000_265]) {
      const iban = syntheticRoIban(seed);
      expect(validateRoIban(iban), iban).toEqual({ ok: true, iban });
      expect(referenceValid(iban), iban).toBe(true);
    }
    // test/support/subsidy.ts 'invalid', shared/subsidies/evaluate.test.ts, shared/imports/plan.test.ts
    for (const bad of ['RO00DEMO0000000000000007', 'RO00DEMO0000000000000001', 'RO49AAAA1B31007593840001', 'RO00']) {
      expect(validateRoIban(bad), bad).toMatchObject({ ok: false, code: 'IBAN_INVALID' });
    }
  });

  it('refuses a Romanian IBAN whose check digits fit but whose format does not (bank code of letters, 24 characters)', () => {
    for (const bban of ['AAA11B31007593840000', '1AAA1B31007593840000', 'AAAA1B3100759384000', 'AAAA1B310075938400001']) {
      const iban = withCheckDigits(bban);
      expect(referenceValid(iban), iban).toBe(true);
      expect(validateRoIban(iban), iban).toMatchObject({ ok: false, code: 'IBAN_INVALID' });
    }
    expect(withCheckDigits('AAAA1B31007593840000')).toBe(RO_SAMPLE);
  });

  it('refuses check digits that pass mod 97 only by wrapping (99 for 02, 00/01 for 97/98)', () => {
    const iban02 = [...Array(2000).keys()].map((i) => syntheticRoIban(i)).find((x) => x.slice(2, 4) === '02');
    expect(iban02).toBeDefined();
    const wrapped = `RO99${iban02!.slice(4)}`;
    expect(referenceValid(wrapped)).toBe(true);
    expect(validateRoIban(wrapped)).toMatchObject({ ok: false, code: 'IBAN_INVALID' });
  });

  it('agrees with the reference check on random Romanian-format strings (valid and not)', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
    const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
    fc.assert(
      fc.property(fc.array(letter, { minLength: 4, maxLength: 4 }), fc.array(alnum, { minLength: 16, maxLength: 16 }), fc.boolean(), fc.integer({ min: 0, max: 99 }), (bank, account, fix, digits) => {
        const bban = `${bank.join('')}${account.join('')}`;
        const iban = fix ? withCheckDigits(bban) : `RO${String(digits).padStart(2, '0')}${bban}`;
        expect(validateRoIban(iban).ok, iban).toBe(referenceValid(iban) && iban.slice(2, 4) !== '99' && iban.slice(2, 4) > '01');
      }),
    );
  });
});

describe('formatIban', () => {
  it('groups by four', () => {
    expect(formatIban(RO_SAMPLE)).toBe('RO49 AAAA 1B31 0075 9384 0000');
    expect(formatIban('ro49aaaa1b31007593840000')).toBe('RO49 AAAA 1B31 0075 9384 0000');
    expect(formatIban('RO49 AAAA-1B31 0075 9384 0000')).toBe('RO49 AAAA 1B31 0075 9384 0000');
    expect(formatIban('GB82WEST12345698765432')).toBe('GB82 WEST 1234 5698 7654 32');
  });
});

describe('check digits', () => {
  it('computes ISO 7064 MOD 97-10 like the published sample', () => {
    expect(ibanCheckDigits('RO', 'AAAA1B31007593840000')).toBe('49');
    expect(mod97('AAAA1B31007593840000RO49')).toBe(1);
  });
});

describe('syntheticRoIban (property)', () => {
  it('is a valid, fake (bank DEMO) Romanian IBAN for any seed, accepted in any spacing', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (seed) => {
        const iban = syntheticRoIban(seed);
        expect(iban).toMatch(/^RO\d{2}DEMO\d{16}$/);
        expect(referenceValid(iban)).toBe(true);
        expect(validateRoIban(formatIban(iban).toLowerCase())).toEqual({ ok: true, iban });
      }),
    );
  });

  it('is deterministic and differs between nearby seeds', () => {
    expect(syntheticRoIban(7)).toBe(syntheticRoIban(7));
    expect(new Set(Array.from({ length: 100 }, (_, i) => syntheticRoIban(i))).size).toBe(100);
  });

  it('breaks when any single character of the account changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 8, max: 23 }), fc.integer({ min: 1, max: 9 }), (seed, pos, delta) => {
        const iban = syntheticRoIban(seed);
        const changed = `${iban.slice(0, pos)}${(Number(iban[pos]) + delta) % 10}${iban.slice(pos + 1)}`;
        expect(validateRoIban(changed)).toMatchObject({ ok: false, code: 'IBAN_INVALID' });
      }),
    );
  });
});
