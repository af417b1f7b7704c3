/**
 * Parse: each row of the workbook read on its own, through the same zod schemas and rules as the forms (childSchema,
 * legalRepresentativeSchema, the referral, consent and plan forms, the participation summary, CNP, IBAN, target
 * group, consent for services). A row collects its issues and warnings with the Romanian header of the column they
 * are about. No I/O and no clock: `ctx.now` is the moment of the import.
 */
import type { z } from 'zod';
import {
  checkTargetGroup, childSchema, consentForm, identityKeys, legalRepresentativeSchema, observatorForm, planForm, referralFormSchema, trackConfig,
  type Consent, type Track,
} from '../cases/index.js';
import type { InstitutionId } from '../platform/auth/principal.js';
import { parseCnp } from '../platform/ro/cnp.js';
import { canStartServices } from '../protection/index.js';
import { getService, monthlyParticipationSummarySchema, registerPolicy, type Service } from '../services/index.js';
import { amountFor, inProjectPeriod, monthLabel, subsidyConfig, type CohortId } from '../subsidies/index.js';
import { EXAMPLE_PREFIX, columnSpec, headerOf, matchValue, normaliseLabel, sheetSpec, trackValues, type ImportStage, type SheetId } from './columns.js';
import type { CaseDraft, ImportContext, ImportedParticipation, Issue } from './model.js';
import { readBool, readDate, readEnum, readEnumList, readInt, readList, readMoney, readMonth, readText, type Read } from './values.js';
import type { Cell, ParsedWorkbook, RawRow } from './workbook.js';

// ── codes ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A child's code as the file gives it, compared without case and surrounding spaces. */
export const normaliseCode = (code: string) => code.trim().toUpperCase();
export const importKeyOf = (institution: string, code: string) => `${institution}#${normaliseCode(code)}`;
const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,39}$/;

// ── rows ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export class Row {
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
export function codeOf(row: Row): { code: string | null; example: boolean } {
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

export interface ChildParsed {
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

export function parseChild(row: Row, code: string, ctx: ImportContext, today: string): ChildParsed | undefined {
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
    const form = consentForm().safeParse({ given: true, givenByRelation: row.enumOf('consentBy') ?? 'parent', date: consentDate, purposes });
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

export interface PlanParsed {
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

export function parsePlan(row: Row): PlanParsed | undefined {
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
  const form = planForm().safeParse({
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
    const o = observatorForm().safeParse({ registrationNumber: number, registrationDate: date });
    if (!o.success) row.zod(o.error, (p) => (p[0] === 'registrationNumber' ? 'observatorNumber' : 'observatorDate'));
    else observator = o.data;
  }
  if (row.issues.length || !approvedOn || !cohort || !reviewDate || !responsible || !form.success) return undefined;
  return { approvedOn, cohort, reviewDate, objectives, services, responsible, frequency, observator, notes };
}

export interface EnrolmentParsed {
  serviceId: string;
  service: Service;
  groupId?: string | undefined;
  from: string;
  to?: string | undefined;
  endReason?: string | undefined;
}

export function parseEnrolment(row: Row, today: string): EnrolmentParsed | undefined {
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

export interface ParticipationParsed {
  month: string;
  serviceId: string;
  counters: Omit<ImportedParticipation, 'sheet' | 'row' | 'month' | 'serviceId' | 'enrolledDays'>;
}

export function parseParticipation(row: Row, currentMonth: string): ParticipationParsed | undefined {
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

export interface PaymentParsed {
  month: string;
  amountLei: number;
  reference: string;
  paidOn?: string | undefined;
}

const REFERENCE_RE = /^[A-Za-z0-9][A-Za-z0-9 /._-]{2,59}$/;

export function parsePayment(row: Row, currentMonth: string, today: string): PaymentParsed | undefined {
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

/** Where a row is, in words: the sheet's name and the row number. */
export const refOf = (row: Row) => `${sheetSpec(row.sheet).name}, rândul ${row.raw.row}`;

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
