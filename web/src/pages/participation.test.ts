import { addCalendarDays, isoWeekday } from '../../../shared/platform/calendar.js';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SheetRow } from '../../../shared/services/attendance.js';
import { configureZod } from '../lib/zod-setup.js';
import { menuFor, pages } from '../routes.js';
import {
  allPresent, changedRows, endSentence, sheetConflicts, dayLabel, formFromSheet, lastOpenDayOn, markFromForm, myServices, neighbourOpenDay, openDaysBetween,
  previousMonthStart, sheetBody, sheetErrors,
} from './attendance.js';
import { participationLine } from './case.js';
import { emptySession, mapSessionErrors, participantsOf, sessionBody, sessionErrors } from './sessions.js';

beforeAll(() => configureZod());

const weekdays = [1, 2, 3, 4, 5];
const rows = [
  { caseId: 'C1', mark: null },
  { caseId: 'C2', mark: { status: 'present' as const } },
  { caseId: 'C3', mark: { status: 'excused' as const, excuseReason: 'medical' as const, note: 'gripă' } },
];

describe('attendance sheet form', () => {
  it('maps API rows to form state and back without changing anything', () => {
    const f = formFromSheet(rows);
    expect(f.marks.map((m) => m.mark.status)).toEqual(['', 'present', 'excused']);
    expect(f.marks[2]!.mark).toEqual({ status: 'excused', excuseReason: 'medical', note: 'gripă' });
    expect(f.marks.map((m) => markFromForm(m.mark))).toEqual(rows.map((r) => r.mark));
    expect(changedRows(rows, f)).toBe(0);
  });

  it('sends every row in one body with the version, the reason only with an excused absence', () => {
    const f = formFromSheet(rows);
    f.marks[1]!.mark = { status: 'absent', excuseReason: 'medical', note: ' ' };
    expect(sheetBody(f, 4, false)).toEqual({
      version: 4,
      marks: [
        { caseId: 'C1', mark: null },
        { caseId: 'C2', mark: { status: 'absent' } },
        { caseId: 'C3', mark: { status: 'excused', excuseReason: 'medical', note: 'gripă' } },
      ],
    });
    expect(changedRows(rows, f)).toBe(1);
    // the correction reason goes only to a closed month
    expect(sheetBody({ ...f, correctionReason: ' greșeală de marcare ' }, 4, true).correctionReason).toBe('greșeală de marcare');
    expect(sheetBody({ ...f, correctionReason: 'x' }, 4, false)).not.toHaveProperty('correctionReason');
  });

  it('"Toți prezenți" marks every child present and keeps rows already present', () => {
    const f = formFromSheet([{ caseId: 'A', mark: { status: 'present', note: 'a venit târziu' } }, ...rows]);
    const all = allPresent(f);
    expect(all.marks.every((m) => m.mark.status === 'present')).toBe(true);
    expect(all.marks[0]!.mark.note).toBe('a venit târziu');
    expect(all.marks[3]!.mark).toEqual({ status: 'present', excuseReason: '', note: '' });
  });

  it('checks rows with the shared schema, on the API paths, and asks for a correction reason in a closed month', () => {
    const f = formFromSheet(rows);
    f.marks[0]!.mark = { status: 'excused', excuseReason: '', note: '' };
    f.marks[1]!.mark = { status: 'excused', excuseReason: 'other', note: '' };
    const e = sheetErrors(f, false, 2);
    expect(e['marks.0.mark.excuseReason']).toBe('Alegeți motivul absenței');
    expect(e['marks.1.mark.note']).toContain('Alt motiv');
    expect(e).not.toHaveProperty('correctionReason');
    expect(sheetErrors(formFromSheet(rows), true, 1).correctionReason).toContain('motivul corecturii');
    expect(sheetErrors(formFromSheet(rows), true, 0)).toEqual({});
    expect(sheetErrors({ ...formFromSheet(rows), correctionReason: 'Marcaj greșit' }, true, 1)).toEqual({});
  });
});

