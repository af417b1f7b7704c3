/** What the pathway's application code needs, handed in by the handler (AWS or local) or by a test. */
import { clients, type SfnClient } from '../platform/aws.js';
import { settings } from '../platform/env.js';
import { AuditLog } from '../protection/index.js';
import { CaseStore, type CaseCodec } from './store.js';
import type { Db } from '../platform/db/db.js';
import { TaskStore } from './task-store.js';
import { fieldEncryptionCodec } from '../protection/index.js';

export interface PathwayDeps {
  db: Db;
  cases: CaseStore;
  tasks: TaskStore;
  audit: AuditLog;
  sfn: SfnClient;
  stateMachineArn(name: string): string;
  now(): Date;
  webBaseUrl: string;
}

export function makeDeps(overrides: Partial<PathwayDeps> = {}, codec?: CaseCodec): PathwayDeps {
  const c = clients();
  const s = settings();
  const db: Db = overrides.db ?? { doc: c.doc, mainTable: s.mainTable, auditTable: s.auditTable };
  return {
    db,
    // sensitive fields (CNP, ethnicity, health) are sealed in the item: shared/protection/case-codec.ts
    cases: new CaseStore(db, codec ?? fieldEncryptionCodec()),
    tasks: new TaskStore(db),
    audit: new AuditLog(db),
    sfn: c.sfn,
    stateMachineArn: s.stateMachineArn,
    now: () => s.clock.now(), // the injected clock (VATRA_CLOCK / VATRA_CLOCK_OFFSET locally)
    webBaseUrl: s.webBaseUrl,
    ...overrides,
  };
}

let cached: PathwayDeps | undefined;
/** Module-level deps for warm Lambda containers. */
export function deps(): PathwayDeps {
  cached ??= makeDeps();
  return cached;
}
