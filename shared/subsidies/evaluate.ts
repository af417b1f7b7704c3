/**
 * One child in one run (pure): gathers what shared/subsidies/rules/eligibility.ts needs from the case, its enrolments, its monthly
 * participation summaries and its ledger, decides, adds the payment checks the rule does not know (a usable IBAN), and
 * returns the run's line. Also: the adjustment a retroactive correction of an earlier month produces, and a line
 * decided again after a coordinator's include / exclude.
 */
import { participationRules, type ParticipationRules } from '../services/index.js';
import { getService } from '../services/index.js';
import { subsidyConfig, type CohortId, type SubsidyConfig } from './config.js';
import type { CaseRecord } from '../cases/index.js';
import { emptySummary, type MonthlyParticipationSummary, type Reason } from '../services/index.js';
import type { ManualOverride, SubsidyDecision, SubsidyDecisionInput } from './decision.js';
import { consentStatus } from '../protection/index.js';
import { validateRoIban } from '../platform/ro/iban.js';
import { evaluateParticipation } from '../services/index.js';
import { openDaysInMonth } from '../platform/calendar.js';
import { bucharestDate } from './rules/eligibility.js';
import { adjustmentsFor, decideSubsidy } from './rules/eligibility.js';
import type { LedgerEntry, LineKind, RunLine } from './model.js';
import { monthDays, monthEndInstant } from './months.js';

export interface EnrolmentSpan {
  serviceId: string;
  /** waiting (on the list) and cancelled (never started) are not enrolments in a service */
  status: 'active' | 'waiting' | 'ended' | 'cancelled';
  from: string;
  to?: string | undefined;
}

/** Everything the run reads about one child. */
export interface ChildFacts {
  case: CaseRecord;
  enrolments: readonly EnrolmentSpan[];
  /** the child's summaries for the month being decided */
  summaries: readonly MonthlyParticipationSummary[];
  ledger: LedgerFacts;
}

/**
 * Open days of a service in a month (public holidays and the service's closures removed), from the one calendar
 * (shared/platform/calendar.ts). The run passes the services' closures read from the store (`ParticipationSource.openDays`,
 * shared/services `serviceOpenDays`); this default knows only the weekly schedule and the public holidays.
 */
export type OpenDaysOf = (serviceId: string, month: string) => readonly string[];

/**
 * The child's enrolments in the month from the places on its summaries. With `complete` (the month's close wrote the
 * places of every child who held a place), a summary without places means no place in that service: nothing is read.
 * Otherwise only when every summary carries them; null when the enrolments must be read (a month closed before
 * places existed).
 */
export function placesOf(summaries: readonly (MonthlyParticipationSummary & { places?: readonly { from: string; to?: string }[] | undefined })[], complete = false): EnrolmentSpan[] | null {
  if (summaries.length === 0) return null;
  if (!complete && !summaries.every((s) => Array.isArray(s.places))) return null;
  return summaries.flatMap((s) => (s.places ?? []).map((p) => ({ serviceId: s.serviceId, status: p.to ? 'ended' as const : 'active' as const, from: p.from, ...(p.to ? { to: p.to } : {}) })));
}

export const scheduleOpenDays: OpenDaysOf = (serviceId, month) => {
  const service = getService(serviceId);
  return service ? openDaysInMonth(month, { daysOpen: service.schedule.daysOpen }) : [];
};

export interface EvaluateContext {
  runId: string;
  runMonth: string;
  config?: SubsidyConfig;
  rules?: ParticipationRules;
  openDays?: OpenDaysOf;
}

export const IBAN_REASON: Reason = { code: 'IBAN_INVALID', message: 'IBAN lipsă sau invalid' };
export const ALREADY_PAID_REASON: Reason = { code: 'ALREADY_PAID', message: 'Deja plătit' };

/** What the ledger says about one child: is a month paid (its primary entry exists), the net paid, months paid. */
export interface LedgerFacts {
  isPaid(month: string): boolean;
  netPaid(month: string): number;
  /** months with a positive net payment, other than `except` */
  monthsPaid(except?: string): number;
}