describe('open days', () => {
  it('lists only the days the centre is open, most recent first', () => {
    const days = openDaysBetween(weekdays, '2026-11-28', '2026-12-04');
    expect(days).toEqual(['2026-12-04', '2026-12-03', '2026-12-02', '2026-12-01', '2026-11-30']);
    expect(days.every((d) => isoWeekday(d) <= 5)).toBe(true);
    expect(previousMonthStart('2026-01-15')).toBe('2025-12-01');
    expect(previousMonthStart('2026-12-04')).toBe('2026-11-01');
  });

  it('steps to the neighbouring open day, never past today (property)', () => {
    expect(neighbourOpenDay(weekdays, '2026-11-30', -1, '2026-12-04')).toBe('2026-11-27');
    expect(neighbourOpenDay(weekdays, '2026-12-04', 1, '2026-12-04')).toBeUndefined();
    expect(lastOpenDayOn(weekdays, '2026-12-06')).toBe('2026-12-04');
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addCalendarDays('2025-01-01', n));
    const open = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
    fc.assert(fc.property(day, open, (d, o) => {
      const last = lastOpenDayOn(o, d)!;
      expect(last <= d && o.includes(isoWeekday(last))).toBe(true);
      const prev = neighbourOpenDay(o, d, -1, d)!;
      expect(prev < d && o.includes(isoWeekday(prev))).toBe(true);
      expect(openDaysBetween(o, prev, d).filter((x) => x !== d)).toEqual([prev]);
    }));
  });

  it('skips public holidays and closures when stepping to the neighbouring day', () => {
    // 30.11 (Sf. Andrei) and 01.12 (Ziua Națională) are public holidays; the centre closed 02.12 for disinfection
    const closed = new Map([['2026-11-30', 'Sfântul Andrei'], ['2026-12-01', 'Ziua Națională'], ['2026-12-02', 'Dezinfecție']]);
    expect(neighbourOpenDay(weekdays, '2026-12-03', -1, '2026-12-04', closed)).toBe('2026-11-27');
    expect(neighbourOpenDay(weekdays, '2026-11-27', 1, '2026-12-04', closed)).toBe('2026-12-03');
    expect(neighbourOpenDay(weekdays, '2026-12-03', -1, '2026-12-04')).toBe('2026-12-02');
  });

  it('labels a day with its Romanian weekday', () => {
    expect(dayLabel('2026-12-04')).toBe('vineri, 04.12.2026');
    expect(dayLabel('2026-03-02')).toBe('luni, 02.03.2026');
  });
});

describe('a sheet saved by someone else meanwhile (409)', () => {
  const row = (caseId: string, child: string, mark: SheetRow['mark']): SheetRow => ({ caseId, caseNumber: caseId, enrolmentId: `e-${caseId}`, child, mark, markLabel: null });
  it('names the children whose marks changed, joined or left, in the sheet order', () => {
    const loaded = [row('c1', 'Ana P.', null), row('c2', 'Ion M.', { status: 'present' }), row('c3', 'Dan T.', null), row('c4', 'Eva R.', null)];
    const now = [row('c1', 'Ana P.', { status: 'present' }), row('c2', 'Ion M.', { status: 'present' }), row('c3', 'Dan T.', null), row('c5', 'Lia S.', null)];
    expect(sheetConflicts(loaded, now)).toEqual(['Ana P.', 'Lia S.', 'Eva R.']);
    expect(sheetConflicts(loaded, loaded)).toEqual([]);
    // the sentence that lists them ends with one full stop, also after an initial
    expect(endSentence(sheetConflicts(loaded, now).join(", "))).toBe("Ana P., Lia S., Eva R.");
    expect(endSentence("Ana Pop")).toBe("Ana Pop.");
  });
});

describe('services of the user', () => {
  const role = (id: string) => [{ id, label: id }];
  it('staff keep the registers of the services they work in, coordinators those of their institution', () => {
    expect(myServices({ roles: role('centre_staff'), services: ['cz-kuncz'], institution: 'DAS' })).toEqual(['cz-kuncz']);
    expect(myServices({ roles: role('coordinator'), services: [], institution: 'DAS' })).toEqual(['cz-sf-nicolae', 'cz-kuncz', 'cr-podu-lung', 'int-a']);
    expect(myServices({ roles: role('coordinator'), services: [], institution: 'DGASPC' })).toEqual(['int-b']);
    expect(myServices({ roles: role('finance'), services: [], institution: 'DAS' })).toEqual([]);
  });

  it('show "Prezență" and "Ședințe" only to users holding the actions', () => {
    const staff = menuFor((a) => ['attendance.read', 'session.read', 'self.read'].includes(a)).map((m) => m.label);
    expect(staff).toEqual(['Prezență', 'Ședințe', 'Notificări']);
    const intervention = menuFor((a) => ['session.read'].includes(a)).map((m) => m.label);
    expect(intervention).toEqual(['Ședințe']);
    expect(pages.find((p) => p.pattern === '/prezenta/:serviceId/:groupId/:date')?.action).toBe('attendance.read');
  });
});

