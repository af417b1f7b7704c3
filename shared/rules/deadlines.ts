/** Deadlines computed from the legal defaults (pure). Months are calendar months in Europe/Bucharest. */
import { legalDefaults, type LegalDefaults, type LegalKey } from '../config/legal-defaults.js';

export type DeadlineKind = 'homeVisit' | 'initialEvaluation' | 'planDrawUp' | 'planApproval' | 'review' | 'postReintegrationMonitoring' | 'closingEvaluation' | 'observatorRegistration';

const keyOf = (kind: DeadlineKind, planType: 'PS' | 'PIP'): LegalKey =>
  ({
    homeVisit: 'homeVisitAfterReportHours',
    initialEvaluation: 'initialEvaluationHours',
    planDrawUp: 'planDrawUpDays',
    planApproval: 'planApprovalDays',
    review: planType === 'PIP' ? 'pipReviewMonths' : 'psReviewMonths',
    postReintegrationMonitoring: 'postReintegrationMonitoringMonths',
    closingEvaluation: 'closingEvaluationDays',
    observatorRegistration: 'observatorRegistrationDays',
  } as const)[kind];

/** Add calendar months keeping the Bucharest wall-clock time; day clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
export function addMonthsBucharest(from: Date, months: number): Date {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(from).map((p) => [p.type, p.value]));
  const y = Number(parts.year), m = Number(parts.month) - 1 + months, d = Number(parts.day);
  const ty = y + Math.floor(m / 12), tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const wall = Date.UTC(ty, tm, Math.min(d, last), Number(parts.hour), Number(parts.minute), Number(parts.second));
  // convert the Bucharest wall-clock time back to an instant (offset of that moment)
  const offset = (t: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
  };
  return new Date(wall - offset(wall - offset(wall)));
}

export function dueDate(kind: DeadlineKind, from: string, cfg: LegalDefaults = legalDefaults(), planType: 'PS' | 'PIP' = 'PS') {
  const rule = cfg[keyOf(kind, planType)];
  const start = new Date(from);
  let due: Date;
  if (rule.unit === 'hours') due = new Date(start.getTime() + rule.value * 3_600_000);
  else if (rule.unit === 'days') due = new Date(start.getTime() + rule.value * 86_400_000);
  else due = addMonthsBucharest(start, rule.unit === 'years' ? rule.value * 12 : rule.value);
  return { due: due.toISOString(), ruleKey: rule.key, source: rule.source, confirmed: rule.confirmed };
}
