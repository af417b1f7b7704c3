/**
 * The monthly subsidy rule (pure): who is paid for a month and why, what a retroactive correction settles, which
 * cohort a child may join. Amounts, period, cohorts and caps come from shared/subsidies/config.ts.
 */
import { localDate } from '../../platform/calendar.js';
import { getService } from '../../services/index.js';
import { subsidyConfig, type CohortId, type SubsidyConfig } from '../config.js';
import type { Reason } from '../../services/index.js';
import { overridableReasonCodes, type AdjustmentLine, type CohortAssignment, type SubsidyDecision, type SubsidyDecisionInput } from '../decision.js';
import { countRo } from '../../services/index.js';
import { addCalendarMonths, formatDateRo } from '../../platform/calendar.js';

const monthNames = ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'];

/** 'martie 2025' */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${monthNames[m - 1]} ${y}`;
}

/** Calendar date in Bucharest of a date or an ISO instant (the one calendar: shared/platform/calendar.ts). */
export const bucharestDate = (value: string): string => localDate(value);

function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, last: `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}

export const inProjectPeriod = (month: string, config: SubsidyConfig = subsidyConfig): boolean =>
  month >= config.projectPeriod.from && month <= config.projectPeriod.to;

/** Amount for a month in lei; 0 when no configured period covers it. */
export function amountFor(month: string, config: SubsidyConfig = subsidyConfig): number {
  return config.amounts.find((a) => month >= a.from && month <= a.to)?.amountLei ?? 0;
}

/** Was the case open on at least one day of the month? */
export function caseOpenInMonth(c: SubsidyDecisionInput['case'], month: string): boolean {
  const { first, last } = monthBounds(month);
  if (bucharestDate(c.openedAt) > last) return false;
  if (c.closedAt) return bucharestDate(c.closedAt) >= first;
  return c.status === 'open';
}

const consentReasons: Record<Exclude<SubsidyDecisionInput['consent'], 'valid'>, Reason> = {
  missing: { code: 'CONSENT_MISSING', message: 'Consimțământ pentru subvenție lipsă' },
  withdrawn: { code: 'CONSENT_WITHDRAWN', message: 'Consimțământul pentru subvenție a fost retras' },
  expired: { code: 'CONSENT_EXPIRED', message: 'Consimțământul pentru subvenție a expirat' },
};

const serviceName = (id: string) => getService(id)?.shortName ?? id;

/**
 * Participation part of the decision: `hard` reasons no manual grant sets aside (a register with unmarked expected
 * days, a partial month below the minimum, every service closed all month), `blocking` participation reasons (empty
 * when the policy is met) and the positive notes.
 */
function participationReasons(input: SubsidyDecisionInput, config: SubsidyConfig): { hard: Reason[]; blocking: Reason[]; notes: Reason[] } {
  const { first, last } = monthBounds(input.month);
  const enrolled = input.enrolments.filter((e) => e.from <= last && (!e.to || e.to >= first));
  if (enrolled.length === 0) return { hard: [], blocking: [{ code: 'NOT_ENROLLED', message: 'Copilul nu a fost înscris la niciun serviciu în luna respectivă' }], notes: [] };
  for (const p of input.participation) {
    if (p.month !== input.month) throw new Error(`Participation evaluation for ${p.month} given for ${input.month}`);
  }
  const label = (serviceId: string, reasons: readonly Reason[]) => reasons.map((r) => ({ code: r.code, message: `${r.message} (${serviceName(serviceId)})` }));
  const verdicts = [...new Set(enrolled.map((e) => e.serviceId))].map((serviceId) => {
    const own = input.participation.filter((p) => p.serviceId === serviceId);
    const active = own.some((p) => p.active);
    const outcome = own.length === 0 ? 'not_evaluated' : active ? 'active' : (own.find((p) => p.outcome)?.outcome ?? 'insufficient');
    const reasons: Reason[] = own.length === 0
      ? [{ code: 'PARTICIPATION_NOT_EVALUATED', message: 'Participarea nu a fost evaluată' }]
      : own.flatMap((p) => p.reasons);
    return { serviceId, active, outcome, reasons: label(serviceId, reasons) };
  });
  // the run refuses to evaluate a month whose register has unmarked expected days
  const incomplete = verdicts.filter((v) => v.outcome === 'register_incomplete');
  if (incomplete.length > 0) return { hard: incomplete.flatMap((v) => v.reasons), blocking: [], notes: [] };
  // a service closed the whole month is not held against the child: it leaves the policy
  const open = verdicts.filter((v) => v.outcome !== 'service_closed');
  if (open.length === 0) {
    // every service closed all month: the configured treatment (`closedMonth`) decides whether the month is paid
    if (config.closedMonth.treatment === 'paid') return { hard: [], blocking: [], notes: verdicts.flatMap((v) => v.reasons) };
    return { hard: verdicts.flatMap((v) => v.reasons.map((r) => ({ code: r.code, message: `${r.message}; luna nu se plătește și nu se socotește în minimul cohortei` }))), blocking: [], notes: [] };
  }
  const met = config.participationPolicy === 'any' ? open.some((v) => v.active) : open.every((v) => v.active);
  const notes = open.filter((v) => v.active).flatMap((v) => v.reasons);
  if (met) return { hard: [], blocking: [], notes };
  const failing = open.filter((v) => !v.active);
  // a partial month too short is neither paid nor counted, whatever a coordinator decides
  const tooShort = failing.filter((v) => v.outcome === 'partial_too_short');
  if (tooShort.length === failing.length) return { hard: tooShort.flatMap((v) => v.reasons), blocking: [], notes: [] };
  return { hard: [], blocking: failing.flatMap((v) => v.reasons), notes: [] };
}

