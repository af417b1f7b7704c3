/**
 * Romanian IBANs: validation to the electronic format, display in groups of four, and synthetic values for demo data.
 * A Romanian IBAN has 24 characters: RO, 2 check digits, 4-letter bank code, 16-character account (IBAN registry).
 *
 * Hand-written, not ibantools: the project pays Romanian accounts only, so the check is the RO format plus ISO 7064
 * MOD 97-10 — a few lines — where ibantools brought every country's format table (~17 KB) into each Lambda bundle and
 * the browser (docs/decisions/018-performance.md). A foreign IBAN is only recognised as such (shape and check digits,
 * without its country's BBAN format) to answer IBAN_NOT_RO rather than IBAN_INVALID.
 */
import { coded, type CodedMessage } from '../i18n/ro.js';

export type IbanResult = { ok: true; iban: string } | ({ ok: false } & CodedMessage<'IBAN_INVALID' | 'IBAN_NOT_RO'>);

const RO_FORMAT = /^RO\d{2}[A-Z]{4}[A-Z0-9]{16}$/;
/** Any country: two letters, two check digits, a BBAN of 11–30 letters and digits (ISO 13616 lengths 15–34). */
const ANY_FORMAT = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Spaces and dashes removed, upper case. */
const electronic = (input: string) => input.replace(/[\s-]+/g, '').toUpperCase();

/** The check digits are the ones computed from the country and BBAN (so 00, 01 and 99 are never valid). */
const checkDigitsMatch = (iban: string) => iban.slice(2, 4) === ibanCheckDigits(iban.slice(0, 2), iban.slice(4));

/** Normalises spaces, dashes and case; accepts only a valid IBAN of a Romanian account. */
export function validateRoIban(input: string): IbanResult {
  const iban = typeof input === 'string' ? electronic(input) : '';
  if (RO_FORMAT.test(iban) && checkDigitsMatch(iban)) return { ok: true, iban };
  if (!iban.startsWith('RO') && ANY_FORMAT.test(iban) && checkDigitsMatch(iban)) return { ok: false, ...coded('IBAN_NOT_RO') };
  return { ok: false, ...coded('IBAN_INVALID') };
}

/** 'RO49AAAA1B31007593840000' → 'RO49 AAAA 1B31 0075 9384 0000'. */
export function formatIban(iban: string): string {
  return electronic(iban).replace(/(.{4})(?!$)/g, '$1 ');
}

/** ISO 7064 MOD 97-10 over the digits, letters read as 10–35. */
export function mod97(alphanumeric: string): number {
  let r = 0;
  for (const ch of alphanumeric.toUpperCase()) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

/** IBAN check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

/**
 * A valid synthetic RO IBAN for demo data, deterministic per seed. The bank code 'DEMO' belongs to no Romanian bank,
 * so the value is recognisably fake while passing every IBAN check.
 */
export function syntheticRoIban(seed: number): string {
  const account = String(Math.abs(Math.trunc(seed))).padStart(16, '0').slice(-16);
  const bban = `DEMO${account}`;
  return `RO${ibanCheckDigits('RO', bban)}${bban}`;
}
