import { addCalendarDays } from '../calendar.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDigit, checkRemainder, cnpCountyCodes, isValidCnp, makeCnp, parseCnp, syntheticCnp } from './cnp.js';
import { msg } from '../i18n/ro.js';

const DAY = 86_400_000;
const dateBetween = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / DAY, max: Date.parse(to) / DAY }).map((d) => addCalendarDays('1970-01-01', d));

const parts = fc.record({
  birthDate: dateBetween('1800-01-01', '2099-12-31'),
  sex: fc.constantFrom('M' as const, 'F' as const),
  serial: fc.integer({ min: 1, max: 999 }),
  countyCode: fc.constantFrom(...cnpCountyCodes),
});

describe('parseCnp — the official algorithm', () => {
  it('computes the check digit with the weights 279146358279 (hand-checked examples)', () => {
    // 1·2+8·7+0·9+0·1+1·4+0·6+1·3+2·5+2·8+1·2+1·7+4·9 = 136; 136 mod 11 = 4
    expect(checkDigit('180010122114')).toBe(4);
    expect(parseCnp('1800101221144')).toMatchObject({ ok: true, sex: 'M', birthDate: '1980-01-01', countyCode: '22' });
    // 5·2+1·7+4·9+0·1+3·4+0·6+3·3+3·5+5·8+0·2+1·7+8·9 = 208; 208 mod 11 = 10, written as 1
    expect(checkRemainder('514030335018')).toBe(10);
    expect(checkDigit('514030335018')).toBe(1);
    expect(isValidCnp('5140303350181')).toBe(true);
  });

  it('reads sex and century from the first digit', () => {
    expect(parseCnp(makeCnp({ birthDate: '1875-06-30', sex: 'F', serial: 3 }))).toMatchObject({ ok: true, sex: 'F', birthDate: '1875-06-30' });
    const c1999 = makeCnp({ birthDate: '1999-12-31', sex: 'M', serial: 3 });
    expect(c1999[0]).toBe('1');
    expect(parseCnp(c1999)).toMatchObject({ ok: true, sex: 'M', birthDate: '1999-12-31' });
    const c2000 = makeCnp({ birthDate: '2000-02-29', sex: 'M', serial: 3 });
    expect(c2000[0]).toBe('5');
    expect(parseCnp(c2000)).toMatchObject({ ok: true, sex: 'M', birthDate: '2000-02-29', foreigner: false, centuryInferred: false });
  });

  it('refuses wrong format, impossible dates, unknown counties and wrong check digits, in Romanian', () => {
    for (const bad of ['123', '18001012211445', '0800101221144', '18001O1221144', ' 1800101221144', '']) {
      expect(parseCnp(bad)).toEqual({ ok: false, code: 'CNP_FORMAT', message: msg('CNP_FORMAT') });
    }
    const withDate = (s: string, yymmdd: string) => {
      const first12 = `${s}${yymmdd}35001`;
      return `${first12}${checkDigit(first12)}`;
    };
    expect(parseCnp(withDate('5', '150230'))).toMatchObject({ ok: false, code: 'CNP_DATE' }); // 30 February
    expect(parseCnp(withDate('1', '001301'))).toMatchObject({ ok: false, code: 'CNP_DATE' }); // month 13
    expect(parseCnp(withDate('1', '000229'))).toMatchObject({ ok: false, code: 'CNP_DATE' }); // 1900 is not a leap year
    expect(parseCnp(withDate('5', '000229'))).toMatchObject({ ok: true, birthDate: '2000-02-29' }); // 2000 is
    for (const county of ['00', '49', '50', '53', '69', '71', '99']) {
      const first12 = `5140303${county}001`;
      const r = parseCnp(`${first12}${checkDigit(first12)}`);
      expect(r).toMatchObject({ ok: false, code: 'CNP_COUNTY' });
      expect(r.ok ? '' : r.message).toContain(county);
    }
    expect(parseCnp('1800101221145')).toEqual({ ok: false, code: 'CNP_CHECK_DIGIT', message: msg('CNP_CHECK_DIGIT') });
    expect(msg('CNP_CHECK_DIGIT')).toMatch(/ă|â|î|ș|ț/);
  });

  it('accepts Călărași (51), Giurgiu (52), the former Bucharest sectors 7–8 and the SIIEASC code 70', () => {
    for (const county of ['51', '52', '47', '48', '70', '35', '41', '46']) {
      expect(parseCnp(makeCnp({ birthDate: '2024-06-01', sex: 'F', serial: 12, countyCode: county }))).toMatchObject({ ok: true, countyCode: county });
    }
  });

  it('refuses a birth date after the reference date', () => {
    const cnp = makeCnp({ birthDate: '2026-12-01', sex: 'M', serial: 1 });
    expect(parseCnp(cnp, { referenceDate: '2026-11-23' })).toMatchObject({ ok: false, code: 'CNP_DATE' });
    expect(parseCnp(cnp, { referenceDate: '2026-12-01' })).toMatchObject({ ok: true });
  });

  it('handles foreign residents (7/8) and foreigners (9): century inferred, sex unknown for 9', () => {
    const resident = makeCnp({ birthDate: '2015-04-10', sex: 'F', serial: 8, foreignResident: true });
    expect(resident[0]).toBe('8');
    expect(parseCnp(resident, { referenceDate: '2026-11-23' })).toMatchObject({ ok: true, sex: 'F', birthDate: '2015-04-10', foreigner: true, centuryInferred: true });
    // without a reference date the classic reading (19xx) is used
    expect(parseCnp(resident)).toMatchObject({ ok: true, birthDate: '1915-04-10' });
    // a 20xx date still in the future falls back to 19xx
    const older = makeCnp({ birthDate: '1990-04-10', sex: 'M', serial: 8, foreignResident: true });
    expect(parseCnp(older, { referenceDate: '2026-11-23' })).toMatchObject({ ok: true, sex: 'M', birthDate: '1990-04-10' });
    const first12 = '915041035008';
    const foreigner = parseCnp(`${first12}${checkDigit(first12)}`, { referenceDate: '2026-11-23' });
    expect(foreigner).toMatchObject({ ok: true, sex: null, birthDate: '2015-04-10', foreigner: true });
  });
});

