import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { legalDefaults } from '../../project/legal-defaults.js';
import { deadlineKinds, deadlineRuleKey, dueDate, type DeadlineKind } from './deadlines.js';
import { endOfLocalDay, localDate } from '../../platform/calendar.js';

const instants = fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2029-12-31') }).map((ms) => new Date(ms).toISOString());
const planTypes = fc.constantFrom('PS' as const, 'PIP' as const);

describe('dueDate', () => {
  it('counts hour terms exactly: home visit and initial evaluation 72 h after the report', () => {
    expect(dueDate('homeVisit', '2026-05-09T10:00:00.000Z')).toMatchObject({ due: '2026-05-12T10:00:00.000Z', ruleKey: 'homeVisitAfterReportHours', confirmed: false });
    // across the October change 72 h stay 72 h of real time
    expect(dueDate('initialEvaluation', '2026-10-24T10:00:00.000Z').due).toBe('2026-10-27T10:00:00.000Z');
  });

  it('ends day terms at the end of the last Bucharest day', () => {
    const r = dueDate('planApproval', '2026-11-23T09:00:00Z'); // 5 days
    expect(r).toMatchObject({ due: endOfLocalDay('2026-11-28'), ruleKey: 'planApprovalDays', confirmed: false });
    expect(r.due).toBe('2026-11-28T21:59:59.999Z');
    // late evening UTC is already the next day in Bucharest
    expect(dueDate('observatorRegistration', '2026-11-23T22:30:00Z').due).toBe(endOfLocalDay('2026-11-29'));
  });

  it('adds review months on the Bucharest calendar: 31 January + 1 month = end of February', () => {
    const cfg = legalDefaults({ psReviewMonths: 1 });
    expect(dueDate('review', '2026-01-31T10:00:00Z', cfg, 'PS').due).toBe(endOfLocalDay('2026-02-28'));
    expect(dueDate('review', '2028-01-31T10:00:00Z', cfg, 'PS').due).toBe(endOfLocalDay('2028-02-29'));
    // 3 months by default; 30 November + 3 months = 28 February; 22:30Z on 30 Nov is already 1 December in Bucharest
    expect(dueDate('review', '2026-11-30T10:00:00Z', undefined, 'PIP').due).toBe(endOfLocalDay('2027-02-28'));
    expect(dueDate('review', '2026-11-30T22:30:00Z', undefined, 'PIP').due).toBe(endOfLocalDay('2027-03-01'));
    // across the March change the end of the day is 21:59:59.999Z in winter and 20:59:59.999Z in summer
    expect(dueDate('review', '2026-01-15T12:00:00Z').due).toBe('2026-04-15T20:59:59.999Z');
  });

  it('chooses the review frequency and plan rule by plan type, and reports source and confirmation', () => {
    expect(dueDate('review', '2026-01-01T00:00:00Z', undefined, 'PIP')).toMatchObject({ ruleKey: 'pipReviewMonths', confirmed: true });
    expect(dueDate('review', '2026-01-01T00:00:00Z', undefined, 'PS')).toMatchObject({ ruleKey: 'psReviewMonths', confirmed: false });
    expect(deadlineRuleKey('planDrawUp', 'PIP')).toBe('planDrawUpDays');
    expect(deadlineRuleKey('planDrawUp', 'PS')).toBe('planDrawUpAfterEvaluationDays');
    expect(dueDate('review', '2026-01-01T00:00:00Z', undefined, 'PIP').source).toContain('art. 68');
    const cfg = legalDefaults({ pipReviewMonths: 2, psReviewMonths: 6 });
    expect(localDate(dueDate('review', '2026-01-10T10:00:00Z', cfg, 'PIP').due)).toBe('2026-03-10');
    expect(localDate(dueDate('review', '2026-01-10T10:00:00Z', cfg, 'PS').due)).toBe('2026-07-10');
  });

  it('takes every value from the configuration (override changes the due date)', () => {
    const base = dueDate('postReintegrationMonitoring', '2026-06-01T08:00:00Z');
    const longer = dueDate('postReintegrationMonitoring', '2026-06-01T08:00:00Z', legalDefaults({ postReintegrationMonitoringMonths: 6 }));
    expect(localDate(base.due)).toBe('2026-09-01');
    expect(localDate(longer.due)).toBe('2026-12-01');
    expect(dueDate('homeVisit', '2026-06-01T08:00:00Z', legalDefaults({ homeVisitAfterReportHours: 24 })).due).toBe('2026-06-02T08:00:00.000Z');
  });

  it('accepts a plain date as the start of that Bucharest day and refuses garbage', () => {
    expect(dueDate('homeVisit', '2026-07-01').due).toBe('2026-07-03T21:00:00.000Z');
    expect(() => dueDate('homeVisit', 'mâine')).toThrow(RangeError);
  });
});

describe('properties', () => {
  it('a due date is never before the event that starts it, for every kind and plan type', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...deadlineKinds), planTypes, (from, kind: DeadlineKind, planType) => {
        const r = dueDate(kind, from, undefined, planType);
        expect(Date.parse(r.due)).toBeGreaterThanOrEqual(Date.parse(from));
        expect(r.source.length).toBeGreaterThan(5);
      }),
      { numRuns: 1000 },
    );
  });

  it('…even with any configured value, zero included', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...deadlineKinds), planTypes, fc.integer({ min: 0, max: 400 }), (from, kind: DeadlineKind, planType, value) => {
        const cfg = legalDefaults({ [deadlineRuleKey(kind, planType)]: value });
        expect(Date.parse(dueDate(kind, from, cfg, planType).due)).toBeGreaterThanOrEqual(Date.parse(from));
      }),
    );
  });

  it('the review due date is monotone in the start date', () => {
    fc.assert(
      fc.property(instants, instants, planTypes, fc.integer({ min: 1, max: 12 }), (a, b, planType, months) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const cfg = legalDefaults({ psReviewMonths: months, pipReviewMonths: months });
        expect(Date.parse(dueDate('review', early, cfg, planType).due)).toBeLessThanOrEqual(Date.parse(dueDate('review', late, cfg, planType).due));
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotone also for starts inside the repeated October hour', () => {
    const starts = ['2026-10-25T00:10:00Z', '2026-10-25T00:50:00Z', '2026-10-25T01:05:00Z', '2026-10-25T01:55:00Z', '2026-10-25T02:10:00Z'];
    const dues = starts.map((s) => Date.parse(dueDate('review', s).due));
    expect([...dues].sort((x, y) => x - y)).toEqual(dues);
  });
});
