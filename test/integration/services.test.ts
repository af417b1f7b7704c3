/**
 * Services, capacity and participation registers through the HTTP API on the live local runtime: enrolment up to
 * capacity and onto the waiting list, a month of attendance saved sheet by sheet and checked against an independent
 * count, the month close and a correction after it, sessions (Intervention A and B), a transfer, and refusals for
 * staff of another centre. The runtime is shared with other test files: every check filters by the cases created here.
 */
import { describe, expect, it, inject } from 'vitest';
import { getService } from '../../shared/services/catalogue.js';
import { markCorrectionsApplied, pendingCorrections, readMonthSummaries } from '../../shared/services/index.js';
import type { StoredSummary } from '../../shared/services/register-store.js';
import { Api, eventually, inbox, type Mail } from '../support/api.js';
import { evaluationForm, isoDay, referralForm } from '../support/fixtures.js';
import { auditOf, documentClient, submitForm } from '../support/security.js';
import { caseWithApprovedPlan, enrolFrom, lastOpenDay, localDb, manyCases, monthsAgo, openDays, type EnrolmentView, type ServiceCase } from '../support/services.js';

const urls = inject('urls');
const api = new Api(urls);
const db = localDb(urls);

type Mark = { status: 'present' } | { status: 'absent' } | { status: 'excused'; excuseReason: 'medical' | 'school_event' | 'family_emergency' | 'other'; note?: string };

const bodyOf = (m: Mail) => `${m.subject}\n${m.body.text ?? ''}\n${m.body.html ?? ''}`;

async function group(serviceId: string, groupId: string, as = 'coord.das') {
  const r = await api.get('/services', as);
  expect(r.status).toBe(200);
  const s = (r.body.services as { serviceId: string; groups: { groupId: string; capacity: number; enrolled: number; waiting: number }[] }[]).find((x) => x.serviceId === serviceId)!;
  return s.groups.find((g) => g.groupId === groupId)!;
}

async function caseView(c: ServiceCase) {
  return (await api.get(`/cases/${c.caseId}`, c.manager)).body.case as { services: string[] };
}

async function historyActions(c: ServiceCase) {
  return ((await api.get(`/cases/${c.caseId}/history`, c.manager)).body.items as { action: string }[]).map((h) => h.action);
}

