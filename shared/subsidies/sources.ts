/**
 * What the run reads from the participation registers (shared/services/register-store.ts) and the enrolments, behind one interface so
 * the run's steps can be tested with an in-memory source. Only queries by key or index page; never a Scan.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MonthlyParticipationSummary } from '../services/index.js';
import { closeMonth, enrolmentsOverlapping, serviceOpenDays, incompleteRegistersOf, markCorrectionsApplied, participationFor, pendingCorrections, readMonthSummaries, type GroupIncompleteRegister } from '../services/index.js';
import type { Actor } from '../cases/index.js';
import type { Db } from '../platform/db/db.js';
import type { EnrolmentSpan, OpenDaysOf } from './evaluate.js';

export interface PendingCorrection {
  correctionId: string;
  caseId: string;
  month: string;
}

export interface ParticipationSource {
  /**
   * close the month's registers (idempotent): every child who held a place gets a summary with its enrolled days, and
   * later changes become corrections
   */
  closeMonth(month: string, actor: Actor, now: Date): Promise<void>;
  /** one page of the month's summaries, in case order (all of a child's summaries are adjacent) */
  summaryPage(month: string, cursor: string | null, limit: number): Promise<{ items: MonthlyParticipationSummary[]; cursor: string | null }>;
  summariesOf(caseId: string, month: string): Promise<MonthlyParticipationSummary[]>;
  /** distinct children with a summary in the month */
  countChildren(month: string): Promise<number>;
  /** the child's enrolments that overlap the month (active or ended) */
  enrolmentsOf(caseId: string, month: string): Promise<EnrolmentSpan[]>;
  pendingCorrections(): Promise<PendingCorrection[]>;
  /** registers with unmarked expected days, per centre and group (their children's months are not evaluated) */
  incompleteRegisters(month: string): Promise<GroupIncompleteRegister[]>;
  markCorrectionsApplied(ids: readonly string[], runId: string, now: Date): Promise<void>;
  /**
   * open days of each service in a month with the services' closures (read once per call) and public holidays
   * removed; absent (an in-memory source): the weekly schedule minus public holidays (`scheduleOpenDays`)
   */
  openDays?(): Promise<OpenDaysOf>;
}

export function registersSource(db: Db): ParticipationSource {
  return {
    async closeMonth(month, actor, now) {
      await closeMonth(db, month, actor, now);
    },
    async summaryPage(month, cursor, limit) {
      const r = await readMonthSummaries(db, month, cursor ?? undefined, limit);
      return { items: r.items, cursor: r.cursor ?? null };
    },
    summariesOf: (caseId, month) => participationFor(db, caseId, month),
    async countChildren(month) {
      const ids = new Set<string>();
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(new QueryCommand({
          TableName: db.mainTable, IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `PART#${month}` },
          ProjectionExpression: 'caseId', ExclusiveStartKey: start,
        }));
        for (const i of res.Items ?? []) ids.add(String(i.caseId));
        start = res.LastEvaluatedKey;
      } while (start);
      return ids.size;
    },
    async enrolmentsOf(caseId, month) {
      return (await enrolmentsOverlapping(db, caseId, month)).map((e) => ({ serviceId: e.serviceId, status: e.to ? 'ended' as const : 'active' as const, from: e.from, ...(e.to ? { to: e.to } : {}) }));
    },
    incompleteRegisters: (month) => incompleteRegistersOf(db, month),
    openDays: () => serviceOpenDays(db),
    async pendingCorrections() {
      return (await pendingCorrections(db)).map((c) => ({ correctionId: c.correctionId, caseId: c.caseId, month: c.month }));
    },
    async markCorrectionsApplied(ids, runId, now) {
      if (ids.length) await markCorrectionsApplied(db, ids, runId, now);
    },
  };
}