/** Ledger facts from all of a child's entries. */
export function ledgerFacts(ledger: readonly LedgerEntry[]): LedgerFacts {
  const net = new Map<string, number>();
  const primary = new Set<string>();
  for (const e of ledger) {
    net.set(e.month, (net.get(e.month) ?? 0) + e.amount);
    if (e.kind !== 'recovery') primary.add(e.month);
  }
  return {
    isPaid: (month) => primary.has(month),
    netPaid: (month) => net.get(month) ?? 0,
    monthsPaid: (except) => [...net.entries()].filter(([m, v]) => v > 0 && m !== except).length,
  };
}

/**
 * Ledger facts from the entries of ONE month plus the child's counter of paid months (kept by the ledger writes, so
 * the run reads three keys per child in a batch instead of querying the whole ledger).
 */
export function monthLedgerFacts(monthEntries: readonly LedgerEntry[], month: string, paidMonths: number): LedgerFacts {
  const f = ledgerFacts(monthEntries.filter((e) => e.month === month));
  const own = f.netPaid(month) > 0 ? 1 : 0;
  return {
    isPaid: (m) => m === month && f.isPaid(m),
    netPaid: (m) => (m === month ? f.netPaid(m) : 0),
    monthsPaid: (except) => Math.max(0, paidMonths - (except === month ? own : 0)),
  };
}

export function cohortOf(c: CaseRecord): CohortId | null {
  if (c.cohort) return c.cohort;
  if (c.plan?.status === 'approved' && c.plan.cohort) return c.plan.cohort;
  return null;
}

export function beneficiaryOf(c: CaseRecord): { name: string | null; iban: string | null; ibanValid: boolean } {
  const lr = c.legalRepresentative;
  const name = lr ? `${lr.firstName} ${lr.lastName}`.trim() || null : null;
  const raw = lr?.iban?.replace(/\s+/g, '').toUpperCase() || null;
  const check = raw ? validateRoIban(raw) : null;
  return { name, iban: check?.ok ? check.iban : raw, ibanValid: check?.ok ?? false };
}

/** Enrolments overlapping the month (a place on the waiting list, or one cancelled before it started, is not). */
export function enrolmentsInMonth(enrolments: readonly EnrolmentSpan[], month: string): EnrolmentSpan[] {
  const { first, last } = monthDays(month);
  return enrolments.filter((e) => (e.status === 'active' || e.status === 'ended') && e.from <= last && (!e.to || e.to >= first));
}

/**
 * The enrolment intervals that count: each overlapping enrolment on its own (never one span from the first to the
 * last day), clipped to the days the case was open.
 */
export function countedIntervals(enrolled: readonly EnrolmentSpan[], c: Pick<CaseRecord, 'openedAt' | 'closedAt' | 'status' | 'updatedAt'>): { serviceId: string; from: string; to?: string }[] {
  const opened = bucharestDate(c.openedAt);
  const closedAt = c.closedAt ?? (c.status === 'closed' ? c.updatedAt : undefined);
  const closed = closedAt ? bucharestDate(closedAt) : undefined;
  const out: { serviceId: string; from: string; to?: string }[] = [];
  for (const e of enrolled) {
    const from = e.from > opened ? e.from : opened;
    const to = closed === undefined ? e.to : e.to === undefined || e.to > closed ? closed : e.to;
    if (to !== undefined && to < from) continue;
    out.push({ serviceId: e.serviceId, from, ...(to !== undefined ? { to } : {}) });
  }
  return out;
}

function participationVerdicts(facts: ChildFacts, month: string, intervals: ReturnType<typeof countedIntervals>, rules: ParticipationRules, openDays: OpenDaysOf): SubsidyDecisionInput['participation'] {
  const out: SubsidyDecisionInput['participation'] = [];
  for (const serviceId of [...new Set(intervals.map((e) => e.serviceId))].sort()) {
    // no summary at all: nothing was recorded (an attendance register with every expected day unmarked)
    const summary = facts.summaries.find((s) => s.serviceId === serviceId && s.month === month) ?? emptySummary(facts.case.caseId, month, serviceId);
    const spans = intervals.filter((e) => e.serviceId === serviceId).map(({ from, to }) => ({ from, ...(to ? { to } : {}) }));
    const service = getService(serviceId);
    try {
      if (!service) throw new Error(`unknown service ${serviceId}`);
      const ev = evaluateParticipation(summary, service.type, rules, spans, month, { monthOpenDays: openDays(serviceId, month) });
      out.push({ serviceId, month, active: ev.active, outcome: ev.outcome, reasons: ev.reasons });
    } catch {
      out.push({ serviceId, month, active: false, reasons: [{ code: 'PARTICIPATION_NOT_EVALUATED', message: 'Participarea nu a putut fi evaluată (rezumat lunar invalid)' }] });
    }
  }
  return out;
}

