/** Synthetic report facts for the unit tests (clearly fake; never imported by production code). */
import type { EnrolmentFact, PaidMonthFact, ReportCase } from './model.js';

let serial = 0;

export function rcase(over: Partial<ReportCase> = {}): ReportCase {
  serial += 1;
  const id = over.caseId ?? `case-${String(serial).padStart(5, '0')}`;
  return {
    caseId: id,
    caseNumber: `VT-2026-${String(serial).padStart(5, '0')}`,
    institution: 'DAS',
    track: 'prevention',
    stage: 'services',
    status: 'open',
    identityKeys: [`nbd#copil ${id}#2015-01-01`],
    childName: `Copil Fictiv ${serial}`,
    legalRepresentativeKey: `parinte fictiv ${id}`,
    ethnicity: 'not_declared',
    disability: false,
    riskFactors: ['school_dropout'],
    openedOn: '2026-01-10',
    enteredOn: '2026-01-20',
    closedOn: null,
    closureReason: null,
    reintegrationDate: null,
    cohort: '18m',
    observatorRegisteredOn: null,
    evaluationOn: '2026-01-15',
    reviewDays: [],
    ...over,
  };
}

export const enrol = (caseId: string, serviceId: string, from: string, over: Partial<EnrolmentFact> = {}): EnrolmentFact => ({
  caseId, serviceId, status: 'active', from, source: 'enrolment', ...over,
});

export const paid = (caseId: string, month: string, over: Partial<PaidMonthFact> = {}): PaidMonthFact => ({
  caseId, month, amountLei: 400, paidOn: null, ...over,
});
