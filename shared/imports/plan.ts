/**
 * The import as a pure function: rows of the workbook + what Vatra already holds (ImportContext) → a report per row
 * and the drafts of the cases that can be written. Every row goes through the same zod schemas and rules as the
 * forms (childSchema, legalRepresentativeSchema, the referral, consent and plan forms, the participation summary,
 * CNP, IBAN, target group, consent for services, review date limits, cohort quotas, capacity, project period,
 * amounts). A case is taken whole or not at all: one bad row rejects its case, and the other rows of that case say so.
 * No I/O and no clock: `ctx.now` is the moment of the import.
 */
import { createHash } from 'node:crypto';
import { existingCaseLabel, type ExistingCase } from '../cases/index.js';
import type { z } from 'zod';
import type { InstitutionId } from '../platform/auth/principal.js';
import { trackConfig, type Track } from '../cases/index.js';
import { getService, type Service } from '../services/index.js';
import { subsidyConfig, type CohortId } from '../subsidies/index.js';
import {
  childSchema, consentFormSchema, legalRepresentativeSchema, observatorFormSchema, planFormSchema, referralFormSchema, type Consent,
} from '../cases/index.js';
import { monthlyParticipationSummarySchema } from '../services/index.js';
import { enrolledOpenDays, type Period } from '../services/index.js';
import { registerPolicy } from '../services/index.js';
import { maxReviewDate } from '../cases/index.js';
import { parseCnp } from '../platform/ro/cnp.js';
import { canPaySubsidy, canStartServices } from '../protection/index.js';
import { identityKeys } from '../cases/index.js';
import { amountFor, assignCohort, bucharestDate, caseOpenInMonth, inProjectPeriod, monthLabel } from '../subsidies/index.js';
import { checkTargetGroup } from '../cases/index.js';
import { EXAMPLE_PREFIX, headerOf, sheetSpec, stageValues, trackValues, columnSpec, matchValue, normaliseLabel, type ImportStage, type SheetId } from './columns.js';
import type {
  CaseDraft, CaseOutcome, ImportedEnrolment, ImportedParticipation, ImportedPayment, ImportedPlan, Issue, RowReport, RowStatus,
} from './model.js';
import { readBool, readDate, readEnum, readEnumList, readInt, readList, readMoney, readMonth, readText, type Read } from './values.js';
import type { Cell, FileIssue, ParsedWorkbook, RawRow } from './workbook.js';

// ── context ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface StaffRef {
  userId: string;
  username: string;
  email?: string | undefined;
  institution: string;
}

export interface ExistingImport {
  caseId: string;
  caseNumber: string;
  fingerprint: string;
}

/** What Vatra already holds that the rows are checked against (read by context.ts; plain data in tests). */
export interface ImportContext {
  now: Date;
  /** user id (API) or operator id (command line) */
  by: string;
  /** the coordinator's institution; undefined for the operator of the first bulk load (all institutions) */
  importerInstitution?: InstitutionId | undefined;
  /** case managers by institution (the staff directory) */
  caseManagers: readonly StaffRef[];
  /** import keys already used, with the case they created */
  existingImports: ReadonlyMap<string, ExistingImport>;
  /** identity keys held by open cases (plain keys, as `identityKeys` makes them) */
  identityHits: ReadonlyMap<string, ExistingCase>;
  /** children already in each cohort */
  cohortCounts: Partial<Record<CohortId, number>>;
  /** places taken per `<serviceId>#<groupId>` */
  placesTaken: ReadonlyMap<string, number>;
  /** groups with somebody on the waiting list (a new child cannot jump the queue) */
  groupsWithWaitingList?: ReadonlySet<string> | undefined;
}

export interface ImportPlan {
  cases: CaseDraft[];
  outcomes: CaseOutcome[];
  rows: RowReport[];
  fileErrors: FileIssue[];
  fileWarnings: FileIssue[];
}

export const MAX_TRANSACTION_ITEMS = registerPolicy.maxTransactionItems.value;

export const normaliseCode = (code: string) => code.trim().toUpperCase();
export const importKeyOf = (institution: string, code: string) => `${institution}#${normaliseCode(code)}`;
const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$/;

/** Stage of the case → the workflow that takes it over after the import (none for a closed case). */
export const workflowForStage: Record<ImportStage, { workflow: string; extra: Record<string, unknown> } | null> = {
  evaluation: { workflow: 'case-intake', extra: {} },
  services: { workflow: 'review-cycle', extra: { reviewKind: 'review' } },
  monitoring: { workflow: 'review-cycle', extra: { reviewKind: 'monitoring_review' } },
  closed: null,
};

/** History entries an imported case starts with: one per kind of record it brings, and the start of its workflow. */
export function historyKinds(d: Pick<CaseDraft, 'plan' | 'enrolments' | 'participation' | 'payments' | 'stage'>): string[] {
  return [
    'import.case',
    ...(d.plan ? ['import.plan'] : []),
    ...(d.enrolments.length ? ['import.enrolments'] : []),
    ...(d.participation.length ? ['import.participation'] : []),
    ...(d.payments.length ? ['import.payments'] : []),
    ...(workflowForStage[d.stage] ? ['workflow.start'] : []),
  ];
}

