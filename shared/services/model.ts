/**
 * Participation in services: attendance marks (centres), session records (all services), and the monthly counters the
 * store keeps per child × service × month. Counters change only through the pure deltas below, which the store applies
 * atomically (DynamoDB `ADD`), so the summary always equals a count of the current marks and sessions.
 */
import { z } from 'zod';
import { isIsoDate } from '../platform/calendar.js';
import { getService, parentSessionTypes, sessionKinds } from './catalogue.js';

export const monthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Luna trebuie să aibă forma AAAA-LL');
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Data trebuie să aibă forma AAAA-LL-ZZ')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'Data nu există în calendar');

/** A reason shown to staff: stable machine code + Romanian message. */
export interface Reason {
  code: string;
  message: string;
}

// ── Attendance ────────────────────────────────────────────────────────────────────────────────────────────────────

export const attendanceStatuses = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceStatusLabels: Record<AttendanceStatus, string> = { present: 'Prezent', absent: 'Absent', excused: 'Absență motivată' };

export const excuseReasons = ['medical', 'school_event', 'family_emergency', 'other'] as const;
export type ExcuseReason = (typeof excuseReasons)[number];
export const excuseReasonLabels: Record<ExcuseReason, string> = {
  medical: 'Motive medicale',
  school_event: 'Activitate școlară',
  family_emergency: 'Situație urgentă în familie',
  other: 'Alt motiv',
};

const note = z.string().trim().max(300, 'Observația are cel mult 300 de caractere').optional();

export const attendanceMarkSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('present'), note }),
    z.object({ status: z.literal('absent'), note }),
    z.object({ status: z.literal('excused'), excuseReason: z.enum(excuseReasons, { error: 'Alegeți motivul absenței' }), note }),
  ], { error: 'Alegeți prezent, absent sau absență motivată' })
  .superRefine((m, ctx) => {
    if (m.status === 'excused' && m.excuseReason === 'other' && !m.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Pentru „Alt motiv” descrieți pe scurt motivul (fără diagnostice)' });
    }
  });
export type AttendanceMark = z.infer<typeof attendanceMarkSchema>;

/** One day's mark as stored: child × service × date. */
export const attendanceEntrySchema = z.object({
  caseId: z.string().min(1),
  serviceId: z.string().min(1),
  date: isoDateSchema,
  mark: attendanceMarkSchema,
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
});
export type AttendanceEntry = z.infer<typeof attendanceEntrySchema>;

// ── Sessions ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const sessionRecordSchema = z
  .object({
    caseId: z.string().min(1),
    serviceId: z.string().min(1),
    date: isoDateSchema,
    kind: z.enum(sessionKinds, { error: 'Alegeți tipul ședinței (individuală, de grup, cu familia)' }),
    childPresent: z.boolean(),
    parentPresent: z.boolean(),
    parentSessionType: z.enum(parentSessionTypes).optional(),
    activityType: z.string().min(1, 'Alegeți activitatea'),
    durationMinutes: z.number().int('Durata se dă în minute întregi').min(5, 'Durata minimă este 5 minute').max(480, 'Durata maximă este 480 de minute'),
    /** user id of the professional who held the session */
    professional: z.string().min(1),
  })
  .superRefine((s, ctx) => {
    const service = getService(s.serviceId);
    if (!service) {
      ctx.addIssue({ code: 'custom', path: ['serviceId'], message: 'Serviciul nu există în catalog' });
      return;
    }
    if (!service.activities.some((a) => a.code === s.activityType)) {
      ctx.addIssue({ code: 'custom', path: ['activityType'], message: `Activitatea nu este oferită de ${service.shortName}` });
    }
    if (!service.schedule.sessionTypes.includes(s.kind)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `${service.shortName} nu ține ședințe de acest tip` });
    }
    if (s.parentSessionType) {
      if (!s.parentPresent) ctx.addIssue({ code: 'custom', path: ['parentPresent'], message: 'O ședință pentru părinți cere prezența părintelui' });
      if (!service.activities.some((a) => a.parentSession && a.code === s.parentSessionType)) {
        ctx.addIssue({ code: 'custom', path: ['parentSessionType'], message: `${service.shortName} nu are ședințe de acest tip pentru părinți` });
      }
    }
  });
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/** A session counts for the child when the child took part, or when it was a family session someone attended. */
export const countsAsSession = (s: Pick<SessionRecord, 'kind' | 'childPresent' | 'parentPresent'>): boolean =>
  s.childPresent || (s.kind === 'family' && s.parentPresent);

/** A parents' session: a parent attended a session of counselling or parenting skills. */
export const countsAsParentSession = (s: Pick<SessionRecord, 'parentPresent' | 'parentSessionType'>): boolean =>
  s.parentPresent && s.parentSessionType !== undefined;

