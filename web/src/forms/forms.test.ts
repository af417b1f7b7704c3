/**
 * Each task form: its first values are not yet a valid form (staff must fill them), filled values pass the shared
 * schema the API uses, and fields made irrelevant by a decision are not sent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trackConfig } from '../../../shared/cases/config.js';
import { taskFormSchema, type TaskFormSchemas } from '../../../shared/cases/model.js';
import { validate } from '../lib/form.js';
import type { Me } from '../lib/app-context.js';
import type { FullCase, TaskView } from '../lib/types.js';
import { configureZod, REQUIRED_MESSAGE, CHOOSE_MESSAGE } from '../lib/zod-setup.js';
import { taskForms } from './index.js';
import type { TaskFormDef, TaskFormInput } from './types.js';

beforeAll(() => configureZod());

const me: Me = { userId: 'u1', username: 'manager.das', displayName: 'Ana Demo', roles: [{ id: 'case_manager', label: 'Manager de caz' }], institution: 'DAS', services: [], mailPreference: 'immediate', actions: [] };

function caseWith(over: Partial<FullCase> = {}): FullCase {
  return {
    caseId: 'C1', caseNumber: 'VT-2026-00001', track: 'prevention', stage: 'planning', status: 'open', institution: 'DAS', sharedWith: [], caseManagerId: 'u1',
    child: { firstName: 'Testina', lastName: 'Fictivescu', birthDate: '2015-04-12', residenceCity: 'Timișoara', ethnicity: 'not_declared', disability: false, inSpecialProtection: false },
    legalRepresentative: { firstName: 'Mama', lastName: 'Fictivescu', relation: 'mother' },
    referral: { source: 'school', receivedAt: '2026-03-01T08:00:00Z', reason: 'Absențe repetate (test).', riskFactors: ['school_dropout', 'poverty'] },
    reviews: [], services: [], workflow: { seq: 1 }, openedAt: '2026-03-01T08:00:00Z', createdAt: '2026-03-01T08:00:00Z', updatedAt: '2026-03-01T08:00:00Z',
    version: 3, storageVersion: 7, stageLabel: 'Elaborarea planului', trackLabel: 'Prevenirea separării (DAS)', planLabel: 'Plan de servicii', view: 'full',
    ...over,
  } as FullCase;
}

const plan = {
  planId: 'P1', type: 'PS' as const, version: 1, status: 'approved' as const, cohort: '18m' as const, reviewDate: '2026-06-01',
  objectives: [{ id: 'O1', text: 'Frecvență școlară regulată' }, { id: 'O2', text: 'Consiliere parentală' }],
  services: [{ serviceId: 'cz-sf-nicolae', groupId: 'g1', responsible: 'Ana Demo' }],
};

const task = (kind: TaskView['kind'], institution = 'DAS'): TaskView => ({ taskId: 'T1', caseId: 'C1', caseNumber: 'VT-2026-00001', kind, title: 't', status: 'open', assigneeRole: 'case_manager', institution, dueAt: '2026-03-10T08:00:00Z', createdAt: '2026-03-01T08:00:00Z', resume: 'none', version: 1 });

const input = (kind: TaskView['kind'], c = caseWith(), institution?: string): TaskFormInput => ({ task: task(kind, institution), c, me, today: '2026-03-05' });

function check(def: TaskFormDef, _input: TaskFormInput, values: object) {
  const out = def.output ? def.output(values) : values;
  return validate(def.schema, out);
}

describe('task forms', () => {
  it('use the schema the API validates with, for every task kind', () => {
    for (const [kind, def] of Object.entries(taskForms)) expect(def.schema).toBe(taskFormSchema(kind as keyof TaskFormSchemas));
  });

  it('evaluation: starts from the referral\'s risk factors, needs the rest, and refuses to proceed without consent', () => {
    const def = taskForms.evaluation;
    const i = input('evaluation', caseWith({ stage: 'evaluation' }));
    const v0 = def.initial(i);
    expect(v0.riskFactors).toEqual(['school_dropout', 'poverty']);
    const r0 = check(def, i, v0);
    expect(r0.ok).toBe(false);
    const e0 = (r0 as { errors: Record<string, string> }).errors;
    expect(e0.familySituation).toBe(REQUIRED_MESSAGE);
    expect(e0.riskLevel).toBe(CHOOSE_MESSAGE);
    expect(e0['needs.0']).toBe(REQUIRED_MESSAGE);

    const filled = { ...v0, familySituation: 'Familie monoparentală (test).', riskLevel: 'medium', needs: ['sprijin școlar'], childView: 'Vrea acasă.', decision: 'proceed', closeReason: 'moved_away',
      consent: { ...v0.consent, givenByRelation: 'parent', purposes: ['case_management'] } };
    const noConsent = check(def, i, filled);
    expect(noConsent.ok).toBe(false);
    expect((noConsent as { errors: Record<string, string> }).errors['consent.given']).toMatch(/Fără acordul/);
    const ok = check(def, i, { ...filled, consent: { ...filled.consent, given: true } });
    expect(ok.ok).toBe(true);
    // a close reason left over from an earlier choice is not sent with "proceed"
    expect((ok as { data: { closeReason?: string } }).data.closeReason).toBeUndefined();
  });

  it('plan: edits a plan sent back instead of starting empty, and validates services from the catalogue', () => {
    const def = taskForms.plan;
    const fresh = def.initial(input('plan'));
    expect(fresh.objectives).toEqual([{ id: 'O1', text: '', indicator: '' }]);
    expect(fresh.services[0].responsible).toBe('Ana Demo');
    const back = def.initial(input('plan', caseWith({ plan: { ...plan, status: 'rejected' } })));
    expect(back.objectives.map((o: { id: string }) => o.id)).toEqual(['O1', 'O2']);
    expect(back.services[0].groupId).toBe('g1');
    expect(back.cohort).toBe('18m');
    expect(check(def, input('plan'), back).ok).toBe(true);
    const r = check(def, input('plan'), { ...back, services: [{ serviceId: '', groupId: '', frequency: '', responsible: 'A' }] });
    expect((r as { errors: Record<string, string> }).errors['services.0.serviceId']).toBe(REQUIRED_MESSAGE);
  });

  it('plan approval: a rejection needs a comment', () => {
    const def = taskForms.plan_approval;
    const r = check(def, input('plan_approval'), { decision: 'rejected', comment: '' });
    expect((r as { errors: Record<string, string> }).errors.comment).toMatch(/Explicați/);
    expect(check(def, input('plan_approval'), { decision: 'approved', comment: '' }).ok).toBe(true);
  });

  it('review: one progress row per plan objective; only the chosen decision\'s fields are sent', () => {
    const def = taskForms.review;
    const i = input('review', caseWith({ stage: 'services', plan }));
    const v0 = def.initial(i);
    expect(v0.progress.map((p: { objectiveId: string }) => p.objectiveId)).toEqual(['O1', 'O2']);
    const base = { ...v0, progress: v0.progress.map((p: object) => ({ ...p, status: 'in_progress' })), summary: 'Progres bun în trimestru (test).', transferTo: 'DGASPC', transferReason: 'Nu se aplică', nextReviewDate: '' };
    const missingDate = check(def, i, { ...base, decision: 'continue' });
    expect((missingDate as { errors: Record<string, string> }).errors.nextReviewDate).toMatch(/următoarei revizuiri/);
    const ok = check(def, i, { ...base, decision: 'continue', nextReviewDate: '2026-06-01' });
    expect(ok.ok).toBe(true);
    expect((ok as { data: object }).data).not.toHaveProperty('transferTo');
    const transfer = check(def, i, { ...base, decision: 'transfer', transferReason: 'Escaladare către protecție specială.' });
    expect((transfer as { data: { transferTo: string } }).data.transferTo).toBe('DGASPC');
  });

  it('review decisions offered are the track\'s (reintegration only on the reintegration track)', () => {
    expect(trackConfig.prevention.decisions.review).not.toContain('reintegrate');
    expect(trackConfig.reintegration.decisions.review).toContain('reintegrate');
  });

  it('reintegration: the date goes with "reintegrated", the next review with "postponed"', () => {
    const def = taskForms.reintegration;
    const i = input('reintegration', caseWith({ track: 'reintegration', stage: 'reintegration' }));
    const v = { decision: 'reintegrated', reintegrationDate: '2026-04-01', notes: 'Familia pregătită (test).', nextReviewDate: '2026-05-01' };
    const r = check(def, i, v);
    expect(r.ok).toBe(true);
    expect((r as { data: object }).data).not.toHaveProperty('nextReviewDate');
    expect(check(def, i, { ...v, decision: 'postponed', nextReviewDate: '' }).ok).toBe(false);
  });

  it('transfer acceptance: proposes the receiving institution\'s own track and needs a case manager to accept', () => {
    const def = taskForms.transfer_acceptance;
    const i = input('transfer_acceptance', caseWith({ stage: 'transfer' }), 'DGASPC');
    const v0 = def.initial(i);
    expect(v0.track).toBe('reintegration');
    const r = check(def, i, { ...v0, decision: 'accepted' });
    expect((r as { errors: Record<string, string> }).errors.caseManagerId).toMatch(/managerul de caz/);
    const refused = check(def, i, { ...v0, decision: 'refused', caseManagerId: 'x', comment: 'Nu îndeplinește condițiile (test).' });
    expect(refused.ok).toBe(true);
    expect((refused as { data: object }).data).not.toHaveProperty('caseManagerId');
  });

  it('closure and Observatorul registration validate dates and numbers', () => {
    const closure = taskForms.closure;
    const ci = input('closure', caseWith({ stage: 'closing' }));
    expect(closure.initial(ci).closedOn).toBe('2026-03-05');
    expect(check(closure, ci, { reason: 'objectives_met', closingEvaluation: 'Obiective atinse (test).', closedOn: '2026-02-30' }).ok).toBe(false);
    const obs = taskForms.observator_registration;
    const r = check(obs, input('observator_registration'), { registrationNumber: 'a b', registrationDate: '2026-03-05' });
    expect((r as { errors: Record<string, string> }).errors.registrationNumber).toMatch(/Numărul de înregistrare/);
    expect(check(obs, input('observator_registration'), { registrationNumber: 'ONC-TM/2026/123', registrationDate: '2026-03-05' }).ok).toBe(true);
  });
});
