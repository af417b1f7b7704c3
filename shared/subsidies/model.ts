/**
 * The monthly subsidy run (rularea lunară): its record, its decision lines and the exactly-once payment ledger (what
 * staff submit about a run is validated by input.ts). Amounts are whole lei (the configured amount is an integer); recoveries are negative.
 */
import type { CohortId } from './config.js';
import type { Reason } from '../services/index.js';
import type { ManualOverride, SubsidyDecisionInput } from './decision.js';

export const runStatuses = ['evaluating', 'awaiting_approval', 'approved', 'completed', 'rejected', 'failed'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runStatusLabels: Record<RunStatus, string> = {
  evaluating: 'În evaluare',
  awaiting_approval: 'Așteaptă aprobarea',
  approved: 'Aprobată — se înregistrează plățile',
  completed: 'Finalizată — fișierul de plată este disponibil',
  rejected: 'Respinsă',
  failed: 'Eșuată',
};

/** Where the workflow is, for the progress bar. */
export const runStages = ['claimed', 'freezing', 'evaluating', 'summarizing', 'awaiting_approval', 'marking_paid', 'notifying', 'completed', 'rejected', 'failed'] as const;
export type RunStage = (typeof runStages)[number];

export const runStageLabels: Record<RunStage, string> = {
  claimed: 'Pornită',
  freezing: 'Închiderea lunii și preluarea corecțiilor',
  evaluating: 'Evaluarea eligibilității',
  summarizing: 'Totalizare',
  awaiting_approval: 'Așteaptă aprobarea coordonatorului',
  marking_paid: 'Înregistrarea plăților',
  notifying: 'Notificarea compartimentului financiar',
  completed: 'Finalizată',
  rejected: 'Respinsă',
  failed: 'Eșuată',
};

/** A run may be started again for its month only after one of these. */
export const restartableStatuses: readonly RunStatus[] = ['rejected', 'failed'];

export type LineKind = 'monthly' | 'arrears' | 'recovery';
export const lineKindLabels: Record<LineKind, string> = { monthly: 'Subvenție lunară', arrears: 'Plată retroactivă', recovery: 'Recuperare' };

export type PaymentStatus = 'pending' | 'paid' | 'dropped' | 'not_payable';

export interface RunLine {
  runId: string;
  /** the run's month */
  runMonth: string;
  /** the month this line settles (the run's month, or a corrected earlier month) */
  month: string;
  kind: LineKind;
  caseId: string;
  caseNumber: string;
  institution: string;
  cohort: CohortId | null;
  /** payable: monthly lines that passed the rule, adjustments with a usable IBAN (recoveries always) */
  eligible: boolean;
  /** whole lei; negative for a recovery; 0 when not eligible */
  amountLei: number;
  reasons: Reason[];
  /** what the rule was given (monthly lines): lets an override be decided again without reading the case */
  decisionInput?: SubsidyDecisionInput;
  override?: ManualOverride & { byName: string };
  /** legal representative, as of the run (payment file only; never the child's name) */
  beneficiary: string | null;
  /** electronic format, or null when missing */
  iban: string | null;
  ibanValid: boolean;
  payment: { status: PaymentStatus; at?: string; reason?: Reason; otherRunId?: string };
  /** pending corrections this adjustment settles */
  correctionIds?: string[];
  version: number;
}

/** A line of the exactly-once ledger `PAID#<caseId>` / `<YYYY-MM>` (or `<YYYY-MM>#RECOVERY`). */
export interface LedgerEntry {
  caseId: string;
  month: string;
  /** signed whole lei; the reports sum amounts per child-month */
  amount: number;
  kind: LineKind;
  runId: string;
  paidAt: string;
}

export const RECOVERY_SUFFIX = '#RECOVERY';
/** sort key of the child's counter of paid months in the ledger partition (not a month: the reports skip it) */
export const LEDGER_COUNT_SK = 'COUNT';

export interface RunProgress {
  /** children evaluated / children with a participation summary in the month */
  evaluated: number;
  total: number;
  /** corrected earlier months evaluated / taken over */
  corrections: number;
  correctionsEvaluated: number;
  /** payable lines written to the ledger so far */
  marked: number;
}

export interface RunRecord {
  runId: string;
  month: string;
  attempt: number;
  status: RunStatus;
  stage: RunStage;
  trigger: 'schedule' | 'api';
  requestedBy: { userId: string; name: string };
  /** EventBridge Scheduler execution id of the delivery that started it (schedule runs) */
  deliveryId?: string;
  /** the Step Functions execution that drives the run */
  executionName: string | null;
  createdAt: string;
  updatedAt: string;
  progress: RunProgress;
  summary: RunSummary | null;
  approval?: { decision: 'approved' | 'rejected'; by: string; byName: string; at: string; reason?: string; sentToWorkflow?: boolean };
  payment?: { paidCount: number; paidAmountLei: number; recoveredAmountLei: number; droppedCount: number; completedAt?: string };
  failure?: { stage: RunStage; error: string; at: string };
  /** registers of the month with unmarked expected days when the run froze it, per centre and group (issue #17) */
  incompleteRegisters?: import('../services/index.js').GroupIncompleteRegister[];
  /** DynamoDB requests made by the run's steps, by step */
  metrics?: Record<string, number>;
  /** bumped by every change a person makes (overrides, decision): approval is given for the version seen */
  version: number;
}

/** The filters of a run's lines page (the API's query and the web's tabs). */
export const lineFilters = ['all', 'eligible', 'ineligible', 'adjustments', 'overridden'] as const;

/** Line key: a child's monthly line, or an adjustment of an earlier month. */
export const lineSk = (caseId: string, kind: LineKind, month: string) => (kind === 'monthly' ? `LINE#${caseId}#M` : `LINE#${caseId}#A#${month}`);

export function runIdOf(month: string, attempt: number): string {
  return `${month}-${attempt}`;
}

/** Execution name for a run started from the API (a repeated start returns the same execution). */
export const executionNameOf = (runId: string) => `subsidy-run-${runId}`;

/** The steps whose DynamoDB requests a run counts (its metrics). */
export const metricSteps = ['claim', 'freeze', 'evaluate', 'summarize', 'approval', 'markPaid', 'complete'] as const;
export type MetricStep = (typeof metricSteps)[number];

/** A new run record, claimed and not yet evaluated (the API's start and the scheduled claim). */
export function newRun(input: { month: string; attempt: number; trigger: RunRecord['trigger']; requestedBy: RunRecord['requestedBy']; executionName: string; deliveryId?: string | undefined; now: Date }): RunRecord {
  const at = input.now.toISOString();
  return {
    runId: runIdOf(input.month, input.attempt),
    month: input.month,
    attempt: input.attempt,
    status: 'evaluating',
    stage: 'claimed',
    trigger: input.trigger,
    requestedBy: input.requestedBy,
    ...(input.deliveryId ? { deliveryId: input.deliveryId } : {}),
    executionName: input.executionName,
    createdAt: at,
    updatedAt: at,
    progress: { evaluated: 0, total: 0, corrections: 0, correctionsEvaluated: 0, marked: 0 },
    summary: null,
    metrics: Object.fromEntries(metricSteps.map((s) => [s, 0])),
    version: 0,
  };
}

// ── Totals of a run (computed in aggregate.ts; the stored summary keeps them exact with atomic ADDs) ──────────────

export interface Totals {
  /** monthly lines = children evaluated for the run's month */
  lines: number;
  eligible: number;
  ineligible: number;
  /** eligible monthly amount, lei */
  monthlyLei: number;
  arrearsCount: number;
  arrearsLei: number;
  recoveryCount: number;
  /** negative */
  recoveryLei: number;
  /** adjustments that cannot be paid now (e.g. no usable IBAN): their corrections stay pending */
  adjustmentsBlocked: number;
  /** ineligible lines (monthly and adjustments) per reason code */
  byReason: Record<string, number>;
  /** eligible monthly lines and their amount per institution */
  byInstitution: Record<string, { eligible: number; lei: number }>;
  /** eligible monthly lines per cohort ('none' without a cohort) */
  byCohort: Record<string, number>;
  overridesInclude: number;
  overridesExclude: number;
}

export interface BudgetView {
  budgetLei: number;
  budgetConfirmed: boolean;
  minimumTotalLei: number;
  /** paid by completed runs */
  spentLei: number;
  /** approved runs not yet completed, plus this run when it is awaiting approval */
  committedLei: number;
  remainingLei: number;
  remainingToMinimumLei: number;
  usedPercent: number;
  level: number;
  warning: { code: string; message: string } | null;
}

export interface RunSummary {
  totals: Totals;
  netLei: number;
  budget: BudgetView;
  computedAt: string;
}
