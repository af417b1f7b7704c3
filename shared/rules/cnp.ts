/** Romanian personal numeric code (CNP): structure, birth date, county, check digit (weights 279146358279). */
const WEIGHTS = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
const CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '3': 1800, '4': 1800, '5': 2000, '6': 2000, '7': 1900, '8': 1900, '9': 1900 };
const VALID_COUNTIES = new Set([...Array.from({ length: 46 }, (_, i) => String(i + 1).padStart(2, '0')), '47', '48', '51', '52', '70']);

export type CnpResult =
  | { ok: true; sex: 'M' | 'F'; birthDate: string; countyCode: string }
  | { ok: false; code: 'CNP_FORMAT' | 'CNP_CHECK_DIGIT' | 'CNP_DATE' | 'CNP_COUNTY'; message: string };

export function checkDigit(first12: string): number {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first12[i]), 0);
  const r = sum % 11;
  return r === 10 ? 1 : r;
}

export function parseCnp(cnp: string): CnpResult {
  if (!/^[1-9]\d{12}$/.test(cnp)) return { ok: false, code: 'CNP_FORMAT', message: 'CNP-ul are 13 cifre și nu începe cu 0' };
  const s = cnp[0]!;
  const year = CENTURY[s]! + Number(cnp.slice(1, 3));
  const month = Number(cnp.slice(3, 5));
  const day = Number(cnp.slice(5, 7));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, code: 'CNP_DATE', message: 'Data nașterii din CNP nu există' };
  }
  const county = cnp.slice(7, 9);
  if (!VALID_COUNTIES.has(county)) return { ok: false, code: 'CNP_COUNTY', message: 'Codul de județ din CNP nu este valid' };
  if (checkDigit(cnp.slice(0, 12)) !== Number(cnp[12])) return { ok: false, code: 'CNP_CHECK_DIGIT', message: 'Cifra de control a CNP-ului nu corespunde' };
  return { ok: true, sex: Number(s) % 2 === 1 ? 'M' : 'F', birthDate: date.toISOString().slice(0, 10), countyCode: county };
}

export const isValidCnp = (cnp: string) => parseCnp(cnp).ok;

/** A valid, synthetic CNP for tests and demo data (county 35 = Timiș). */
export function syntheticCnp(birthDate: string, sex: 'M' | 'F', serial: number): string {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const s = year >= 2000 ? (sex === 'M' ? 5 : 6) : year >= 1900 ? (sex === 'M' ? 1 : 2) : sex === 'M' ? 3 : 4;
  const first12 = `${s}${y!.slice(2)}${m}${d}35${String(serial % 1000).padStart(3, '0')}`;
  return `${first12}${checkDigit(first12)}`;
}
