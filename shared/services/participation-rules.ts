/**
 * "Active participation" — the condition of the monthly subsidy — as configuration.
 *
 * The project's documents only say that the subsidy is "condiționată de participarea activă la serviciile din proiect"
 * (comunicat de presă 328741, activitatea 6). They do not define it. The thresholds below are Vatra's proposed
 * defaults, every one marked `confirmed: false`: the project team must confirm or change them before the first
 * subsidy run (list them with the unconfirmed legal defaults wherever those are shown).
 *
 * Rules are chosen per service TYPE, with per-service overrides where two services of one type differ
 * (Intervention B adds the mandatory parents' sessions).
 */
import { z } from 'zod';
import { parentSessionTypes, serviceTypes, type ServiceType } from './catalogue.js';

/**
 * A partial month (enrolment starts or ends inside it, or the child left and came back): below these minimums the
 * month is neither paid nor counted toward the cohort minimum (issue #17). `minSessions` only for session-based rules.
 */
export const partialMonthSchema = /* @__PURE__ */ z.object({
  minExpectedDays: z.number().int().min(0),
  minSessions: z.number().int().min(0).nullable(),
  source: z.string().min(5),
  confirmed: z.boolean(),
});
export type PartialMonthRule = z.infer<typeof partialMonthSchema>;

const common = {
  /**
   * a partial month prorates the minimums by expected days (off by default: a partial month needs the full minimum);
   * like every choice of the rule it carries its source and whether the project confirmed it
   */
  prorate: z.object({ enabled: z.boolean(), rounding: z.literal('up'), atLeast: z.number().int().min(0), source: z.string().min(5), confirmed: z.boolean() }),
  partialMonth: partialMonthSchema,
  source: z.string().min(5),
  confidence: z.enum(['project_to_confirm', 'confirmed']),
  confirmed: z.boolean(),
  description: z.string().min(10),
};

const attendanceRuleSchema = /* @__PURE__ */ z.object({
  kind: z.literal('attendance'),
  /** present days / (scheduled days − excused days) must reach this ratio */
  minAttendanceRatio: z.number().gt(0).max(1),
  /** … and at least this many present days in a full month */
  minPresentDays: z.number().int().min(0),
  /** excused absences are removed from the denominator of the ratio */
  excusedAbsencesNeutral: z.boolean(),
  /** excused days also lower the minimum number of present days, pro rata (otherwise a sick child always fails) */
  excusedReduceMinimum: z.boolean(),
  /**
   * every expected day (open day of the service while enrolled) must carry a mark — present, absent or excused —
   * before the month is evaluated; unmarked days are "not recorded", never counted as absence or presence
   */
  requireCompleteRegister: z.boolean(),
  ...common,
});

const sessionsRuleSchema = /* @__PURE__ */ z.object({
  kind: z.literal('sessions'),
  /** sessions where the child took part, or family sessions (BRIEF "Services") */
  minSessions: z.number().int().min(0),
  /** parents' sessions (counselling / parenting skills) required each month */
  minParentSessions: z.number().int().min(0),
  parentSessionTypes: z.array(z.enum(parentSessionTypes)),
  ...common,
});

export const participationRuleSchema = /* @__PURE__ */ z.discriminatedUnion('kind', [attendanceRuleSchema, sessionsRuleSchema]);
export type ParticipationRule = z.infer<typeof participationRuleSchema>;
export type AttendanceRule = z.infer<typeof attendanceRuleSchema>;
export type SessionsRule = z.infer<typeof sessionsRuleSchema>;

export const participationRulesSchema = /* @__PURE__ */ z
  .object({
    byType: z.record(z.enum(serviceTypes), participationRuleSchema),
    byService: z.record(z.string(), participationRuleSchema),
  })
  .superRefine((r, ctx) => {
    for (const t of serviceTypes) if (!r.byType[t]) ctx.addIssue({ code: 'custom', path: ['byType', t], message: `Lipsește regula pentru ${t}` });
    for (const [where, rule] of [...Object.entries(r.byType), ...Object.entries(r.byService)]) {
      if (rule.kind === 'sessions' && rule.minParentSessions > 0 && rule.parentSessionTypes.length === 0) {
        ctx.addIssue({ code: 'custom', path: [where], message: 'Ședințele pentru părinți cer cel puțin un tip de ședință' });
      }
    }
  });
export type ParticipationRules = z.infer<typeof participationRulesSchema>;

const source = 'Comunicat de presă 328741, activitatea 6: „condiționate de participarea activă la serviciile din proiect” — pragul nu este definit în documentele proiectului';
const prorate = {
  enabled: false, rounding: 'up' as const, atLeast: 1,
  source: 'Vatra, issue #17: minimele proporționale într-o lună parțială sunt o opțiune, oprită implicit — documentele proiectului nu o prevăd (neconfirmat)',
  confirmed: false,
};
const partialSource = 'Vatra, issue #17: „o lună parțială sub minimul de zile așteptate nu se plătește și nu se socotește în minimul cohortei” — pragul nu este definit în documentele proiectului (neconfirmat)';
const partialDays = { minExpectedDays: 5, minSessions: null, source: partialSource, confirmed: false };
const partialSessions = (minSessions: number) => ({ minExpectedDays: 5, minSessions, source: partialSource, confirmed: false });
const toConfirm = { source, confidence: 'project_to_confirm' as const, confirmed: false };

export const participationRules: ParticipationRules = ({
  byType: {
    day_centre: {
      kind: 'attendance',
      minAttendanceRatio: 0.5,
      minPresentDays: 4,
      excusedAbsencesNeutral: true,
      excusedReduceMinimum: true,
      requireCompleteRegister: true,
      prorate,
      partialMonth: partialDays,
      ...toConfirm,
      description: 'Prezent în cel puțin 50% din zilele programate cât a fost înscris (zilele de deschidere ale serviciului, fără sărbători și închideri; absențele motivate nu se socotesc) și cel puțin 4 zile pe lună. Toate zilele programate trebuie marcate înainte de evaluare. O lună parțială cu mai puțin de 5 zile programate nu se plătește.',
    },
    recovery_centre: {
      kind: 'sessions',
      minSessions: 4,
      minParentSessions: 0,
      parentSessionTypes: [],
      prorate,
      partialMonth: partialSessions(4),
      ...toConfirm,
      description: 'Cel puțin 4 ședințe pe lună la care copilul a participat (ședințele de kinetoterapie se socotesc).',
    },
    intervention: {
      kind: 'sessions',
      minSessions: 2,
      minParentSessions: 0,
      parentSessionTypes: [],
      prorate,
      partialMonth: partialSessions(2),
      ...toConfirm,
      description: 'Cel puțin 2 ședințe pe lună cu copilul sau cu familia.',
    },
  },
  byService: {
    'int-b': {
      kind: 'sessions',
      minSessions: 2,
      minParentSessions: 1,
      parentSessionTypes: ['parent_counselling', 'parenting_skills'],
      prorate,
      partialMonth: partialSessions(2),
      ...toConfirm,
      description: 'Cel puțin 2 ședințe pe lună cu copilul sau cu familia și cel puțin o ședință a părinților de consiliere sau de abilități parentale (obligatorie pentru părinți).',
    },
  },
});

/** The rule that applies to one service: its own override, else its type's rule. */
export function ruleFor(rules: ParticipationRules, serviceType: ServiceType, serviceId?: string): ParticipationRule {
  const own = serviceId !== undefined ? rules.byService[serviceId] : undefined;
  const rule = own ?? rules.byType[serviceType];
  if (!rule) throw new Error(`No participation rule for service type ${serviceType}`);
  return rule;
}
