import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertNoCnpLike, assertNoPersonalData, findCnpLike, MailDataError } from './guard.js';

// synthetic, clearly fake values
const FAKE_CNP = '5100305350011';
const mail = (over: Partial<{ subject: string; html: string; text: string }> = {}) => ({
  subject: '[Vatra] Sarcină nouă: Evaluare inițială — VT-2026-00042',
  html: '<p>Cazul VT-2026-00042, termen 15.03.2026, 07:00, total 1.725.600,00 lei</p>',
  text: 'Cazul VT-2026-00042, termen 15.03.2026, 07:00, total 1.725.600,00 lei',
  ...over,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MailDataError ? e.code : 'OTHER';
  }
  return undefined;
}

describe('CNP-like values in mail data', () => {
  it('finds 13 digits anywhere: plain, split by separators, in arrays, in numbers, in keys', () => {
    expect(findCnpLike({ caseId: FAKE_CNP })).toEqual(['caseId']);
    expect(findCnpLike({ a: { b: ['x', `cod ${FAKE_CNP.slice(0, 1)} ${FAKE_CNP.slice(1, 7)} ${FAKE_CNP.slice(7)}`] } })).toEqual(['a.b.1']);
    expect(findCnpLike({ n: Number(FAKE_CNP) })).toEqual(['n']);
    expect(findCnpLike({ [FAKE_CNP]: true })).toEqual(['(cheie)']);
    expect(findCnpLike({ x: '510-0305-350011' })).toEqual(['x']);
  });

  it('leaves identifiers, dates, months and amounts alone', () => {
    const ok = {
      caseNumber: 'VT-2026-00042',
      caseId: '01JQ8Z6V3K9T2M4N5P6R7S8T9V',
      dueDate: '2026-03-15',
      month: '2026-03',
      at: '2026-03-15T05:00:00.000Z',
      amount: 1725600,
      budget: 9951785.17,
      short: '123456789012',
    };
    expect(findCnpLike(ok)).toEqual([]);
    expect(() => assertNoCnpLike(ok)).not.toThrow();
  });

  it('throws MAIL_CNP_LIKE without echoing the value', () => {
    try {
      assertNoCnpLike({ runId: FAKE_CNP });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MailDataError);
      const err = e as MailDataError;
      expect(err.code).toBe('MAIL_CNP_LIKE');
      expect(err.fields.map((f) => f.path)).toEqual(['runId']);
      expect(JSON.stringify({ m: err.message, f: err.fields })).not.toContain(FAKE_CNP);
    }
  });

  it('property: any 13-digit run inside any text is caught', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{13}$/), fc.string(), (before, digits, after) => {
        expect(findCnpLike({ s: `${before} ${digits} ${after}` })).toContain('s');
      }),
    );
  });
});

describe('assertNoPersonalData', () => {
  it('passes a mail with identifiers only', () => {
    expect(() => assertNoPersonalData(mail(), ['Ionuț-Florin Bălănescu', FAKE_CNP, 'RO49AAAA1B31007593840000'])).not.toThrow();
  });

  it('finds a name regardless of case, diacritics (comma-below or cedilla) and line breaks', () => {
    expect(codeOf(() => assertNoPersonalData(mail({ text: 'pentru STEFAN\n  Popescu' }), ['Ștefan Popescu']))).toBe('MAIL_PERSONAL_DATA');
    expect(codeOf(() => assertNoPersonalData(mail({ subject: '[Vatra] \u0162u\u0163u' /* cedilla spelling */ }), ['Țuțu']))).toBe('MAIL_PERSONAL_DATA');
  });

  it('sees through HTML escaping', () => {
    expect(codeOf(() => assertNoPersonalData(mail({ html: '<p>O&#39;Brien &amp; co</p>' }), ["O'Brien"]))).toBe('MAIL_PERSONAL_DATA');
    expect(codeOf(() => assertNoPersonalData(mail({ html: '<p>Ana&#x2D;Maria</p>' }), ['Ana-Maria']))).toBe('MAIL_PERSONAL_DATA');
  });

  it('reports where, never what', () => {
    try {
      assertNoPersonalData(mail({ text: 'Maria Dobrescu' }), ['Ion Vasilescu', 'Maria Dobrescu']);
      expect.unreachable();
    } catch (e) {
      const err = e as MailDataError;
      expect(err.fields).toEqual([{ path: 'text', code: 'MAIL_PERSONAL_DATA', message: 'Elementul interzis nr. 2 apare în mesaj' }]);
      expect(JSON.stringify(err.fields) + err.message).not.toContain('Dobrescu');
    }
  });

  it('refuses a 13-digit run in the output even when it is not listed', () => {
    expect(codeOf(() => assertNoPersonalData(mail({ html: `<p>${FAKE_CNP}</p>` }), []))).toBe('MAIL_PERSONAL_DATA');
  });

  it('ignores empty or one-letter forbidden entries instead of matching everything', () => {
    expect(() => assertNoPersonalData(mail(), ['', ' ', 'a'])).not.toThrow();
  });
});
