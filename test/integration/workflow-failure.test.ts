/**
 * A workflow step that fails is never swallowed (issue #20). A plan approval delivered straight to the workflow, as
 * an operator with the AWS CLI would (`aws stepfunctions send-task-success` with the token from the execution
 * history), bypasses Vatra: the case's plan is not approved in its record, so EnrolFromPlan is refused. The case
 * must then be visibly flagged — "needs attention" on the case, a mail to its coordinators — and the approval task
 * closed (its callback was delivered), never left silently out of step. Any other human task answered that way is
 * closed when its execution moves on. An approval through Vatra enrols the child and flags nothing.
 */
import { describe, expect, inject, it } from 'vitest';
import { GetExecutionHistoryCommand, SFNClient, SendTaskSuccessCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Api, eventually, inbox } from '../support/api.js';
import { documentClient, MAIN, planWith, prepareCase, rawCaseItem, submitForm } from '../support/security.js';
import { referralForm, reviewForm, waitTask } from '../support/fixtures.js';

const urls = inject('urls');
const api = new Api(urls);
const sfn = new SFNClient({ endpoint: urls.sfn, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** The task token of the waiting plan approval, read from the execution history as an operator would. */
async function approvalToken(executionArn: string, kind = 'plan_approval'): Promise<string> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const r = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(r.events ?? []));
    nextToken = r.nextToken;
  } while (nextToken);
  const tokens = events
    .map((e) => e.taskScheduledEventDetails?.parameters)
    .filter((p): p is string => !!p)
    .map((p) => JSON.parse(p) as { Payload?: { kind?: string; taskToken?: string } })
    .filter((p) => p.Payload?.kind === kind && p.Payload.taskToken)
    .map((p) => p.Payload!.taskToken!);
  expect(tokens.length).toBeGreaterThan(0);
  return tokens.at(-1)!;
}

/** The execution of the case, from the server's own records (the API never shows execution ARNs). */
async function executionOf(caseId: string): Promise<string> {
  const item = await rawCaseItem(documentClient(urls), caseId);
  return (item!.workflow as { executionArn: string }).executionArn;
}