/** Does the import open an Observatorul registration task (approved plan not yet registered, case not closed)? */
export const needsObservatorTask = (d: Pick<CaseDraft, 'plan' | 'stage'>) => !!d.plan && !d.plan.plan.observator && d.stage !== 'closed';

/** Items of the one transaction that writes the case (shared/imports/commit.ts builds exactly these). */
export function transactItemCount(d: CaseDraft): number {
  const activeEnrolments = d.enrolments.filter((e) => e.status === 'active').length;
  return 1 // case
    + historyKinds(d).length
    + (d.stage === 'closed' ? 0 : d.identityKeys.length)
    + 1 // import key
    + d.enrolments.length + activeEnrolments // enrolments + capacity counters
    + d.participation.length
    + d.payments.length + (d.payments.length ? 1 : 0) // ledger lines + the child's paid-month counter
    + (needsObservatorTask(d) ? 1 : 0);
}

// ── rows ─────────────────────────────────────────────────────────────────────────────────────────────────────────

class Row {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(readonly raw: RawRow) {}

  get sheet(): SheetId {
    return this.raw.sheet;
  }

  cell(key: string): Cell {
    return this.raw.cells[key] ?? null;
  }

  err(code: string, message: string, key?: string) {
    this.issues.push({ code, message, ...(key ? { column: headerOf(this.sheet, key) } : {}) });
  }

  warn(code: string, message: string, key?: string) {
    this.warnings.push({ code, message, ...(key ? { column: headerOf(this.sheet, key) } : {}) });
  }

  read<T>(key: string, r: Read<T>): T | undefined {
    if (!r.ok) {
      this.err('CELL_INVALID', r.message, key);
      return undefined;
    }
    return r.value;
  }

  /** A required cell: reports it when empty. */
  need<T>(key: string, v: T | undefined): T | undefined {
    if (v === undefined && this.cell(key) === null) this.err('REQUIRED', `Completați coloana „${headerOf(this.sheet, key)}”`, key);
    return v;
  }

  text(key: string, required = false): string | undefined {
    const v = readText(this.cell(key));
    return required ? this.need(key, v) : v;
  }

  date(key: string, required = false): string | undefined {
    const v = this.cell(key) === null ? undefined : this.read(key, readDate(this.cell(key)));
    return required ? this.need(key, v) : v;
  }

  month(key: string): string | undefined {
    return this.need(key, this.cell(key) === null ? undefined : this.read(key, readMonth(this.cell(key))));
  }

  int(key: string): number | undefined {
    return this.read(key, readInt(this.cell(key)));
  }

  enumOf(key: string, required = false): string | undefined {
    const spec = columnSpec(this.sheet, key)!;
    const v = this.read(key, readEnum(this.cell(key), spec.values ?? []));
    return required ? this.need(key, v ?? undefined) : (v ?? undefined);
  }

  enumList(key: string): string[] {
    const spec = columnSpec(this.sheet, key)!;
    return this.read(key, readEnumList(this.cell(key), spec.values ?? [])) ?? [];
  }

  bool(key: string): boolean | undefined {
    const spec = columnSpec(this.sheet, key)!;
    return this.read(key, readBool(this.cell(key), spec.values ?? []));
  }

  /** zod issues of a form schema, each mapped to the column it came from (one message per column: the first). */
  zod(error: z.ZodError, columnOf: (path: readonly PropertyKey[]) => string | undefined) {
    for (const i of error.issues) {
      const key = columnOf(i.path);
      if (key && this.issues.some((x) => x.column === headerOf(this.sheet, key))) continue;
      this.err('INVALID', i.message, key);
    }
  }
}

/** The code that links a row to its child; example rows are recognised here. */
function codeOf(row: Row): { code: string | null; example: boolean } {
  const code = readText(row.cell('code'));
  if (code === undefined) {
    row.err('REQUIRED', `Completați coloana „${headerOf(row.sheet, 'code')}”`, 'code');
    return { code: null, example: false };
  }
  if (normaliseCode(code).startsWith(EXAMPLE_PREFIX)) return { code: normaliseCode(code), example: true };
  if (!CODE_RE.test(code)) {
    row.err('CODE_INVALID', 'Codul copilului poate conține litere, cifre, „-”, „/”, „.” și „_” (cel mult 40 de caractere)', 'code');
    return { code: null, example: false };
  }
  return { code: normaliseCode(code), example: false };
}

