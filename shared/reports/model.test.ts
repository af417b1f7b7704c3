import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../cases/index.js';
import { childKeys, countChildren } from './children.js';
import { checkIdentityDocument } from './identity-documents.js';
import { entryDay, planEnrolments, toReportCase } from './model.js';
import { enrolmentFromItem, identityDocumentFromItem, paidFromItem } from './store.js';
import { enrol, rcase } from './test-fixtures.js';

const record = (over: Partial<CaseRecord> = {}): CaseRecord => ({
  caseId: 'case-1', caseNumber: 'VT-2026-00001', track: 'prevention', stage: 'services', status: 'open', institution: 'DAS', sharedWith: [],
  caseManagerId: 'u1',
  child: { firstName: 'Ana', lastName: 'Fictiv', birthDate: '2015-01-01', residenceCity: 'Timișoara', ethnicity: 'roma', disability: true, inSpecialProtection: false },
  legalRepresentative: { firstName: 'Maria', lastName: 'Fictiv', relation: 'mother' },
  referral: { source: 'school', receivedAt: '2026-01-05T08:00:00Z', reason: 'Risc de abandon școlar (test).', riskFactors: ['school_dropout', 'missing_documents'] },
  evaluation: { familySituation: 'x', riskFactors: ['poverty'], riskLevel: 'medium', needs: ['a'], childView: 'b', consent: { given: true, givenByRelation: 'parent', date: '2026-01-08', purposes: ['services'] }, decision: 'proceed', completedAt: '2026-01-07T22:30:00Z', completedBy: 'u1' },
  plan: { planId: 'p1', type: 'PS', version: 1, objectives: [], services: [{ serviceId: 'cz-kuncz', responsible: 'x' }, { serviceId: 'int-a', responsible: 'y' }], cohort: '12m', reviewDate: '2026-04-01', status: 'approved', approvedAt: '2026-01-20T09:00:00Z' },
  cohort: '12m',
  reviews: [{ at: '2026-03-31T21:30:00Z', by: 'u1', decision: 'continue', summary: 's', kind: 'review' }],
  services: ['cz-kuncz', 'int-a'], identityKeys: ['cnp#x', 'nbd#fictiv ana#2015-01-01'], workflow: { seq: 1 },
  openedAt: '2026-01-05T08:00:00Z', createdAt: '2026-01-05T08:00:00Z', updatedAt: '2026-03-31T21:30:00Z', version: 9, editVersion: 5,
  ...over,
});

describe('report facts from a case record', () => {
  it('keeps what figures need, with calendar days in Bucharest', () => {
    const rc = toReportCase(record(), '2026-01-20');
    expect(rc).toMatchObject({
      caseId: 'case-1', ethnicity: 'roma', disability: true, cohort: '12m', openedOn: '2026-01-05', enteredOn: '2026-01-20',
      // 22:30 UTC on 7 January is 8 January in Timișoara
      evaluationOn: '2026-01-08', reviewDays: ['2026-04-01'], closedOn: null, closureReason: null,
      childName: 'Ana Fictiv', legalRepresentativeKey: 'fictiv maria',
    });
    expect(rc.riskFactors.sort()).toEqual(['missing_documents', 'poverty', 'school_dropout']);
  });

  it('dates entry into the target group by the first plan approval or the first enrolment, whichever is earlier', () => {
    const c = record();
    expect(entryDay(c, [])).toBe('2026-01-20');
    expect(entryDay(c, [enrol('case-1', 'cz-kuncz', '2026-01-18')])).toBe('2026-01-18');
    expect(entryDay(c, [enrol('case-1', 'cz-kuncz', '2026-01-10', { status: 'waiting' })])).toBe('2026-01-20');
    expect(entryDay(c, [], '2025-12-01T10:00:00Z')).toBe('2025-12-01');
    expect(entryDay(record({ plan: undefined, cohort: undefined }), [])).toBeNull();
  });

  it('derives enrolments from the approved plan when the case has no enrolment items', () => {
    const closed = record({ status: 'closed', closedAt: '2026-06-30T10:00:00Z', closure: { reason: 'objectives_met', closingEvaluation: 'x'.repeat(10), closedOn: '2026-06-30', closedAt: '2026-06-30T10:00:00Z', closedBy: 'u1' } });
    const rc = toReportCase(closed, '2026-01-20');
    expect(rc.closureReason).toBe('objectives_met');
    expect(planEnrolments(closed, rc)).toEqual([
      { caseId: 'case-1', serviceId: 'cz-kuncz', status: 'ended', from: '2026-01-20', to: '2026-06-30', source: 'plan' },
      { caseId: 'case-1', serviceId: 'int-a', status: 'ended', from: '2026-01-20', to: '2026-06-30', source: 'plan' },
    ]);
    expect(planEnrolments(record(), toReportCase(record(), null))).toEqual([]);
  });
});

