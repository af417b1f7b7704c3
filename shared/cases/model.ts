/**
 * The case of one child and the forms of its pathway, as zod schemas. The same schemas validate the API input and
 * the web forms (client-side), so staff see the same Romanian messages before and after submitting.
 */
import { z } from 'zod';
import { institutionIds } from '../platform/auth/principal.js';
import { closureReasons, referralSources, type stages, type taskKinds, tracks } from './config.js';
import { isIsoDate } from '../platform/calendar.js';
import { isValidCnp } from '../platform/ro/cnp.js';
import { validateRoIban } from '../platform/ro/iban.js';

/** `build` run on the first call, its result kept and returned by every call (a schema built on first use). */
const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => (built ??= build());
};

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data trebuie să aibă forma AAAA-LL-ZZ').refine(isIsoDate, 'Data nu există în calendar');
const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /T/.test(s), 'Data și ora nu sunt valide');
const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `${what}: minimum ${min} caractere`).max(max, `${what}: maximum ${max} caractere`);
const personName = text(1, 80, 'Numele').regex(/^[\p{L}][\p{L}' .-]*$/u, 'Numele poate conține doar litere, spații, apostrof și cratimă');

export const cnpSchema = z.string().trim().regex(/^\d{13}$/, 'CNP-ul are 13 cifre').refine(isValidCnp, 'CNP invalid (cifra de control sau data nu corespund)');
export const ibanSchema = z.string().transform((s) => s.replace(/\s+/g, '').toUpperCase()).refine((s) => validateRoIban(s).ok, 'IBAN invalid (trebuie să fie un cont bancar românesc valid)');

export const ethnicityValues = ['roma', 'not_roma', 'not_declared'] as const;

export const childSchema = z.object({
  firstName: personName,
  lastName: personName,
  birthDate: isoDate,
  sex: z.enum(['M', 'F']).optional(),
  cnp: cnpSchema.optional(),
  residenceCity: text(2, 80, 'Localitatea'),
  address: text(0, 200, 'Adresa').optional(),
  school: text(0, 120, 'Școala').optional(),
  /** self-declared, optional (GDPR art. 9) */
  ethnicity: z.enum(ethnicityValues).default('not_declared'),
  disability: z.boolean().default(false),
  inSpecialProtection: z.boolean().default(false),
});

export const legalRepresentativeSchema = z.object({
  firstName: personName,
  lastName: personName,
  relation: z.enum(['mother', 'father', 'grandparent', 'relative', 'guardian', 'foster_parent', 'other']),
  phone: z.string().trim().regex(/^\+?[0-9 ]{9,15}$/, 'Telefon invalid').optional(),
  iban: ibanSchema.optional(),
});

export const referralFormSchema = z.object({
  clientRequestId: z.string().uuid('Identificator de cerere invalid'),
  track: z.enum(tracks),
  child: childSchema,
  legalRepresentative: legalRepresentativeSchema,
  referral: z.object({
    source: z.enum(referralSources),
    receivedAt: isoInstant,
    reason: text(10, 2000, 'Motivul sesizării'),
    riskFactors: z.array(z.string().min(1)).min(1, 'Selectați cel puțin un factor de risc'),
  }),
  caseManagerId: z.string().min(1).optional(),
});
export type ReferralForm = z.infer<typeof referralFormSchema>;

export const consentPurposes = ['case_management', 'services', 'subsidy', 'data_processing'] as const;

export const consentForm = once(() =>
  z.object({
    given: z.boolean(),
    givenByRelation: z.enum(['parent', 'legal_representative', 'child']),
    givenByName: text(1, 120, 'Numele persoanei').optional(),
    date: isoDate,
    purposes: z.array(z.enum(consentPurposes)).min(1, 'Alegeți cel puțin un scop'),
  }));

export const evaluationForm = once(() =>
  z.object({
    familySituation: text(10, 4000, 'Situația familiei'),
    riskFactors: z.array(z.string().min(1)).min(1, 'Selectați cel puțin un factor de risc'),
    riskLevel: z.enum(['low', 'medium', 'high']),
    needs: z.array(text(2, 300, 'Nevoia')).min(1, 'Descrieți cel puțin o nevoie'),
    childView: text(2, 2000, 'Opinia copilului'),
    consent: consentForm(),
    decision: z.enum(['proceed', 'close']),
    closeReason: z.enum(closureReasons).optional(),
  }).superRefine((v, ctx) => {
    if (v.decision === 'proceed' && !v.consent.given) {
      ctx.addIssue({ code: 'custom', path: ['consent', 'given'], message: 'Fără acordul părintelui/reprezentantului legal nu se poate elabora planul' });
    }
    if (v.decision === 'close' && !v.closeReason) ctx.addIssue({ code: 'custom', path: ['closeReason'], message: 'Alegeți motivul închiderii' });
  }));

export const planForm = once(() =>
  z.object({
    objectives: z.array(z.object({
      id: z.string().min(1).max(20),
      text: text(5, 500, 'Obiectivul'),
      indicator: text(0, 300, 'Indicatorul').optional(),
    })).min(1, 'Planul are cel puțin un obiectiv'),
    services: z.array(z.object({
      serviceId: z.string().min(1),
      groupId: z.string().min(1).optional(),
      frequency: text(0, 100, 'Frecvența').optional(),
      responsible: text(2, 120, 'Responsabilul'),
    })).min(1, 'Alegeți cel puțin un serviciu din catalog'),
    cohort: z.enum(['18m', '12m']),
    reviewDate: isoDate,
    notes: text(0, 2000, 'Observațiile').optional(),
  }));
export type PlanForm = z.infer<ReturnType<typeof planForm>>;

export const planApprovalForm = once(() =>
  z.object({
    decision: z.enum(['approved', 'rejected']),
    comment: text(0, 1000, 'Comentariul').optional(),
  }).superRefine((v, ctx) => {
    if (v.decision === 'rejected' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Explicați de ce planul este respins' });
  }));

export const reviewForm = once(() =>
  z.object({
    progress: z.array(z.object({
      objectiveId: z.string().min(1),
      status: z.enum(['achieved', 'in_progress', 'not_achieved']),
      note: text(0, 1000, 'Nota').optional(),
    })),
    summary: text(10, 4000, 'Concluziile revizuirii'),
    decision: z.enum(['continue', 'change_plan', 'close', 'transfer', 'reintegrate']),
    nextReviewDate: isoDate.optional(),
    transferTo: z.enum(institutionIds).optional(),
    transferReason: text(5, 1000, 'Motivul transferului').optional(),
  }).superRefine((v, ctx) => {
    if (v.decision === 'continue' && !v.nextReviewDate) ctx.addIssue({ code: 'custom', path: ['nextReviewDate'], message: 'Stabiliți data următoarei revizuiri' });
    if (v.decision === 'transfer' && !v.transferTo) ctx.addIssue({ code: 'custom', path: ['transferTo'], message: 'Alegeți instituția către care se transferă cazul' });
    if (v.decision === 'transfer' && !v.transferReason) ctx.addIssue({ code: 'custom', path: ['transferReason'], message: 'Motivați transferul' });
  }));

export const reintegrationForm = once(() =>
  z.object({
    decision: z.enum(['reintegrated', 'postponed']),
    reintegrationDate: isoDate.optional(),
    notes: text(5, 2000, 'Observațiile'),
    nextReviewDate: isoDate.optional(),
  }).superRefine((v, ctx) => {
    if (v.decision === 'reintegrated' && !v.reintegrationDate) ctx.addIssue({ code: 'custom', path: ['reintegrationDate'], message: 'Completați data reintegrării' });
    if (v.decision === 'postponed' && !v.nextReviewDate) ctx.addIssue({ code: 'custom', path: ['nextReviewDate'], message: 'Stabiliți data următoarei revizuiri' });
  }));

export const transferAcceptanceForm = once(() =>
  z.object({
    decision: z.enum(['accepted', 'refused']),
    caseManagerId: z.string().min(1).optional(),
    track: z.enum(tracks).optional(),
    comment: text(0, 1000, 'Comentariul').optional(),
  }).superRefine((v, ctx) => {
    if (v.decision === 'accepted' && !v.caseManagerId) ctx.addIssue({ code: 'custom', path: ['caseManagerId'], message: 'Alegeți managerul de caz care preia cazul' });
    if (v.decision === 'accepted' && !v.track) ctx.addIssue({ code: 'custom', path: ['track'], message: 'Alegeți traseul cazului la instituția care îl preia' });
    if (v.decision === 'refused' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Motivați refuzul' });
  }));

export const closureForm = once(() =>
  z.object({
    reason: z.enum(closureReasons),
    closingEvaluation: text(10, 4000, 'Evaluarea finală'),
    closedOn: isoDate,
  }));

export const observatorForm = once(() =>
  z.object({
    registrationNumber: z.string().trim().regex(/^[A-Za-z0-9/.-]{3,40}$/, 'Numărul de înregistrare poate conține litere, cifre, „/”, „.” și „-” (3–40 caractere)'),
    registrationDate: isoDate,
  }));

/**
 * The form each task kind takes on submit, as a builder: each kind's schema is built on its first use and kept (the
 * same object afterwards), so a module that imports this one builds no form until one is asked for, and a request
 * that validates one task's form builds that form's schemas only (docs/decisions/018-performance.md, session 8).
 */
export const taskFormBuilders = {
  evaluation: evaluationForm,
  plan: planForm,
  plan_approval: planApprovalForm,
  review: reviewForm,
  monitoring_review: reviewForm,
  reintegration: reintegrationForm,
  transfer_acceptance: transferAcceptanceForm,
  closure: closureForm,
  observator_registration: observatorForm,
} as const satisfies Record<(typeof taskKinds)[number], () => z.ZodType>;

/** Each task kind's form schema. */
export type TaskFormSchemas = { [K in keyof typeof taskFormBuilders]: ReturnType<(typeof taskFormBuilders)[K]> };
/** The schema of one task kind's form, built on first use (then the same object). */
export const taskFormSchema = <K extends keyof TaskFormSchemas>(kind: K): TaskFormSchemas[K] => taskFormBuilders[kind]() as TaskFormSchemas[K];
/** Each task kind's form, as its schema parsed it. */
export type TaskForms = { [K in keyof TaskFormSchemas]: z.infer<TaskFormSchemas[K]> };
/** A task kind with its parsed form (switching on `kind` narrows `form`). */
export type SubmittedTaskForm = { [K in keyof TaskForms]: { kind: K; form: TaskForms[K] } }[keyof TaskForms];

export const taskSubmitSchema = z.object({
  /** the case version the form was loaded at: a stale form gets a conflict, never overwrites */
  expectedVersion: z.number().int().nonnegative(),
  form: z.unknown(),
});

export const caseStatus = ['open', 'closed'] as const;

export interface Consent {
  given: boolean;
  givenByRelation: string;
  givenByName?: string;
  date: string;
  purposes: string[];
  withdrawnAt?: string;
  withdrawnPurposes?: string[];
}

export interface Plan {
  planId: string;
  type: 'PS' | 'PIP';
  version: number;
  objectives: PlanForm['objectives'];
  services: PlanForm['services'];
  cohort: '18m' | '12m';
  reviewDate: string;
  notes?: string | undefined;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  approvedAt?: string;
  approvedBy?: string;
  observator?: { registrationNumber: string; registrationDate: string; recordedBy: string; recordedAt: string };
}

export interface CaseRecord {
  caseId: string;
  caseNumber: string;
  track: (typeof tracks)[number];
  stage: (typeof stages)[number];
  status: (typeof caseStatus)[number];
  institution: (typeof institutionIds)[number];
  sharedWith: (typeof institutionIds)[number][];
  caseManagerId: string;
  child: z.infer<typeof childSchema>;
  legalRepresentative: z.infer<typeof legalRepresentativeSchema>;
  referral: ReferralForm['referral'];
  evaluation?: z.infer<ReturnType<typeof evaluationForm>> & { completedAt: string; completedBy: string };
  consent?: Consent;
  plan?: Plan;
  cohort?: '18m' | '12m';
  reviews: { at: string; by: string; decision: string; summary: string; kind: string }[];
  nextReviewDate?: string;
  reintegrationDate?: string;
  transfer?: { from: string; to: string; reason: string; requestedAt: string; previousStage: string };
  closure?: z.infer<ReturnType<typeof closureForm>> & { closedAt: string; closedBy: string };
  services: string[];
  identityKeys: string[];
  workflow: { executionArn?: string; workflow?: string; seq: number };
  /**
   * An automatic workflow step that failed for good (decision record 016): shown on the case and sent to its
   * coordinators; cleared when the step succeeds later. The stable code and a Romanian message, never a stack.
   */
  attention?: { step: 'enrol_from_plan'; code: string; message: string; at: string; seq: number };
  pendingTaskId?: string;
  openedAt: string;
  closedAt?: string;
  createdAt: string;
  updatedAt: string;
  /** storage version: every write (people and workflow steps) bumps it; guards the item */
  version: number;
  /** the version staff edits are checked against: only changes made by people bump it (a workflow step opening the
   *  next task must not invalidate a form someone has open) */
  editVersion: number;
  origin?: { kind: 'form' | 'import'; file?: string; sheet?: string; row?: number; by: string; at: string };
}

/** How names are compared for duplicate detection (re-exported here: reports and imports read it with the shapes). */
export { normaliseName } from './rules/duplicates.js';
export type { Stage, Track } from './config.js';