/** The rule's input for one child and month. */
export function decisionInputFor(facts: ChildFacts, month: string, opts: { alreadyPaid: boolean; override?: ManualOverride | undefined; rules?: ParticipationRules; openDays?: OpenDaysOf }): SubsidyDecisionInput {
  const c = facts.case;
  const enrolled = enrolmentsInMonth(facts.enrolments, month);
  const intervals = countedIntervals(enrolled, c);
  const cohort = cohortOf(c);
  const closedAt = c.closedAt ?? (c.status === 'closed' ? c.updatedAt : undefined);
  return {
    month,
    case: { status: c.status, openedAt: c.openedAt, ...(closedAt ? { closedAt } : {}) },
    ...(c.child?.birthDate ? { child: { birthDate: c.child.birthDate } } : {}),
    enrolments: intervals,
    participation: participationVerdicts(facts, month, intervals, opts.rules ?? participationRules, opts.openDays ?? scheduleOpenDays),
    consent: consentStatus(c.consent, 'subsidy', monthEndInstant(month)),
    cohort: cohort ? { id: cohort, monthsPaid: facts.ledger.monthsPaid(month) } : null,
    alreadyPaid: opts.alreadyPaid,
    ...(opts.override ? { override: opts.override } : {}),
  };
}

/** The rule's decision plus the payment checks: a line is payable only with a valid Romanian IBAN. */
export function decideLine(input: SubsidyDecisionInput, ibanValid: boolean, config: SubsidyConfig = subsidyConfig): { decision: SubsidyDecision; eligible: boolean; amountLei: number; reasons: Reason[] } {
  const decision = decideSubsidy(input, config);
  if (ibanValid) return { decision, eligible: decision.eligible, amountLei: decision.amountLei, reasons: decision.reasons };
  const reasons = decision.eligible ? [IBAN_REASON] : [...decision.reasons, IBAN_REASON];
  return { decision, eligible: false, amountLei: 0, reasons };
}

/** The monthly line of a child in a run. */
export function evaluateMonthly(facts: ChildFacts, ctx: EvaluateContext): Omit<RunLine, 'version'> {
  const month = ctx.runMonth;
  const c = facts.case;
  const ben = beneficiaryOf(c);
  const input = decisionInputFor(facts, month, { alreadyPaid: facts.ledger.isPaid(month), ...(ctx.rules ? { rules: ctx.rules } : {}), ...(ctx.openDays ? { openDays: ctx.openDays } : {}) });
  const d = decideLine(input, ben.ibanValid, ctx.config);
  return {
    runId: ctx.runId,
    runMonth: month,
    month,
    kind: 'monthly',
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    institution: c.institution,
    cohort: cohortOf(c),
    eligible: d.eligible,
    amountLei: d.amountLei,
    reasons: d.reasons,
    decisionInput: input,
    beneficiary: ben.name,
    iban: ben.iban,
    ibanValid: ben.ibanValid,
    payment: { status: d.eligible ? 'pending' : 'not_payable' },
  };
}

/**
 * The adjustment a corrected earlier month produces, or null when the correction changes nothing. `previousLine` is
 * the child's line in the completed run of that month (its override, if any, still applies); what was paid comes from
 * the ledger.
 */