describe('reading stored items defensively', () => {
  it('reads enrolment items and skips malformed ones', () => {
    expect(enrolmentFromItem('c', { serviceId: 'cz-kuncz', status: 'active', from: '2026-02-01', groupId: 'g1' })).toMatchObject({ serviceId: 'cz-kuncz', from: '2026-02-01', groupId: 'g1', source: 'enrolment' });
    expect(enrolmentFromItem('c', { serviceId: 'int-a', status: 'ended', startDate: '2026-02-01', endDate: '2026-03-01T10:00:00Z' })).toMatchObject({ from: '2026-02-01', to: '2026-03-01' });
    expect(enrolmentFromItem('c', { serviceId: 'int-a', status: 'unknown', from: '2026-02-01' })).toBeNull();
    expect(enrolmentFromItem('c', { status: 'active', from: '2026-02-01' })).toBeNull();
    expect(enrolmentFromItem('c', { serviceId: 'int-a', status: 'active', from: 'ieri' })).toBeNull();
  });

  it('reads ledger items: month from the sort key, amount, payment day', () => {
    expect(paidFromItem('c', { sk: '2026-03', amount: 400, runId: 'r', paidAt: '2026-04-03T04:00:00Z' })).toEqual({ caseId: 'c', month: '2026-03', amountLei: 400, paidOn: '2026-04-03' });
    expect(paidFromItem('c', { month: '2026-04', amountLei: -400 })).toEqual({ caseId: 'c', month: '2026-04', amountLei: -400, paidOn: null });
    expect(paidFromItem('c', { sk: 'RUN#x', amount: 400 })).toBeNull();
    expect(paidFromItem('c', { sk: '2026-03', amount: 'patru sute' })).toBeNull();
  });

  it('reads identity-document items', () => {
    expect(identityDocumentFromItem({ caseId: 'c', person: 'child', document: 'identity_card', obtainedOn: '2026-05-01' })).toEqual({ caseId: 'c', person: 'child', document: 'identity_card', obtainedOn: '2026-05-01' });
    expect(identityDocumentFromItem({ caseId: 'c', person: 'neighbour', obtainedOn: '2026-05-01' })).toBeNull();
  });
});

describe('distinct children', () => {
  it('joins cases that share an identity key, transitively', () => {
    const cs = [
      rcase({ caseId: 'a', identityKeys: ['k1'] }), rcase({ caseId: 'b', identityKeys: ['k2', 'k1'] }),
      rcase({ caseId: 'c', identityKeys: ['k3', 'k2'] }), rcase({ caseId: 'd', identityKeys: ['k4'] }),
    ];
    const keys = childKeys(cs);
    expect(new Set([keys.get('a'), keys.get('b'), keys.get('c')]).size).toBe(1);
    expect(countChildren(['a', 'b', 'c', 'd'], keys)).toBe(2);
  });
});

describe('identity documents record', () => {
  const form = { person: 'child' as const, document: 'identity_card' as const, obtainedOn: '2026-05-01' };
  it('refuses a day in the future or before the case opened', () => {
    const now = new Date('2026-05-10T08:00:00Z');
    expect(checkIdentityDocument({ openedAt: '2026-01-05T08:00:00Z' }, form, now)).toBeNull();
    expect(checkIdentityDocument({ openedAt: '2026-01-05T08:00:00Z' }, { ...form, obtainedOn: '2026-05-11' }, now)?.code).toBe('IDENTITY_DOCUMENT_DATE_FUTURE');
    expect(checkIdentityDocument({ openedAt: '2026-06-01T08:00:00Z' }, form, now)?.code).toBe('IDENTITY_DOCUMENT_BEFORE_CASE');
  });
});
