import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidIBAN } from 'ibantools';
import { formatIban, ibanCheckDigits, mod97, syntheticRoIban, validateRoIban } from './iban.js';
import { msg } from '../i18n/ro.js';

// Published example of a Romanian IBAN (the IBAN registry's RO sample)
const RO_SAMPLE = 'RO49AAAA1B31007593840000';

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
  });
});

describe('formatIban', () => {
  it('groups by four', () => {
    expect(formatIban(RO_SAMPLE)).toBe('RO49 AAAA 1B31 0075 9384 0000');
    expect(formatIban('ro49aaaa1b31007593840000')).toBe('RO49 AAAA 1B31 0075 9384 0000');
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
        expect(isValidIBAN(iban)).toBe(true);
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
