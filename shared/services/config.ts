/**
 * Working rules of the enrolment and participation registers, as configuration (source + confidence), so nothing
 * below is a literal buried in code. The project documents do not regulate these details: every value that is a
 * Vatra choice is marked `project_to_confirm`; technical limits cite their documentation.
 */
import { project } from '../project/project.js';

export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
  readonly confidence: 'confirmed' | 'technical_limit' | 'project_to_confirm';
}

export const endReasons = ['plan_completed', 'plan_changed', 'family_request', 'moved_away', 'no_longer_attending', 'case_closed', 'transfer', 'other'] as const;
export type EndReason = (typeof endReasons)[number];

export const endReasonLabels: Record<EndReason, string> = {
  plan_completed: 'Obiectivele din plan au fost atinse',
  plan_changed: 'Serviciul nu mai figurează în planul aprobat',
  family_request: 'La cererea familiei',
  moved_away: 'Familia s-a mutat',
  no_longer_attending: 'Copilul nu mai frecventează serviciul',
  case_closed: 'Cazul a fost închis',
  transfer: 'Transfer la alt serviciu sau altă grupă',
  other: 'Alt motiv',
};

export interface RegisterPolicy {
  /** first day an enrolment (and so a register entry) may have: the first day of the project period */
  readonly earliestDate: Sourced<string>;
  /** how far ahead a planned enrolment start may be set */
  readonly maxDaysAheadForStart: Sourced<number>;
  /** DynamoDB TransactWriteItems accepts at most 100 items */
  readonly maxTransactionItems: Sourced<number>;
  /** children (or session participants) in one save; larger saves are written in several transactions */
  readonly maxRowsPerSave: Sourced<number>;
  /** free-text limits */
  readonly reasonMinLength: Sourced<number>;
  /** the longest closure a coordinator may enter at once (summer break included) */
  readonly maxClosureDays: Sourced<number>;
  /** how far ahead a closure may be planned */
  readonly maxClosureDaysAhead: Sourced<number>;
}

export const registerPolicy: RegisterPolicy = {
  earliestDate: {
    value: `${project.period.start}-01`,
    source: 'Perioada proiectului 328741 (shared/project/project.ts): serviciile și subvenția se acordă doar în perioada proiectului',
    confidence: 'confirmed',
  },
  maxDaysAheadForStart: {
    value: 31,
    source: 'Valoare de lucru Vatra: o înscriere poate fi programată cel mult o lună înainte (de exemplu de la începutul lunii următoare)',
    confidence: 'project_to_confirm',
  },
  maxTransactionItems: {
    value: 100,
    source: 'Amazon DynamoDB Developer Guide, „TransactWriteItems”: cel mult 100 de acțiuni într-o tranzacție',
    confidence: 'technical_limit',
  },
  maxRowsPerSave: {
    value: 60,
    source: 'Valoare de lucru Vatra: cea mai mare grupă din catalog are 45 de locuri (Intervenția A, grupa DAS); o foaie de prezență are cel mult atâtea rânduri',
    confidence: 'project_to_confirm',
  },
  reasonMinLength: {
    value: 5,
    source: 'Valoare de lucru Vatra: motivul unei corecturi sau al încheierii trebuie să fie explicit (cel puțin 5 caractere)',
    confidence: 'project_to_confirm',
  },
  maxClosureDays: {
    value: 92,
    source: 'Valoare de lucru Vatra: cea mai lungă închidere obișnuită este vacanța de vară a unui centru (iulie–august, 62 de zile); o închidere mai lungă se introduce pe bucăți, fiecare cu motivul ei',
    confidence: 'project_to_confirm',
  },
  maxClosureDaysAhead: {
    value: 366,
    source: 'Valoare de lucru Vatra: închiderile se planifică cel mult un an înainte (calendarul anual al centrelor)',
    confidence: 'project_to_confirm',
  },
};
