/**
 * What the monthly run's code needs. The subsidy functions get their OWN DynamoDB client with the request-counting
 * middleware (shared/subsidies/metrics.ts), so the run can report its DynamoDB requests per child; everything else is
 * the pathway's (audit, Step Functions, clock, links).
 */
import { makeClients, type SfnClient } from '../platform/aws.js';
import { settings } from '../platform/env.js';
import { deps } from '../cases/index.js';
import type { Mailer } from '../cases/index.js';
import { AuditLog } from '../protection/index.js';
import type { Db } from '../platform/db/db.js';
import { SubsidyStore } from './store.js';
import { instrument } from './metrics.js';
import type { ParticipationSource } from './sources.js';

export interface SubsidyDeps {
  db: Db;
  store: SubsidyStore;
  source: ParticipationSource;
  audit: AuditLog;
  sfn: SfnClient;
  stateMachineArn(name: string): string;
  now(): Date;
  webBaseUrl: string;
  /** mail transport; SES when absent */
  mailer?: Mailer;
}

export function makeSubsidyDeps(overrides: Partial<SubsidyDeps> = {}): SubsidyDeps {
  const base = deps();
  let db = overrides.db;
  if (!db) {
    const own = makeClients();
    instrument(own.ddb);
    const s = settings();
    db = { doc: own.doc, mainTable: s.mainTable, auditTable: s.auditTable };
  }
  return {
    db,
    store: new SubsidyStore(db),
    source: lazyRegistersSource(db),
    audit: new AuditLog(db),
    sfn: base.sfn,
    stateMachineArn: base.stateMachineArn,
    now: base.now,
    webBaseUrl: base.webBaseUrl,
    ...overrides,
  };
}

/**
 * The registers source, its code (the services area's register, enrolment and closure stores) loaded by its first
 * call: the API routes never read it, and wf-subsidy's steps load it with themselves (docs/decisions/018-performance.md).
 */
function lazyRegistersSource(db: Db): ParticipationSource {
  let loaded: Promise<ParticipationSource> | undefined;
  // a failed load is not kept: the next call in this warm container tries again
  const source = () => (loaded ??= import('./sources.js').then((m) => m.registersSource(db)).catch((e: unknown) => {
    loaded = undefined;
    throw e;
  }));
  return {
    monthClose: async (month) => (await source()).monthClose(month),
    freezePage: async (month, at, position) => (await source()).freezePage(month, at, position),
    markClosed: async (month, actor, now) => (await source()).markClosed(month, actor, now),
    summaryPage: async (month, cursor, limit) => (await source()).summaryPage(month, cursor, limit),
    summarySegment: async (month, from, to) => (await source()).summarySegment(month, from, to),
    summariesOf: async (caseId, month) => (await source()).summariesOf(caseId, month),
    childIds: async (month) => (await source()).childIds(month),
    enrolmentsOf: async (caseId, month) => (await source()).enrolmentsOf(caseId, month),
    pendingCorrections: async () => (await source()).pendingCorrections(),
    incompleteRegisters: async (month) => (await source()).incompleteRegisters(month),
    markCorrectionsApplied: async (ids, runId, now) => (await source()).markCorrectionsApplied(ids, runId, now),
    openDays: async () => (await source()).openDays!(),
  };
}

let cached: SubsidyDeps | undefined;
/** Module-level deps for warm Lambda containers. */
export function subsidyDeps(): SubsidyDeps {
  cached ??= makeSubsidyDeps();
  return cached;
}