describe('enrolment, capacity and the waiting list', () => {
  it('fills a group to capacity, puts the next children on the waiting list and promotes the first one when a place frees', async () => {
    const capacityMail = (m: Mail) => m.subject.includes('Capacitate atinsă') && m.subject.includes('Kuncz') && m.subject.includes('Grupa mare') && m.destination.to.includes('coord.das@vatra.local');
    const placeMail = (m: Mail) => m.subject.includes('Loc disponibil') && m.subject.includes('Kuncz') && m.destination.to.includes('coord.das@vatra.local');
    const mailsBefore = await inbox(urls);
    const before = await group('cz-kuncz', 'g3');
    expect(before.waiting).toBe(0);
    const free = before.capacity - before.enrolled;
    // the plan approval enrols each child (the workflow's EnrolFromPlan step); approvals run in parallel, so the
    // queue order is read back from the waiting list rather than assumed
    const children: ServiceCase[] = await manyCases(api, free + 2, { serviceId: 'cz-kuncz', groupId: 'g3' });
    const byCase = new Map<string, EnrolmentView>();
    for (const c of children) byCase.set(c.caseId, await enrolFrom(api, c)); // idempotent: reports the enrolment the approval made
    const active = children.filter((c) => byCase.get(c.caseId)!.status === 'active');
    expect(active.length).toBe(free);
    expect(active.every((c) => byCase.get(c.caseId)!.groupId === 'g3')).toBe(true);
    const queue = await api.get('/services/cz-kuncz/enrolments?status=waiting', 'centru.kuncz');
    const queued = (queue.body.items as { caseId: string; waitingPosition: number }[]).filter((x) => byCase.has(x.caseId)).sort((a, b) => a.waitingPosition - b.waitingPosition);
    expect(queued.length).toBe(2);
    const caseOf = (id: string) => children.find((c) => c.caseId === id)!;

    const full = await group('cz-kuncz', 'g3');
    expect(full.enrolled).toBe(full.capacity);
    expect(full.waiting).toBe(2);
    // case.services follows the ACTIVE enrolments only (the access policy reads it)
    const firstIn = active[0]!;
    const waitingFirst = caseOf(queued[0]!.caseId);
    const waitingSecond = caseOf(queued[1]!.caseId);
    expect((await caseView(firstIn)).services).toEqual(['cz-kuncz']);
    expect((await caseView(waitingFirst)).services).toEqual([]);
    expect((await api.get(`/cases/${firstIn.caseId}`, 'centru.kuncz')).status).toBe(200);
    expect((await api.get(`/cases/${waitingFirst.caseId}`, 'centru.kuncz')).status).toBe(404);

    // the service's coordinators were told the group is full (DAS provides Kuncz)
    const capacityMails = await eventually(async () => {
      const mails = (await inbox(urls)).filter(capacityMail);
      return mails.length >= mailsBefore.filter(capacityMail).length + 2 ? mails : undefined;
    }, 'service_at_capacity mails');
    expect(JSON.stringify(capacityMails)).not.toContain(waitingFirst.lastName);

    // the waiting list, in order, for the centre's staff: first name and initial only
    const list = await api.get('/services/cz-kuncz/enrolments?status=waiting', 'centru.kuncz');
    expect(list.status).toBe(200);
    const mine = (list.body.items as { caseId: string; waitingPosition: number; child: string }[]).filter((x) => x.caseId === waitingFirst.caseId || x.caseId === waitingSecond.caseId);
    expect(mine.map((x) => x.caseId)).toEqual([waitingFirst.caseId, waitingSecond.caseId]);
    expect(mine[0]!.child).toBe(`${waitingFirst.firstName} ${waitingFirst.lastName[0]}.`);

    // enrolling again changes nothing (idempotent)
    const again = await api.post(`/cases/${firstIn.caseId}/enrolments`, 'coord.das', {});
    expect(again.status).toBe(200);
    expect(again.body.results[0].outcome).toBe('already_enrolled');
    expect((await group('cz-kuncz', 'g3')).enrolled).toBe(full.capacity);

    // a place frees: the first waiting child takes it, the coordinators are told
    const ended = await api.post(`/enrolments/${firstIn.caseId}/${byCase.get(firstIn.caseId)!.enrolmentId}/end`, 'coord.das', { reason: 'family_request' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.enrolment.status).toBe('ended');
    expect(ended.body.enrolment.to).toBe(isoDay(0));
    expect(ended.body.promoted).toEqual([byCase.get(waitingFirst.caseId)!.enrolmentId]);
    expect((await caseView(firstIn)).services).toEqual([]);
    expect((await caseView(waitingFirst)).services).toEqual(['cz-kuncz']);
    expect((await caseView(waitingSecond)).services).toEqual([]);
    const after = await group('cz-kuncz', 'g3');
    expect([after.enrolled, after.waiting]).toEqual([full.capacity, 1]);
    const placeMails = await eventually(async () => {
      const mails = (await inbox(urls)).filter(placeMail);
      return mails.length > mailsBefore.filter(placeMail).length ? mails : undefined;
    }, 'waiting_list mail');
    expect(bodyOf(placeMails.at(-1)!)).toContain(waitingFirst.caseNumber);
    expect(bodyOf(placeMails.at(-1)!)).not.toContain(waitingFirst.lastName);

    // each change is one history entry on the child's case
    expect(await historyActions(firstIn)).toEqual(expect.arrayContaining(['enrolment.create', 'enrolment.end']));
    expect(await historyActions(waitingFirst)).toEqual(expect.arrayContaining(['enrolment.waiting', 'enrolment.promote']));
    // ending twice is refused
    const twice = await api.post(`/enrolments/${firstIn.caseId}/${byCase.get(firstIn.caseId)!.enrolmentId}/end`, 'coord.das', { reason: 'family_request' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ENROLMENT_ALREADY_ENDED');
  }, 240_000);

  it('refuses enrolment in a service outside the approved plan, and enrolment changes by staff or other institutions', async () => {
    const c = await caseWithApprovedPlan(api, { serviceId: 'cz-sf-nicolae', groupId: 'g1' });
    const outside = await api.post(`/cases/${c.caseId}/enrolments`, 'coord.das', { serviceId: 'cz-kuncz' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('SERVICE_NOT_IN_PLAN');
    expect((await api.post(`/cases/${c.caseId}/enrolments`, 'centru.sfnicolae', {})).status).toBe(403);
    expect((await api.post(`/cases/${c.caseId}/enrolments`, 'coord.dgaspc', {})).status).toBe(404);
    const tooEarly = await api.post(`/cases/${c.caseId}/enrolments`, 'coord.das', { from: '2024-01-08' });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error.fields[0].path).toBe('from');
  });
});

describe('attendance registers, the monthly summary, month close and corrections', () => {
  const sfn = getService('cz-sf-nicolae')!;
  const month = monthsAgo(4);
  const days = openDays(month, sfn.schedule.daysOpen);
  const midDay = days[Math.floor(days.length / 2)]!;
  let children: ServiceCase[] = [];
  let late: ServiceCase;
  let unmarked: ServiceCase;
  /** independent count of what the test saved, per case */
  const expected = new Map<string, { scheduledDays: number; presentDays: number; absentDays: number; excusedDays: number; corrections: number }>();
  const marks = new Map<string, Map<string, Mark>>();

  const markFor = (i: number, d: number): Mark => {
    const k = (i * 7 + d * 3) % 10;
    if (k < 6) return { status: 'present' };
    if (k < 8) return { status: 'absent' };
    return k === 8 ? { status: 'excused', excuseReason: 'medical' } : { status: 'excused', excuseReason: 'other', note: 'Înmormântare în familie (test)' };
  };
  const count = (caseId: string) => {
    const m = [...(marks.get(caseId)?.values() ?? [])];
    return {
      scheduledDays: m.length,
      presentDays: m.filter((x) => x.status === 'present').length,
      absentDays: m.filter((x) => x.status === 'absent').length,
      excusedDays: m.filter((x) => x.status === 'excused').length,
    };
  };

  async function sheet(date: string, as = 'centru.sfnicolae') {
    const r = await api.get(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, as);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { version: number; monthClosed: boolean; rows: { caseId: string; child: string; mark: Mark | null }[] };
  }

  it('records a month of attendance for a group in bulk, one save per day', async () => {
    const first = `${month}-01`;
    const created = await manyCases(api, 7, { serviceId: 'cz-sf-nicolae', groupId: 'g2', consentDate: first }, 7);
    children = created.slice(0, 5);
    late = created[5]!;
    unmarked = created[6]!;
    for (const c of children) expect((await enrolFrom(api, c, first)).from).toBe(first);
    expect((await enrolFrom(api, late, midDay)).from).toBe(midDay);
    expect((await enrolFrom(api, unmarked, first)).from).toBe(first);
    const everyone = [...children, late];

    for (const [d, date] of days.entries()) {
      const s = await sheet(date);
      const ids = new Set(s.rows.map((r) => r.caseId));
      // the sheet lists exactly the children holding a place that day
      for (const c of children) expect(ids.has(c.caseId)).toBe(true);
      expect(ids.has(late.caseId)).toBe(date >= midDay);
      const rows = everyone.filter((c) => ids.has(c.caseId)).map((c) => ({ caseId: c.caseId, mark: markFor(everyone.indexOf(c), d) }));
      const r = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.sfnicolae', { version: s.version, marks: rows });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.version).toBe(s.version + 1);
      for (const row of rows) {
        const m = marks.get(row.caseId) ?? new Map<string, Mark>();
        m.set(date, row.mark);
        marks.set(row.caseId, m);
      }
    }
    // centre staff see first name + initial only
    const s = await sheet(days[0]!);
    const row = s.rows.find((r) => r.caseId === children[0]!.caseId)!;
    expect(row.child).toBe(`${children[0]!.firstName} ${children[0]!.lastName[0]}.`);
    expect(JSON.stringify(s)).not.toContain(children[0]!.lastName);
  });

  it('answers a stale sheet with 409, and bad marks or dates with Romanian 422s, writing nothing', async () => {
    const date = days[1]!;
    const s = await sheet(date);
    const c = children[0]!;
    const stale = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.sfnicolae', { version: s.version - 1, marks: [{ caseId: c.caseId, mark: { status: 'absent' } }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('SHEET_VERSION_CONFLICT');
    const noReason = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.sfnicolae', { version: s.version, marks: [{ caseId: c.caseId, mark: { status: 'excused' } }] });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields.map((f: { path: string }) => f.path)).toContain('marks.0.mark.excuseReason');
    expect(noReason.body.error.fields[0].message).toBe('Alegeți motivul absenței');
    const notHere = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.sfnicolae', { version: s.version, marks: [{ caseId: late.caseId, mark: { status: 'present' } }] });
    expect(notHere.status).toBe(date < midDay ? 422 : 200);
    if (date < midDay) expect(notHere.body.error.code).toBe('NOT_ENROLLED_ON_DATE');
    const future = await api.get(`/services/cz-sf-nicolae/groups/g2/attendance/${isoDay(7)}`, 'centru.sfnicolae');
    expect(future.status).toBe(422);
    const sunday = openDays(month, [7])[0]!;
    const closed = await api.get(`/services/cz-sf-nicolae/groups/g2/attendance/${sunday}`, 'centru.sfnicolae');
    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe('SERVICE_CLOSED_ON_DATE');
    expect((await sheet(date)).version).toBe(s.version);
    // an interventions' service keeps sessions, not sheets
    expect((await api.get(`/services/cr-podu-lung/groups/g1/attendance/${date}`, 'coord.das')).body.error.code).toBe('NO_ATTENDANCE_SHEET');
  });

  it('a change before the close is counted as a correction and the counters follow it', async () => {
    const c = children[1]!;
    const date = days.find((d) => marks.get(c.caseId)!.get(d)!.status === 'absent')!;
    const s = await sheet(date);
    const r = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'coord.das', { version: s.version, marks: [{ caseId: c.caseId, mark: { status: 'present' } }] });
    expect(r.status).toBe(200);
    expect(r.body.changed).toBe(1);
    marks.get(c.caseId)!.set(date, { status: 'present' });
    // a coordinator sees full names
    expect(r.body.rows.find((x: { caseId: string }) => x.caseId === c.caseId).child).toBe(`${c.firstName} ${c.lastName}`);
    for (const x of [...children, late]) expected.set(x.caseId, { ...count(x.caseId), corrections: x === c ? 1 : 0 });
  });

  it('keeps the monthly summary equal to an independent count, readable page by page for the subsidy run', async () => {
    for (const c of [...children, late]) {
      const r = await api.get(`/cases/${c.caseId}/participation?month=${month}`, c.manager);
      expect(r.status).toBe(200);
      const svc = r.body.services.find((x: { serviceId: string }) => x.serviceId === 'cz-sf-nicolae');
      expect(svc.summary).toMatchObject(expected.get(c.caseId)!);
      const enrolledDays = c === late ? days.filter((d) => d >= midDay).length : days.length;
      expect(svc.summary.enrolledDays).toBe(enrolledDays);
      expect(svc.marks).toHaveLength(expected.get(c.caseId)!.scheduledDays);
      // the rule is evaluated from the summary alone
      expect(svc.evaluation.measures.enrolledScheduledDays).toBe(enrolledDays);
      expect(svc.evaluation.measures.presentDays).toBe(expected.get(c.caseId)!.presentDays);
    }
    // the index the subsidy run pages through: small pages, every summary once
    const found = new Map<string, StoredSummary>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await readMonthSummaries(db, month, cursor, 3);
      for (const s of page.items) {
        expect(found.has(`${s.caseId}#${s.serviceId}`)).toBe(false);
        found.set(`${s.caseId}#${s.serviceId}`, s);
      }
      cursor = page.cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    for (const c of [...children, late]) expect(found.get(`${c.caseId}#cz-sf-nicolae`)).toMatchObject(expected.get(c.caseId)!);
  });

  it('after the month is closed, a change needs a reason and is stored as a pending correction, never a silent rewrite', async () => {
    expect((await api.post(`/months/${month}/close`, 'coord.das', {})).body.error.fields[0].path).toBe('reason');
    const bad = await api.post(`/months/${month}/close`, 'coord.das', { reason: 'Registrele lunii (test).', acceptIncomplete: 'da' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'acceptIncomplete', message: 'Confirmarea registrelor incomplete este da sau nu' });
    // the child with no mark leaves the register of group g2 incomplete: the close is refused, naming the centre and
    // the group, and writes nothing (no close, no summary refreshed)
    const reason = 'Registrele lunii sunt verificate (test).';
    const page = await api.get(`/months/${month}`, 'coord.das');
    expect(page.status).toBe(200);
    const g2 = (page.body.incomplete as { serviceId: string; groupId: string; groupName: string; children: number; unrecordedDays: number; caseNumbers: string[] }[]).find((r) => r.serviceId === 'cz-sf-nicolae' && r.groupId === 'g2')!;
    expect(g2).toMatchObject({ serviceName: 'CZ Sf. Nicolae', children: 1, unrecordedDays: days.length, caseNumbers: [unmarked.caseNumber] });
    const summariesBefore = (await readMonthSummaries(db, month, undefined, 1000)).items;
    const refused = await api.post(`/months/${month}/close`, 'coord.das', { reason });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REGISTERS_INCOMPLETE');
    expect(refused.body.error.message).toContain(`CZ Sf. Nicolae, ${g2.groupName}: 1 copil, ${days.length}${days.length >= 20 ? ' de' : ''} zile programate nemarcate`);
    expect(refused.body.error.incomplete).toContainEqual({ serviceId: 'cz-sf-nicolae', groupId: 'g2', children: 1, unrecordedDays: days.length });
    expect((await api.get(`/months/${month}`, 'coord.das')).body.close).toBeNull();
    expect((await readMonthSummaries(db, month, undefined, 1000)).items).toEqual(summariesBefore);
    // 20 coordinators closing at once, accepting the incomplete register (that child's month stays held back): one
    // close, recorded with its reason; the others told who closed it and when
    const tries = await Promise.all(Array.from({ length: 20 }, () => api.post(`/months/${month}/close`, 'coord.das', { reason, acceptIncomplete: true })));
    expect(tries.filter((r) => r.status === 201)).toHaveLength(1);
    const lost = tries.filter((r) => r.status !== 201);
    expect(lost.map((r) => r.status)).toEqual(Array(19).fill(409));
    for (const r of lost) expect(r.body.error).toMatchObject({ code: 'MONTH_ALREADY_CLOSED', closedBy: expect.any(String), closedAt: expect.any(String) });
    expect(lost[0]!.body.error.message).toMatch(/^Luna a fost deja închisă de .+ la \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\.$/);
    const close = tries.find((r) => r.status === 201)!;
    expect(close.body.close).toMatchObject({ month, reason });
    // the audit says the close accepted incomplete registers, and which places (never names)
    const closeAudit = (await auditOf(documentClient(urls), 'run', `month:${month}`)).filter((a) => a.action === 'month.close');
    expect(closeAudit).toHaveLength(1);
    expect(closeAudit[0]!.detail).toMatchObject({ acceptIncomplete: true, incompleteRegisters: expect.arrayContaining([{ serviceId: 'cz-sf-nicolae', groupId: 'g2', children: 1, unrecordedDays: days.length }]) });
    expect(JSON.stringify(closeAudit[0])).not.toContain(unmarked.lastName);
    // the close wrote a summary for the enrolled child who has no mark at all
    const summaries = (await readMonthSummaries(db, month, undefined, 1000)).items;
    expect(summaries.find((s) => s.caseId === unmarked.caseId)).toMatchObject({ scheduledDays: 0, enrolledDays: days.length });
    const again = await api.post(`/months/${month}/close`, 'coord.das', { reason, acceptIncomplete: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MONTH_ALREADY_CLOSED');

    const c = children[2]!;
    const date = days[3]!;
    const old = marks.get(c.caseId)!.get(date)!;
    const next: Mark = old.status === 'present' ? { status: 'absent' } : { status: 'present' };
    const s = await sheet(date);
    expect(s.monthClosed).toBe(true);
    const silent = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.sfnicolae', { version: s.version, marks: [{ caseId: c.caseId, mark: next }] });
    expect(silent.status).toBe(422);
    expect(silent.body.error.code).toBe('CORRECTION_REASON_REQUIRED');
    expect((await sheet(date)).rows.find((r) => r.caseId === c.caseId)!.mark).toEqual(old);

    const corrected = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.sfnicolae', { version: s.version, marks: [{ caseId: c.caseId, mark: next }], correctionReason: 'Prezență trecută greșit în foaie (test)' });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    marks.get(c.caseId)!.set(date, next);

    const listed = await api.get(`/months/${month}/corrections`, 'coord.das');
    expect(listed.status).toBe(200);
    const mine = (listed.body.items as { correctionId: string; caseId: string; kind: string; before: Mark; after: Mark; reason: string; author: { userId: string }; status: string }[]).filter((x) => x.caseId === c.caseId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'attendance', before: old, after: next, reason: 'Prezență trecută greșit în foaie (test)', status: 'pending' });
    const participation = await api.get(`/cases/${c.caseId}/participation?month=${month}`, c.manager);
    const summary = participation.body.services[0].summary;
    expect(summary).toMatchObject({ ...count(c.caseId), corrections: expected.get(c.caseId)!.corrections + 1 });
    expect(participation.body.monthClosed).toBe(true);

    // the subsidy run consumes pending corrections and marks them, once
    const pending = await pendingCorrections(db, month);
    expect(pending.map((p) => p.correctionId)).toContain(mine[0]!.correctionId);
    expect(await markCorrectionsApplied(db, [mine[0]!.correctionId], 'RUN-TEST')).toEqual({ applied: [mine[0]!.correctionId], skipped: [] });
    expect(await markCorrectionsApplied(db, [mine[0]!.correctionId], 'RUN-TEST')).toEqual({ applied: [], skipped: [mine[0]!.correctionId] });
    expect((await pendingCorrections(db, month)).some((p) => p.correctionId === mine[0]!.correctionId)).toBe(false);
  });

  it('closes only finished months of the project period, and only for a coordinator of the project lead', async () => {
    const reason = 'Închidere cerută în test (motivare).';
    const current = await api.post(`/months/${isoDay(0).slice(0, 7)}/close`, 'coord.das', { reason });
    expect(current.status).toBe(422);
    expect(current.body.error.code).toBe('MONTH_NOT_OVER');
    for (const m of ['1999-01', '2025-02', '2031-01']) {
      const r = await api.post(`/months/${m}/close`, 'coord.das', { reason });
      expect(r.status, m).toBe(422);
      expect(r.body.error.code).toBe('MONTH_OUTSIDE_PROJECT');
      expect(r.body.error.message).toMatch(/în afara perioadei proiectului/);
    }
    expect((await api.post(`/months/${month}/close`, 'coord.dgaspc', { reason })).status).toBe(403);
    expect((await api.post(`/months/${month}/close`, 'centru.sfnicolae', { reason })).status).toBe(403);
    expect((await api.post(`/months/${month}/close`, 'manager.proiect', { reason })).status).toBe(403);
  });

  it('refuses staff of another centre (403 on the sheet, 404 on the child) and writes nothing', async () => {
    const date = days[2]!;
    const before = await sheet(date);
    const c = children[0]!;
    const read = await api.get(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.kuncz');
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain(c.firstName);
    const write = await api.put(`/services/cz-sf-nicolae/groups/g2/attendance/${date}`, 'centru.kuncz', { version: before.version, marks: [{ caseId: c.caseId, mark: { status: 'absent' } }], correctionReason: 'Încercare neautorizată (test)' });
    expect(write.status).toBe(403);
    expect((await api.get(`/services/cz-sf-nicolae/enrolments`, 'centru.kuncz')).status).toBe(403);
    expect((await api.get(`/cases/${c.caseId}/participation?month=${month}`, 'centru.kuncz')).status).toBe(404);
    expect((await api.post('/services/cz-sf-nicolae/sessions', 'interventie.gal', { date, kind: 'individual', activityType: 'social_counselling', durationMinutes: 30, participants: [{ caseId: c.caseId, childPresent: true, parentPresent: false }] })).status).toBe(403);
    const after = await sheet(date);
    expect(after.version).toBe(before.version);
    expect(after.rows.find((r) => r.caseId === c.caseId)!.mark).toEqual(before.rows.find((r) => r.caseId === c.caseId)!.mark);
    // the refusal is in the audit log; the reads of the child's register data by the centre are there too
    const doc = documentClient(urls);
    const denied = await auditOf(doc, 'case', `sheet:cz-sf-nicolae:g2:${date}`);
    expect(denied.some((a) => a.outcome === 'denied' && a.action === 'attendance.write')).toBe(true);
    const childAudit = await auditOf(doc, 'case', c.caseId);
    expect(childAudit.some((a) => a.action === 'attendance.write' && a.outcome === 'allowed')).toBe(true);
    expect(childAudit.some((a) => a.action === 'attendance.read' && a.outcome === 'allowed')).toBe(true);
    // the audit of a save is written in one request, yet each child on the sheet has an entry of its own
    for (const row of before.rows) {
      const trail = await auditOf(doc, 'case', row.caseId);
      expect(trail.filter((a) => a.action === 'attendance.write' && a.outcome === 'allowed' && a.subjectId === row.caseId).length, row.caseId).toBeGreaterThan(0);
    }
  });

  it('transfers a child to another centre in one step; the old centre loses access', async () => {
    const c = children[4]!;
    const current = (await api.get(`/cases/${c.caseId}/enrolments`, c.manager)).body.items.find((e: { status: string }) => e.status === 'active');
    const full = await api.post(`/enrolments/${c.caseId}/${current.enrolmentId}/transfer`, 'coord.das', { serviceId: 'cz-kuncz', groupId: 'g3' });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('TARGET_FULL');
    const moved = await api.post(`/enrolments/${c.caseId}/${current.enrolmentId}/transfer`, 'coord.das', { serviceId: 'cz-kuncz', groupId: 'g2' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.ended).toMatchObject({ status: 'ended', to: isoDay(-1), endReason: 'transfer' });
    expect(moved.body.started).toMatchObject({ status: 'active', serviceId: 'cz-kuncz', groupId: 'g2', from: isoDay(0) });
    expect(moved.body.services).toEqual(['cz-kuncz']);
    expect((await api.get(`/cases/${c.caseId}/participation?month=${month}`, 'centru.sfnicolae')).status).toBe(404);
    const kunczView = await api.get(`/cases/${c.caseId}/participation?month=${month}`, 'centru.kuncz');
    expect(kunczView.status).toBe(200);
    // Kuncz staff see only Kuncz participation, not the Sf. Nicolae register of the past month
    expect(kunczView.body.services).toEqual([]);
    expect(await historyActions(c)).toContain('enrolment.transfer');
  });
});

describe('sessions', () => {
  it('records Intervention A sessions (group, family) and counts what counts for the child', async () => {
    // the last open day may be before today (a weekend): consent and enrolment date from it
    const date = lastOpenDay(getService('int-a')!.schedule.daysOpen);
    const c = await caseWithApprovedPlan(api, { serviceId: 'int-a', groupId: 'gal', consentDate: date });
    const other = await caseWithApprovedPlan(api, { serviceId: 'int-a', groupId: 'gal', consentDate: date });
    await enrolFrom(api, c, date);
    await enrolFrom(api, other, date);
    const requestId = crypto.randomUUID();
    const body = {
      date, kind: 'group', activityType: 'psychological_counselling', durationMinutes: 90, groupId: 'gal', clientRequestId: requestId,
      participants: [{ caseId: c.caseId, childPresent: true, parentPresent: false }, { caseId: other.caseId, childPresent: false, parentPresent: true }],
    };
    // the professional named must work in the service (a made-up id or a day-centre educator is refused, nothing written)
    const educator = (await api.get('/me', 'centru.kuncz')).body.userId;
    for (const professional of ['nu-exista', educator]) {
      const refused = await api.post('/services/int-a/sessions', 'interventie.gal', { ...body, clientRequestId: crypto.randomUUID(), professional });
      expect(refused.status, professional).toBe(422);
      expect(refused.body.error.fields.map((f: { code: string }) => f.code)).toContain('PROFESSIONAL_NOT_IN_SERVICE');
    }
    const r = await api.post('/services/int-a/sessions', 'interventie.gal', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.sessions).toHaveLength(2);
    // a double-clicked save is recorded once
    const dup = await api.post('/services/int-a/sessions', 'interventie.gal', body);
    expect(dup.status).toBe(200);
    expect(dup.body.duplicate).toBe(true);
    expect(dup.body.sessionGroupId).toBe(r.body.sessionGroupId);
    const family = await api.post('/services/int-a/sessions', 'interventie.gal', { date, kind: 'family', activityType: 'social_counselling', durationMinutes: 60, participants: [{ caseId: other.caseId, childPresent: false, parentPresent: true }] });
    expect(family.status).toBe(201);
    const two = await api.post('/services/int-a/sessions', 'interventie.gal', { date, kind: 'individual', activityType: 'social_counselling', durationMinutes: 60, participants: [{ caseId: c.caseId, childPresent: true, parentPresent: false }, { caseId: other.caseId, childPresent: true, parentPresent: false }] });
    expect(two.status).toBe(422);
    expect(two.body.error.fields[0].code).toBe('ONE_PARTICIPANT');
    const unknownActivity = await api.post('/services/int-a/sessions', 'interventie.gal', { date, kind: 'individual', activityType: 'kinetotherapy', durationMinutes: 60, participants: [{ caseId: c.caseId, childPresent: true, parentPresent: false }] });
    expect(unknownActivity.status).toBe(422);

    const month = date.slice(0, 7);
    const pc = (await api.get(`/cases/${c.caseId}/participation?month=${month}`, 'interventie.gal')).body.services[0];
    const po = (await api.get(`/cases/${other.caseId}/participation?month=${month}`, 'interventie.gal')).body.services[0];
    // the child present counts; a group session with only the parent does not, a family session with the parent does
    expect(pc.summary.sessions).toBe(1);
    expect(po.summary.sessions).toBe(1);
    expect(po.sessions).toHaveLength(2);

    // cancelling a session recorded by mistake takes it out of the counters
    const sessionPath = `/cases/${c.caseId}/sessions/${r.body.sessions.find((s: { caseId: string }) => s.caseId === c.caseId).sessionId}`;
    // staff of another service get the same answer as for a session that does not exist
    const foreign = await api.put(sessionPath, 'centru.kuncz', { cancelled: true });
    const missing = await api.put(`/cases/${c.caseId}/sessions/01ARZ3NDEKTSV4RRFFQ69G5FAV`, 'centru.kuncz', { cancelled: true });
    expect([foreign.status, foreign.body.error.code]).toEqual([missing.status, missing.body.error.code]);
    expect(foreign.status).toBe(404);
    const cancel = await api.put(sessionPath, 'interventie.gal', { cancelled: true });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect((await api.get(`/cases/${c.caseId}/participation?month=${month}`, c.manager)).body.services[0].summary).toMatchObject({ sessions: 0, corrections: 1 });
    const day = await api.get(`/services/int-a/sessions?date=${date}`, 'interventie.gal');
    expect(day.body.items.filter((s: { caseId: string }) => s.caseId === c.caseId || s.caseId === other.caseId)).toHaveLength(3);
  });

  it('records Intervention B parents’ counselling as a parents’ session', async () => {
    const date = lastOpenDay(getService('int-b')!.schedule.daysOpen);
    const c = await caseWithApprovedPlan(api, { serviceId: 'int-b', consentDate: date });
    expect(c.coordinator).toBe('coord.dgaspc');
    await enrolFrom(api, c, date);
    const r = await api.post('/services/int-b/sessions', 'interventie.gal', { date, kind: 'family', activityType: 'parent_counselling', durationMinutes: 60, participants: [{ caseId: c.caseId, childPresent: false, parentPresent: true }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.sessions[0].parentSessionType).toBe('parent_counselling');
    const p = await api.get(`/cases/${c.caseId}/participation?month=${date.slice(0, 7)}`, 'manager.dgaspc');
    expect(p.status).toBe(200);
    const svc = p.body.services[0];
    expect(svc.summary).toMatchObject({ sessions: 1, parentSessions: 1 });
    expect(svc.evaluation.measures.parentSessions).toBe(1);
    // the GAL coordinator manages Intervention B with DGASPC: it may see the child's participation; DAS may not
    expect((await api.get(`/cases/${c.caseId}/participation`, 'coord.gal')).status).toBe(200);
    expect((await api.get(`/cases/${c.caseId}/participation`, 'coord.das')).status).toBe(404);
  });
});

describe('provider coordinators', () => {
  it('let GAL manage Intervention A for a child, never the same child\'s day-centre place', async () => {
    const form = referralForm();
    const r = await api.post('/referrals', 'manager.das', form);
    expect(r.status).toBe(201);
    const caseId = r.body.case.caseId as string;
    await submitForm(api, caseId, 'evaluation', 'manager.das', evaluationForm());
    await submitForm(api, caseId, 'plan', 'manager.das', {
      objectives: [{ id: 'O1', text: 'Participare regulată (test)' }],
      services: [{ serviceId: 'cz-kuncz', responsible: 'Echipa de test' }, { serviceId: 'int-a', responsible: 'Echipa GAL de test' }],
      cohort: '18m', reviewDate: isoDay(60),
    });
    await submitForm(api, caseId, 'plan_approval', 'coord.das', { decision: 'approved' }, 'coord.das');
    const enrolments = await eventually(async () => {
      const e = await api.get(`/cases/${caseId}/enrolments`, 'coord.das');
      return (e.body.items as EnrolmentView[]).length === 2 ? (e.body.items as EnrolmentView[]) : undefined;
    }, 'both enrolments of the plan');
    const kuncz = enrolments.find((e) => e.serviceId === 'cz-kuncz')!;
    // Intervention A alone: GAL provides it
    expect((await api.post(`/cases/${caseId}/enrolments`, 'coord.gal', { serviceId: 'int-a' })).status).toBe(200);
    // the whole plan (it holds a DAS day centre), a DAS place moved into Intervention A, the child's DAS registers: refused
    expect((await api.post(`/cases/${caseId}/enrolments`, 'coord.gal', {})).status).toBe(404);
    expect((await api.post(`/enrolments/${caseId}/${kuncz.enrolmentId}/transfer`, 'coord.gal', { serviceId: 'int-a' })).status).toBe(404);
    expect((await api.get(`/cases/${caseId}/participation`, 'coord.gal')).status).toBe(404);
    expect((await api.get(`/cases/${caseId}/enrolments`, 'coord.das')).body.items.find((e: EnrolmentView) => e.enrolmentId === kuncz.enrolmentId).status).toBe('active');
  });
});

describe('the catalogue', () => {
  it('shows places per group and the project targets, Roma counts suppressed outside the project team', async () => {
    const team = await api.get('/services', 'manager.proiect');
    expect(team.status).toBe(200);
    expect(team.body.services.map((s: { serviceId: string }) => s.serviceId)).toEqual(['cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a', 'int-b']);
    const dayCentres = team.body.targets.find((t: { targetId: string }) => t.targetId === 'day-centres');
    expect(dayCentres).toMatchObject({ minChildren: 117, minRoma: 27 });
    expect(dayCentres.childrenServed).toBeGreaterThan(20);
    expect(dayCentres.roma.suppressed).toBe(false);
    const staff = await api.get('/services', 'centru.kuncz');
    const staffTarget = staff.body.targets.find((t: { targetId: string }) => t.targetId === 'day-centres');
    expect(staffTarget.roma.suppressed).toBe(staffTarget.roma.value === null);
    if (dayCentres.roma.value < 5) expect(staffTarget.roma.display).toBe('<5');
    expect(team.body.targets.find((t: { targetId: string }) => t.targetId === 'int-a').roma).toBeNull();
  });
});
