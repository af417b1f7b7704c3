/**
 * Romanian IBANs (through ibantools): validation to the electronic format, display in groups of four, and synthetic
 * values for demo data. A Romanian IBAN has 24 characters: RO, 2 check digits, 4-letter bank code, 16-character account.
 */
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { coded, type CodedMessage } from '../i18n/ro.js';

export type IbanResult = { ok: true; iban: string } | ({ ok: false } & CodedMessage<'IBAN_INVALID' | 'IBAN_NOT_RO'>);

/** Normalises spaces, dashes and case; accepts only a valid IBAN of a Romanian account. */
export function validateRoIban(input: string): IbanResult {
  const iban = typeof input === 'string' ? (electronicFormatIBAN(input.replace(/[\s-]+/g, '')) ?? '') : '';
  if (!isValidIBAN(iban)) return { ok: false, ...coded('IBAN_INVALID') };
  if (!iban.startsWith('RO')) return { ok: false, ...coded('IBAN_NOT_RO') };
  return { ok: true, iban };
}

/** 'RO49AAAA1B31007593840000' → 'RO49 AAAA 1B31 0075 9384 0000'. */
export function formatIban(iban: string): string {
  const electronic = electronicFormatIBAN(iban) ?? iban;
  return friendlyFormatIBAN(electronic) ?? electronic;
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
