/**
 * The monthly subsidy decision: its input (everything the rule needs, gathered by the monthly run), its result with
 * Romanian reasons, manual overrides and the adjustment lines that retroactive corrections become.
 */
import { z } from 'zod';
import { cohortIds, type CohortId } from './config.js';
import { isoDateSchema, monthKeySchema, participationOutcomes, type Reason } from '../services/index.js';

export const consentStates = ['valid', 'missing', 'withdrawn', 'expired'] as const;
export type SubsidyConsentState = (typeof consentStates)[number];

/** A calendar date or an ISO-8601 UTC instant (instants are read in Europe/Bucharest). */
export const dateOrInstantSchema = z.union([isoDateSchema, z.iso.datetime({ offset: true })]);

/**
 * A coordinator's decision that replaces the rule's verdict on participation. `grant` pays despite insufficient
 * participation (e.g. a documented hospital stay); it can never pay outside the project period, twice, without
 * consent, for a case that was not open, or beyond a cap. `suspend` withholds a payment the rule would make.
 */
export const manualOverrideSchema = z.object({
  decision: z.enum(['grant', 'suspend']),
  reason: z.string().trim().min(10, 'Motivați decizia (cel puțin 10 caractere)').max(500, 'Motivarea are cel mult 500 de caractere'),
  by: z.string().min(1),
  at: z.iso.datetime(),
});
export type ManualOverride = z.infer<typeof manualOverrideSchema>;

export const participationVerdictSchema = z.object({
  serviceId: z.string().min(1),
  month: monthKeySchema,
  active: z.boolean(),
  /** absent on lines decided before issue #17 (read as active / insufficient) */
  outcome: z.enum(participationOutcomes).optional(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});

export const subsidyDecisionInputSchema = z.object({
  month: monthKeySchema,
  case: z
    .object({ status: z.enum(['open', 'closed']), openedAt: dateOrInstantSchema, closedAt: dateOrInstantSchema.optional() })
    .refine((c) => c.status === 'open' || c.closedAt !== undefined, { path: ['closedAt'], message: 'Un caz închis are dată de închidere' }),
  /** the child's birth date (age limit); absent on lines decided before issue #17 */
  child: z.object({ birthDate: isoDateSchema }).optional(),
  /** enrolments that overlap the month, one entry per interval (clipped to the days the case was open) */
  enrolments: z.array(z.object({ serviceId: z.string().min(1), from: isoDateSchema, to: isoDateSchema.optional() })),
  /** one evaluation per enrolment (shared/services/rules/participation.ts) */
  participation: z.array(participationVerdictSchema),
  /** consent of the parent / legal representative for the purpose 'subsidy' on the month's last day */
  consent: z.enum(consentStates),
  cohort: z.object({ id: z.enum(cohortIds), monthsPaid: z.number().int().nonnegative() }).nullable(),
  /** a payment for this child and month already exists (approved or paid run) */
  alreadyPaid: z.boolean(),
  override: manualOverrideSchema.optional(),
});
export type SubsidyDecisionInput = z.infer<typeof subsidyDecisionInputSchema>;

export interface SubsidyDecision {
  month: string;
  eligible: boolean;
  /** 0 or the amount configured for the month */
  amountLei: number;
  reasons: Reason[];
  overridden: boolean;
  cohort: { id: CohortId; monthsPaidAfter: number; minMonths: number; minimumReached: boolean } | null;
}

/** A line of a later run that settles a corrected month: arrears (+) or recovery (−). */
export interface AdjustmentLine {
  month: string;
  kind: 'arrears' | 'recovery';
  /** signed: positive is paid to the family, negative is recovered */
  amountLei: number;
  reason: Reason;
}

export type CohortAssignment =
  | { ok: true; cohort: CohortId }
  | { ok: false; code: 'COHORT_QUOTA_FULL' | 'COHORT_UNKNOWN'; message: string; alternative?: CohortId };

/** Reason codes a manual `grant` may set aside: all about participation, none about legality or money. */
export const overridableReasonCodes = [
  'NOT_ENROLLED',
  'NOT_ENROLLED_IN_MONTH',
  'PARTICIPATION_NOT_EVALUATED',
  'NO_ATTENDANCE_RECORDED',
  'ALL_DAYS_EXCUSED',
  'ATTENDANCE_RATIO_LOW',
  'PRESENT_DAYS_LOW',
  'SESSIONS_LOW',
  'PARENT_SESSIONS_MISSING',
] as const;
