/**
 * The cases area's public door: what other areas use. An area imports another only through its index.ts
 * (checked by dependency-cruiser, .dependency-cruiser.cjs); inside the area, modules import each other directly.
 */
export { actorOf, authorizeCase } from './access.js';
export type { RequestInfo } from './access.js';
export { cohortCounts } from './cohorts.js';
export { closureReasonLabels, closureReasons, referralSourceLabels, referralSources, stageLabels, taskKindLabels, taskKinds, trackConfig, tracks } from './config.js';
export type { Stage, TaskKind, Track, TrackConfig } from './config.js';
export { deps } from './deps.js';
export type { PathwayDeps } from './deps.js';
export { maxReviewDate } from './due.js';
export { existingCaseLabel, existingOf } from './duplicates.js';
export type { ExistingCase } from './duplicates.js';
export { childSchema, consentForm, consentPurposes, isoDate, legalRepresentativeSchema, observatorForm, planForm, referralFormSchema } from './model.js';
export type { CaseRecord, Consent, Plan } from './model.js';
export { deliverOutbox, enqueue, outboxItem, pendingOutbox, recipientsOfTask, sesMailer } from './outbox.js';
export type { Mailer } from './outbox.js';
export { riskFactors } from './risk-factors.js';
export { identityKeys, normaliseName } from './rules/duplicates.js';
export { checkTargetGroup } from './rules/target-group.js';
export { OutboxStore } from './outbox-store.js';
export { UserStore } from './staff-store.js';
export { isUserId } from './staff.js';
export { CaseConflictError, CaseStore, TransactionConflictError, caseKey, identityKey, plainCodec, systemActor } from './store.js';
export type { Actor, CaseCodec, HistoryEntry, TransactItem } from './store.js';
export { TaskStore } from './task-store.js';
export { newTask, resumePending } from './task-record.js';
export { workflowLabels } from './workflow.js';
