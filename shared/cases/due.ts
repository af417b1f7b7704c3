/**
 * Due dates of pathway tasks, from the legal defaults (configuration with cited sources). Pure.
 */
import { addCalendarDays, localDate, startOfLocalDay } from '../platform/calendar.js';
import type { TaskKind } from './config.js';
import type { CaseRecord } from './model.js';
import { dueDate, type DeadlineKind } from './rules/deadlines.js';
import { legalDefaults } from '../project/legal-defaults.js';

export interface Due {
  dueAt: string;
  rule?: { key: string; source: string; confirmed: boolean };
}

/** A date chosen by staff (YYYY-MM-DD) falls due at the end of that day, Bucharest time (≈ 21:59 UTC in winter). */
export function endOfLocalDay(date: string): string {
  return new Date(Date.parse(startOfLocalDay(addCalendarDays(date, 1))) - 60_000).toISOString(); // 23:59 local
}

const ruleOf = (d: { ruleKey: string; source: string; confirmed: boolean }) => ({ key: d.ruleKey, source: d.source, confirmed: d.confirmed });

export function taskDue(kind: TaskKind, c: CaseRecord, now: Date): Due {
  const cfg = legalDefaults();
  const planType = c.plan?.type ?? (c.track === 'reintegration' ? 'PIP' : 'PS');
  const from = (k: DeadlineKind, start: string) => {
    const d = dueDate(k, start, cfg, planType);
    return { dueAt: d.due, rule: ruleOf(d) };
  };
  switch (kind) {
    case 'evaluation':
      return from('initialEvaluation', c.referral.receivedAt);
    case 'plan':
      return from('planDrawUp', now.toISOString());
    case 'plan_approval':
    case 'transfer_acceptance':
      return from('planApproval', now.toISOString());
    case 'review':
    case 'monitoring_review': {
      const legal = from(kind === 'monitoring_review' && c.reintegrationDate && c.reviews.every((r) => r.kind !== 'monitoring_review') ? 'postReintegrationMonitoring' : 'review', now.toISOString());
      // the date the plan (or the last review) set, never later than the legal maximum
      if (c.nextReviewDate) {
        const chosen = endOfLocalDay(c.nextReviewDate);
        return chosen < legal.dueAt ? { dueAt: chosen, rule: legal.rule } : legal;
      }
      return legal;
    }
    case 'reintegration':
      return c.nextReviewDate ? { dueAt: endOfLocalDay(c.nextReviewDate) } : from('review', now.toISOString());
    case 'closure':
      return from('closingEvaluation', now.toISOString());
    case 'observator_registration':
      return from('observatorRegistration', now.toISOString());
  }
}

/** The latest review date staff may choose now for a plan of this type. */
export function maxReviewDate(planType: 'PS' | 'PIP', now: Date): { date: string; source: string } {
  const d = dueDate('review', now.toISOString(), legalDefaults(), planType);
  return { date: localDate(d.due), source: d.source };
}
