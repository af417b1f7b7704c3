/**
 * The child's pathway end to end through the HTTP API only, on the live local runtime: workflows on the ASL engine,
 * tasks with callback tokens, state + history in DynamoDB Local.
 */
import { describe, expect, it, inject } from 'vitest';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { Api, eventually } from '../support/api.js';
import { closureForm, completeTask, evaluationForm, planForm, referralForm, reviewForm, waitTask, isoDay } from '../support/fixtures.js';

const urls = inject('urls');
const api = new Api(urls);
const sfn = new SFNClient({ endpoint: urls.sfn, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

async function executionsOf(caseId: string) {
  const out: { name: string; status: string; machine: string }[] = [];
  for (const m of ['case-intake', 'review-cycle', 'reintegration', 'transfer', 'closure']) {
    const r = await sfn.send(new ListExecutionsCommand({ stateMachineArn: `arn:aws:states:eu-central-1:000000000000:stateMachine:${m}` }));
    for (const e of r.executions ?? []) if (e.name?.startsWith(caseId)) out.push({ name: e.name, status: e.status!, machine: m });
  }
  return out.sort((a, b) => Number(a.name.split('-').pop()) - Number(b.name.split('-').pop()));
}

async function openCase(as: string, over: Parameters<typeof referralForm>[0] = {}) {
  const r = await api.post('/referrals', as, referralForm(over));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.case as { caseId: string; caseNumber: string; institution: string };
}

async function toServices(caseId: string, manager: string, coordinator: string, serviceId = 'cz-sf-nicolae') {
  await completeTask(api, caseId, 'evaluation', manager, evaluationForm());
  await completeTask(api, caseId, 'plan', manager, planForm(serviceId));
  await completeTask(api, caseId, 'plan_approval', coordinator, { decision: 'approved' }, coordinator);
}

async function waitClosed(caseId: string, viewer: string) {
  return eventually(async () => {
    const r = await api.get(`/cases/${caseId}`, viewer);
    return r.body.case?.status === 'closed' ? r.body.case : undefined;
  }, 'case closed');
}

describe('prevention pathway', () => {
  it('takes a case from referral to closure through two review cycles', async () => {
    const c = await openCase('manager.das');
    expect(c.caseNumber).toMatch(/^VT-\d{4}-\d{5}$/);
    await completeTask(api, c.caseId, 'evaluation', 'manager.das', evaluationForm());
    // a plan rejected once goes back to the case manager
    await completeTask(api, c.caseId, 'plan', 'manager.das', planForm());
    await completeTask(api, c.caseId, 'plan_approval', 'coord.das', { decision: 'rejected', comment: 'Adăugați un obiectiv privind locuința.' }, 'coord.das');
    await completeTask(api, c.caseId, 'plan', 'manager.das', planForm());
    await completeTask(api, c.caseId, 'plan_approval', 'coord.das', { decision: 'approved' }, 'coord.das');
    // Observatorul registration is asked for right after approval
    await completeTask(api, c.caseId, 'observator_registration', 'manager.das', { registrationNumber: 'ONC-TM/2026/123', registrationDate: isoDay(0) });
    await completeTask(api, c.caseId, 'review', 'manager.das', reviewForm('continue'));
    await completeTask(api, c.caseId, 'review', 'manager.das', reviewForm('close'));
    await completeTask(api, c.caseId, 'closure', 'manager.das', closureForm());
    const closed = await waitClosed(c.caseId, 'manager.das');
    expect(closed.stage).toBe('closed');
    expect(closed.plan.status).toBe('approved');
    expect(closed.plan.version).toBe(2);
    expect(closed.plan.observator.registrationNumber).toBe('ONC-TM/2026/123');
    expect(closed.reviews.map((r: { decision: string }) => r.decision)).toEqual(['continue', 'close']);

    const history = (await api.get(`/cases/${c.caseId}/history`, 'manager.das')).body.items as { action: string; version: number }[];
    const actions = history.map((h) => h.action);
    expect(actions[0]).toBe('case.create');
    expect(actions.at(-1)).toBe('case.close');
    expect(actions.filter((a) => a === 'task.submit.review')).toHaveLength(2);
    expect(actions.filter((a) => a === 'task.submit.plan')).toHaveLength(2);
    // versions are consecutive: every change has exactly one history entry
    expect(history.map((h) => h.version)).toEqual(history.map((_, i) => i + 1));

    const tasks = (await api.get(`/cases/${c.caseId}/tasks`, 'manager.das')).body.items as { kind: string; status: string }[];
    expect(tasks.every((t) => t.status === 'completed')).toBe(true);
    expect(tasks.map((t) => t.kind).sort()).toEqual(['closure', 'evaluation', 'observator_registration', 'plan', 'plan', 'plan_approval', 'plan_approval', 'review', 'review'].sort());

    const execs = await executionsOf(c.caseId);
    expect(execs.map((e) => e.machine)).toEqual(['case-intake', 'review-cycle', 'review-cycle', 'closure']);
    await eventually(async () => (await executionsOf(c.caseId)).every((e) => e.status === 'SUCCEEDED'), 'all executions succeeded');
  });

  it('refuses a second open case for the same child and answers a double-clicked form with the same case', async () => {
    const form = referralForm({ firstName: 'Dublura', lastName: 'Testescu', birthDate: '2014-02-03' });
    const [a, b] = await Promise.all([api.post('/referrals', 'manager.das', form), api.post('/referrals', 'manager.das', form)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.case.caseId).toBe(b.body.case.caseId);
    const again = await api.post('/referrals', 'manager.das', { ...form, clientRequestId: crypto.randomUUID() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE_CHILD');
    expect(again.body.error.message).toContain(a.body.case.caseNumber);
    // the page links to the existing case for whom may read it; another institution learns only whom to call
    expect(again.body.error.existingCaseId).toBe(a.body.case.caseId);
    const elsewhere = await api.post('/referrals', 'manager.dgaspc', { ...form, track: 'reintegration', child: { ...form.child, inSpecialProtection: true }, clientRequestId: crypto.randomUUID() });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(409);
    expect(elsewhere.body.error.code).toBe('DUPLICATE_CHILD');
    expect(elsewhere.body.error.existingCaseId).toBeUndefined();
    expect(elsewhere.body.error.existingCaseNumber).toBeUndefined();
    expect(elsewhere.body.error.existingInstitution).toBe('DAS');
  });

  it('answers bad input with Romanian messages and field paths, writing nothing', async () => {
    const bad = referralForm();
    bad.child.birthDate = '2015-02-30';
    (bad.referral as { riskFactors: string[] }).riskFactors = [];
    const r = await api.post('/referrals', 'manager.das', bad);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const paths = r.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('child.birthDate');
    expect(paths).toContain('referral.riskFactors');
    const listed = await api.get('/cases?scope=mine', 'manager.das');
    expect(listed.body.items.some((x: { childName: string }) => x.childName.startsWith(bad.child.firstName))).toBe(false);
    const old = referralForm({ birthDate: '2005-01-01' });
    const tooOld = await api.post('/referrals', 'manager.das', old);
    expect(tooOld.status).toBe(422);
    expect(tooOld.body.error.code).toBe('NOT_IN_TARGET_GROUP');
    // a coordinator opens a case for one of the institution's case managers, never for someone else's
    await api.get('/me', 'manager.dgaspc');
    const foreign = (await api.get('/staff?role=case_manager&institution=DGASPC', 'coord.das')).body.items[0];
    const misassigned = await api.post('/referrals', 'coord.das', referralForm({ caseManagerId: foreign.userId }));
    expect(misassigned.status).toBe(422);
    expect(misassigned.body.error.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect(misassigned.body.error.fields[0].path).toBe('caseManagerId');
  });
});

describe('reintegration pathway', () => {
  it('goes through preparation, reintegration, monitoring and closure', async () => {
    const c = await openCase('manager.dgaspc', { track: 'reintegration' });
    expect(c.institution).toBe('DGASPC');
    await toServices(c.caseId, 'manager.dgaspc', 'coord.dgaspc', 'int-b');
    await completeTask(api, c.caseId, 'review', 'manager.dgaspc', reviewForm('reintegrate'));
    await completeTask(api, c.caseId, 'reintegration', 'manager.dgaspc', { decision: 'reintegrated', reintegrationDate: isoDay(0), notes: 'Copilul s-a întors acasă (test).' });
    await completeTask(api, c.caseId, 'monitoring_review', 'manager.dgaspc', reviewForm('continue'));
    await completeTask(api, c.caseId, 'monitoring_review', 'manager.dgaspc', reviewForm('close'));
    await completeTask(api, c.caseId, 'closure', 'manager.dgaspc', closureForm('reintegrated_monitored'));
    const closed = await waitClosed(c.caseId, 'manager.dgaspc');
    expect(closed.reintegrationDate).toBe(isoDay(0));
    expect(closed.closure.reason).toBe('reintegrated_monitored');
    const stages = ((await api.get(`/cases/${c.caseId}/history`, 'manager.dgaspc')).body.items as { stageAfter?: string }[]).map((h) => h.stageAfter);
    for (const s of ['evaluation', 'planning', 'plan_approval', 'services', 'reintegration', 'monitoring', 'closing', 'closed']) expect(stages).toContain(s);
    expect((await executionsOf(c.caseId)).map((e) => e.machine)).toEqual(['case-intake', 'review-cycle', 'reintegration', 'review-cycle', 'review-cycle', 'closure']);
  });

  it('does not offer reintegration on the prevention track', async () => {
    const c = await openCase('manager.das');
    await toServices(c.caseId, 'manager.das', 'coord.das');
    const task = await waitTask(api, c.caseId, 'review', 'manager.das');
    const cur = await api.get(`/cases/${c.caseId}`, 'manager.das');
    const r = await api.post(`/tasks/${task.taskId}/submit`, 'manager.das', { expectedVersion: cur.body.case.version, form: reviewForm('reintegrate') });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('DECISION_NOT_ALLOWED');
  });
});

describe('transfer between institutions', () => {
  it('moves a DAS case to DGASPC without losing its history', async () => {
    const c = await openCase('manager.das');
    await toServices(c.caseId, 'manager.das', 'coord.das');
    await completeTask(api, c.caseId, 'review', 'manager.das', reviewForm('transfer', { transferTo: 'DGASPC', transferReason: 'Risc de separare: se propune măsură de protecție specială (test).' }));
    const staff = await api.get('/staff?role=case_manager&institution=DGASPC', 'coord.dgaspc');
    const receiver = staff.body.items.find((s: { displayName: string }) => s.displayName.startsWith('Ioana'));
    expect(receiver).toBeDefined();
    // the sending institution cannot accept its own transfer, and the receiver cannot hand the case to someone outside its team
    const pending = await waitTask(api, c.caseId, 'transfer_acceptance', 'coord.dgaspc');
    const version = (await api.get(`/cases/${c.caseId}`, 'coord.dgaspc')).body.case.version;
    const dasManager = (await api.get('/staff?role=case_manager', 'coord.das')).body.items[0];
    const bySender = await api.post(`/tasks/${pending.taskId}/submit`, 'coord.das', { expectedVersion: version, form: { decision: 'accepted', caseManagerId: dasManager.userId, track: 'reintegration' } });
    expect([403, 404]).toContain(bySender.status);
    for (const caseManagerId of [dasManager.userId, 'nu-exista']) {
      const outside = await api.post(`/tasks/${pending.taskId}/submit`, 'coord.dgaspc', { expectedVersion: version, form: { decision: 'accepted', caseManagerId, track: 'reintegration' } });
      expect(outside.status, caseManagerId).toBe(422);
      expect(outside.body.error.code).toBe('CASE_MANAGER_NOT_ELIGIBLE');
    }
    await completeTask(api, c.caseId, 'transfer_acceptance', 'coord.dgaspc', { decision: 'accepted', caseManagerId: receiver.userId, track: 'reintegration' }, 'coord.dgaspc');
    const evalTask = await waitTask(api, c.caseId, 'evaluation', 'manager.dgaspc');
    expect(evalTask.assigneeId).toBe(receiver.userId);
    const moved = (await api.get(`/cases/${c.caseId}`, 'manager.dgaspc')).body.case;
    expect(moved.institution).toBe('DGASPC');
    expect(moved.track).toBe('reintegration');
    const history = (await api.get(`/cases/${c.caseId}/history`, 'manager.dgaspc')).body.items as { action: string; actorName: string }[];
    expect(history[0]!.action).toBe('case.create');
    expect(history.some((h) => h.action === 'task.submit.transfer_acceptance')).toBe(true);
    // the sending institution no longer sees the case
    expect((await api.get(`/cases/${c.caseId}`, 'manager.das')).status).toBe(404);
    expect((await executionsOf(c.caseId)).map((e) => e.machine)).toEqual(['case-intake', 'review-cycle', 'transfer', 'case-intake']);
  });
});

describe('concurrent work on the same task', () => {
  it('lets exactly one submission win; the other gets a conflict and history shows one change', async () => {
    const c = await openCase('manager.das');
    const task = await waitTask(api, c.caseId, 'evaluation', 'manager.das');
    const cur = await api.get(`/cases/${c.caseId}`, 'manager.das');
    const body = { expectedVersion: cur.body.case.version, form: evaluationForm() };
    const [a, b] = await Promise.all([
      api.post(`/tasks/${task.taskId}/submit`, 'manager.das', body),
      api.post(`/tasks/${task.taskId}/submit`, 'coord.das', body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['VERSION_CONFLICT', 'TASK_ALREADY_COMPLETED']).toContain(loser.body.error.code);
    const history = (await api.get(`/cases/${c.caseId}/history`, 'manager.das')).body.items as { action: string }[];
    expect(history.filter((h) => h.action === 'task.submit.evaluation')).toHaveLength(1);
    // a stale form (old version) is refused, nothing overwritten
    await waitTask(api, c.caseId, 'plan', 'manager.das');
    const planTask = await waitTask(api, c.caseId, 'plan', 'manager.das');
    const stale = await api.post(`/tasks/${planTask.taskId}/submit`, 'manager.das', { expectedVersion: cur.body.case.version, form: planForm() });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });
});

describe('coordination and the Observatorul export', () => {
  it('lets a coordinator reassign a task; the new manager gets it, the history says why', async () => {
    const c = await openCase('manager.das');
    const task = await waitTask(api, c.caseId, 'evaluation', 'manager.das');
    const staff = await api.get('/staff?role=case_manager', 'coord.das');
    const dan = staff.body.items.find((s: { displayName: string }) => s.displayName.startsWith('Dan'));
    expect((await api.post(`/tasks/${task.taskId}/reassign`, 'manager.das', { assigneeId: dan.userId, reason: 'Concediu de odihnă' })).status).toBe(403);
    // never to someone outside the institution's case managers, nor to an unknown id
    await api.get('/me', 'manager.dgaspc'); // signed in once, so the staff directory knows them
    const other = (await api.get('/staff?role=case_manager&institution=DGASPC', 'coord.das')).body.items[0];
    const coordinator = (await api.get('/staff?role=coordinator', 'coord.das')).body.items[0];
    for (const assigneeId of [other.userId, coordinator.userId, 'nu-exista']) {
      const refused = await api.post(`/tasks/${task.taskId}/reassign`, 'coord.das', { assigneeId, reason: 'Concediu de odihnă' });
      expect(refused.status, assigneeId).toBe(422);
      expect(refused.body.error.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    }
    const r = await api.post(`/tasks/${task.taskId}/reassign`, 'coord.das', { assigneeId: dan.userId, reason: 'Concediu de odihnă' });
    expect(r.status).toBe(200);
    const mine = await api.get('/tasks?scope=mine', 'manager2.das');
    expect(mine.body.items.map((t: { taskId: string }) => t.taskId)).toContain(task.taskId);
    const history = (await api.get(`/cases/${c.caseId}/history`, 'coord.das')).body.items as { action: string; summary: string }[];
    expect(history.find((h) => h.action === 'task.reassign')?.summary).toContain('Concediu de odihnă');
  });

  it('exports the fields the Observatorul registration needs, as CSV for Romanian Excel', async () => {
    const c = await openCase('manager.das');
    await toServices(c.caseId, 'manager.das', 'coord.das');
    const json = await api.get(`/cases/${c.caseId}/observator-export`, 'manager.das');
    expect(json.status).toBe(200);
    expect(json.body.numarCaz).toBe(c.caseNumber);
    expect(json.body.tipPlan).toBe('Plan de servicii');
    const csv = await fetch(`${urls.api}/cases/${c.caseId}/observator-export?format=csv`, { headers: { authorization: `Bearer ${await api.token('manager.das')}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the diacritics right
    expect(new TextDecoder().decode(bytes).split('\n')[0]).toContain('Număr caz;Instituție;Nume');
    expect((await api.get(`/cases/${c.caseId}/observator-export`, 'manager.dgaspc')).status).toBe(404);
  });
});
