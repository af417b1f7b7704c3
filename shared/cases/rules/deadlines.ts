/**
 * Due dates of the case-management steps, from the legal defaults (pure). Terms are counted as described by
 * `termComputation` in the configuration: hours exactly, days and months on the Europe/Bucharest calendar ending at
 * the end of the last day (31 January + 1 month = end of 28/29 February).
 */
import { legalDefaults, type LegalDefaults, type LegalKey } from '../../project/legal-defaults.js';
import { addCalendarDays, addCalendarMonths, addMonthsKeepingWallClock, endOfLocalDay, isIsoDate, localDate, startOfLocalDay } from '../../platform/calendar.js';

export type DeadlineKind =
  | 'homeVisit'
  | 'initialEvaluation'
  | 'planDrawUp'
  | 'planApproval'
  | 'review'
  | 'postReintegrationMonitoring'
  | 'closingEvaluation'
  | 'observatorRegistration';

export const deadlineKinds: readonly DeadlineKind[] = Object.freeze([
  'homeVisit',
  'initialEvaluation',
  'planDrawUp',
  'planApproval',
  'review',
  'postReintegrationMonitoring',
  'closingEvaluation',
  'observatorRegistration',
]);

export type PlanType = 'PS' | 'PIP';

export interface Deadline {
  /** ISO-8601 UTC instant by which the step is due */
  due: string;
  ruleKey: LegalKey;
  source: string;
  confirmed: boolean;
}

/** The configuration entry behind a deadline; the plan type decides the review frequency and the plan-drafting rule. */
export function deadlineRuleKey(kind: DeadlineKind, planType: PlanType): LegalKey {
  switch (kind) {
    case 'homeVisit':
      return 'homeVisitAfterReportHours';
    case 'initialEvaluation':
      return 'initialEvaluationHours';
    case 'planDrawUp':
      return planType === 'PIP' ? 'planDrawUpDays' : 'planDrawUpAfterEvaluationDays';
    case 'planApproval':
      return 'planApprovalDays';
    case 'review':
      return planType === 'PIP' ? 'pipReviewMonths' : 'psReviewMonths';
    case 'postReintegrationMonitoring':
      return 'postReintegrationMonitoringMonths';
    case 'closingEvaluation':
      return 'closingEvaluationDays';
    case 'observatorRegistration':
      return 'observatorRegistrationDays';
  }
}

/**
 * When a step started by the event at `from` (ISO instant) falls due. `planType` matters for 'review' (PS → psReviewMonths,
 * PIP → pipReviewMonths) and 'planDrawUp'. Never before `from`; for reviews, monotone in `from`.
 */
export function dueDate(kind: DeadlineKind, from: string, cfg: LegalDefaults = legalDefaults(), planType: PlanType = 'PS'): Deadline {
  const rule = cfg[deadlineRuleKey(kind, planType)];
  const day = localDate(from); // validates `from` (Romanian TIME_INVALID error); a plain date starts at its local midnight
  const start = isIsoDate(from) ? Date.parse(startOfLocalDay(from)) : Date.parse(from);
  let due: string;
  switch (rule.unit) {
    case 'hours':
      due = new Date(start + rule.value * 3_600_000).toISOString();
      break;
    case 'days':
      due = endOfLocalDay(addCalendarDays(day, rule.value));
      break;
    case 'months':
      due = endOfLocalDay(addCalendarMonths(day, rule.value));
      break;
    case 'years':
      due = endOfLocalDay(addCalendarMonths(day, rule.value * 12));
      break;
  }
  return { due, ruleKey: rule.key, source: rule.source, confirmed: rule.confirmed };
}

/** Calendar months added to an instant keeping its Bucharest wall-clock time (day clamped to the month's end). */
export function addMonthsBucharest(from: Date, months: number): Date {
  return addMonthsKeepingWallClock(from, months);
}
