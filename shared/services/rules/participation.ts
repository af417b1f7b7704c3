/**
 * Was the child's participation in a service "active" in a month? Pure: the rule comes from
 * shared/services/participation-rules.ts, the counters from the monthly summary, the calendar from the service's schedule.
 */
import { ruleFor, type ParticipationRule, type ParticipationRules } from '../participation-rules.js';
import { getService, type ServiceType } from '../catalogue.js';
import { openDaysInMonth, type Closure } from '../../platform/calendar.js';
import type { Enrolment, MonthlyParticipationSummary, ParticipationEvaluation, ParticipationMeasures, ParticipationOutcome, Reason } from '../model.js';

export interface EvaluateOptions {
  /** ISO weekdays the service is open; defaults to the catalogue's schedule for `summary.serviceId` */
  daysOpen?: readonly number[];
  /**
   * Open days of the service in the month — public holidays and the service's closures already removed — from the one
   * calendar. When absent: the weekly schedule minus public holidays (`openDaysInMonth` of shared/platform/calendar.ts).
   */
  monthOpenDays?: readonly string[];
}

/** Romanian count with the right noun form: 1 zi, 3 zile, 20 de zile. */
export function countRo(n: number, singular: string, plural: string): string {
  if (n === 1) return `1 ${singular}`;
  const rest = Math.abs(n) % 100;
  return n !== 0 && (rest === 0 || rest >= 20) ? `${n} de ${plural}` : `${n} ${plural}`;
}

/**
 * Open days 'YYYY-MM-DD' of the month: the service's weekdays minus public holidays and minus its closures (the
 * one calendar's `openDaysInMonth`). A closed day or a holiday is never a day the child should have attended.
 */
export function openDatesInMonth(month: string, daysOpen: readonly number[], closures: readonly Closure[] = []): string[] {
  return openDaysInMonth(month, { daysOpen, closures });
}

const inEnrolment = (date: string, e: Enrolment) => date >= e.from && (!e.to || date <= e.to);

/**
 * Expected days: the open days of the month on which at least one enrolment interval holds (never one span from the
 * first to the last day: a child who left and came back is expected only on the days of each interval).
 */
