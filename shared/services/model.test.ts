import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAttendanceDelta,
  applySessionDelta,
  attendanceDelta,
  attendanceMarkSchema,
  countSummary,
  emptySummary,
  monthlyParticipationSummarySchema,
  ParticipationCounterError,
  sessionRecordSchema,
  type AttendanceMark,
  type SessionRecord,
} from './model.js';

const key = { caseId: 'c1', month: '2026-02', serviceId: 'int-b' };
const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  caseId: 'c1', serviceId: 'int-b', date: '2026-02-10', kind: 'individual', childPresent: true, parentPresent: false,
  activityType: 'psychological_counselling', durationMinutes: 50, professional: 'u-psiholog', ...over,
});

describe('attendance mark schema', () => {
  it('accepts the three statuses; an excused absence needs its reason', () => {
    expect(attendanceMarkSchema.safeParse({ status: 'present' }).success).toBe(true);
    expect(attendanceMarkSchema.safeParse({ status: 'excused', excuseReason: 'medical' }).success).toBe(true);
    const r = attendanceMarkSchema.safeParse({ status: 'excused' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('Alegeți motivul absenței');
  });

  it('"other" needs a note', () => {
    expect(attendanceMarkSchema.safeParse({ status: 'excused', excuseReason: 'other' }).success).toBe(false);
    expect(attendanceMarkSchema.safeParse({ status: 'excused', excuseReason: 'other', note: 'Deces în familie' }).success).toBe(true);
    expect(attendanceMarkSchema.safeParse({ status: 'late' }).success).toBe(false);
  });
});

describe('session record schema', () => {
  it('accepts a parents’ counselling session at intervention B', () => {
    expect(sessionRecordSchema.safeParse(session({ childPresent: false, parentPresent: true, parentSessionType: 'parent_counselling', activityType: 'parent_counselling' })).success).toBe(true);
  });

  it('refuses an activity the service does not offer, a parents’ session without the parent, and parents’ sessions elsewhere', () => {
    const msgs = (s: SessionRecord) => sessionRecordSchema.safeParse(s).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(msgs(session({ activityType: 'kinetotherapy' }))).toEqual(['activityType']);
    expect(msgs(session({ parentSessionType: 'parenting_skills', parentPresent: false }))).toEqual(['parentPresent']);
    expect(msgs(session({ serviceId: 'int-a', parentPresent: true, parentSessionType: 'parenting_skills', activityType: 'legal_counselling' }))).toEqual(['parentSessionType']);
    expect(msgs(session({ serviceId: 'nu-exista' }))).toEqual(['serviceId']);
    expect(msgs(session({ date: '2026-02-30' }))).toEqual(['date']);
  });
});

describe('incremental counters', () => {
  it('a new mark adds a scheduled day; changing it moves the day and counts a correction', () => {
    let s = applyAttendanceDelta(emptySummary('c1', '2026-02', 'cz-kuncz'), undefined, { status: 'absent' });
    expect(s).toMatchObject({ scheduledDays: 1, absentDays: 1, corrections: 0 });
    s = applyAttendanceDelta(s, { status: 'absent' }, { status: 'excused', excuseReason: 'medical' });
    expect(s).toMatchObject({ scheduledDays: 1, absentDays: 0, excusedDays: 1, corrections: 1 });
    s = applyAttendanceDelta(s, { status: 'excused', excuseReason: 'medical' }, undefined);
    expect(s).toMatchObject({ scheduledDays: 0, excusedDays: 0, corrections: 2 });
  });

  it('saving the same mark again changes nothing', () => {
    expect(Object.values(attendanceDelta({ status: 'present' }, { status: 'present' })).every((v) => v === 0)).toBe(true);
  });

  it('refuses to remove a mark the summary never counted', () => {
    expect(() => applyAttendanceDelta(emptySummary('c1', '2026-02', 'cz-kuncz'), { status: 'present' }, undefined)).toThrow(ParticipationCounterError);
  });

  it('counts child or family sessions, and parents’ sessions separately', () => {
    let s = emptySummary('c1', '2026-02', 'int-b');
    s = applySessionDelta(s, undefined, session());
    s = applySessionDelta(s, undefined, session({ kind: 'family', childPresent: false, parentPresent: true }));
    s = applySessionDelta(s, undefined, session({ childPresent: false, parentPresent: true, parentSessionType: 'parenting_skills', activityType: 'parenting_skills' }));
    s = applySessionDelta(s, undefined, session({ childPresent: false }));
    expect(s).toMatchObject({ sessions: 2, parentSessions: 1, corrections: 0 });
  });

  it('refuses a session of another month, service or child', () => {
    const s = emptySummary('c1', '2026-02', 'int-b');
    expect(() => applySessionDelta(s, undefined, session({ date: '2026-03-02' }))).toThrow(/nu aparține/);
    expect(() => applySessionDelta(s, undefined, session({ caseId: 'c2' }))).toThrow(ParticipationCounterError);
  });

  const markArb: fc.Arbitrary<AttendanceMark> = fc.oneof(
    fc.constant<AttendanceMark>({ status: 'present' }),
    fc.constant<AttendanceMark>({ status: 'absent' }),
    fc.constantFrom('medical', 'school_event', 'family_emergency', 'other').map((r) => ({ status: 'excused' as const, excuseReason: r as 'medical', note: 'motiv' })),
  );
  const sessionArb: fc.Arbitrary<SessionRecord> = fc
    .record({
      day: fc.integer({ min: 1, max: 28 }),
      kind: fc.constantFrom('individual', 'group', 'family'),
      childPresent: fc.boolean(),
      parentPresent: fc.boolean(),
      parentType: fc.option(fc.constantFrom('parent_counselling', 'parenting_skills'), { nil: undefined }),
      minutes: fc.integer({ min: 5, max: 480 }),
    })
    .map((r) => {
      const parentSessionType = r.parentPresent ? r.parentType : undefined;
      return session({
        date: `2026-02-${String(r.day).padStart(2, '0')}`, kind: r.kind as 'family', childPresent: r.childPresent, parentPresent: r.parentPresent,
        durationMinutes: r.minutes, activityType: parentSessionType ?? 'social_counselling', ...(parentSessionType ? { parentSessionType } : {}),
      });
    });

  it('property: any sequence of mark and session changes equals counting the final marks and sessions from scratch', () => {
    const op = fc.oneof(
      fc.record({ t: fc.constant('mark' as const), slot: fc.integer({ min: 1, max: 12 }), value: fc.option(markArb, { nil: undefined }) }),
      fc.record({ t: fc.constant('session' as const), slot: fc.integer({ min: 1, max: 8 }), value: fc.option(sessionArb, { nil: undefined }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const marks = new Map<number, AttendanceMark>();
        const sessions = new Map<number, SessionRecord>();
        let corrections = 0;
        let s = emptySummary(key.caseId, key.month, key.serviceId);
        for (const o of ops) {
          if (o.t === 'mark') {
            const before = marks.get(o.slot);
            s = applyAttendanceDelta(s, before, o.value);
            if (before && JSON.stringify(before) !== JSON.stringify(o.value)) corrections++;
            if (o.value) marks.set(o.slot, o.value);
            else marks.delete(o.slot);
          } else {
            const before = sessions.get(o.slot);
            s = applySessionDelta(s, before, o.value);
            if (before && JSON.stringify(before) !== JSON.stringify(o.value)) corrections++;
            if (o.value) sessions.set(o.slot, o.value);
            else sessions.delete(o.slot);
          }
        }
        expect(s).toEqual(countSummary(key, [...marks.values()], [...sessions.values()], corrections));
        expect(monthlyParticipationSummarySchema.safeParse(s).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