describe('a workflow step that fails is never swallowed', () => {
  it('a plan approval sent straight to the workflow: approval task closed, case flagged "needs attention", coordinators told', async () => {
    const prepared = await prepareCase(api); // stops with the plan task open
    const { caseId, caseNumber, manager, coordinator, form } = prepared;
    await submitForm(api, caseId, 'plan', manager, planWith(['cz-sf-nicolae']));
    const approval = await waitTask(api, caseId, 'plan_approval', coordinator);
    const executionArn = await executionOf(caseId);

    await sfn.send(new SendTaskSuccessCommand({ taskToken: await approvalToken(executionArn), output: JSON.stringify({ decision: 'approved' }) }));

    // flagged on the case (the coordinator's full view), with the stable code and a Romanian message
    const flagged = await eventually(async () => {
      const c = (await api.get(`/cases/${caseId}`, coordinator)).body.case;
      return c.attention ? c : undefined;
    }, 'the case flagged as needing attention', 60_000);
    expect(flagged.attention).toMatchObject({ step: 'enrol_from_plan', code: 'PLAN_NOT_APPROVED', message: 'Înscrierea la servicii se face doar după aprobarea planului.' });
    // not enrolled, and not pretending to be: the plan is still not approved in the record
    expect(flagged.plan.status).not.toBe('approved');
    expect(flagged.services).toEqual([]);

    // the approval task whose callback was delivered is closed, by the workflow, and says so
    const tasks = (await api.get(`/cases/${caseId}/tasks`, coordinator)).body.items as { taskId: string; kind: string; status: string; completedBy?: string }[];
    expect(tasks.find((t) => t.taskId === approval.taskId)).toMatchObject({ status: 'completed' });
    expect(tasks.filter((t) => t.kind === 'plan_approval' && t.status === 'open')).toEqual([]);
    const history = (await api.get(`/cases/${caseId}/history`, coordinator)).body.items as { action: string; summary: string }[];
    expect(history.find((h) => h.action === 'task.settled')?.summary).toMatch(/direct, nu prin Vatra/);
    expect(history.find((h) => h.action === 'case.attention')?.summary).toMatch(/^Necesită atenție: înscrierea în serviciile planului aprobat nu s-a făcut \(PLAN_NOT_APPROVED\)/);

    // the coordinators of the case's institution are told (mail or the UI inbox), by case number only
    const mail = await eventually(async () => (await inbox(urls)).find((m) => m.destination.to.includes(`${coordinator}@vatra.local`) && m.subject.includes(caseNumber) && m.subject.includes('necesită atenție')), 'the coordinator mail', 30_000);
    const text = `${mail.subject}\n${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
    expect(text).toContain('PLAN_NOT_APPROVED');
    expect(text).toContain(`/#/cazuri/${caseId}`);
    expect(text).not.toContain(form.child.firstName);
    expect(text).not.toContain(form.child.lastName);

    // the pathway went on (the review cycle started), visibly out of step rather than silently
    expect((await executionOf(caseId))).toMatch(/:review-cycle:/);

    // put right through Vatra (the review changes the plan, the coordinator approves it): enrolled, flag cleared
    await submitForm(api, caseId, 'review', manager, reviewForm('change_plan'));
    await submitForm(api, caseId, 'plan', manager, planWith(['cz-sf-nicolae']));
    await submitForm(api, caseId, 'plan_approval', coordinator, { decision: 'approved' }, coordinator);
    const fixed = await eventually(async () => {
      const c = (await api.get(`/cases/${caseId}`, coordinator)).body.case;
      return c.services.length === 1 && !c.attention ? c : undefined;
    }, 'enrolled and no longer flagged', 60_000);
    expect(fixed.services).toEqual(['cz-sf-nicolae']);
    const later = (await api.get(`/cases/${caseId}/history`, coordinator)).body.items as { action: string; summary: string }[];
    expect(later.find((h) => h.action === 'case.attention.cleared')?.summary).toBe('Nu mai necesită atenție: înscrierea în serviciile planului aprobat s-a făcut.');
  });

  it('any human task answered outside Vatra is closed when its execution moves on (an evaluation sent by SendTaskSuccess)', async () => {
    const r = await api.post('/referrals', 'manager.das', referralForm());
    expect(r.status).toBe(201);
    const caseId = r.body.case.caseId as string;
    const evaluation = await waitTask(api, caseId, 'evaluation', 'manager.das');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await approvalToken(await executionOf(caseId), 'evaluation'), output: JSON.stringify({ decision: 'proceed' }) }));
    // the execution goes on to the plan; the evaluation task does not stay open asking for an answer already given
    await waitTask(api, caseId, 'plan', 'manager.das');
    const tasks = (await api.get(`/cases/${caseId}/tasks`, 'manager.das')).body.items as { taskId: string; kind: string; status: string }[];
    expect(tasks.find((t) => t.taskId === evaluation.taskId)?.status).toBe('completed');
    expect(tasks.filter((t) => t.status === 'open').map((t) => t.kind)).toEqual(['plan']);
    const history = (await api.get(`/cases/${caseId}/history`, 'coord.das')).body.items as { action: string; summary: string }[];
    expect(history.find((h) => h.action === 'task.settled')?.summary).toBe('Sarcina „Evaluare inițială” a fost închisă: răspunsul a ajuns la fluxul de lucru direct, nu prin Vatra.');
  });

  it('a plan approval through Vatra enrols the child and flags nothing', async () => {
    const { caseId, coordinator } = await prepareCase(api, { services: ['cz-sf-nicolae'] });
    const c = (await api.get(`/cases/${caseId}`, coordinator)).body.case;
    expect(c.services).toEqual(['cz-sf-nicolae']);
    expect(c.attention).toBeUndefined();
    const history = (await api.get(`/cases/${caseId}/history`, coordinator)).body.items as { action: string }[];
    expect(history.map((h) => h.action)).not.toContain('task.settled');
    expect(history.map((h) => h.action)).not.toContain('case.attention');
  });

  it('enrolling the whole plan from the case page lifts a "needs attention" flag left by a failed EnrolFromPlan', async () => {
    const { caseId, coordinator } = await prepareCase(api, { services: ['cz-sf-nicolae'] });
    // the intake's own EnrolFromPlan (which also lifts a flag) is over once its execution has started the review cycle
    await eventually(async () => ((await rawCaseItem(documentClient(urls), caseId))?.workflow as { workflow?: string } | undefined)?.workflow === 'review-cycle', 'the intake workflow moved on to the review cycle', 60_000);
    // the flag as the workflow's FlagEnrolment leaves it (written straight into the case item). The version moves
    // too, as a store write moves it: a workflow step that read the case before (the review cycle's first writes can
    // still be under way) then meets a conflict and reads again, instead of writing the case back without the flag
    await documentClient(urls).send(new UpdateCommand({
      TableName: MAIN,
      Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
      UpdateExpression: 'SET attention = :a ADD version :one',
      ExpressionAttributeValues: { ':a': { step: 'enrol_from_plan', code: 'STEP_FAILED', message: 'Pasul a eșuat din motive tehnice.', at: new Date().toISOString(), seq: 1 }, ':one': 1 },
    }));
    expect((await api.get(`/cases/${caseId}`, coordinator)).body.case.attention).toMatchObject({ code: 'STEP_FAILED' });
    // one service only: the plan's other steps may still be out of step, the flag stays
    const one = await api.post(`/cases/${caseId}/enrolments`, coordinator, { serviceId: 'cz-sf-nicolae' });
    expect([200, 201]).toContain(one.status);
    expect((await api.get(`/cases/${caseId}`, coordinator)).body.case.attention).toMatchObject({ code: 'STEP_FAILED' });
    // the whole plan: the step is done, the flag goes, and the history says so
    const all = await api.post(`/cases/${caseId}/enrolments`, coordinator, {});
    expect([200, 201]).toContain(all.status);
    expect((await api.get(`/cases/${caseId}`, coordinator)).body.case.attention).toBeUndefined();
    const history = (await api.get(`/cases/${caseId}/history`, coordinator)).body.items as { action: string; summary: string }[];
    expect(history.find((h) => h.action === 'case.attention.cleared')?.summary).toBe('Nu mai necesită atenție: înscrierea în serviciile planului aprobat s-a făcut.');
  });
});
