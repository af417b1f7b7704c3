/** Parental consent: per purpose, with withdrawal and optional expiry (pure). */
export type ConsentPurpose = 'case_management' | 'services' | 'subsidy' | 'data_processing';

export const consentPurposeLabels: Record<ConsentPurpose, string> = {
  case_management: 'Managementul cazului',
  services: 'Participarea la servicii',
  subsidy: 'Subvenția lunară (măsuri de acompaniere)',
  data_processing: 'Prelucrarea datelor personale',
};

export interface ConsentRecord {
  given: boolean;
  purposes: string[];
  date: string;
  withdrawnAt?: string;
  withdrawnPurposes?: string[];
  expiresAt?: string;
}

export type ConsentState = 'valid' | 'missing' | 'withdrawn' | 'expired';

export function consentStatus(consent: ConsentRecord | undefined, purpose: ConsentPurpose, on: Date): ConsentState {
  if (!consent || !consent.given || !consent.purposes.includes(purpose)) return 'missing';
  if (consent.date > on.toISOString().slice(0, 10)) return 'missing';
  if (consent.withdrawnAt && new Date(consent.withdrawnAt) <= on && (!consent.withdrawnPurposes || consent.withdrawnPurposes.includes(purpose))) return 'withdrawn';
  if (consent.expiresAt && new Date(consent.expiresAt) <= on) return 'expired';
  return 'valid';
}

export const canStartServices = (c: ConsentRecord | undefined, on: Date) =>
  (['case_management', 'services', 'data_processing'] as const).every((p) => consentStatus(c, p, on) === 'valid');

export const canPaySubsidy = (c: ConsentRecord | undefined, on: Date) => consentStatus(c, 'subsidy', on) === 'valid';
