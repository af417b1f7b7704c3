/**
 * Link: the rows of the other sheets attached to their child by its code, then checked against the child (track,
 * stage, dates, plan, enrolments, participation, paid months). The result is the draft of one case, without its
 * fingerprint; the checks across cases (duplicates, cohorts, capacity) are the plan's (plan.ts).
 */
import { maxReviewDate, trackConfig } from '../cases/index.js';
import { canPaySubsidy } from '../protection/index.js';
import { enrolledOpenDays, getService, type Period } from '../services/index.js';
import { caseOpenInMonth, monthLabel, subsidyConfig } from '../subsidies/index.js';
import { sheetSpec, stageValues, type SheetId } from './columns.js';
import type { CaseDraft, ImportContext, ImportedEnrolment, ImportedParticipation, ImportedPayment, ImportedPlan } from './model.js';
import {
  codeOf,
  dayInstant,
  importKeyOf,
  parseChild,
  parseEnrolment,
  parseParticipation,
  parsePayment,
  parsePlan,
  referralInstant,
  refOf,
  Row,
  type ChildParsed,
  type EnrolmentParsed,
  type ParticipationParsed,
  type PaymentParsed,
  type PlanParsed,
} from './parse.js';
import type { ParsedWorkbook } from './workbook.js';

export interface ChildEntry {
  row: Row;
  code: string;
  parsed?: ChildParsed | undefined;
  plans: { row: Row; parsed?: PlanParsed | undefined }[];
  enrolments: { row: Row; parsed?: EnrolmentParsed | undefined }[];
  participation: { row: Row; parsed?: ParticipationParsed | undefined }[];
  payments: { row: Row; parsed?: PaymentParsed | undefined }[];
}

const overlaps = (a: Period, b: Period) => a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');
const monthPeriod = (month: string): Period => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
};

const reviewLimits = new Map<string, { date: string; source: string }>();
/** The latest review date allowed today (the same for every row of an import: computed once per plan type and day). */
function reviewLimit(planType: 'PS' | 'PIP', now: Date) {
  const key = `${planType}#${now.toISOString().slice(0, 13)}`;
  let v = reviewLimits.get(key);
  if (!v) {
    v = maxReviewDate(planType, now);
    if (reviewLimits.size > 100) reviewLimits.clear();
    reviewLimits.set(key, v);
  }
  return v;
}