/** The day the child reaches the configured age limit (29 February → 28 February, as `addCalendarMonths`). */
export const ageLimitDate = (birthDate: string, config: SubsidyConfig = subsidyConfig): string => addCalendarMonths(birthDate, 12 * config.age.limitYears);

/** Age part of the decision: the child is of age all month, or the month of the birthday under its configured rule. */
function ageReasons(input: SubsidyDecisionInput, config: SubsidyConfig, participationMet: boolean): Reason[] {
  if (!input.child) return [];
  const { first, last } = monthBounds(input.month);
  const limitDate = ageLimitDate(input.child.birthDate, config);
  const years = config.age.limitYears;
  if (limitDate <= first) {
    return [{ code: 'AGE_LIMIT_REACHED', message: `Copilul a împlinit ${years} ani la ${formatDateRo(limitDate)}; subvenția nu se acordă pentru o lună în care are ${years} ani sau mai mult în toate zilele` }];
  }
  if (limitDate > last) return [];
  const rule = config.age.birthdayMonth;
  if (rule === 'paid') return [];
  if (rule === 'not_paid') {
    return [{ code: 'AGE_LIMIT_BIRTHDAY_MONTH', message: `Copilul împlinește ${years} ani la ${formatDateRo(limitDate)}; luna împlinirii vârstei nu se plătește` }];
  }
  const before = input.enrolments.some((e) => e.from < limitDate && (!e.to || e.to >= first));
  if (before && participationMet) return [];
  return [{ code: 'AGE_LIMIT_BIRTHDAY_MONTH', message: `Copilul împlinește ${years} ani la ${formatDateRo(limitDate)} și nu a participat înainte de această dată în luna respectivă` }];
}

