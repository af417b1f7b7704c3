import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyTaskForm } from './apply.js';
import { taskDue, endOfLocalDay } from './due.js';
import type { CaseRecord, TaskForms } from './model.js';
import { Refusal } from '../platform/errors.js';

const now = new Date('2026-05-10T08:00:00Z');
const actor = { userId: 'u1', displayName: 'Ana Demo', roles: ['case_manager'], institution: 'DAS' };
const consent: TaskForms['evaluation']['consent'] = { given: true, givenByRelation: 'parent', date: '2026-05-01', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] };

function aCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId: 'C1', caseNumber: 'VT-2026-00001', track: 'prevention', stage: 'evaluation', status: 'open', institution: 'DAS', sharedWith: [], caseManagerId: 'u1',
    child: { firstName: 'Ana', lastName: 'Test', birthDate: '2015-01-01', residenceCity: 'Timișoara', ethnicity: 'not_declared', disability: false, inSpecialProtection: false },
    legalRepresentative: { firstName: 'M', lastName: 'T', relation: 'mother' },
    referral: { source: 'school', receivedAt: '2026-05-09T10:00:00Z', reason: 'motiv de test suficient', riskFactors: ['school_dropout'] },
    reviews: [], services: [], identityKeys: [], workflow: { seq: 1 }, openedAt: '', createdAt: '', updatedAt: '', version: 3, editVersion: 2,
    ...over,
  } as CaseRecord;
}
const plan: TaskForms['plan'] = { objectives: [{ id: 'O1', text: 'Obiectiv de test' }], services: [{ serviceId: 'cz-kuncz', responsible: 'Ana Demo' }], cohort: '18m', reviewDate: '2026-07-01' };

function code(fn: () => unknown): string | undefined {
  try { fn(); } catch (e) { return e instanceof Refusal ? e.code : String(e); }
  return undefined;
}

describe('applying task forms to a case', () => {
  it('keeps consent from the evaluation and passes the decision to the workflow', () => {
    const r = applyTaskForm(aCase(), 'evaluation', { familySituation: 'x'.repeat(12), riskFactors: ['school_dropout'], riskLevel: 'high', needs: ['a'], childView: 'ok', consent, decision: 'proceed' }, actor, now);
    expect(r.after.consent?.purposes).toContain('services');
    expect(r.output).toEqual({ decision: 'proceed', closeReason: null });
  });

  it('refuses services outside the catalogue or outside the track', () => {
    expect(code(() => applyTaskForm(aCase(), 'plan', { ...plan, services: [{ serviceId: 'nope', responsible: 'x' }] }, actor, now))).toBe('UNKNOWN_SERVICE');
    expect(code(() => applyTaskForm(aCase(), 'plan', { ...plan, services: [{ serviceId: 'int-b', responsible: 'x' }] }, actor, now))).toBe('SERVICE_NOT_FOR_TRACK');
  });

  it('refuses a review date later than the legal maximum or in the past', () => {
    expect(code(() => applyTaskForm(aCase(), 'plan', { ...plan, reviewDate: '2026-12-01' }, actor, now))).toBe('REVIEW_TOO_LATE');
    expect(code(() => applyTaskForm(aCase(), 'plan', { ...plan, reviewDate: '2026-05-01' }, actor, now))).toBe('REVIEW_DATE_PAST');
  });

  it('does not approve a plan without valid consent for services', () => {
    const withPlan = applyTaskForm(aCase(), 'plan', plan, actor, now).after;
    expect(code(() => applyTaskForm(withPlan, 'plan_approval', { decision: 'approved' }, actor, now))).toBe('CONSENT_REQUIRED');
    const ok = applyTaskForm({ ...withPlan, consent }, 'plan_approval', { decision: 'approved' }, actor, now, { cohortCounts: {} });
    expect(ok.after.plan?.status).toBe('approved');
    expect(ok.after.cohort).toBe('18m');
    // the case's services follow its enrolments (made right after the approval), not the plan's wish list
    expect(ok.after.services).toEqual(withPlan.services);
    expect(ok.openObservatorTask).toBe(true);
  });

  it('gives a child a cohort place only while the cohort quota has room, and names the cohort that still has places', () => {
    const withPlan = { ...applyTaskForm(aCase(), 'plan', plan, actor, now).after, consent };
    const approve = (counts: Record<string, number>) => () => applyTaskForm(withPlan, 'plan_approval', { decision: 'approved' }, actor, now, { cohortCounts: counts });
    expect(approve({ '18m': 186, '12m': 79 })().after.cohort).toBe('18m');
    expect(code(approve({ '18m': 187, '12m': 10 }))).toBe('COHORT_QUOTA_FULL');
    expect(() => approve({ '18m': 187, '12m': 10 })()).toThrow(/12 luni/);
    // a re-approved plan that keeps the child's cohort takes no new place
    const again = applyTaskForm({ ...withPlan, cohort: '18m' }, 'plan_approval', { decision: 'approved' }, actor, now);
    expect(again.after.plan?.status).toBe('approved');
    // a rejection needs no place at all
    expect(applyTaskForm(withPlan, 'plan_approval', { decision: 'rejected', comment: 'Completați obiectivele.' }, actor, now).after.plan?.status).toBe('rejected');
  });

  it('shares the case with the receiving institution during a transfer and hands it over on acceptance', () => {
    const t = applyTaskForm(aCase({ stage: 'services' }), 'review', { progress: [], summary: 'rezumat suficient', decision: 'transfer', transferTo: 'DGASPC', transferReason: 'motiv transfer' }, actor, now).after;
    expect(t.sharedWith).toContain('DGASPC');
    const accepted = applyTaskForm(t, 'transfer_acceptance', { decision: 'accepted', caseManagerId: 'u9', track: 'reintegration' }, actor, now).after;
    expect(accepted.institution).toBe('DGASPC');
    expect(accepted.sharedWith).toEqual([]);
    expect(accepted.caseManagerId).toBe('u9');
  });
});

describe('task due dates', () => {
  it('gives the initial evaluation 72 hours from the referral', () => {
    expect(taskDue('evaluation', aCase(), now).dueAt).toBe('2026-05-12T10:00:00.000Z');
  });

  it('never falls before the moment that starts it', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2025-03-01'), max: new Date('2028-02-28'), noInvalidDate: true }), fc.constantFrom('evaluation', 'plan', 'plan_approval', 'closure', 'observator_registration', 'review'), (d, kind) => {
      const c = aCase({ referral: { ...aCase().referral, receivedAt: d.toISOString() } });
      expect(Date.parse(taskDue(kind as 'plan', c, d).dueAt)).toBeGreaterThan(d.getTime());
    }));
  });

  it('ends a chosen review date at the end of that day in Bucharest, in summer and winter', () => {
    expect(endOfLocalDay('2026-07-01')).toBe('2026-07-01T20:59:00.000Z');
    expect(endOfLocalDay('2026-12-01')).toBe('2026-12-01T21:59:00.000Z');
  });
});
