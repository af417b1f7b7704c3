/** Shapes of the API answers the pages use (types only; nothing here reaches the bundle). */
import type { CaseRecord } from '../../../shared/cases/model.js';
import type { TaskRecord } from '../../../shared/cases/task-store.js';
import type { HistoryEntry } from '../../../shared/cases/store.js';

/** GET /cases/{id} for the case's managers and coordinators (shared/cases/views.ts caseView). */
export type FullCase = Omit<CaseRecord, 'identityKeys' | 'editVersion'> & {
  /** what a form sends back as expectedVersion */
  version: number;
  storageVersion: number;
  stageLabel: string;
  trackLabel: string;
  planLabel: string;
  view: 'full';
} & CaseExtras;

/** What centre and intervention staff see of a case. */
export interface LimitedCase {
  caseId: string;
  caseNumber: string;
  child: { firstName: string };
  services: string[];
  stage: CaseRecord['stage'];
  status: CaseRecord['status'];
  view: 'limited';
}

export type CaseView = FullCase | LimitedCase;

/**
 * Fields other features add to the case answer; the case page shows them when present and never computes them.
 * - participation: participation in services this month (from the attendance / sessions feature)
 * - subsidyMonths: subsidy months paid so far (from the monthly subsidy run)
 */
export interface CaseExtras {
  participation?: {
    month: string;
    active: boolean;
    byService?: { serviceId: string; presentDays?: number; sessions?: number }[];
    reasons?: { code: string; message: string }[];
  };
  subsidyMonths?: {
    paid: number;
    /** the cohort's minimum (18 or 12) */
    target?: number;
    months?: string[];
    amountLei?: number;
  };
}

export type TaskView = Omit<TaskRecord, 'taskToken'>;
/** childName: full name or initials per the viewer's relation to the case (null when not shown); childAge in years */
export type InboxTask = TaskView & { overdue: boolean; childName: string | null; childAge: number | null };
export type { HistoryEntry };

export interface CaseSummary {
  caseId: string;
  caseNumber: string;
  childName: string | null;
  childAge: number | null;
  track: CaseRecord['track'];
  stage: CaseRecord['stage'];
  stageLabel: string;
  status: CaseRecord['status'];
  institution: string;
  caseManagerId: string;
  nextReviewDate: string | null;
  updatedAt: string;
  version: number;
}

export interface StaffMember {
  userId: string;
  displayName: string;
  institution: string;
  roles: string[];
}