/** Link a child's other rows to it and check them against the child (track, stage, dates, plan). */
export function linkRows(e: ChildEntry, c: ChildParsed, ctx: ImportContext, today: string): Omit<CaseDraft, 'fingerprint'> {
  const planType = trackConfig[c.track].planType;
  // plan
  let plan: ImportedPlan | undefined;
  const [first, ...extra] = e.plans;
  for (const p of extra) p.row.err('DUPLICATE_PLAN', `Copilul are deja un plan la ${refOf(first!.row)}; importați doar planul în vigoare`, 'code');
  if (first?.parsed) {
    const p = first.parsed;
    const row = first.row;
    if (c.stage === 'evaluation') row.err('PLAN_NOT_EXPECTED', 'Cazul este în evaluare: nu are încă un plan aprobat (schimbați etapa sau ștergeți rândul)', 'code');
    if (p.approvedOn < c.referralDate) row.err('DATE_ORDER', 'Planul este aprobat înaintea sesizării', 'approvedOn');
    if (p.approvedOn > today) row.err('DATE_IN_FUTURE', 'Data aprobării nu poate fi în viitor', 'approvedOn');
    for (const s of p.services) {
      const svc = getService(s)!;
      if (!svc.tracks.includes(c.track)) row.err('SERVICE_NOT_FOR_TRACK', `Serviciul „${svc.shortName}” nu este disponibil pe traseul „${trackConfig[c.track].label}”`, 'services');
    }
    if (c.stage === 'services' || c.stage === 'monitoring') {
      const max = reviewLimit(planType, ctx.now);
      if (p.reviewDate > max.date) row.err('REVIEW_TOO_LATE', `Revizuirea trebuie făcută cel târziu la ${max.date} (${max.source})`, 'reviewDate');
      else if (p.reviewDate < today) row.warn('REVIEW_OVERDUE', `Revizuirea era programată la ${p.reviewDate}: sarcina se deschide cu termenul depășit`, 'reviewDate');
    }
    if (row.issues.length === 0) {
      plan = {
        sheet: 'plans', row: row.raw.row, approvedOn: p.approvedOn,
        plan: {
          type: planType, version: 1, status: 'approved', cohort: p.cohort, reviewDate: p.reviewDate,
          objectives: p.objectives.map((text, i) => ({ id: `O${i + 1}`, text })),
          services: p.services.map((serviceId) => ({ serviceId, responsible: p.responsible, ...(p.frequency ? { frequency: p.frequency } : {}) })),
          ...(p.notes ? { notes: p.notes } : {}),
          ...(p.observator ? { observator: p.observator } : {}),
        },
      };
    }
  }
  if ((c.stage === 'services' || c.stage === 'monitoring') && e.plans.length === 0) {
    e.row.err('PLAN_REQUIRED', `La etapa „${stageValues.find((s) => s.value === c.stage)!.label}” cazul are un plan aprobat: completați foaia „${sheetSpec('plans').name}”`, 'stage');
  }

  // enrolments
  const enrolments: ImportedEnrolment[] = [];
  const accepted: { row: Row; e: EnrolmentParsed }[] = [];
  for (const { row, parsed } of e.enrolments) {
    if (!parsed) continue;
    if (!parsed.service.tracks.includes(c.track)) row.err('SERVICE_NOT_FOR_TRACK', `Serviciul „${parsed.service.shortName}” nu este disponibil pe traseul „${trackConfig[c.track].label}”`, 'service');
    if (parsed.from < c.referralDate) row.err('DATE_ORDER', 'Înscrierea începe înaintea sesizării', 'from');
    if (!parsed.to) {
      if (c.stage === 'closed') row.err('ENROLMENT_OPEN_ON_CLOSED_CASE', 'Cazul este închis: completați data încheierii înscrierii', 'to');
      else if (c.stage === 'evaluation') row.err('ENROLMENT_BEFORE_PLAN', 'Cazul este în evaluare: copilul se înscrie după aprobarea planului', 'service');
      else if (first?.parsed && !first.parsed.services.includes(parsed.serviceId)) {
        row.err('SERVICE_NOT_IN_PLAN', `Serviciul „${parsed.service.shortName}” nu este în planul aprobat (${refOf(first.row)})`, 'service');
      }
    } else if (c.closure && parsed.to > c.closure.closedOn) {
      row.err('DATE_ORDER', 'Înscrierea se încheie după închiderea cazului', 'to');
    }
    const clash = accepted.find((a) => a.e.serviceId === parsed.serviceId && overlaps(a.e, parsed));
    if (clash) row.err('ENROLMENT_OVERLAP', `Se suprapune cu înscrierea de la ${refOf(clash.row)}`, 'from');
    if (row.issues.length === 0) {
      accepted.push({ row, e: parsed });
      enrolments.push({
        sheet: 'enrolments', row: row.raw.row, serviceId: parsed.serviceId, groupId: parsed.groupId ?? '', groupGiven: parsed.groupId !== undefined,
        from: parsed.from, to: parsed.to, endReason: parsed.endReason, status: parsed.to ? 'ended' : 'active',
      });
    }
  }
  if ((c.stage === 'services' || c.stage === 'monitoring') && !enrolments.some((x) => x.status === 'active') && e.enrolments.every((x) => x.row.issues.length === 0)) {
    e.row.warn('NO_ACTIVE_ENROLMENT', `Copilul nu are nicio înscriere în curs (foaia „${sheetSpec('enrolments').name}”): după import înscrieți-l din Vatra la serviciile planului; până atunci nu poate primi subvenția`);
  }

  // participation
  const participation: ImportedParticipation[] = [];
  const seenParticipation = new Map<string, Row>();
  for (const { row, parsed } of e.participation) {
    if (!parsed) continue;
    const key = `${parsed.month}#${parsed.serviceId}`;
    const before = seenParticipation.get(key);
    if (before) row.err('DUPLICATE_MONTH', `Luna și serviciul apar deja la ${refOf(before)}`, 'month');
    seenParticipation.set(key, row);
    const periods = accepted.filter((a) => a.e.serviceId === parsed.serviceId).map((a) => ({ from: a.e.from, to: a.e.to }));
    const inMonth = periods.filter((p) => overlaps(p, monthPeriod(parsed.month)));
    if (inMonth.length === 0) row.err('NOT_ENROLLED_IN_MONTH', `Copilul nu este înscris la serviciu în ${monthLabel(parsed.month)} (foaia „${sheetSpec('enrolments').name}”)`, 'service');
    if (parsed.month < c.referralDate.slice(0, 7)) row.err('DATE_ORDER', 'Luna este înaintea sesizării', 'month');
    if (row.issues.length === 0) {
      const service = getService(parsed.serviceId)!;
      participation.push({ sheet: 'participation', row: row.raw.row, month: parsed.month, serviceId: parsed.serviceId, ...parsed.counters, enrolledDays: enrolledOpenDays(parsed.month, service.schedule.daysOpen, inMonth) });
    }
  }

  // paid months
  const payments: ImportedPayment[] = [];
  const seenMonths = new Map<string, Row>();
  const caseForSubsidy = { status: c.stage === 'closed' ? ('closed' as const) : ('open' as const), openedAt: referralInstant(c.referralDate), ...(c.closure ? { closedAt: dayInstant(c.closure.closedOn) } : {}) };
  for (const { row, parsed } of e.payments) {
    if (!parsed) continue;
    const before = seenMonths.get(parsed.month);
    if (before) row.err('ALREADY_PAID_IN_FILE', `Luna ${monthLabel(parsed.month)} este deja plătită la ${refOf(before)}: o lună se plătește o singură dată`, 'month');
    seenMonths.set(parsed.month, row);
    if (!first?.parsed) row.err('COHORT_MISSING', `Lunile plătite se numără într-o cohortă: completați planul copilului (foaia „${sheetSpec('plans').name}”)`, 'code');
    if (!caseOpenInMonth(caseForSubsidy, parsed.month)) row.err('CASE_NOT_OPEN', `Cazul nu era deschis în ${monthLabel(parsed.month)}`, 'month');
    const lastDay = new Date(Date.parse(`${monthPeriod(parsed.month).to}T21:00:00Z`));
    if (!canPaySubsidy(c.consent, lastDay)) row.warn('CONSENT_SUBSIDY_MISSING', `Acordul pentru subvenție nu apare în fișier pentru ${monthLabel(parsed.month)}`, 'month');
    if (row.issues.length === 0) payments.push({ sheet: 'payments', row: row.raw.row, ...parsed });
  }
  const cap = subsidyConfig.maxMonthsPerChild;
  if (cap !== null && payments.length > cap) e.row.err('MAX_MONTHS_REACHED', `Copilul are ${payments.length} luni plătite; maximul configurat este ${cap}`, 'code');

  return {
    sheet: 'children', row: e.row.raw.row,
    importKey: importKeyOf(c.institution, c.code), childCode: c.code, institution: c.institution, sharedWith: c.sharedWith,
    track: c.track, stage: c.stage, caseManagerId: c.caseManagerId,
    child: c.child, legalRepresentative: c.legalRepresentative, referral: c.referral, consent: c.consent,
    plan, cohort: plan?.plan.cohort, reintegrationDate: c.reintegrationDate, closure: c.closure,
    enrolments, participation, payments, identityKeys: c.identityKeys,
  };
}

