import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { syntheticCnp } from '../../platform/ro/cnp.js';
import { identityKeys, normaliseName, sameChild } from './duplicates.js';

describe('normaliseName', () => {
  it('removes diacritics, comma-below and cedilla alike, and lowers the case', () => {
    expect(normaliseName('Ștefan')).toBe('stefan');
    expect(normaliseName('Ştefan')).toBe('stefan'); // cedilla
    expect(normaliseName('Stefan')).toBe('stefan');
    expect(normaliseName('Ţurcanu')).toBe(normaliseName('Țurcanu'));
    expect(normaliseName('Ăâîșț ĂÂÎȘȚ')).toBe('aaist aaist');
    expect(normaliseName('Kovács Réka')).toBe('kovacs reka');
  });

  it('collapses spaces and treats hyphens as spaces', () => {
    expect(normaliseName('  Maria   Ioana ')).toBe('maria ioana');
    expect(normaliseName('Popescu-Ionescu')).toBe('popescu ionescu');
    expect(normaliseName("D'Artagnan")).toBe('dartagnan');
  });

  it('is idempotent and insensitive to case and Unicode composition (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aăâbcdeiîsștțţşzAĂÂIÎSȘTȚ -'.split('')), maxLength: 30 }), (s) => {
        const n = normaliseName(s);
        expect(normaliseName(n)).toBe(n);
        expect(normaliseName(s.toUpperCase())).toBe(n);
        expect(normaliseName(s.normalize('NFD'))).toBe(n);
        expect(n).toMatch(/^[a-z -]*$/);
        expect(n).not.toMatch(/^ | $| {2}/);
      }),
    );
  });
});

describe('identityKeys', () => {
  it('gives a CNP key and a name+birth-date key', () => {
    const cnp = syntheticCnp('2014-03-03', 'M', 4);
    expect(identityKeys({ cnp, firstName: 'Ștefan', lastName: 'Țurcanu', birthDate: '2014-03-03' })).toEqual([`cnp#${cnp}`, 'nbd#turcanu stefan#2014-03-03']);
  });

  it('adds the CNP key only for a valid CNP', () => {
    expect(identityKeys({ cnp: '1234567890123', firstName: 'A', lastName: 'B', birthDate: '2014-03-03' })).toEqual(['nbd#b a#2014-03-03']);
    expect(identityKeys({ cnp: '', firstName: 'A', lastName: 'B', birthDate: '2014-03-03' })).toHaveLength(1);
    expect(identityKeys({ firstName: 'A', lastName: 'B', birthDate: '2014-03-03' })).toHaveLength(1);
  });

  it("finds 'Ștefan' and 'Stefan', 'Ţ' (cedilla) and 'Ț' as the same child; another birth date is another child", () => {
    const a = { firstName: 'Ștefan', lastName: 'Țurcanu', birthDate: '2014-03-03' };
    expect(sameChild(a, { firstName: 'Stefan', lastName: 'TURCANU', birthDate: '2014-03-03' })).toBe(true);
    expect(sameChild(a, { firstName: 'Ştefan', lastName: 'Ţurcanu', birthDate: '2014-03-03' })).toBe(true);
    expect(sameChild(a, { firstName: 'Ștefan', lastName: 'Țurcanu', birthDate: '2014-03-04' })).toBe(false);
    expect(sameChild(a, { firstName: 'Șerban', lastName: 'Țurcanu', birthDate: '2014-03-03' })).toBe(false);
  });

  it('matches by CNP even when the name was typed differently', () => {
    const cnp = syntheticCnp('2015-01-20', 'F', 9);
    expect(sameChild({ cnp, firstName: 'Ana', lastName: 'Pop', birthDate: '2015-01-20' }, { cnp, firstName: 'Anna', lastName: 'Popp', birthDate: '2015-01-20' })).toBe(true);
  });
});