const childColumn: Record<string, string> = {
  firstName: 'firstName', lastName: 'lastName', birthDate: 'birthDate', sex: 'sex', cnp: 'cnp', residenceCity: 'residenceCity',
  address: 'address', school: 'school', ethnicity: 'ethnicity', disability: 'disability', inSpecialProtection: 'inSpecialProtection',
};
const repColumn: Record<string, string> = { firstName: 'repFirstName', lastName: 'repLastName', relation: 'repRelation', phone: 'repPhone', iban: 'iban' };
const referralColumn: Record<string, string> = { source: 'source', receivedAt: 'referralDate', reason: 'reason', riskFactors: 'riskFactors' };
const targetGroupColumn: Record<string, string> = {
  BIRTH_AFTER_REFERRAL: 'birthDate', AGE_LIMIT: 'birthDate', RESIDENCE: 'residenceCity', NOT_IN_SPECIAL_PROTECTION: 'inSpecialProtection',
  NO_RISK_FACTOR: 'riskFactors', UNKNOWN_RISK_FACTOR: 'riskFactors', DATE_INVALID: 'birthDate',
};

/** A referral date becomes the moment the referral was registered (09:00 UTC, within the working day in Timișoara). */
export const referralInstant = (date: string) => `${date}T09:00:00.000Z`;
/** A closure / approval date as an instant (noon UTC keeps the Bucharest calendar day). */
export const dayInstant = (date: string) => `${date}T12:00:00.000Z`;

interface ChildParsed {
  code: string;
  track: Track;
  stage: ImportStage;
  institution: InstitutionId;
  sharedWith: InstitutionId[];
  caseManagerId: string;
  child: CaseDraft['child'];
  legalRepresentative: CaseDraft['legalRepresentative'];
  referral: CaseDraft['referral'];
  referralDate: string;
  consent?: Consent | undefined;
  reintegrationDate?: string | undefined;
  closure?: CaseDraft['closure'];
  identityKeys: string[];
}

const DEFAULT_CLOSING_EVALUATION = 'Caz închis înainte de preluarea în Vatra; evaluarea finală se află în dosarul existent.';

