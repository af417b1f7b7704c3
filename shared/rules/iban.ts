/** Romanian IBANs (through ibantools): validation, formatting, synthetic values for demo data. */
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';

export type IbanResult = { ok: true; iban: string } | { ok: false; code: 'IBAN_INVALID' | 'IBAN_NOT_RO'; message: string };

export function validateRoIban(input: string): IbanResult {
  const iban = electronicFormatIBAN(input) ?? '';
  if (!isValidIBAN(iban)) return { ok: false, code: 'IBAN_INVALID', message: 'IBAN invalid' };
  if (!iban.startsWith('RO')) return { ok: false, code: 'IBAN_NOT_RO', message: 'IBAN-ul trebuie să fie al unui cont dintr-o bancă din România' };
  return { ok: true, iban };
}

export const formatIban = (iban: string) => friendlyFormatIBAN(iban) ?? iban;

function mod97(digits: string): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % 97;
  return r;
}

/** A valid synthetic RO IBAN (bank code 'DEMO' — not a real bank), deterministic per seed. */
export function syntheticRoIban(seed: number): string {
  const account = String(Math.abs(seed)).padStart(16, '0').slice(-16);
  const bban = `DEMO${account}`;
  const numeric = `${bban}RO00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  return `RO${check}${bban}`;
}