export function allRows(e: ChildEntry): Row[] {
  return [e.row, ...e.plans.map((x) => x.row), ...e.enrolments.map((x) => x.row), ...e.participation.map((x) => x.row), ...e.payments.map((x) => x.row)];
}

/**
 * Every row of the workbook parsed and attached to its child by the child's code: example rows are ignored, rows
 * whose code is not on the children's sheet are orphans (rejected), a code used twice on the children's sheet is
 * refused on its second row.
 */
export function linkWorkbook(
  wb: ParsedWorkbook,
  ctx: ImportContext,
  today: string,
  currentMonth: string,
): { rows: Row[]; ignored: Set<Row>; byCode: Map<string, ChildEntry>; orphans: Row[] } {
  const rows: Row[] = [];
  const ignored = new Set<Row>();
  const byCode = new Map<string, ChildEntry>();
  const orphans: Row[] = [];

  for (const raw of wb.rows.children) {
    const row = new Row(raw);
    rows.push(row);
    const { code, example } = codeOf(row);
    if (example) { ignored.add(row); continue; }
    if (!code) continue;
    const prior = byCode.get(code);
    if (prior) {
      row.err('DUPLICATE_CODE', `Codul „${code}” apare deja la ${refOf(prior.row)}`, 'code');
      continue;
    }
    byCode.set(code, { row, code, parsed: parseChild(row, code, ctx, today), plans: [], enrolments: [], participation: [], payments: [] });
  }

  const attach = <K extends 'plans' | 'enrolments' | 'participation' | 'payments'>(sheet: SheetId, list: K, parse: (row: Row) => ChildEntry[K][number]['parsed']) => {
    for (const raw of wb.rows[sheet]) {
      const row = new Row(raw);
      rows.push(row);
      const { code, example } = codeOf(row);
      if (example) { ignored.add(row); continue; }
      const parsed = parse(row);
      if (!code) continue;
      const entry = byCode.get(code);
      if (!entry) {
        row.err('UNKNOWN_CHILD_CODE', `Codul „${code}” nu există în foaia „${sheetSpec('children').name}”`, 'code');
        orphans.push(row);
        continue;
      }
      (entry[list] as { row: Row; parsed: typeof parsed }[]).push({ row, parsed });
    }
  };
  attach('plans', 'plans', (r) => parsePlan(r));
  attach('enrolments', 'enrolments', (r) => parseEnrolment(r, today));
  attach('participation', 'participation', (r) => parseParticipation(r, currentMonth));
  attach('payments', 'payments', (r) => parsePayment(r, currentMonth, today));
  return { rows, ignored, byCode, orphans };
}
