/**
 * What reports compute on: plain facts, read once from the stores and handed to pure functions. A case becomes a
 * `ReportCase` (no narratives, nothing a figure does not need); enrolments, paid months and identity-document
 * records are flat lists keyed by case id.
 */
import type { InstitutionId } from '../platform/auth/principal.js';
import type { Stage, Track } from '../cases/model.js';
import type { CaseRecord } from '../cases/model.js';
import { normaliseName } from '../cases/model.js';
import { dayOf } from './dates.js';

export type Ethnicity = CaseRecord['child']['ethnicity'];

export interface ReportCase {
  caseId: string;
  caseNumber: string;
  institution: InstitutionId;
  track: Track;
  stage: Stage;
  status: 'open' | 'closed';
  /** the keys that identify the child (CNP / name + birth date, possibly hashed): cases sharing one are one child */
  identityKeys: string[];
  /** shown only to coordinators of the case's institution */
  childName: string;
  /** normalised name of the legal representative (persons helped with identity documents are counted once) */
  legalRepresentativeKey: string;
  ethnicity: Ethnicity;
  disability: boolean;
  riskFactors: string[];
  openedOn: string;
  /** the day the child entered the project's target group: first approved plan or first enrolment; null = not (yet) */
  enteredOn: string | null;
  closedOn: string | null;
  closureReason: string | null;
  reintegrationDate: string | null;
  cohort: '18m' | '12m' | null;
  observatorRegisteredOn: string | null;
  evaluationOn: string | null;
  reviewDays: string[];
}

export interface EnrolmentFact {
  caseId: string;
  serviceId: string;
  groupId?: string | undefined;
  status: 'active' | 'waiting' | 'ended';
  from: string;
  to?: string | undefined;
  /** 'enrolment': an enrolment item; 'plan': derived from the approved plan's services (no enrolment items) */
  source: 'enrolment' | 'plan';
}

export interface PaidMonthFact {
  caseId: string;
  month: string;
  amountLei: number;
  /** day the payment was recorded; null when the ledger does not say (then the month's end counts) */
  paidOn: string | null;
}

export const identityDocumentPersons = ['child', 'legal_representative'] as const;
export type IdentityDocumentPerson = (typeof identityDocumentPersons)[number];

export interface IdentityDocumentFact {
  caseId: string;
  person: IdentityDocumentPerson;
  document: string;
  obtainedOn: string;
}

export interface ReportData {
  cases: ReportCase[];
  enrolments: EnrolmentFact[];
  paid: PaidMonthFact[];
  identityDocuments: IdentityDocumentFact[];
}

/**
 * The day a case entered the target group: the earliest of its first plan approval and its first (non-waiting)
 * enrolment. `firstApprovalAt` comes from the case history when the current plan is not the first approved one.
 */
export function entryDay(c: Pick<CaseRecord, 'plan' | 'cohort'>, enrolments: readonly EnrolmentFact[], firstApprovalAt?: string | null): string | null {
  const candidates: string[] = [];
  if (firstApprovalAt) candidates.push(dayOf(firstApprovalAt));
  else if (c.plan?.approvedAt) candidates.push(dayOf(c.plan.approvedAt));
  for (const e of enrolments) if (e.status !== 'waiting' && e.source === 'enrolment') candidates.push(e.from);
  if (candidates.length === 0) return null;
  return candidates.sort()[0]!;
}

export function toReportCase(c: CaseRecord, enteredOn: string | null): ReportCase {
  const riskFactors = new Set([...(c.referral?.riskFactors ?? []), ...(c.evaluation?.riskFactors ?? [])]);
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    institution: c.institution,
    track: c.track,
    stage: c.stage,
    status: c.status,
    identityKeys: c.identityKeys ?? [],
    childName: `${c.child.firstName} ${c.child.lastName}`,
    legalRepresentativeKey: normaliseName(`${c.legalRepresentative.lastName} ${c.legalRepresentative.firstName}`),
    ethnicity: c.child.ethnicity ?? 'not_declared',
    disability: c.child.disability ?? false,
    riskFactors: [...riskFactors],
    openedOn: dayOf(c.openedAt),
    enteredOn,
    closedOn: c.status === 'closed' ? dayOf(c.closedAt ?? c.closure?.closedAt ?? c.updatedAt) : null,
    closureReason: c.status === 'closed' ? (c.closure?.reason ?? null) : null,
    reintegrationDate: c.reintegrationDate ?? null,
    cohort: c.cohort ?? c.plan?.cohort ?? null,
    observatorRegisteredOn: c.plan?.observator?.registrationDate ?? null,
    evaluationOn: c.evaluation?.completedAt ? dayOf(c.evaluation.completedAt) : null,
    reviewDays: (c.reviews ?? []).map((r) => dayOf(r.at)),
  };
}

/**
 * Enrolments of a case without enrolment items (cases from before the enrolment registers, or imported ones): the
 * services of its approved plan, from the day it entered the target group until it closed.
 */
export function planEnrolments(c: CaseRecord, rc: ReportCase): EnrolmentFact[] {
  if (!rc.enteredOn) return [];
  const services = c.services?.length ? c.services : c.plan?.status === 'approved' ? c.plan.services.map((s) => s.serviceId) : [];
  return [...new Set(services)].map((serviceId) => ({
    caseId: c.caseId,
    serviceId,
    status: rc.status === 'open' ? ('active' as const) : ('ended' as const),
    from: rc.enteredOn!,
    ...(rc.closedOn ? { to: rc.closedOn } : {}),
    source: 'plan' as const,
  }));
}
