/**
 * What the run reads from the participation registers (shared/services/register-store.ts) and the enrolments, behind one interface so
 * the run's steps can be tested with an in-memory source. Only queries by key or index page; never a Scan.
 */
import type { MonthlyParticipationSummary, PlacePeriod, FreezePosition } from '../services/index.js';
import { enrolmentsOverlapping, freezeMonthPage, readMonthSegment, monthCloseOf, markMonthClosed, serviceOpenDays, incompleteRegistersOf, markCorrectionsApplied, participationFor, pendingCorrections, readMonthSummaries, type GroupIncompleteRegister } from '../services/index.js';
import type { Actor } from '../cases/index.js';
import type { Db } from '../platform/db/db.js';
import type { EnrolmentSpan, OpenDaysOf } from './evaluate.js';
import { SubsidyStore } from './store.js';

/** A summary as the run reads it: with `places` (the periods of the place) when the month close wrote them. */
export type SourceSummary = MonthlyParticipationSummary & { places?: PlacePeriod[] | undefined };

export interface PendingCorrection {
  correctionId: string;
  caseId: string;
  month: string;
}

export interface ParticipationSource {
  /**
   * null while the month is open; once closed (by a coordinator, or an earlier attempt's freeze): whether that close
   * wrote the places on every held child's summary
   */
  monthClose(month: string): Promise<{ places: boolean } | null>;
  /**
   * ONE page of the month close (idempotent): the children of one service who held a place get their summary's
   * enrolled days and places; `next` is null after the last page
   */
  freezePage(month: string, at: string, position: FreezePosition): Promise<{ summaries: number; next: FreezePosition | null }>;
  /** the close marker, after the last page: later register changes become corrections */
  markClosed(month: string, actor: Actor, now: Date): Promise<void>;
  /** one page of the month's summaries, in case order (all of a child's summaries are adjacent) */
  summaryPage(month: string, cursor: string | null, limit: number): Promise<{ items: SourceSummary[]; cursor: string | null }>;
  /** every summary of the children `from`…`to` (case ids, inclusive) in the month: one segment of the run */
  summarySegment(month: string, from: string, to: string): Promise<SourceSummary[]>;
  summariesOf(caseId: string, month: string): Promise<SourceSummary[]>;
  /** distinct children with a summary in the month, in case order */
  childIds(month: string): Promise<string[]>;
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
  const store = new SubsidyStore(db);
  return {
    async monthClose(month) {
      const c = await monthCloseOf(db, month);
      return c ? { places: c.places === true } : null;
    },
    freezePage: (month, at, position) => freezeMonthPage(db, month, at, position),
    async markClosed(month, actor, now) {
      await markMonthClosed(db, month, actor, now);
    },
    async summaryPage(month, cursor, limit) {
      const r = await readMonthSummaries(db, month, cursor ?? undefined, limit);
      return { items: r.items, cursor: r.cursor ?? null };
    },
    summariesOf: (caseId, month) => participationFor(db, caseId, month),
    childIds: (month) => store.childIds(month),
    summarySegment: (month, from, to) => readMonthSegment(db, month, from, to),
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