// ── Enrolment ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Enrolment of a child in a service; `to` inclusive, absent while ongoing. */
export const enrolmentSchema = z
  .object({ serviceId: z.string().min(1).optional(), from: isoDateSchema, to: isoDateSchema.optional() })
  .refine((e) => !e.to || e.to >= e.from, { path: ['to'], message: 'Data de sfârșit este înaintea datei de început' });
export type Enrolment = z.infer<typeof enrolmentSchema>;

// ── Monthly counters ──────────────────────────────────────────────────────────────────────────────────────────────

export const counterKeys = ['scheduledDays', 'presentDays', 'absentDays', 'excusedDays', 'sessions', 'parentSessions', 'corrections'] as const;
export type CounterKey = (typeof counterKeys)[number];
export type CounterDelta = Record<CounterKey, number>;

const counter = z.number().int().nonnegative();
export const monthlyParticipationSummarySchema = z.object({
  caseId: z.string().min(1),
  month: monthKeySchema,
  serviceId: z.string().min(1),
  /** days with a mark (present + absent + excused): staff mark every open day the child is enrolled */
  scheduledDays: counter,
  presentDays: counter,
  absentDays: counter,
  excusedDays: counter,
  /** sessions that count for the child (see `countsAsSession`) */
  sessions: counter,
  /** parents' counselling / parenting-skills sessions attended */
  parentSessions: counter,
  /** open days of the service in the month while the child was enrolled, when the store knows better than the calendar
   *  (e.g. the centre was closed on a public holiday); otherwise computed from the enrolment */
  enrolledDays: counter.optional(),
  /** changes or deletions of marks / sessions already recorded */
  corrections: counter,
}).refine((s) => s.presentDays + s.absentDays + s.excusedDays === s.scheduledDays, { message: 'Zilele programate diferă de suma prezențelor și absențelor' });
export type MonthlyParticipationSummary = z.infer<typeof monthlyParticipationSummarySchema>;

export const emptySummary = (caseId: string, month: string, serviceId: string): MonthlyParticipationSummary => ({
  caseId, month, serviceId, scheduledDays: 0, presentDays: 0, absentDays: 0, excusedDays: 0, sessions: 0, parentSessions: 0, corrections: 0,
});

export const zeroDelta = (): CounterDelta => ({ scheduledDays: 0, presentDays: 0, absentDays: 0, excusedDays: 0, sessions: 0, parentSessions: 0, corrections: 0 });

const dayCounter: Record<AttendanceStatus, 'presentDays' | 'absentDays' | 'excusedDays'> = { present: 'presentDays', absent: 'absentDays', excused: 'excusedDays' };

const sameMark = (a: AttendanceMark, b: AttendanceMark) =>
  a.status === b.status && a.note === b.note && (a.status === 'excused' ? a.excuseReason : undefined) === (b.status === 'excused' ? b.excuseReason : undefined);

/** Counter changes for one attendance mark going from `before` to `after` (undefined = no mark). */
export function attendanceDelta(before: AttendanceMark | undefined, after: AttendanceMark | undefined): CounterDelta {
  const d = zeroDelta();
  if (before && after && sameMark(before, after)) return d;
  if (before) {
    d.scheduledDays -= 1;
    d[dayCounter[before.status]] -= 1;
    d.corrections += 1;
  }
  if (after) {
    d.scheduledDays += 1;
    d[dayCounter[after.status]] += 1;
  }
  return d;
}

