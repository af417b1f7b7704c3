/**
 * The identity-document record's form (plan action 6.1): what was obtained, for whom, when. Pure — the API and the
 * browser validate with the same schema (shared/reports/identity-documents.ts records it).
 */
import { z } from 'zod';
import { isoDate } from '../cases/index.js';
import { identityDocumentPersons } from './model.js';

export const identityDocumentKinds = ['birth_certificate', 'identity_card', 'civil_status_other'] as const;

export const identityDocumentKindLabels: Record<(typeof identityDocumentKinds)[number], string> = {
  birth_certificate: 'certificat de naștere',
  identity_card: 'act de identitate',
  civil_status_other: 'alt act de stare civilă',
};

export const identityDocumentPersonLabels: Record<(typeof identityDocumentPersons)[number], string> = {
  child: 'copilul',
  legal_representative: 'reprezentantul legal',
};

export const identityDocumentFormSchema = z.object({
  person: z.enum(identityDocumentPersons, { error: 'Alegeți pentru cine s-au obținut actele: copilul sau reprezentantul legal' }),
  document: z.enum(identityDocumentKinds, { error: 'Alegeți actul obținut: certificat de naștere, act de identitate sau alt act de stare civilă' }),
  obtainedOn: isoDate,
  notes: z.string().trim().max(500, 'Observațiile: maximum 500 de caractere (fără date personale)').optional(),
});
export type IdentityDocumentForm = z.infer<typeof identityDocumentFormSchema>;