function parseChild(row: Row, code: string, ctx: ImportContext, today: string): ChildParsed | undefined {
  const track = row.enumOf('track', true) as Track | undefined;
  const stage = row.enumOf('stage', true) as ImportStage | undefined;
  const birthDate = row.date('birthDate', true);
  const referralDate = row.date('referralDate', true);
  const consentDate = row.date('consentDate');
  const reintegrationDate = row.date('reintegrationDate');
  const closedOn = row.date('closedOn');

  const childInput = {
    firstName: row.text('firstName', true),
    lastName: row.text('lastName', true),
    birthDate,
    sex: row.enumOf('sex'),
    cnp: row.text('cnp'),
    residenceCity: row.text('residenceCity', true),
    address: row.text('address'),
    school: row.text('school'),
    ethnicity: row.enumOf('ethnicity'),
    disability: row.bool('disability'),
    inSpecialProtection: row.bool('inSpecialProtection'),
  };
  const child = childSchema.safeParse(childInput);
  if (!child.success) row.zod(child.error, (p) => childColumn[String(p[0])]);

  const rep = legalRepresentativeSchema.safeParse({
    firstName: row.text('repFirstName', true),
    lastName: row.text('repLastName', true),
    relation: row.enumOf('repRelation', true),
    phone: row.text('repPhone'),
    iban: row.text('iban'),
  });
  if (!rep.success) row.zod(rep.error, (p) => repColumn[String(p[0])]);

  const riskFactors = row.enumList('riskFactors');
  if (riskFactors.length === 0 && row.cell('riskFactors') === null) row.need('riskFactors', undefined);
  const referral = referralFormSchema.shape.referral.safeParse({
    source: row.enumOf('source', true),
    receivedAt: referralDate ? referralInstant(referralDate) : undefined,
    reason: row.text('reason', true),
    riskFactors,
  });
  if (!referral.success) row.zod(referral.error, (p) => referralColumn[String(p[0])]);

  if (referralDate && referralDate > today) row.err('DATE_IN_FUTURE', 'Data sesizării nu poate fi în viitor', 'referralDate');

  // CNP agrees with the birth date and sex (a typo in either is caught here, before it reaches a payment)
  if (child.success && child.data.cnp) {
    const parsed = parseCnp(child.data.cnp);
    if (parsed.ok && parsed.birthDate !== child.data.birthDate) row.err('CNP_BIRTH_DATE_MISMATCH', `Data nașterii nu corespunde cu CNP-ul (CNP-ul indică ${parsed.birthDate})`, 'birthDate');
    if (parsed.ok && parsed.sex && child.data.sex && parsed.sex !== child.data.sex) row.err('CNP_SEX_MISMATCH', 'Sexul nu corespunde cu CNP-ul', 'sex');
  }

  if (track && child.success && referral.success && referralDate) {
    const tg = checkTargetGroup({
      birthDate: child.data.birthDate, referralDate, track, residenceCity: child.data.residenceCity,
      inSpecialProtection: child.data.inSpecialProtection, riskFactors: referral.data.riskFactors,
    });
    for (const r of tg.reasons) row.err(`NOT_IN_TARGET_GROUP_${r.code}`, `Nu face parte din grupul țintă: ${r.message}`, targetGroupColumn[r.code]);
  }

  let institution: InstitutionId | undefined;
  let sharedWith: InstitutionId[] = [];
  if (track) {
    institution = trackConfig[track].owner;
    const importer = ctx.importerInstitution;
    if (importer && importer !== institution && importer !== 'GAL') {
      row.err('INSTITUTION_NOT_ALLOWED', `Cazurile de pe traseul „${trackConfig[track].label}” se importă de ${institution}`, 'track');
    }
    if (row.bool('sharedWithGal') || importer === 'GAL') sharedWith = ['GAL'];
  }

  // the case manager: a case manager of the owning institution in Vatra's staff directory
  const login = row.text('caseManager', true);
  let caseManagerId: string | undefined;
  if (login && institution) {
    const n = login.trim().toLowerCase();
    const found = ctx.caseManagers.find((s) => s.institution === institution && (s.username.toLowerCase() === n || s.email?.toLowerCase() === n || s.userId === login));
    if (found) caseManagerId = found.userId;
    else row.err('CASE_MANAGER_UNKNOWN', `„${login}” nu este manager de caz la ${institution} în Vatra (trebuie să se fi autentificat cel puțin o dată)`, 'caseManager');
  }

  let consent: Consent | undefined;
  const purposes = row.enumList('consentPurposes');
  if (consentDate) {
    const form = consentFormSchema.safeParse({ given: true, givenByRelation: row.enumOf('consentBy') ?? 'parent', date: consentDate, purposes });
    if (!form.success) row.zod(form.error, (p) => (p[0] === 'purposes' ? 'consentPurposes' : p[0] === 'givenByRelation' ? 'consentBy' : 'consentDate'));
    else consent = { given: true, givenByRelation: form.data.givenByRelation, date: form.data.date, purposes: form.data.purposes };
    if (consentDate > today) row.err('DATE_IN_FUTURE', 'Data acordului nu poate fi în viitor', 'consentDate');
  } else if (purposes.length) {
    row.err('REQUIRED', 'Completați data acordului', 'consentDate');
  }

  const now = ctx.now;
  let closure: CaseDraft['closure'];
  if (stage === 'services' || stage === 'monitoring') {
    if (!canStartServices(consent, now)) {
      row.err('CONSENT_REQUIRED', 'Serviciile nu pot continua fără acordul valabil al părintelui / reprezentantului legal (managementul cazului, servicii, prelucrarea datelor)', 'consentPurposes');
    }
  }
  if (stage === 'monitoring') {
    if (track && !trackConfig[track].transitions.monitoring) row.err('STAGE_NOT_ON_TRACK', `Etapa „monitorizare” există doar pe traseul de reintegrare`, 'stage');
    if (!reintegrationDate) row.need('reintegrationDate', undefined);
  }
  if (reintegrationDate) {
    if (reintegrationDate > today) row.err('DATE_IN_FUTURE', 'Data reintegrării nu poate fi în viitor', 'reintegrationDate');
    if (referralDate && reintegrationDate < referralDate) row.err('DATE_ORDER', 'Data reintegrării este înaintea sesizării', 'reintegrationDate');
    if (stage !== 'monitoring' && stage !== 'closed') row.warn('IGNORED_VALUE', 'Data reintegrării se folosește doar la etapele monitorizare și închis', 'reintegrationDate');
  }
  if (stage === 'closed') {
    const reason = row.enumOf('closureReason');
    if (!closedOn) row.need('closedOn', undefined);
    if (!reason && row.cell('closureReason') === null) row.need('closureReason', undefined);
    const evaluation = row.text('closingEvaluation') ?? DEFAULT_CLOSING_EVALUATION;
    if (evaluation.length < 10) row.err('INVALID', 'Evaluarea finală: minimum 10 caractere', 'closingEvaluation');
    if (closedOn && closedOn > today) row.err('DATE_IN_FUTURE', 'Data închiderii nu poate fi în viitor', 'closedOn');
    if (closedOn && referralDate && closedOn < referralDate) row.err('DATE_ORDER', 'Data închiderii este înaintea sesizării', 'closedOn');
    if (closedOn && reason) closure = { reason: reason as NonNullable<CaseDraft['closure']>['reason'], closingEvaluation: evaluation, closedOn };
  } else if (closedOn || row.cell('closureReason') !== null) {
    row.err('STAGE_MISMATCH', 'Data și motivul închiderii se completează doar la etapa „închis”', closedOn ? 'closedOn' : 'closureReason');
  }

  if (row.issues.length || !track || !stage || !institution || !caseManagerId || !child.success || !rep.success || !referral.success || !referralDate) return undefined;
  return {
    code, track, stage, institution, sharedWith, caseManagerId,
    child: child.data,
    legalRepresentative: rep.data,
    referral: referral.data,
    referralDate,
    consent,
    reintegrationDate: stage === 'monitoring' || stage === 'closed' ? reintegrationDate : undefined,
    closure,
    identityKeys: identityKeys({ cnp: child.data.cnp, firstName: child.data.firstName, lastName: child.data.lastName, birthDate: child.data.birthDate }),
  };
}