export function expectedDays(monthOpenDays: readonly string[], enrolments: readonly Enrolment[]): string[] {
  return monthOpenDays.filter((d) => enrolments.some((e) => inEnrolment(d, e)));
}

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
  enrolment: Enrolment | readonly Enrolment[],
  month: string,
  options: EvaluateOptions = {},
): ParticipationEvaluation {
  if (summary.month !== month) throw new Error(`Participation summary is for ${summary.month}, not ${month}`);
  const service = getService(summary.serviceId);
  if (service && service.type !== serviceType) throw new Error(`Service ${summary.serviceId} is a ${service.type}, not a ${serviceType}`);
  const daysOpen = options.daysOpen ?? service?.schedule.daysOpen;
  if (!daysOpen && !options.monthOpenDays) throw new Error(`No schedule for service ${summary.serviceId}`);
  const rule = ruleFor(rules, serviceType, summary.serviceId);
  const intervals: readonly Enrolment[] = Array.isArray(enrolment) ? enrolment : [enrolment as Enrolment];

  // the one calendar: the service's weekdays minus public holidays (closures come in through `monthOpenDays`)
  const monthDates = options.monthOpenDays ?? openDaysInMonth(month, { daysOpen: daysOpen! });
  for (const d of monthDates) if (d.slice(0, 7) !== month) throw new Error(`Open day ${d} is not in ${month}`);
  const expected = expectedDays(monthDates, intervals);
  const monthScheduledDays = monthDates.length;
  const enrolledScheduledDays = expected.length;
  const prorationFactor = monthScheduledDays === 0 ? 0 : enrolledScheduledDays / monthScheduledDays;
  const partialMonth = enrolledScheduledDays < monthScheduledDays;

  const measures: ParticipationMeasures = {
    rule: rule.kind,
    monthScheduledDays,
    enrolledScheduledDays,
    partialMonth,
    prorationFactor,
    scheduledDays: summary.scheduledDays,
    unrecordedDays: rule.kind === 'attendance' ? Math.max(0, enrolledScheduledDays - summary.scheduledDays) : 0,
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
  const result = (outcome: ParticipationOutcome, reasons: Reason[], activeMessage = ''): ParticipationEvaluation => ({
    serviceId: summary.serviceId,
    month,
    active: outcome === 'active',
    outcome,
    reasons: outcome === 'active' ? [{ code: 'ACTIVE_PARTICIPATION', message: activeMessage }] : reasons,
    measures,
  });

  if (monthScheduledDays === 0) {
    return result('service_closed', [{ code: 'SERVICE_CLOSED_ALL_MONTH', message: 'Serviciul nu a avut nicio zi de program în luna respectivă (închis); luna nu se socotește împotriva copilului' }]);
  }
  if (enrolledScheduledDays === 0) {
    return result('not_enrolled', [{ code: 'NOT_ENROLLED_IN_MONTH', message: 'Copilul nu a fost înscris la serviciu în nicio zi de program a lunii' }]);
  }
  if (rule.kind === 'attendance' && rule.requireCompleteRegister && measures.unrecordedDays > 0) {
    return result('register_incomplete', [{
      code: 'REGISTER_INCOMPLETE',
      message: `Registru incomplet: ${countRo(measures.unrecordedDays, 'zi programată nemarcată', 'zile programate nemarcate')} din ${countRo(enrolledScheduledDays, 'zi', 'zile')}; luna nu se evaluează până când zilele sunt marcate (prezent, absent sau absență motivată)`,
    }]);
  }
  const partial = rule.partialMonth;
  if (partialMonth && enrolledScheduledDays < partial.minExpectedDays) {
    return result('partial_too_short', [{
      code: 'PARTIAL_MONTH_TOO_SHORT',
      message: `Lună parțială: înscris în ${countRo(enrolledScheduledDays, 'zi programată', 'zile programate')} din ${monthScheduledDays}, minimum ${partial.minExpectedDays}; luna nu se plătește și nu se socotește în minimul cohortei`,
    }]);
  }
  if (partialMonth && rule.kind === 'sessions' && partial.minSessions !== null && summary.sessions < partial.minSessions) {
    return result('partial_too_short', [{
      code: 'PARTIAL_MONTH_TOO_SHORT',
      message: `Lună parțială: ${countRo(summary.sessions, 'ședință', 'ședințe')}, minimum ${partial.minSessions} într-o lună parțială; luna nu se plătește și nu se socotește în minimul cohortei`,
    }]);
  }

  const reasons: Reason[] = [];
  if (rule.kind === 'attendance') {
    // the denominator is the expected days (open days while enrolled), never only the days someone happened to mark
    const base = Math.max(enrolledScheduledDays, summary.scheduledDays);
    const counted = base - (rule.excusedAbsencesNeutral ? summary.excusedDays : 0);
    const available = rule.excusedReduceMinimum ? Math.max(0, enrolledScheduledDays - summary.excusedDays) : enrolledScheduledDays;
    measures.countedDays = counted;
    measures.requiredRatio = rule.minAttendanceRatio;
    measures.requiredPresentDays = prorated(rule.minPresentDays, available, monthScheduledDays, rule);
    if (summary.scheduledDays === 0) {
      reasons.push({ code: 'NO_ATTENDANCE_RECORDED', message: 'Nu este înregistrată nicio zi de prezență sau absență în luna respectivă' });
    } else if (counted <= 0) {
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
    return result(reasons.length ? 'insufficient' : 'active', reasons, `Participare activă: ${summary.presentDays} din ${countRo(counted, 'zi', 'zile')}`);
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
  return result(reasons.length ? 'insufficient' : 'active', reasons, `Participare activă: ${countRo(summary.sessions, 'ședință', 'ședințe')}${parentPart}`);
}
