/** Romanian labels for the values of the shared forms that have no label table in the areas' configuration. */
import type { z } from 'zod';
import type { consentPurposes, ethnicityValues, legalRepresentativeSchema } from '../../../shared/cases/model.js';
import { institutions } from '../../../shared/project/institutions.js';
import type { Option } from '../ui/fields.js';

type Rel = z.infer<typeof legalRepresentativeSchema>['relation'];

export const relationLabels: Record<Rel, string> = {
  mother: 'Mamă',
  father: 'Tată',
  grandparent: 'Bunic / bunică',
  relative: 'Altă rudă',
  guardian: 'Tutore',
  foster_parent: 'Asistent maternal / părinte de plasament',
  other: 'Altă relație',
};

export const consentPurposeLabels: Record<(typeof consentPurposes)[number], string> = {
  case_management: 'Managementul cazului',
  services: 'Participarea la serviciile proiectului',
  subsidy: 'Subvenția lunară (măsura de acompaniere)',
  data_processing: 'Prelucrarea datelor personale',
};

export const consentGiverLabels = {
  parent: 'Părinte',
  legal_representative: 'Reprezentant legal',
  child: 'Copilul (de la 14 ani)',
} as const;

export const ethnicityLabels: Record<(typeof ethnicityValues)[number], string> = {
  not_declared: 'Nu declară',
  roma: 'Romă (autodeclarată)',
  not_roma: 'Altă etnie (autodeclarată)',
};

export const sexLabels = { F: 'Feminin', M: 'Masculin' } as const;
export const riskLevelLabels = { low: 'Scăzut', medium: 'Mediu', high: 'Ridicat' } as const;
export const progressLabels = { achieved: 'Atins', in_progress: 'În curs', not_achieved: 'Neatins' } as const;
export const cohortLabels = { '18m': 'Cel puțin 18 luni', '12m': 'Cel puțin 12 luni' } as const;
export const planStatusLabels = { draft: 'Ciornă', submitted: 'Trimis spre aprobare', approved: 'Aprobat', rejected: 'Respins' } as const;
export const caseStatusLabels = { open: 'Deschis', closed: 'Închis' } as const;
export const mailPreferenceLabels = {
  immediate: 'Imediat, câte un e-mail pentru fiecare notificare',
  digest: 'O dată pe zi, un singur e-mail cu rezumatul',
} as const;

export function institutionName(id: string): string {
  return institutions.find((i) => i.id === id)?.shortName ?? id;
}

/** A label table as select / radio options, in the table's order (or the order of `only`). */
export function options<K extends string>(labels: Readonly<Record<K, string>>, only?: readonly K[]): Option[] {
  const keys = only ?? (Object.keys(labels) as K[]);
  return keys.map((k) => ({ value: k, label: labels[k] ?? k }));
}
