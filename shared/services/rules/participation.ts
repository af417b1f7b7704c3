/**
 * Was the child's participation in a service "active" in a month? Pure: the rule comes from
 * shared/services/participation-rules.ts, the counters from the monthly summary, the calendar from the service's schedule.
 */
import { ruleFor, type ParticipationRule, type ParticipationRules } from '../participation-rules.js';
import { getService, type ServiceType } from '../catalogue.js';
import { openDaysInMonth } from '../../platform/calendar.js';
import type { Enrolment, MonthlyParticipationSummary, ParticipationEvaluation, ParticipationMeasures, Reason } from '../model.js';

export interface EvaluateOptions {
  /** ISO weekdays the service is open; defaults to the catalogue's schedule for `summary.serviceId` */
  daysOpen?: readonly number[];
}

/** Romanian count with the right noun form: 1 zi, 3 zile, 20 de zile. */
export function countRo(n: number, singular: string, plural: string): string {
  if (n === 1) return `1 ${singular}`;
  const rest = Math.abs(n) % 100;
  return n !== 0 && (rest === 0 || rest >= 20) ? `${n} de ${plural}` : `${n} ${plural}`;
}

/**
 * Dates 'YYYY-MM-DD' of the month on which the service's weekdays fall.
 * @deprecated use `openDaysInMonth(month, { daysOpen, closures })` of shared/platform/calendar.ts, which also removes
 * public holidays and closures; this weekday-only view is kept until the registers move to it.
 */
export function openDatesInMonth(month: string, daysOpen: readonly number[]): string[] {
  return openDaysInMonth(month, { daysOpen, closedOnPublicHolidays: false });
}

const inEnrolment = (date: string, e: Enrolment) => date >= e.from && (!e.to || date <= e.to);

/** ⌈min × num / den⌉, at least `atLeast` (when min > 0), never above min; integer arithmetic. */
function prorated(min: number, num: number, den: number, rule: ParticipationRule): number {
  if (min === 0 || !rule.prorate.enabled || den === 0 || num >= den) return min;
  return Math.min(min, Math.max(rule.prorate.atLeast, Math.ceil((min * Math.max(0, num)) / den)));
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

export function evaluateParticipation(
  summary: MonthlyParticipationSummary,
  serviceType: ServiceType,
  rules: ParticipationRules,
  enrolment: Enrolment,
  month: string,
  options: EvaluateOptions = {},
): ParticipationEvaluation {
  if (summary.month !== month) throw new Error(`Participation summary is for ${summary.month}, not ${month}`);
  const service = getService(summary.serviceId);
  if (service && service.type !== serviceType) throw new Error(`Service ${summary.serviceId} is a ${service.type}, not a ${serviceType}`);
  const daysOpen = options.daysOpen ?? service?.schedule.daysOpen;
  if (!daysOpen) throw new Error(`No schedule for service ${summary.serviceId}`);
  const rule = ruleFor(rules, serviceType, summary.serviceId);

  const monthDates = openDatesInMonth(month, daysOpen);
  const monthScheduledDays = monthDates.length;
  const enrolledScheduledDays = Math.min(monthScheduledDays, summary.enrolledDays ?? monthDates.filter((d) => inEnrolment(d, enrolment)).length);
  const prorationFactor = monthScheduledDays === 0 ? 0 : enrolledScheduledDays / monthScheduledDays;

  const measures: ParticipationMeasures = {
    rule: rule.kind,
    monthScheduledDays,
    enrolledScheduledDays,
    partialMonth: enrolledScheduledDays < monthScheduledDays,
    prorationFactor,
    scheduledDays: summary.scheduledDays,
    presentDays: summary.presentDays,
    excusedDays: summary.excusedDays,
    countedDays: summary.scheduledDays,
    attendanceRatio: null,
    requiredRatio: null,
    requiredPresentDays: null,
    sessions: summary.sessions,
    requiredSessions: null,
    parentSessions: summary.parentSessions,
    requiredParentSessions: null,
  };
  const result = (reasons: Reason[], activeMessage: string): ParticipationEvaluation => ({
    serviceId: summary.serviceId,
    month,
    active: reasons.length === 0,
    reasons: reasons.length === 0 ? [{ code: 'ACTIVE_PARTICIPATION', message: activeMessage }] : reasons,
    measures,
  });

  if (enrolledScheduledDays === 0) {
    return result([{ code: 'NOT_ENROLLED_IN_MONTH', message: 'Copilul nu a fost înscris la serviciu în nicio zi de program a lunii' }], '');
  }

  const reasons: Reason[] = [];
  if (rule.kind === 'attendance') {
    const counted = summary.scheduledDays - (rule.excusedAbsencesNeutral ? summary.excusedDays : 0);
    const available = rule.excusedReduceMinimum ? Math.max(0, enrolledScheduledDays - summary.excusedDays) : enrolledScheduledDays;
    measures.countedDays = counted;
    measures.requiredRatio = rule.minAttendanceRatio;
    measures.requiredPresentDays = prorated(rule.minPresentDays, available, monthScheduledDays, rule);
    if (summary.scheduledDays === 0) {
      reasons.push({ code: 'NO_ATTENDANCE_RECORDED', message: 'Nu este înregistrată nicio zi de prezență sau absență în luna respectivă' });
    } else if (counted === 0) {
      reasons.push({ code: 'ALL_DAYS_EXCUSED', message: `Toate zilele programate (${countRo(summary.scheduledDays, 'zi', 'zile')}) au fost absențe motivate` });
    } else {
      const ratio = summary.presentDays / counted;
      measures.attendanceRatio = ratio;
      if (ratio + 1e-9 < rule.minAttendanceRatio) {
        reasons.push({ code: 'ATTENDANCE_RATIO_LOW', message: `Participare insuficientă: ${summary.presentDays} din ${countRo(counted, 'zi', 'zile')} (${pct(ratio)}, minimum ${pct(rule.minAttendanceRatio)})` });
      }
      if (summary.presentDays < measures.requiredPresentDays) {
        reasons.push({ code: 'PRESENT_DAYS_LOW', message: `Prea puține zile de prezență: ${summary.presentDays}, minimum ${measures.requiredPresentDays}` });
      }
    }
    return result(reasons, `Participare activă: ${summary.presentDays} din ${countRo(counted, 'zi', 'zile')}`);
  }

  const requiredSessions = prorated(rule.minSessions, enrolledScheduledDays, monthScheduledDays, rule);
  const requiredParent = prorated(rule.minParentSessions, enrolledScheduledDays, monthScheduledDays, rule);
  measures.requiredSessions = requiredSessions;
  measures.requiredParentSessions = rule.minParentSessions > 0 ? requiredParent : null;
  if (summary.sessions < requiredSessions) {
    reasons.push({ code: 'SESSIONS_LOW', message: `Participare insuficientă: ${summary.sessions} din minimum ${countRo(requiredSessions, 'ședință', 'ședințe')}` });
  }
  if (summary.parentSessions < requiredParent) {
    reasons.push({
      code: 'PARENT_SESSIONS_MISSING',
      message: `Ședințe obligatorii pentru părinți (consiliere sau abilități parentale): ${summary.parentSessions} din minimum ${requiredParent}`,
    });
  }
  const parentPart = rule.minParentSessions > 0 ? `, ${countRo(summary.parentSessions, 'ședință', 'ședințe')} pentru părinți` : '';
  return result(reasons, `Participare activă: ${countRo(summary.sessions, 'ședință', 'ședințe')}${parentPart}`);
}
