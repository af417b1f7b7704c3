/**
 * Per-service closures through the HTTP API on the live local runtime (issue #16): a coordinator enters a closure for
 * a day centre; the month's sheets no longer offer those days, the participation denominator and the subsidy run's
 * expected days drop, a mark on a closed day is refused in Romanian and nothing is written; staff and other
 * institutions are refused (403), bad input answers 422 and writes nothing; a repeat is idempotent; a closure that
 * touches a closed month or days with marks is refused. Uses CZ Kuncz, group g1, three months ago (no other test file
 * writes there); every check filters by the case created here.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { getService } from '../../shared/services/catalogue.js';
import { participationFor, serviceOpenDays } from '../../shared/services/index.js';
import { Api } from '../support/api.js';
import { caseWithApprovedPlan, enrolFrom, localDb, monthsAgo, openDays, type ServiceCase } from '../support/services.js';

const urls = inject('urls');
const api = new Api(urls);
const db = localDb(urls);

const kuncz = getService('cz-kuncz')!;
const month = monthsAgo(3);
const days = openDays(month, kuncz.schedule.daysOpen);
const sheetUrl = (date: string) => `/services/cz-kuncz/groups/g1/attendance/${date}`;
const closuresUrl = '/services/cz-kuncz/closures';

type ClosureList = { version: number; items: { closureId: string; from: string; to: string; reason: string; closedOpenDays: number }[]; closedDays: { date: string; kind: string; reason: string }[]; openDays: string[]; canEdit: boolean };

async function list(as = 'coord.das'): Promise<ClosureList> {
  const r = await api.get(`${closuresUrl}?month=${month}`, as);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as ClosureList;
}

async function denominator(c: ServiceCase) {
  const r = await api.get(`/cases/${c.caseId}/participation?month=${month}`, c.manager);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const s = (r.body.services as { serviceId: string; evaluation: { measures: { monthScheduledDays: number; enrolledScheduledDays: number } } }[]).find((x) => x.serviceId === 'cz-kuncz')!;
  return s.evaluation.measures;
}

describe('closures of a service, entered by its coordinator', () => {
  let child: ServiceCase;
  // a mark on days[3]; the closure takes days[5]..days[7] (three open days, maybe a weekend between)
  const marked = days[3]!;
  const from = days[5]!;
  const to = days[7]!;
  const reason = 'Dezinfecție anuală a centrului (test)';
  let closureId = '';

  it('takes the closed days out of the sheets, the participation denominator and the run\'s expected days', async () => {
    const first = `${month}-01`;
    child = await caseWithApprovedPlan(api, { serviceId: 'cz-kuncz', groupId: 'g1', consentDate: first });
    expect((await enrolFrom(api, child, first)).from).toBe(first);
    const sheet = await api.get(sheetUrl(marked), 'centru.kuncz');
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    const saved = await api.put(sheetUrl(marked), 'centru.kuncz', { version: sheet.body.version, marks: [{ caseId: child.caseId, mark: { status: 'present' } }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const before = await list();
    expect(before.openDays).toEqual(days);
    const measuresBefore = await denominator(child);
    expect(measuresBefore.enrolledScheduledDays).toBe(days.length);

    const r = await api.post(closuresUrl, 'coord.das', { from, to, reason, clientRequestId: randomUUID() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    closureId = r.body.closure.closureId;
    expect(r.body.closure).toMatchObject({ from, to, reason, status: 'active', createdBy: expect.any(String) });

    const after = await list('centru.kuncz');
    const closed = days.filter((d) => d >= from && d <= to);
    expect(closed).toHaveLength(3);
    expect(after.openDays).toEqual(days.filter((d) => !closed.includes(d)));
    expect(after.closedDays.filter((d) => d.kind === 'closure').map((d) => d.date)).toEqual(expect.arrayContaining(closed));
    expect(after.closedDays.find((d) => d.date === from)).toMatchObject({ kind: 'closure', reason });
    expect(after.items).toEqual([expect.objectContaining({ closureId, from, to, reason, closedOpenDays: 3 })]);
    expect(after.canEdit).toBe(false); // centre staff read, only the coordinator edits
    expect(after.version).toBe(before.version + 1);

    // the sheet of a closed day is not offered
    const closedSheet = await api.get(sheetUrl(from), 'centru.kuncz');
    expect(closedSheet.status).toBe(422);
    expect(closedSheet.body.error.code).toBe('SERVICE_CLOSURE');
    expect(closedSheet.body.error.message).toContain(reason);

    // the participation denominator drops by the closed open days
    const measures = await denominator(child);
    expect(measures.monthScheduledDays).toBe(measuresBefore.monthScheduledDays - 3);
    expect(measures.enrolledScheduledDays).toBe(days.length - 3);

    // the subsidy run's expected days (its `openDays`) read the closure from the store
    const runOpenDays = await serviceOpenDays(db);
    expect(runOpenDays('cz-kuncz', month)).toEqual(after.openDays);
    expect(runOpenDays('cz-sf-nicolae', month)).toContain(from);
  });

  it('refuses a mark on a closed day with a Romanian message and writes nothing', async () => {
    const summaryBefore = (await participationFor(db, child.caseId, month)).find((s) => s.serviceId === 'cz-kuncz');
    const r = await api.put(sheetUrl(days[6]!), 'coord.das', { version: 0, marks: [{ caseId: child.caseId, mark: { status: 'absent' } }] });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('SERVICE_CLOSURE');
    expect(r.body.error.message).toMatch(/^CZ Kuncz este închis în ziua de \d\d\.\d\d\.\d{4} \(Dezinfecție anuală a centrului \(test\)\): nu se înregistrează prezențe sau ședințe\.$/);
    const summaryAfter = (await participationFor(db, child.caseId, month)).find((s) => s.serviceId === 'cz-kuncz');
    expect(summaryAfter).toEqual(summaryBefore);
    // a session on a closed day is refused too
    const session = await api.post('/services/cz-kuncz/sessions', 'coord.das', {
      date: days[6]!, kind: 'individual', activityType: kuncz.activities[0]!.code, durationMinutes: 30, participants: [{ caseId: child.caseId, childPresent: true, parentPresent: false }],
    });
    expect(session.status).toBe(422);
    expect(session.body.error.code).toBe('SERVICE_CLOSURE');
    expect((await api.get(`/services/cz-kuncz/sessions?date=${days[6]!}`, 'coord.das')).body.items).toEqual([]);
  });

  it('is idempotent on a repeated request and refuses overlaps, days with marks, staff and other institutions', async () => {
    const before = await list();
    const requestId = randomUUID();
    const body = { from: days.at(-2)!, to: days.at(-1)!, reason: 'Vacanță (test)', clientRequestId: requestId };
    const a = await api.post(closuresUrl, 'coord.das', body);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const b = await api.post(closuresUrl, 'coord.das', body);
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ duplicate: true, closure: { closureId: a.body.closure.closureId } });
    expect((await list()).items.filter((x) => x.reason === 'Vacanță (test)')).toHaveLength(1);

    const overlap = await api.post(closuresUrl, 'coord.das', { from: to, to: days[8]!, reason: 'Suprapunere (test)' });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.code).toBe('CLOSURE_OVERLAP');
    const onMarks = await api.post(closuresUrl, 'coord.das', { from: marked, to: days[4]!, reason: 'Peste prezențe (test)' });
    expect(onMarks.status).toBe(422);
    expect(onMarks.body.error.code).toBe('REGISTER_ENTRIES_ON_CLOSURE');
    expect(onMarks.body.error.message).toContain(`${marked.slice(8, 10)}.${marked.slice(5, 7)}.${marked.slice(0, 4)}`);

    for (const who of ['centru.kuncz', 'coord.gal', 'coord.dgaspc', 'manager.das']) {
      const r = await api.post(closuresUrl, who, { from: days[9]!, to: days[9]!, reason: 'Neautorizat (test)' });
      expect(r.status, who).toBe(403);
    }
    expect((await api.post(`${closuresUrl}/${closureId}/cancel`, 'centru.kuncz', {})).status).toBe(403);
    expect((await api.get(`${closuresUrl}?month=${month}`, 'centru.sfnicolae')).status).toBe(403);

    for (const bad of [
      { from: days[9]!, to: days[9]!, reason: 'ab' },
      { from: days[9]!, to: days[9]! },
      { from: days[10]!, to: days[9]!, reason: 'Invers (test)' },
      { from: '2026-02-30', to: days[9]!, reason: 'Zi inexistentă (test)' },
      { from: days[9]!, to: days[9]!, reason: 'Cerere (test)', clientRequestId: 'nu-e-uuid' },
    ]) {
      const r = await api.post(closuresUrl, 'coord.das', bad);
      expect(r.status, JSON.stringify(bad)).toBe(422);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.fields[0].message).toMatch(/[a-zăâîșț]/);
    }
    const afterRefusals = await list();
    expect(afterRefusals.version).toBe(before.version + 1);
    expect(afterRefusals.items).toHaveLength(2);

    // cancelling gives the days back (and is harmless when repeated)
    const cancelled = await api.post(`${closuresUrl}/${a.body.closure.closureId}/cancel`, 'coord.das', { reason: 'Vacanța s-a mutat (test)' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ changed: true, closure: { status: 'cancelled', cancelReason: 'Vacanța s-a mutat (test)' } });
    expect((await api.post(`${closuresUrl}/${a.body.closure.closureId}/cancel`, 'coord.das', {})).body.changed).toBe(false);
    const final = await list();
    expect(final.openDays).toContain(days.at(-1)!);
    expect(final.items.map((x) => x.closureId)).toEqual([closureId]);
  });

  it('after the month is closed, its closures can be neither added nor cancelled; the close counts without them', async () => {
    // the child has one mark: its register is incomplete by the open days left after the closure (never the closed
    // days), so a plain close is refused; the coordinator closes accepting it (that child's month stays held back)
    const reason = 'Închidere lunară în testul închiderilor.';
    const status = await api.get(`/months/${month}`, 'coord.das');
    expect(status.status).toBe(200);
    const g1 = (status.body.incomplete as { serviceId: string; groupId: string; children: number; unrecordedDays: number; caseNumbers: string[] }[]).find((r) => r.serviceId === 'cz-kuncz' && r.groupId === 'g1');
    expect(g1).toMatchObject({ children: 1, unrecordedDays: days.length - 3 - 1, caseNumbers: [child.caseNumber] });
    const refused = await api.post(`/months/${month}/close`, 'coord.das', { reason });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.error.code).toBe('REGISTERS_INCOMPLETE');
    const close = await api.post(`/months/${month}/close`, 'coord.das', { reason, acceptIncomplete: true });
    expect(close.status, JSON.stringify(close.body)).toBe(201);
    const add = await api.post(closuresUrl, 'coord.das', { from: days[10]!, to: days[10]!, reason: 'Prea târziu (test)' });
    expect(add.status).toBe(422);
    expect(add.body.error.code).toBe('MONTH_CLOSED');
    const cancel = await api.post(`${closuresUrl}/${closureId}/cancel`, 'coord.das', {});
    expect(cancel.status).toBe(422);
    expect(cancel.body.error.code).toBe('MONTH_CLOSED');
    // the close wrote the child's enrolled days without the closed days
    const summary = (await participationFor(db, child.caseId, month)).find((s) => s.serviceId === 'cz-kuncz')!;
    expect(summary.enrolledDays).toBe(days.length - 3);
    expect(summary.scheduledDays).toBe(1);
  });
});