export function decideSubsidy(input: SubsidyDecisionInput, config: SubsidyConfig = subsidyConfig): SubsidyDecision {
  const hard: Reason[] = [];
  const { month } = input;
  const amount = amountFor(month, config);
  if (!inProjectPeriod(month, config)) hard.push({ code: 'OUTSIDE_PROJECT_PERIOD', message: 'Luna este în afara perioadei proiectului' });
  else if (amount === 0) hard.push({ code: 'NO_AMOUNT_CONFIGURED', message: 'Nu este configurată suma subvenției pentru luna respectivă' });
  if (input.alreadyPaid) hard.push({ code: 'ALREADY_PAID', message: 'Deja plătit pentru această lună' });
  if (!caseOpenInMonth(input.case, month)) hard.push({ code: 'CASE_NOT_OPEN', message: 'Cazul nu era deschis în luna respectivă' });
  if (input.consent !== 'valid') hard.push(consentReasons[input.consent]);
  const cohortCfg = input.cohort ? config.cohorts.find((c) => c.id === input.cohort!.id) : undefined;
  if (!input.cohort || !cohortCfg) hard.push({ code: 'COHORT_MISSING', message: 'Copilul nu este alocat unei cohorte de subvenție' });
  else if (config.maxMonthsPerChild !== null && input.cohort.monthsPaid >= config.maxMonthsPerChild) {
    hard.push({ code: 'MAX_MONTHS_REACHED', message: `S-a atins numărul maxim de luni plătite pentru un copil (${config.maxMonthsPerChild})` });
  }

  const participation = participationReasons(input, config);
  hard.push(...participation.hard);
  hard.push(...ageReasons(input, config, participation.hard.length === 0 && participation.blocking.length === 0));
  let soft = participation.blocking;
  let overridden = false;
  const extra: Reason[] = [];
  const o = input.override;
  if (o?.decision === 'suspend') {
    overridden = true;
    extra.push({ code: 'MANUAL_SUSPENSION', message: `Plată suspendată prin decizie manuală: ${o.reason}` });
  } else if (o?.decision === 'grant' && soft.length > 0) {
    const allowed = soft.every((r) => (overridableReasonCodes as readonly string[]).includes(r.code));
    if (hard.length === 0 && allowed) {
      overridden = true;
      extra.push({ code: 'MANUAL_GRANT', message: `Acordat prin decizie manuală, în ciuda participării insuficiente: ${o.reason}` });
      soft = [];
    } else {
      extra.push({ code: 'OVERRIDE_NOT_APPLICABLE', message: 'Decizia manuală nu poate acorda subvenția: există motive care nu țin de participare' });
    }
  }

  const blocking = [...hard, ...soft, ...extra.filter((r) => r.code !== 'MANUAL_GRANT')];
  const eligible = blocking.length === 0;
  const reasons = eligible
    ? [{ code: 'ELIGIBLE', message: `Eligibil: ${amount} lei pentru ${monthLabel(month)}` }, ...extra, ...participation.notes]
    : blocking;
  const cohort = input.cohort && cohortCfg
    ? {
        id: input.cohort.id,
        monthsPaidAfter: input.cohort.monthsPaid + (eligible ? 1 : 0),
        minMonths: cohortCfg.minMonths,
        minimumReached: input.cohort.monthsPaid + (eligible ? 1 : 0) >= cohortCfg.minMonths,
      }
    : null;
  return { month, eligible, amountLei: eligible ? amount : 0, reasons, overridden, cohort };
}

/**
 * What a later run must settle after a month was decided again. `previous` is the decision that was paid (or refused);
 * `corrected` must be computed as if the month had not been paid (`alreadyPaid: false`), else it would always refuse.
 */
export function adjustmentsFor(previous: SubsidyDecision, corrected: SubsidyDecision): AdjustmentLine[] {
  if (previous.month !== corrected.month) throw new Error(`Cannot adjust ${previous.month} with a decision for ${corrected.month}`);
  if (corrected.reasons.some((r) => r.code === 'ALREADY_PAID')) throw new Error('The corrected decision must be computed with alreadyPaid = false');
  const diff = corrected.amountLei - previous.amountLei;
  if (diff === 0) return [];
  const label = monthLabel(corrected.month);
  if (diff > 0) {
    const why = corrected.reasons.filter((r) => r.code !== 'ELIGIBLE').map((r) => r.message).join('; ') || 'eligibil după corectare';
    return [{ month: corrected.month, kind: 'arrears', amountLei: diff, reason: { code: 'ARREARS', message: `Plată retroactivă pentru ${label}: ${why}` } }];
  }
  const why = corrected.eligible ? `suma corectată este ${corrected.amountLei} lei` : corrected.reasons.map((r) => r.message).join('; ');
  return [{ month: corrected.month, kind: 'recovery', amountLei: diff, reason: { code: 'RECOVERY', message: `Recuperare pentru ${label}: ${why}` } }];
}

/** Admit a child to a cohort if its quota has room; `counts` = children already in each cohort. */
export function assignCohort(counts: Partial<Record<CohortId, number>>, requested: CohortId, config: SubsidyConfig = subsidyConfig): CohortAssignment {
  const wanted = config.cohorts.find((c) => c.id === requested);
  if (!wanted) return { ok: false, code: 'COHORT_UNKNOWN', message: 'Cohorta aleasă nu există' };
  const taken = counts[requested] ?? 0;
  if (taken < wanted.quota) return { ok: true, cohort: requested };
  const other = config.cohorts.find((c) => c.id !== requested && (counts[c.id] ?? 0) < c.quota);
  const base = `Cohorta de ${wanted.minMonths} luni este completă (${taken} din ${countRo(wanted.quota, 'copil', 'copii')}).`;
  if (!other) return { ok: false, code: 'COHORT_QUOTA_FULL', message: `${base} Toate cohortele sunt complete.` };
  const free = other.quota - (counts[other.id] ?? 0);
  return {
    ok: false,
    code: 'COHORT_QUOTA_FULL',
    message: `${base} ${free === 1 ? 'Mai este un loc' : `Mai sunt ${countRo(free, 'loc', 'locuri')}`} în cohorta de ${other.minMonths} luni.`,
    alternative: other.id,
  };
}