describe('session form', () => {
  const order = ['C1', 'C2', 'C3'];
  const filled = { ...emptySession('2026-12-04', 'u1'), kind: 'individual' as const, activityType: 'social_counselling', durationMinutes: ' 45 ', people: { C2: { child: true, parent: false } } };

  it('requires what the API requires, with its messages', () => {
    const e = sessionErrors(emptySession('2026-12-04', 'u1'), order);
    expect(Object.keys(e).sort()).toEqual(['activityType', 'durationMinutes', 'kind', 'participants']);
    expect(sessionErrors({ ...filled, durationMinutes: '4' }, order).durationMinutes).toBe('Durata minimă este 5 minute');
    expect(sessionErrors({ ...filled, durationMinutes: '12.5' }, order).durationMinutes).toBe('Durata se dă în minute întregi');
    expect(sessionErrors({ ...filled, durationMinutes: '481' }, order).durationMinutes).toBe('Durata maximă este 480 de minute');
    const two = { ...filled, people: { C1: { child: true, parent: false }, C3: { child: false, parent: true } } };
    expect(sessionErrors(two, order).participants).toContain('un singur copil');
    expect(sessionErrors({ ...two, kind: 'group' }, order)).toEqual({});
    expect(sessionErrors(filled, order)).toEqual({});
  });

  it('sends the ticked children in list order, child and/or parent present', () => {
    const group = { ...filled, kind: 'group' as const, groupId: 'g1', note: '', people: { C3: { child: false, parent: true }, C1: { child: true, parent: true }, C2: { child: false, parent: false } } };
    expect(participantsOf(group, order)).toEqual([
      { caseId: 'C1', childPresent: true, parentPresent: true },
      { caseId: 'C3', childPresent: false, parentPresent: true },
    ]);
    const body = sessionBody(group, order, 'req-1', false);
    expect(body).toMatchObject({ date: '2026-12-04', kind: 'group', activityType: 'social_counselling', durationMinutes: 45, professional: 'u1', groupId: 'g1', clientRequestId: 'req-1' });
    expect(body).not.toHaveProperty('note');
    expect(sessionBody({ ...filled, groupId: 'g1' }, order, 'r', false)).not.toHaveProperty('groupId');
    expect(sessionBody({ ...filled, correctionReason: 'Înregistrare întârziată' }, order, 'r', true).correctionReason).toBe('Înregistrare întârziată');
  });

  it('shows an API error about the i-th participant sent on that child’s row', () => {
    const e = mapSessionErrors([
      { path: 'participants.1.caseId', message: 'Copilul nu este înscris' },
      { path: 'participants', message: 'O ședință are un singur copil' },
      { path: 'activityType', message: 'Activitatea nu este oferită' },
    ], ['C1', 'C3']);
    expect(e).toEqual({ 'people.C3': 'Copilul nu este înscris', participants: 'O ședință are un singur copil', activityType: 'Activitatea nu este oferită' });
  });
});

describe('participation on the case page', () => {
  const summary = { scheduledDays: 10, presentDays: 8, absentDays: 1, excusedDays: 1, sessions: 0, parentSessions: 0, corrections: 0 };
  it('says days present for a centre and sessions for an intervention', () => {
    const centre = participationLine({ summary, evaluation: { active: true, reasons: [], measures: { rule: 'attendance', attendanceRatio: 8 / 9, requiredRatio: 0.8, requiredSessions: null, requiredParentSessions: null } } });
    expect(centre).toBe('8 zile prezent din 10 zile marcate, 1 motivată · prezență 89% (minimum 80%)');
    const allExcused = participationLine({ summary: { ...summary, scheduledDays: 1, presentDays: 0, absentDays: 0, excusedDays: 1 }, evaluation: { active: false, reasons: [], measures: { rule: 'attendance', attendanceRatio: null, requiredRatio: 0.5, requiredSessions: null, requiredParentSessions: null } } });
    expect(allExcused).toBe('0 zile prezent din 1 zi marcată, 1 motivată · minimum 50% prezență');
    const intervention = participationLine({ summary: { ...summary, sessions: 1, parentSessions: 2 }, evaluation: { active: false, reasons: [], measures: { rule: 'sessions', attendanceRatio: null, requiredRatio: null, requiredSessions: 4, requiredParentSessions: 2 } } });
    expect(intervention).toBe('1 ședință (minimum 4) · 2 ședințe cu părinții (minimum 2)');
  });
});
