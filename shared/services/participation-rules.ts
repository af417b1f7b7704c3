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

const common = {
  /** a partial month (enrolment starts or ends inside it) prorates the minimum by enrolled scheduled days */
  prorate: z.object({ enabled: z.boolean(), rounding: z.literal('up'), atLeast: z.number().int().min(0) }),
  source: z.string().min(5),
  confidence: z.enum(['project_to_confirm', 'confirmed']),
  confirmed: z.boolean(),
  description: z.string().min(10),
};

const attendanceRuleSchema = z.object({
  kind: z.literal('attendance'),
  /** present days / (scheduled days − excused days) must reach this ratio */
  minAttendanceRatio: z.number().gt(0).max(1),
  /** … and at least this many present days in a full month */
  minPresentDays: z.number().int().min(0),
  /** excused absences are removed from the denominator of the ratio */
  excusedAbsencesNeutral: z.boolean(),
  /** excused days also lower the minimum number of present days, pro rata (otherwise a sick child always fails) */
  excusedReduceMinimum: z.boolean(),
  ...common,
});

const sessionsRuleSchema = z.object({
  kind: z.literal('sessions'),
  /** sessions where the child took part, or family sessions (BRIEF "Services") */
  minSessions: z.number().int().min(0),
  /** parents' sessions (counselling / parenting skills) required each month */
  minParentSessions: z.number().int().min(0),
  parentSessionTypes: z.array(z.enum(parentSessionTypes)),
  ...common,
});

export const participationRuleSchema = z.discriminatedUnion('kind', [attendanceRuleSchema, sessionsRuleSchema]);
export type ParticipationRule = z.infer<typeof participationRuleSchema>;
export type AttendanceRule = z.infer<typeof attendanceRuleSchema>;
export type SessionsRule = z.infer<typeof sessionsRuleSchema>;

export const participationRulesSchema = z
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
const prorate = { enabled: true, rounding: 'up' as const, atLeast: 1 };
const toConfirm = { source, confidence: 'project_to_confirm' as const, confirmed: false };

export const participationRules: ParticipationRules = participationRulesSchema.parse({
  byType: {
    day_centre: {
      kind: 'attendance',
      minAttendanceRatio: 0.5,
      minPresentDays: 4,
      excusedAbsencesNeutral: true,
      excusedReduceMinimum: true,
      prorate,
      ...toConfirm,
      description: 'Prezent în cel puțin 50% din zilele programate cât a fost înscris (absențele motivate nu se socotesc) și cel puțin 4 zile pe lună.',
    },
    recovery_centre: {
      kind: 'sessions',
      minSessions: 4,
      minParentSessions: 0,
      parentSessionTypes: [],
      prorate,
      ...toConfirm,
      description: 'Cel puțin 4 ședințe pe lună la care copilul a participat (ședințele de kinetoterapie se socotesc).',
    },
    intervention: {
      kind: 'sessions',
      minSessions: 2,
      minParentSessions: 0,
      parentSessionTypes: [],
      prorate,
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
