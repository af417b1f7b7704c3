/** Synthetic, clearly fake case records for the data-protection unit tests (never imported by production code). */
import { syntheticCnp } from '../platform/ro/cnp.js';
import { syntheticRoIban } from '../platform/ro/iban.js';
import type { CaseWithConsent } from './consent.js';

let serial = 0;

export function fakeCase(over: Partial<CaseWithConsent> = {}): CaseWithConsent {
  serial += 1;
  const n = String(serial).padStart(5, '0');
  return {
    caseId: `01J0000000000000000000${String(serial).padStart(4, '0')}`.slice(0, 26),
    caseNumber: `VT-2026-${n}`,
    track: 'prevention',
    stage: 'services',
    status: 'open',
    institution: 'DAS',
    sharedWith: [],
    caseManagerId: 'cm-1',
    child: {
      firstName: 'Fictivina',
      lastName: 'Testescu',
      birthDate: '2015-04-12',
      sex: 'F',
      cnp: syntheticCnp('2015-04-12', 'F', serial),
      residenceCity: 'Timișoara',
      address: 'Strada Inventată nr. 7',
      school: 'Școala Gimnazială Demo',
      ethnicity: 'roma',
      disability: true,
      inSpecialProtection: false,
    },
    legalRepresentative: { firstName: 'Mămica', lastName: 'Testescu', relation: 'mother', phone: '+40 700 000 001', iban: syntheticRoIban(serial) },
    referral: { source: 'school', receivedAt: '2026-01-05T08:00:00Z', reason: 'Tentativă de suicid raportată de școală (text fictiv).', riskFactors: ['suicide_attempt', 'school_dropout'] },
    evaluation: {
      familySituation: 'Mama are o boală cronică (text fictiv).',
      riskFactors: ['alcohol_drug_use'],
      riskLevel: 'high',
      needs: ['consiliere psihologică'],
      childView: 'Copilul vrea să rămână cu mama (text fictiv).',
      consent: { given: true, givenByRelation: 'parent', givenByName: 'Mămica Testescu', date: '2026-01-08', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] },
      decision: 'proceed',
      completedAt: '2026-01-08T10:00:00Z',
      completedBy: 'cm-1',
    },
    consent: { given: true, givenByRelation: 'parent', givenByName: 'Mămica Testescu', date: '2026-01-08', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] },
    plan: {
      planId: 'P1', type: 'PS', version: 1,
      objectives: [{ id: 'O1', text: 'Fictivina merge zilnic la școală', indicator: 'absențe < 5/lună' }],
      services: [{ serviceId: 'cz-sf-nicolae', responsible: 'Ana Demo' }],
      cohort: '18m', reviewDate: '2026-04-01', notes: 'Notă fictivă despre familie', status: 'approved', approvedAt: '2026-01-20T09:00:00Z', approvedBy: 'coord-1',
    },
    cohort: '18m',
    reviews: [{ at: '2026-04-01T09:00:00Z', by: 'cm-1', decision: 'close', summary: 'Fictivina a progresat (text fictiv).', kind: 'review' }],
    closure: { reason: 'objectives_met', closingEvaluation: 'Familia Testescu este stabilă (text fictiv).', closedOn: '2026-04-10', closedAt: '2026-04-10T10:00:00Z', closedBy: 'cm-1' },
    services: ['cz-sf-nicolae'],
    identityKeys: ['cnp#h1#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'nbd#h1#BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'],
    workflow: { seq: 3 },
    openedAt: '2026-01-05T08:00:00Z',
    createdAt: '2026-01-05T08:00:00Z',
    updatedAt: '2026-04-10T10:00:00Z',
    version: 12,
    editVersion: 7,
    ...over,
  };
}

/** The strings that identify the family in `fakeCase` (none may survive anonymisation or appear in a raw item). */
export function identifyingStrings(c: CaseWithConsent): string[] {
  return [
    c.child.firstName, c.child.lastName, c.child.cnp, c.child.address, c.child.school,
    c.legalRepresentative.firstName, c.legalRepresentative.phone, c.legalRepresentative.iban,
    c.consent?.givenByName, c.referral.reason, c.evaluation?.familySituation, c.evaluation?.childView,
    c.plan?.objectives[0]?.text, c.plan?.notes, c.reviews[0]?.summary, c.closure?.closingEvaluation,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}