interface PlanParsed {
  approvedOn: string;
  cohort: CohortId;
  reviewDate: string;
  objectives: string[];
  services: string[];
  responsible: string;
  frequency?: string | undefined;
  observator?: { registrationNumber: string; registrationDate: string } | undefined;
  notes?: string | undefined;
}

function parsePlan(row: Row): PlanParsed | undefined {
  const approvedOn = row.date('approvedOn', true);
  const cohort = row.enumOf('cohort', true) as CohortId | undefined;
  const reviewDate = row.date('reviewDate', true);
  const objectives = readList(row.cell('objectives'));
  if (objectives.length === 0) row.need('objectives', undefined);
  const services = row.enumList('services');
  if (services.length === 0 && row.cell('services') === null) row.need('services', undefined);
  const responsible = row.text('responsible', true);
  const frequency = row.text('frequency');
  const notes = row.text('notes');
  const form = planFormSchema.safeParse({
    objectives: objectives.map((text, i) => ({ id: `O${i + 1}`, text })),
    services: services.map((serviceId) => ({ serviceId, responsible, ...(frequency ? { frequency } : {}) })),
    cohort,
    reviewDate,
    notes,
  });
  if (!form.success) {
    row.zod(form.error, (p) => ({ objectives: 'objectives', services: p[2] === 'responsible' ? 'responsible' : p[2] === 'frequency' ? 'frequency' : 'services', cohort: 'cohort', reviewDate: 'reviewDate', notes: 'notes' })[String(p[0])]);
  }
  const number = row.text('observatorNumber');
  const date = row.date('observatorDate');
  let observator: PlanParsed['observator'];
  if (number || date) {
    const o = observatorFormSchema.safeParse({ registrationNumber: number, registrationDate: date });
    if (!o.success) row.zod(o.error, (p) => (p[0] === 'registrationNumber' ? 'observatorNumber' : 'observatorDate'));
    else observator = o.data;
  }
  if (row.issues.length || !approvedOn || !cohort || !reviewDate || !responsible || !form.success) return undefined;
  return { approvedOn, cohort, reviewDate, objectives, services, responsible, frequency, observator, notes };
}

interface EnrolmentParsed {
  serviceId: string;
  service: Service;
  groupId?: string | undefined;
  from: string;
  to?: string | undefined;
  endReason?: string | undefined;
}

function parseEnrolment(row: Row, today: string): EnrolmentParsed | undefined {
  const serviceId = row.enumOf('service', true);
  const from = row.date('from', true);
  const to = row.date('to');
  const endReason = row.enumOf('endReason');
  const service = serviceId ? getService(serviceId) : undefined;
  let groupId: string | undefined;
  const groupText = row.text('group');
  if (service && groupText) {
    const n = normaliseLabel(groupText);
    groupId = service.groups.find((g) => normaliseLabel(g.id) === n || normaliseLabel(g.name) === n)?.id;
    if (!groupId) row.err('GROUP_UNKNOWN', `Grupa „${groupText}” nu există la ${service.shortName} (${service.groups.map((g) => g.id).join(', ')})`, 'group');
  }
  const earliest = registerPolicy.earliestDate.value;
  if (from && from < earliest) row.err('BEFORE_PROJECT', `Înscrierea în proiect începe cel mai devreme la ${earliest}`, 'from');
  if (from && from > today) row.err('DATE_IN_FUTURE', 'Data înscrierii nu poate fi în viitor', 'from');
  if (to && from && to < from) row.err('DATE_ORDER', 'Data încheierii este înaintea datei înscrierii', 'to');
  if (to && to > today) row.err('DATE_IN_FUTURE', 'Data încheierii nu poate fi în viitor', 'to');
  if (!to && endReason) row.warn('IGNORED_VALUE', 'Motivul încheierii se folosește doar împreună cu data încheierii', 'endReason');
  if (row.issues.length || !serviceId || !service || !from) return undefined;
  return { serviceId, service, groupId, from, to, endReason: to ? endReason : undefined };
}

interface ParticipationParsed {
  month: string;
  serviceId: string;
  counters: Omit<ImportedParticipation, 'sheet' | 'row' | 'month' | 'serviceId' | 'enrolledDays'>;
}