describe('properties', () => {
  it('every generated CNP is valid and gives back its birth date, sex and county', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const r = parseCnp(makeCnp(p));
        expect(r).toEqual({ ok: true, birthDate: p.birthDate, sex: p.sex, countyCode: p.countyCode, foreigner: false, centuryInferred: false });
      }),
      { numRuns: 500 },
    );
  });

  it('changing any single digit breaks the CNP, except the known 1↔10 remainder collision of the algorithm', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (p, pos, delta) => {
        const cnp = makeCnp(p);
        const digit = (Number(cnp[pos]) + delta) % 10;
        const changed = `${cnp.slice(0, pos)}${digit}${cnp.slice(pos + 1)}`;
        if (!isValidCnp(changed)) return;
        // still valid: only possible when the weighted sum moved between remainders 1 and 10 (both give check digit 1)
        expect(pos).toBeLessThan(12);
        expect(new Set([checkRemainder(cnp.slice(0, 12)), checkRemainder(changed.slice(0, 12))])).toEqual(new Set([1, 10]));
      }),
      { numRuns: 2000 },
    );
  });

  it('a changed check digit is always detected', () => {
    fc.assert(
      fc.property(parts, fc.integer({ min: 1, max: 9 }), (p, delta) => {
        const cnp = makeCnp(p);
        expect(parseCnp(`${cnp.slice(0, 12)}${(Number(cnp[12]) + delta) % 10}`)).toMatchObject({ ok: false, code: 'CNP_CHECK_DIGIT' });
      }),
    );
  });

  it('syntheticCnp folds any serial into 001–999 and stays valid (county Timiș)', () => {
    fc.assert(
      fc.property(dateBetween('1950-01-01', '2026-12-31'), fc.constantFrom('M' as const, 'F' as const), fc.integer({ min: -100_000, max: 100_000 }), (bd, sex, serial) => {
        const cnp = syntheticCnp(bd, sex, serial);
        expect(parseCnp(cnp)).toMatchObject({ ok: true, birthDate: bd, sex, countyCode: '35' });
        expect(Number(cnp.slice(9, 12))).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(syntheticCnp('2014-03-03', 'M', 42).slice(9, 12)).toBe('042');
  });

  it('makeCnp refuses parts that cannot form a CNP', () => {
    expect(() => makeCnp({ birthDate: '2014-02-30', sex: 'M', serial: 1 })).toThrow(RangeError);
    expect(() => makeCnp({ birthDate: '2014-02-03', sex: 'M', serial: 0 })).toThrow(RangeError);
    expect(() => makeCnp({ birthDate: '2100-01-01', sex: 'M', serial: 1 })).toThrow(RangeError);
    expect(() => makeCnp({ birthDate: '2014-02-03', sex: 'M', serial: 1, countyCode: '99' })).toThrow(RangeError);
  });
});
