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
import { registersSource, type ParticipationSource } from './sources.js';

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
    source: registersSource(db),
    audit: new AuditLog(db),
    sfn: base.sfn,
    stateMachineArn: base.stateMachineArn,
    now: base.now,
    webBaseUrl: base.webBaseUrl,
    ...overrides,
  };
}

let cached: SubsidyDeps | undefined;
/** Module-level deps for warm Lambda containers. */
export function subsidyDeps(): SubsidyDeps {
  cached ??= makeSubsidyDeps();
  return cached;
}