const sameSession = (a: SessionRecord, b: SessionRecord) =>
  (Object.keys(a) as (keyof SessionRecord)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;

/** Counter changes for one session record going from `before` to `after` (undefined = no record). */
export function sessionDelta(before: SessionRecord | undefined, after: SessionRecord | undefined): CounterDelta {
  const d = zeroDelta();
  if (before && after && sameSession(before, after)) return d;
  if (before) {
    if (countsAsSession(before)) d.sessions -= 1;
    if (countsAsParentSession(before)) d.parentSessions -= 1;
    d.corrections += 1;
  }
  if (after) {
    if (countsAsSession(after)) d.sessions += 1;
    if (countsAsParentSession(after)) d.parentSessions += 1;
  }
  return d;
}

export class ParticipationCounterError extends Error {
  constructor(readonly code: 'COUNTER_NEGATIVE' | 'SUMMARY_MISMATCH', message: string) {
    super(message);
    this.name = 'ParticipationCounterError';
  }
}

/** Add a delta to a summary; refuses to make any counter negative (a mark removed twice, or from the wrong summary). */
export function applyDelta(summary: MonthlyParticipationSummary, delta: CounterDelta): MonthlyParticipationSummary {
  const next = { ...summary };
  for (const k of counterKeys) {
    next[k] = summary[k] + delta[k];
    if (next[k] < 0) throw new ParticipationCounterError('COUNTER_NEGATIVE', `Contorul ${k} ar deveni negativ: marcajul anterior nu aparține acestui rezumat`);
  }
  return next;
}

export function applyAttendanceDelta(summary: MonthlyParticipationSummary, before: AttendanceMark | undefined, after: AttendanceMark | undefined): MonthlyParticipationSummary {
  return applyDelta(summary, attendanceDelta(before, after));
}

export function applySessionDelta(summary: MonthlyParticipationSummary, before: SessionRecord | undefined, after: SessionRecord | undefined): MonthlyParticipationSummary {
  for (const s of [before, after]) {
    if (s && (s.serviceId !== summary.serviceId || s.date.slice(0, 7) !== summary.month || s.caseId !== summary.caseId)) {
      throw new ParticipationCounterError('SUMMARY_MISMATCH', 'Ședința nu aparține acestui copil, serviciu sau lună');
    }
  }
  return applyDelta(summary, sessionDelta(before, after));
}

/** Count a summary from scratch (reconciliation, rebuilds): the incremental counters must always equal this. */
export function countSummary(
  key: { caseId: string; month: string; serviceId: string },
  marks: readonly AttendanceMark[],
  sessions: readonly SessionRecord[],
  corrections = 0,
): MonthlyParticipationSummary {
  const s = emptySummary(key.caseId, key.month, key.serviceId);
  for (const m of marks) {
    s.scheduledDays += 1;
    s[dayCounter[m.status]] += 1;
  }
  for (const r of sessions) {
    if (countsAsSession(r)) s.sessions += 1;
    if (countsAsParentSession(r)) s.parentSessions += 1;
  }
  s.corrections = corrections;
  return s;
}

// ── Evaluation result ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ParticipationMeasures {
  rule: 'attendance' | 'sessions';
  /** open days of the service in the whole month */
  monthScheduledDays: number;
  /** open days in the month while enrolled */
  enrolledScheduledDays: number;
  partialMonth: boolean;
  /** enrolled / month open days, 0…1 */
  prorationFactor: number;
  /** days with a mark */
  scheduledDays: number;
  /** expected days without any mark ("not recorded"): the month is not evaluated while there are any */
  unrecordedDays: number;
  presentDays: number;
  excusedDays: number;
  /** denominator of the attendance ratio: expected days (open days while enrolled) minus excused days when excused absences are neutral */
  countedDays: number;
  attendanceRatio: number | null;
  requiredRatio: number | null;
  requiredPresentDays: number | null;
  sessions: number;
  requiredSessions: number | null;
  parentSessions: number;
  requiredParentSessions: number | null;
}

/**
 * active / insufficient: evaluated; register_incomplete: expected days without a mark (not evaluated);
 * partial_too_short: a partial month below the configured minimum (neither paid nor counted);
 * service_closed: the service had no open day in the month (not held against the child); not_enrolled.
 */
export const participationOutcomes = ['active', 'insufficient', 'register_incomplete', 'partial_too_short', 'service_closed', 'not_enrolled'] as const;
export type ParticipationOutcome = (typeof participationOutcomes)[number];

export interface ParticipationEvaluation {
  serviceId: string;
  month: string;
  active: boolean;
  outcome: ParticipationOutcome;
  reasons: Reason[];
  measures: ParticipationMeasures;
}

// ── closures of a service (shared/services/closures.ts; the web's closure form validates with the same schema) ──

const closureDay = (what: string) => z.string({ error: `${what}: alegeți o zi` }).refine(isIsoDate, { message: `${what}: o zi din calendar, AAAA-LL-ZZ` });

/** A new closure as the API takes it. */
export const closureInputSchema = z
  .object({
    from: closureDay('Prima zi'),
    to: closureDay('Ultima zi'),
    reason: z.string({ error: 'Scrieți motivul închiderii' }).trim().min(3, 'Motivul închiderii are cel puțin 3 caractere').max(300, 'Motivul închiderii are cel mult 300 de caractere'),
    clientRequestId: z.uuid('Identificator de cerere invalid').optional(),
  })
  .refine((c) => c.from <= c.to, { message: 'Închiderea se termină înainte să înceapă', path: ['to'] });
export type ClosureInput = z.infer<typeof closureInputSchema>;

export const closureCancelSchema = z.object({
  reason: z.string().trim().min(3, 'Motivul anulării are cel puțin 3 caractere').max(300, 'Motivul anulării are cel mult 300 de caractere').optional(),
});

