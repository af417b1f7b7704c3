/**
 * Task e-mails and reminders, read back from the local SES inbox. The clock is controlled by firing the daily
 * schedule "as if" at a chosen time (EventBridge Scheduler's scheduled-time).
 * A runtime of its own: the daily run reminds about EVERY overdue task and sends every digest, and the inbox is
 * counted before and after it, so another file's tasks, mails or fires beside it would change what is checked (the
 * integration files run in parallel on the shared runtime).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, eventually, inbox, type Mail } from '../support/api.js';
import { startRuntimeProcess, tempDataDir, type RuntimeProcess, type RuntimeUrls } from '../support/runtime.js';
import { referralForm, waitTask } from '../support/fixtures.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { MAIN, documentClient } from '../support/security.js';

let rt: RuntimeProcess;
let urls: RuntimeUrls;
let api: Api;
beforeAll(async () => {
  rt = await startRuntimeProcess({ dataDir: tempDataDir('notifications') });
  urls = rt.urls;
  api = new Api(urls);
});
afterAll(async () => { await rt?.stop(); });
const to = (addr: string) => (m: Mail) => m.destination.to.includes(addr);
const bodyOf = (m: Mail) => `${m.subject}\n${m.body.text ?? ''}\n${m.body.html ?? ''}`;

const children: string[] = [];
function form(over: Parameters<typeof referralForm>[0] = {}, daysAgo = 0) {
  const f = referralForm(over);
  f.referral.receivedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  children.push(f.child.firstName, f.child.lastName, f.child.cnp!);
  return f;
}

describe('task e-mails and reminders', () => {
  it('mails the case manager when a task is assigned, with a link and the case number only', async () => {
    const f = form();
    const r = await api.post('/referrals', 'manager.das', f);
    const { caseId, caseNumber } = r.body.case;
    const task = await waitTask(api, caseId, 'evaluation', 'manager.das');
    const mail = await eventually(async () => (await inbox(urls)).filter(to('manager.das@vatra.local')).find((m) => bodyOf(m).includes(task.taskId)), 'assignment mail')
      .catch(async (e: Error) => {
        // say why: a mail that could not be delivered is listed with its error for the admin
        const outbox = await api.get('/mail/outbox', 'admin');
        throw new Error(`${e.message}; undelivered: ${JSON.stringify(outbox.body).slice(0, 2000)}`);
      });
    expect(mail.subject.startsWith('[Vatra]')).toBe(true);
    expect(bodyOf(mail)).toContain(caseNumber);
    expect(mail.body.html).toContain(`${urls.web}/#/sarcini/${task.taskId}`);
    expect(bodyOf(mail)).not.toContain(f.child.firstName);
    expect(bodyOf(mail)).not.toContain(f.child.cnp!);
  });

  it('sends the overdue reminder once, to the assignee and after the grace period to the coordinator', async () => {
    const f = form({}, 6); // the 72-hour evaluation deadline passed three days ago
    const r = await api.post('/referrals', 'manager.das', f);
    const { caseId } = r.body.case;
    const task = await waitTask(api, caseId, 'evaluation', 'manager.das');
    const at = new Date().toISOString();
    const first = await api.control('POST', '/schedules/daily-reminders/fire', { at });
    expect(first.status).toBe(200);
    const mails = await inbox(urls);
    const overdue = mails.filter(to('manager.das@vatra.local')).filter((m) => bodyOf(m).includes(task.taskId) && /întârzi/i.test(m.subject));
    expect(overdue).toHaveLength(1);
    const coordinator = mails.filter(to('coord.das@vatra.local')).filter((m) => bodyOf(m).includes(task.taskId));
    expect(coordinator.length).toBeGreaterThanOrEqual(1);
    // the coordinator's escalation names a role and an institution, never the child
    for (const m of coordinator) expect(bodyOf(m)).not.toContain(f.child.lastName);

    const countBefore = (await inbox(urls)).length;
    const again = await api.control('POST', '/schedules/daily-reminders/fire', { at });
    expect(again.body.result.remindersQueued).toBe(0);
    expect((await inbox(urls)).length).toBe(countBefore);
  });

  it('gives a digest user one mail with all their items', async () => {
    expect((await api.put('/me/preferences', 'manager2.das', { mailPreference: 'digest' })).status).toBe(200);
    const mine = async () => (await inbox(urls)).filter(to('manager2.das@vatra.local'));
    const before = (await mine()).length; // earlier tests of this file may have mailed this user before the switch
    const me = await api.get('/me', 'manager2.das');
    const cases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await api.post('/referrals', 'coord.das', { ...form(), caseManagerId: me.body.userId });
      expect(r.status).toBe(201);
      cases.push(r.body.case.caseNumber);
      await waitTask(api, r.body.case.caseId, 'evaluation', 'manager2.das');
    }
    expect(await mine()).toHaveLength(before); // nothing immediate for a digest user
    // the notifier delivers the assignment notices after the tasks open (asynchronously): the daily run may only be
    // fired once both wait in this user's digest, or it would rightly send what is there and claim the day
    const doc = documentClient(urls);
    await eventually(async () => {
      const r = await doc.send(new QueryCommand({ TableName: MAIN, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': 'DIGEST#pending' } }));
      const text = JSON.stringify((r.Items ?? []).filter((i) => i.userId === me.body.userId));
      return cases.every((n) => text.includes(n)) || undefined;
    }, 'both notices queued for the digest', 30_000);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    // what the run answered, said in full if it is not the one digest (this is how a refused digest showed its cause:
    // a task id with 13 digits in a row, taken for a CNP by the mail guard — task ids no longer hold such runs)
    const fired = await api.control('POST', '/schedules/daily-reminders/fire', { at });
    expect(fired.status, JSON.stringify(fired.body).slice(0, 1000)).toBe(200);
    expect(fired.body.result?.digestsSent, JSON.stringify(fired.body).slice(0, 1000)).toBe(1);
    const digests = (await mine()).slice(before);
    expect(digests).toHaveLength(1);
    for (const n of cases) expect(bodyOf(digests[0]!)).toContain(n);
    await api.control('POST', '/schedules/daily-reminders/fire', { at });
    expect(await mine()).toHaveLength(before + 1);
  });

  it('puts no child name or CNP from the test data in any mail', async () => {
    const all = (await inbox(urls)).map(bodyOf).join('\n');
    for (const s of children) expect(all.includes(s), s).toBe(false);
  });
});