function parseParticipation(row: Row, currentMonth: string): ParticipationParsed | undefined {
  const month = row.month('month');
  const serviceId = row.enumOf('service', true);
  const presentDays = row.int('presentDays');
  const absentDays = row.int('absentDays');
  const excusedDays = row.int('excusedDays');
  const sessions = row.int('sessions');
  const parentSessions = row.int('parentSessions');
  const given = row.cell('scheduledDays') === null ? undefined : row.int('scheduledDays');
  if ([presentDays, absentDays, excusedDays, sessions, parentSessions].some((v) => v === undefined) || !month || !serviceId) return undefined;
  const scheduledDays = given ?? presentDays! + absentDays! + excusedDays!;
  const summary = monthlyParticipationSummarySchema.safeParse({
    caseId: 'import', month, serviceId, scheduledDays, presentDays, absentDays, excusedDays, sessions, parentSessions, corrections: 0,
  });
  if (!summary.success) {
    for (const i of summary.error.issues) row.err('PARTICIPATION_INVALID', i.message, i.path.length ? String(i.path[0]) : 'scheduledDays');
  }
  if (!inProjectPeriod(month)) row.err('OUTSIDE_PROJECT_PERIOD', `Luna ${monthLabel(month)} este în afara perioadei proiectului (${subsidyConfig.projectPeriod.from} … ${subsidyConfig.projectPeriod.to})`, 'month');
  else if (month > currentMonth) row.err('MONTH_IN_FUTURE', `Luna ${monthLabel(month)} nu a început încă`, 'month');
  if (row.issues.length) return undefined;
  return { month, serviceId, counters: { scheduledDays, presentDays: presentDays!, absentDays: absentDays!, excusedDays: excusedDays!, sessions: sessions!, parentSessions: parentSessions! } };
}

interface PaymentParsed {
  month: string;
  amountLei: number;
  reference: string;
  paidOn?: string | undefined;
}

const REFERENCE_RE = /^[A-Za-z0-9][A-Za-z0-9 /._-]{2,59}$/;

function parsePayment(row: Row, currentMonth: string, today: string): PaymentParsed | undefined {
  const month = row.month('month');
  const amountLei = row.need('amount', row.cell('amount') === null ? undefined : row.read('amount', readMoney(row.cell('amount'))));
  const reference = row.text('reference', true);
  const paidOn = row.date('paidOn');
  if (reference && !REFERENCE_RE.test(reference)) row.err('REFERENCE_INVALID', 'Referința plății: 3–60 de caractere (litere, cifre, spațiu, „-”, „/”, „.”, „_”)', 'reference');
  if (month) {
    if (!inProjectPeriod(month)) row.err('OUTSIDE_PROJECT_PERIOD', `Luna ${monthLabel(month)} este în afara perioadei proiectului (${subsidyConfig.projectPeriod.from} … ${subsidyConfig.projectPeriod.to})`, 'month');
    else if (month >= currentMonth) row.err('MONTH_NOT_ENDED', `Luna ${monthLabel(month)} nu s-a încheiat: nu poate fi plătită încă`, 'month');
    else if (amountLei !== undefined && amountLei !== amountFor(month)) {
      row.err('AMOUNT_MISMATCH', `Suma pentru ${monthLabel(month)} este ${amountFor(month)} lei (configurația subvenției), nu ${amountLei} lei`, 'amount');
    }
  }
  if (paidOn && paidOn > today) row.err('DATE_IN_FUTURE', 'Data plății nu poate fi în viitor', 'paidOn');
  if (paidOn && month && paidOn < `${month}-01`) row.err('DATE_ORDER', 'Data plății este înaintea lunii plătite', 'paidOn');
  if (row.issues.length || !month || amountLei === undefined || !reference) return undefined;
  return { month, amountLei, reference, paidOn };
}

// ── lookups ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The keys the context must be read for: import keys and identity keys of the file's children (best effort). */
export function lookupsFor(wb: ParsedWorkbook): { importKeys: string[]; identityKeys: string[] } {
  const importKeys = new Set<string>();
  const keys = new Set<string>();
  for (const r of wb.rows.children) {
    const code = readText(r.cells.code ?? null);
    const trackText = readText(r.cells.track ?? null);
    const track = trackText ? (matchValue(trackValues, trackText) as Track | undefined) : undefined;
    if (code && track && CODE_RE.test(code)) importKeys.add(importKeyOf(trackConfig[track].owner, code));
    const first = readText(r.cells.firstName ?? null);
    const last = readText(r.cells.lastName ?? null);
    const birth = r.cells.birthDate ? readDate(r.cells.birthDate) : undefined;
    if (first && last && birth?.ok) {
      for (const k of identityKeys({ cnp: readText(r.cells.cnp ?? null), firstName: first, lastName: last, birthDate: birth.value })) keys.add(k);
    }
  }
  return { importKeys: [...importKeys], identityKeys: [...keys] };
}