export function evaluateAdjustment(facts: ChildFacts, correctedMonth: string, previousLine: Pick<RunLine, 'override'> | undefined, ctx: EvaluateContext & { correctionIds: string[] }): Omit<RunLine, 'version'> | null {
  const ledger = facts.ledger;
  const paid = ledger.netPaid(correctedMonth);
  const previous: SubsidyDecision = { month: correctedMonth, eligible: paid > 0, amountLei: Math.max(0, paid), reasons: [], overridden: false, cohort: null };
  const input = decisionInputFor(facts, correctedMonth, { alreadyPaid: false, override: previousLine?.override, ...(ctx.rules ? { rules: ctx.rules } : {}), ...(ctx.openDays ? { openDays: ctx.openDays } : {}) });
  const corrected = decideSubsidy(input, ctx.config);
  const [adj] = adjustmentsFor(previous, corrected);
  if (!adj) return null;
  const c = facts.case;
  const ben = beneficiaryOf(c);
  let eligible = true;
  const reasons: Reason[] = [adj.reason];
  if (adj.kind === 'arrears') {
    // a month is paid at most once: one that was paid and later recovered is not paid again
    if (ledger.isPaid(correctedMonth)) {
      eligible = false;
      reasons.push(ALREADY_PAID_REASON);
    }
    if (!ben.ibanValid) {
      eligible = false;
      reasons.push(IBAN_REASON);
    }
  }
  const kind: LineKind = adj.kind;
  return {
    runId: ctx.runId,
    runMonth: ctx.runMonth,
    month: correctedMonth,
    kind,
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    institution: c.institution,
    cohort: cohortOf(c),
    eligible,
    amountLei: eligible ? adj.amountLei : 0,
    reasons,
    beneficiary: ben.name,
    iban: ben.iban,
    ibanValid: ben.ibanValid,
    payment: { status: eligible ? 'pending' : 'not_payable' },
    correctionIds: ctx.correctionIds,
  };
}

export type OverrideOutcome =
  | { ok: true; line: RunLine }
  | { ok: false; code: 'OVERRIDE_NOT_NEEDED' | 'OVERRIDE_NOT_APPLICABLE' | 'NO_OVERRIDE' | 'NOT_A_MONTHLY_LINE'; message: string; reasons?: Reason[] };

/**
 * A coordinator's include / exclude / clear on a monthly line, decided again by the same rule. An include can only set
 * aside participation reasons: never the ledger (already paid), the project period, consent, an open case, the cohort
 * or a missing IBAN.
 */
export function applyOverride(
  line: RunLine,
  form: { decision: 'include' | 'exclude' | 'clear'; reason: string },
  who: { userId: string; name: string; at: string },
  config: SubsidyConfig = subsidyConfig,
): OverrideOutcome {
  if (line.kind !== 'monthly' || !line.decisionInput) return { ok: false, code: 'NOT_A_MONTHLY_LINE', message: 'Ajustările din lunile anterioare nu pot fi incluse sau excluse manual.' };
  const { override: _old, ...base } = line.decisionInput;
  let override: ManualOverride | undefined;
  if (form.decision === 'clear') {
    if (!line.override) return { ok: false, code: 'NO_OVERRIDE', message: 'Linia nu are o decizie manuală de anulat.' };
  } else {
    override = { decision: form.decision === 'include' ? 'grant' : 'suspend', reason: form.reason, by: who.userId, at: who.at };
    const current = decideLine(base, line.ibanValid, config);
    if (form.decision === 'include' && current.eligible) return { ok: false, code: 'OVERRIDE_NOT_NEEDED', message: 'Copilul este deja eligibil conform regulii; nu este nevoie de includere.' };
    if (form.decision === 'exclude' && !current.eligible) return { ok: false, code: 'OVERRIDE_NOT_NEEDED', message: 'Copilul nu este eligibil conform regulii; nu are ce exclude.' };
  }
  const input: SubsidyDecisionInput = override ? { ...base, override } : base;
  const d = decideLine(input, line.ibanValid, config);
  if (form.decision === 'include' && !d.eligible) {
    const blocking = d.reasons.filter((r) => r.code !== 'OVERRIDE_NOT_APPLICABLE');
    return {
      ok: false,
      code: 'OVERRIDE_NOT_APPLICABLE',
      message: `Copilul nu poate fi inclus: ${blocking.map((r) => r.message).join('; ')}. Includerea manuală poate trece peste participare, nu peste aceste condiții.`,
      reasons: blocking,
    };
  }
  const { override: _prev, ...rest } = line;
  return {
    ok: true,
    line: {
      ...rest,
      ...(override ? { override: { ...override, byName: who.name } } : {}),
      eligible: d.eligible,
      amountLei: d.amountLei,
      reasons: d.reasons,
      decisionInput: input,
      payment: { status: d.eligible ? 'pending' : 'not_payable' },
      version: line.version + 1,
    },
  };
}
