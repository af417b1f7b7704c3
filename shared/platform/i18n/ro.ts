/**
 * Romanian messages returned by the core rules (the areas' rules/ folders), keyed by their stable machine code.
 * Placeholders are written `{name}` and filled by `msg(code, params)`. Never put personal data in the params
 * of a message that may reach a log or an e-mail (codes such as county or purpose are fine; names and CNPs are not).
 */
export const messages = {
  // CNP
  CNP_FORMAT: 'CNP-ul trebuie să aibă exact 13 cifre, iar prima cifră să fie între 1 și 9.',
  CNP_DATE: 'Data nașterii din CNP nu este o dată calendaristică validă sau este în viitor.',
  CNP_COUNTY: 'Codul de județ din CNP ({county}) nu este un cod valid.',
  CNP_CHECK_DIGIT: 'Cifra de control a CNP-ului nu corespunde. Verificați dacă ați tastat corect toate cifrele.',

  // IBAN
  IBAN_INVALID: 'IBAN-ul nu este valid: verificați lungimea și cifrele de control.',
  IBAN_NOT_RO: 'IBAN-ul trebuie să fie al unui cont deschis la o bancă din România (începe cu RO).',

  // target group
  DATE_INVALID: 'Data „{field}” nu este o dată validă (format AAAA-LL-ZZ).',
  BIRTH_AFTER_REFERRAL: 'Data nașterii este după data sesizării.',
  AGE_LIMIT: 'Copilul avea cel puțin {limit} ani la data sesizării; grupul țintă cuprinde doar copii sub {limit} ani.',
  RESIDENCE: 'Traseul {track} este doar pentru copiii cu domiciliul în {localities}.',
  NOT_IN_SPECIAL_PROTECTION: 'Traseul de reintegrare este doar pentru copiii care au o măsură de protecție specială.',
  NO_RISK_FACTOR: 'Selectați cel puțin {min} dintre factorii de risc din catalog.',
  UNKNOWN_RISK_FACTOR: 'Factor de risc necunoscut: {codes}. Alegeți din catalogul de factori de risc.',

  // consent
  CONSENT_MISSING: 'Lipsește acordul pentru „{purpose}”.',
  CONSENT_WITHDRAWN: 'Acordul pentru „{purpose}” a fost retras.',
  CONSENT_EXPIRED: 'Acordul pentru „{purpose}” a expirat.',

  // configuration and calendar
  LEGAL_DEFAULT_INVALID: 'Valoarea configurată pentru „{key}” nu este validă: trebuie să fie un număr întreg, mai mare sau egal cu 0.',
  LEGAL_DEFAULT_UNKNOWN: 'Regula „{key}” nu există în configurația termenelor legale.',
  TIME_INVALID: 'Valoarea „{value}” nu este o dată, o lună sau un moment valid.',
  AMOUNT_INVALID: 'Suma nu este un număr valid.',
} as const;

export type MessageCode = keyof typeof messages;
export type MessageParams = Readonly<Record<string, string | number>>;

/** The Romanian message for a code, with `{name}` placeholders filled; unknown placeholders are left visible. */
export function msg(code: MessageCode, params: MessageParams = {}): string {
  return messages[code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A machine code with its Romanian message, the shape every rule returns for staff. */
export interface CodedMessage<C extends MessageCode = MessageCode> {
  code: C;
  message: string;
}

export function coded<C extends MessageCode>(code: C, params?: MessageParams): CodedMessage<C> {
  return { code, message: msg(code, params) };
}