// ── the plan ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Canonical JSON (sorted keys): equal content gives an equal string whatever the order of properties. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Hash of what the file says about a case: independent of row numbers, row order and the groups Vatra chose. */
export function fingerprintOf(d: Omit<CaseDraft, 'fingerprint'>): string {
  const content = {
    importKey: d.importKey, track: d.track, stage: d.stage, institution: d.institution, sharedWith: d.sharedWith, caseManagerId: d.caseManagerId,
    child: d.child, legalRepresentative: d.legalRepresentative, referral: d.referral, consent: d.consent,
    plan: d.plan ? { approvedOn: d.plan.approvedOn, plan: d.plan.plan } : null,
    reintegrationDate: d.reintegrationDate, closure: d.closure,
    enrolments: d.enrolments.map((e) => ({ serviceId: e.serviceId, groupId: e.groupGiven ? e.groupId : null, from: e.from, to: e.to, endReason: e.endReason })).sort((a, b) => canonical(a).localeCompare(canonical(b))),
    participation: d.participation.map(({ sheet: _s, row: _r, ...p }) => p).sort((a, b) => `${a.month}${a.serviceId}`.localeCompare(`${b.month}${b.serviceId}`)),
    payments: d.payments.map(({ sheet: _s, row: _r, ...p }) => p).sort((a, b) => a.month.localeCompare(b.month)),
  };
  return createHash('sha256').update(canonical(content)).digest('hex');
}

interface ChildEntry {
  row: Row;
  code: string;
  parsed?: ChildParsed | undefined;
  plans: { row: Row; parsed?: PlanParsed | undefined }[];
  enrolments: { row: Row; parsed?: EnrolmentParsed | undefined }[];
  participation: { row: Row; parsed?: ParticipationParsed | undefined }[];
  payments: { row: Row; parsed?: PaymentParsed | undefined }[];
}

