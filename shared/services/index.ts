/**
 * Services, enrolments and participation registers — what other areas call:
 * - the pathway: `enrolFromPlan` right after a plan approval (workflow step EnrolFromPlan), `endEnrolmentsOfCase` when a case closes;
 * - the monthly subsidy run: `freezeMonthPage` + `markMonthClosed` (the paged freeze step; `closeMonth` is both at once), `readMonthSummaries` (page by page), `participationFor`,
 *   `pendingCorrections` and `markCorrectionsApplied`, `enrolmentsOverlapping` for the rule's enrolment input.
 */
import type { Db } from '../platform/db/db.js';
import { EnrolmentStore, type EnrolmentRecord } from './enrolment-store.js';
import { firstDayOf, lastDayOf } from './calendar.js';

export { enrolFromPlan, enrolInService, endEnrolment, endEnrolmentsOfCase, transferEnrolment, changeEnrolmentStart, promoteWaiting } from './enrolments.js';
export type { EnrolFromPlanResult, EnrolmentOutcome, EnrolOptions, EndInput, TransferInput } from './enrolments.js';
export { closeMonth, freezeMonthPage, markMonthClosed, monthCloseOf, isMonthClosed, incompleteRegistersOf, FREEZE_PAGE_SIZE, type CloseMonthResult, type FreezePosition } from './months.js';
export type { GroupIncompleteRegister } from './rules/incomplete.js';
export { readMonthSummaries, readMonthSegment, participationFor, pendingCorrections, markCorrectionsApplied } from './register-store.js';
export { serviceOpenDays, closuresByService } from './closures.js';
export type { StoredSummary, CorrectionRecord, MonthClose, PlacePeriod } from './register-store.js';
export type { EnrolmentRecord } from './enrolment-store.js';

/**
 * The periods in which a child held a place in a service during the month (active or ended enrolments), in the
 * shape the subsidy rule takes (`SubsidyDecisionInput.enrolments`).
 */
export async function enrolmentsOverlapping(db: Db, caseId: string, month: string): Promise<{ serviceId: string; from: string; to?: string }[]> {
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  const list: EnrolmentRecord[] = await new EnrolmentStore(db).forCase(caseId);
  return list
    .filter((e) => (e.status === 'active' || e.status === 'ended') && e.from <= last && (e.to === undefined || e.to >= first))
    .map((e) => ({ serviceId: e.serviceId, from: e.from, ...(e.to !== undefined ? { to: e.to } : {}) }));
}

// ── What other areas use (the only door into this area) ──
export { enrolledOpenDays } from './calendar.js';
export type { Period } from './calendar.js';
export { getService, serviceCatalogue, serviceTargets } from './catalogue.js';
export type { Service } from './catalogue.js';
export { endReasonLabels, endReasons, registerPolicy } from './config.js';
export { EnrolmentStore } from './enrolment-store.js';
export { emptySummary, isoDateSchema, monthKeySchema, monthlyParticipationSummarySchema, participationOutcomes } from './model.js';
export type { MonthlyParticipationSummary, Reason } from './model.js';
export { participationRules } from './participation-rules.js';
export type { ParticipationRules } from './participation-rules.js';
export { RegisterStore } from './register-store.js';
export { countRo, evaluateParticipation, openDatesInMonth } from './rules/participation.js';
export type { AttendanceRule, SessionsRule } from './participation-rules.js';
