/**
 * What an import produces: a report per row (accepted / rejected with Romanian reasons / already imported / ignored)
 * and, for the cases that can be imported, a complete draft of each case with every record it brings along.
 */
import type { InstitutionId } from '../platform/auth/principal.js';
import type { CohortId } from '../subsidies/index.js';
import type { CaseRecord, Consent, ExistingCase, Plan } from '../cases/index.js';
import type { SheetId } from './columns.js';
import type { ImportStage } from './columns.js';
import type { FileIssue } from './workbook.js';

export interface Issue {
  code: string;
  message: string;
  /** the Romanian column header the issue is about */
  column?: string | undefined;
}

export type RowStatus = 'accepted' | 'rejected' | 'already_imported' | 'ignored' | 'imported' | 'pending';

export interface RowReport {
  sheet: SheetId;
  sheetName: string;
  row: number;
  childCode: string | null;
  status: RowStatus;
  reasons: Issue[];
  warnings: Issue[];
  caseNumber?: string | undefined;
}

export type CaseStatus = 'accepted' | 'rejected' | 'already_imported' | 'imported' | 'pending';

export interface CaseOutcome {
  childCode: string;
  importKey: string | null;
  institution: InstitutionId | null;
  stage: ImportStage | null;
  status: CaseStatus;
  /** rows of all sheets that belong to the case */
  rows: number;
  caseId?: string | undefined;
  caseNumber?: string | undefined;
  reasons: Issue[];
}

/** Where a record came from; kept on the case (CaseRecord.origin), its history and every item written. */
export interface Origin {
  kind: 'import';
  file: string;
  sheet: string;
  row: number;
  by: string;
  at: string;
}

export interface RowRef {
  sheet: SheetId;
  row: number;
}

export interface ImportedPlan extends RowRef {
  approvedOn: string;
  plan: Omit<Plan, 'planId' | 'approvedAt' | 'approvedBy' | 'observator'> & {
    observator?: { registrationNumber: string; registrationDate: string } | undefined;
  };
}

export interface ImportedEnrolment extends RowRef {
  serviceId: string;
  /** the group from the file, or the one chosen by the capacity check */
  groupId: string;
  /** true when the file named the group */
  groupGiven: boolean;
  from: string;
  to?: string | undefined;
  endReason?: string | undefined;
  status: 'active' | 'ended';
}

export interface ImportedParticipation extends RowRef {
  month: string;
  serviceId: string;
  scheduledDays: number;
  presentDays: number;
  absentDays: number;
  excusedDays: number;
  sessions: number;
  parentSessions: number;
  /** open days of the service in the month while the child was enrolled */
  enrolledDays: number;
}

export interface ImportedPayment extends RowRef {
  month: string;
  amountLei: number;
  reference: string;
  paidOn?: string | undefined;
}

/** A case ready to be written: everything the file says about one child, validated. */
export interface CaseDraft extends RowRef {
  /** `<institution>#<CODE>`: the row key that makes the import idempotent */
  importKey: string;
  childCode: string;
  institution: InstitutionId;
  sharedWith: InstitutionId[];
  track: CaseRecord['track'];
  stage: ImportStage;
  caseManagerId: string;
  child: CaseRecord['child'];
  legalRepresentative: CaseRecord['legalRepresentative'];
  referral: CaseRecord['referral'];
  consent?: Consent | undefined;
  plan?: ImportedPlan | undefined;
  cohort?: CohortId | undefined;
  reintegrationDate?: string | undefined;
  closure?: { reason: NonNullable<CaseRecord['closure']>['reason']; closingEvaluation: string; closedOn: string } | undefined;
  enrolments: ImportedEnrolment[];
  participation: ImportedParticipation[];
  payments: ImportedPayment[];
  identityKeys: string[];
  /** hash of the case's content: the same rows give the same fingerprint */
  fingerprint: string;
}

export interface ImportSummary {
  children: { total: number; accepted: number; rejected: number; alreadyImported: number; imported: number; pending: number };
  rows: { total: number; accepted: number; rejected: number; alreadyImported: number; ignored: number; imported: number; pending: number };
  paidMonths: number;
  paidLei: number;
}

export interface ImportReport {
  fileName: string;
  fileSha256: string;
  dryRun: boolean;
  /** false when a time budget stopped the import before every case was written: send the file again */
  complete: boolean;
  at: string;
  by: string;
  fileErrors: FileIssue[];
  fileWarnings: FileIssue[];
  summary: ImportSummary;
  cases: CaseOutcome[];
  rows: RowReport[];
}

export const statusLabels: Record<RowStatus, string> = {
  accepted: 'acceptat',
  rejected: 'respins',
  already_imported: 'importat anterior',
  ignored: 'ignorat',
  imported: 'importat',
  pending: 'neprocesat (reluați importul)',
};

// ── what the rows are checked against, and what the plan gives ─────────────────────────────────────────────────────

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