const refOf = (row: Row) => `${sheetSpec(row.sheet).name}, rândul ${row.raw.row}`;
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
function linkRows(e: ChildEntry, c: ChildParsed, ctx: ImportContext, today: string): Omit<CaseDraft, 'fingerprint'> {
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

function allRows(e: ChildEntry): Row[] {
  return [e.row, ...e.plans.map((x) => x.row), ...e.enrolments.map((x) => x.row), ...e.participation.map((x) => x.row), ...e.payments.map((x) => x.row)];
}

/** Capacity: a place in the group the file names, or the first group with room. Returns false when full. */
function takePlaces(d: CaseDraft, e: ChildEntry, taken: Map<string, number>, waiting: ReadonlySet<string>): { ok: boolean; next: Map<string, number> } {
  const next = new Map(taken);
  let ok = true;
  for (const en of d.enrolments) {
    if (en.status !== 'active') continue;
    const service = getService(en.serviceId)!;
    const row = e.enrolments.find((x) => x.row.raw.row === en.row)!.row;
    const free = (g: { id: string; capacity: number }) => (next.get(`${service.id}#${g.id}`) ?? 0) < g.capacity && !waiting.has(`${service.id}#${g.id}`);
    const group = en.groupGiven ? service.groups.find((g) => g.id === en.groupId)! : service.groups.find(free);
    if (!group || !free(group)) {
      ok = false;
      const where = en.groupGiven ? `grupa ${en.groupId} de la ${service.shortName}` : service.shortName;
      row.err('SERVICE_AT_CAPACITY', `Nu mai sunt locuri la ${where} (capacitate ${group?.capacity ?? service.capacity}${waiting.size ? ', sau există o listă de așteptare' : ''})`, en.groupGiven ? 'group' : 'service');
      continue;
    }
    en.groupId = group.id;
    next.set(`${service.id}#${group.id}`, (next.get(`${service.id}#${group.id}`) ?? 0) + 1);
  }
  return { ok, next };
}

export function planImport(wb: ParsedWorkbook, ctx: ImportContext): ImportPlan {
  const today = bucharestDate(ctx.now.toISOString());
  const currentMonth = today.slice(0, 7);
  const rows: Row[] = [];
  const ignored = new Set<Row>();
  const byCode = new Map<string, ChildEntry>();
  const orphans: Row[] = [];

  if (wb.errors.length) return { cases: [], outcomes: [], rows: [], fileErrors: wb.errors, fileWarnings: wb.warnings };

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

  // payment references are unique in the whole file
  const references = new Map<string, Row>();
  for (const e of byCode.values()) {
    for (const p of e.payments) {
      if (!p.parsed) continue;
      const key = p.parsed.reference.toUpperCase();
      const before = references.get(key);
      if (before) p.row.err('DUPLICATE_REFERENCE', `Referința plății apare deja la ${refOf(before)}`, 'reference');
      else references.set(key, p.row);
    }
  }

  // the same child twice in the file (CNP or name + birth date)
  const identityOwner = new Map<string, ChildEntry>();
  for (const e of byCode.values()) {
    if (!e.parsed) continue;
    const other = e.parsed.identityKeys.map((k) => identityOwner.get(k)).find(Boolean);
    if (other) e.row.err('DUPLICATE_IN_FILE', `Același copil apare și la ${refOf(other.row)} (CNP sau nume și dată de naștere)`, 'cnp');
    else for (const k of e.parsed.identityKeys) identityOwner.set(k, e);
  }

  const outcomes: CaseOutcome[] = [];
  const cases: CaseDraft[] = [];
  const cohortCounts: Partial<Record<CohortId, number>> = { ...ctx.cohortCounts };
  let taken = new Map(ctx.placesTaken);
  const waiting = ctx.groupsWithWaitingList ?? new Set<string>();
  const status = new Map<Row, RowStatus>();
  const caseNumberOf = new Map<Row, string>();

  for (const e of byCode.values()) {
    const members = allRows(e);
    const outcome: CaseOutcome = {
      childCode: e.code, importKey: e.parsed ? importKeyOf(e.parsed.institution, e.code) : null,
      institution: e.parsed?.institution ?? null, stage: e.parsed?.stage ?? null, status: 'rejected', rows: members.length, reasons: [],
    };
    outcomes.push(outcome);
    let draft: CaseDraft | undefined;
    if (e.parsed && e.row.issues.length === 0) {
      const base = linkRows(e, e.parsed, ctx, today);
      draft = { ...base, fingerprint: fingerprintOf(base) };
    }
    const bad = members.filter((r) => r.issues.length > 0);
    if (!draft || bad.length > 0) {
      reject(e, members, bad, outcome, status);
      continue;
    }
    // already imported: the same content changes nothing; different content is refused
    const existing = ctx.existingImports.get(draft.importKey);
    if (existing) {
      outcome.caseId = existing.caseId;
      outcome.caseNumber = existing.caseNumber;
      if (existing.fingerprint === draft.fingerprint) {
        outcome.status = 'already_imported';
        for (const r of members) { status.set(r, 'already_imported'); caseNumberOf.set(r, existing.caseNumber); }
      } else {
        e.row.err('ALREADY_IMPORTED_CHANGED', `Copilul a fost importat deja (${existing.caseNumber}) cu alte date; modificările se fac în Vatra, nu printr-un nou import`, 'code');
        reject(e, members, [e.row], outcome, status);
      }
      continue;
    }
    if (draft.stage !== 'closed') {
      const hit = draft.identityKeys.map((k) => ctx.identityHits.get(k)).find(Boolean);
      if (hit) e.row.err('DUPLICATE_CHILD', `Copilul are deja un caz deschis ${existingCaseLabel(hit, ctx.importerInstitution ?? hit.institution /* the command-line operator loads every institution */)}. Un copil poate avea un singur caz deschis`, 'cnp');
    }
    if (draft.plan) {
      const a = assignCohort(cohortCounts, draft.plan.plan.cohort);
      if (!a.ok) e.plans[0]!.row.err(a.code, a.message, 'cohort');
    }
    const places = e.row.issues.length === 0 && e.plans.every((p) => p.row.issues.length === 0) ? takePlaces(draft, e, taken, waiting) : { ok: false, next: taken };
    const size = transactItemCount(draft);
    if (size > MAX_TRANSACTION_ITEMS) {
      e.row.err('CASE_TOO_LARGE', `Cazul are prea multe înregistrări pentru o singură scriere (${size} > ${MAX_TRANSACTION_ITEMS}): importați participarea lunară doar pentru lunile fără plată`, 'code');
    }
    const late = members.filter((r) => r.issues.length > 0);
    if (late.length > 0 || !places.ok) {
      reject(e, members, late, outcome, status);
      continue;
    }
    taken = places.next;
    if (draft.plan) cohortCounts[draft.plan.plan.cohort] = (cohortCounts[draft.plan.plan.cohort] ?? 0) + 1;
    outcome.status = 'accepted';
    for (const r of members) status.set(r, 'accepted');
    cases.push(draft);
  }
  for (const r of orphans) status.set(r, 'rejected');

  const reports: RowReport[] = rows
    .map((r) => ({
      sheet: r.sheet,
      sheetName: sheetSpec(r.sheet).name,
      row: r.raw.row,
      childCode: readText(r.cell('code')) ?? null,
      status: ignored.has(r) ? ('ignored' as const) : (status.get(r) ?? 'rejected'),
      reasons: ignored.has(r) ? [{ code: 'EXAMPLE_ROW', message: 'Rând de exemplu din șablon: ignorat' }] : r.issues,
      warnings: r.warnings,
      ...(caseNumberOf.get(r) ? { caseNumber: caseNumberOf.get(r) } : {}),
    }))
    .sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row);
  return { cases, outcomes, rows: reports, fileErrors: wb.errors, fileWarnings: wb.warnings };
}

const sheetOrder = (s: SheetId) => ['children', 'plans', 'enrolments', 'participation', 'payments'].indexOf(s);

/** Reject a whole case: rows with their own issues keep them; the others point at the rows that sank the case. */
function reject(e: ChildEntry, members: Row[], bad: Row[], outcome: CaseOutcome, status: Map<Row, RowStatus>) {
  const where = bad.map(refOf).join('; ');
  outcome.status = 'rejected';
  outcome.reasons = bad.flatMap((r) => r.issues.map((i) => ({ ...i, message: `${refOf(r)}: ${i.message}` })));
  for (const r of members) {
    status.set(r, 'rejected');
    if (r.issues.length === 0) r.err('CASE_REJECTED', `Cazul copilului ${e.code} nu se importă din cauza erorilor de la: ${where || 'foaia copiilor'}`);
  }
}
