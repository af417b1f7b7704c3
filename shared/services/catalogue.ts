/**
 * The project's service catalogue as DATA (BRIEF "Services"; comunicatul de presă al proiectului 328741, activitățile 2–5).
 * Validated by the schema below in the unit test (catalogue.test.ts): a typo in an id, a provider or a target fails the
 * build, not a monthly run. Not parsed at every cold start (docs/decisions/018-performance.md).
 *
 * Group names and capacities are Vatra's working defaults (the licences' capacities are not in the seeds):
 * `capacityConfirmed: false` until DAS / DGASPC / GAL confirm them.
 */
import { z } from 'zod';
import { institutionIds } from '../platform/auth/principal.js';
import { project } from '../project/project.js';

export const serviceTypes = ['day_centre', 'recovery_centre', 'intervention'] as const;
export type ServiceType = (typeof serviceTypes)[number];

export const serviceTypeLabels: Record<ServiceType, string> = {
  day_centre: 'Centru de zi',
  recovery_centre: 'Centru de zi de recuperare',
  intervention: 'Intervenție inovatoare',
};

export const sessionKinds = ['individual', 'group', 'family'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const sessionKindLabels: Record<SessionKind, string> = {
  individual: 'Individuală',
  group: 'De grup',
  family: 'Cu familia',
};

export const parentSessionTypes = ['parent_counselling', 'parenting_skills'] as const;
export type ParentSessionType = (typeof parentSessionTypes)[number];

export const serviceTracks = ['prevention', 'reintegration'] as const;

const activitySchema = /* @__PURE__ */ z.object({
  code: z.string().regex(/^[a-z_]+$/),
  label: z.string().min(3),
  /** the activity is a parents' session; its code is then one of `parentSessionTypes` */
  parentSession: z.boolean().optional(),
});

const serviceSchema = /* @__PURE__ */ z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    type: z.enum(serviceTypes),
    name: z.string().min(2),
    shortName: z.string().min(2),
    licensed: z.boolean(),
    providers: z.array(z.enum(institutionIds)).min(1),
    tracks: z.array(z.enum(serviceTracks)).min(1),
    activities: z.array(activitySchema).min(1),
    groups: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(2), capacity: z.number().int().positive() })).min(1),
    schedule: z.object({
      /** ISO weekdays, 1 = Monday … 7 = Sunday */
      daysOpen: z.array(z.number().int().min(1).max(7)).min(1),
      sessionTypes: z.array(z.enum(sessionKinds)).min(1),
    }),
    /** children served at the same time */
    capacity: z.number().int().positive(),
    capacityConfirmed: z.boolean(),
    /** the project's minimum number of children for this service alone (combined targets are in `serviceTargets`) */
    projectMinimum: z.number().int().nonnegative(),
    note: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const codes = s.activities.map((a) => a.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['activities'], message: `Activități duplicate la ${s.id}` });
    for (const a of s.activities) {
      if (a.parentSession && !(parentSessionTypes as readonly string[]).includes(a.code)) {
        ctx.addIssue({ code: 'custom', path: ['activities'], message: `Activitatea ${a.code} nu este un tip de ședință pentru părinți` });
      }
    }
    const groupIds = s.groups.map((g) => g.id);
    if (new Set(groupIds).size !== groupIds.length) ctx.addIssue({ code: 'custom', path: ['groups'], message: `Grupe duplicate la ${s.id}` });
    if (s.groups.reduce((n, g) => n + g.capacity, 0) !== s.capacity) ctx.addIssue({ code: 'custom', path: ['capacity'], message: `Capacitatea ${s.id} diferă de suma grupelor` });
    if (new Set(s.schedule.daysOpen).size !== s.schedule.daysOpen.length) ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'Zile duplicate în program' });
  });
export type Service = z.infer<typeof serviceSchema>;
export type ServiceId = 'cz-sf-nicolae' | 'cz-kuncz' | 'cr-podu-lung' | 'int-a' | 'int-b';

const targetSchema = /* @__PURE__ */ z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string(),
  services: z.array(z.string()).min(1),
  minChildren: z.number().int().positive(),
  minRoma: z.number().int().nonnegative(),
  source: z.string(),
});
export type ServiceTarget = z.infer<typeof targetSchema>;

const catalogueSchema = /* @__PURE__ */ z
  .object({ services: z.array(serviceSchema).min(1), targets: z.array(targetSchema).min(1) })
  .superRefine(({ services, targets }, ctx) => {
    const ids = services.map((s) => s.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['services'], message: 'Servicii cu același id' });
    const covered = new Set<string>();
    for (const [i, t] of targets.entries()) {
      for (const id of t.services) {
        if (!ids.includes(id)) ctx.addIssue({ code: 'custom', path: ['targets', i], message: `Ținta ${t.id} se referă la serviciul necunoscut ${id}` });
        if (covered.has(id)) ctx.addIssue({ code: 'custom', path: ['targets', i], message: `Serviciul ${id} apare în două ținte` });
        covered.add(id);
      }
    }
    const total = targets.reduce((n, t) => n + t.minChildren, 0);
    const roma = targets.reduce((n, t) => n + t.minRoma, 0);
    if (total !== project.targetGroupCounts.children) ctx.addIssue({ code: 'custom', path: ['targets'], message: `Țintele însumează ${total}, grupul țintă are ${project.targetGroupCounts.children}` });
    if (roma !== project.targetGroupCounts.roma) ctx.addIssue({ code: 'custom', path: ['targets'], message: `Țintele pentru copii romi însumează ${roma}, nu ${project.targetGroupCounts.roma}` });
  });

const counselling = [
  { code: 'social_counselling', label: 'Consiliere socială' },
  { code: 'psychological_counselling', label: 'Consiliere psihologică' },
];
const dayCentreActivities = [
  ...counselling,
  { code: 'independent_living', label: 'Educație pentru viață independentă' },
  { code: 'health_education', label: 'Educație pentru sănătate' },
  { code: 'educational_socialising', label: 'Activități educative și de socializare' },
  { code: 'stem_robotics', label: 'Ateliere STEM și robotică' },
  { code: 'financial_education', label: 'Educație financiară' },
  { code: 'recreation_sustainable', label: 'Activități recreative și consum sustenabil' },
];
const weekdays = [1, 2, 3, 4, 5];
const capacityNote = 'Grupele și capacitățile sunt valori de lucru Vatra; capacitatea din licență trebuie confirmată de furnizor.';
const seed = 'Comunicat de presă al proiectului 328741, activitățile 2–5';

const catalogue: z.output<typeof catalogueSchema> = ({
  services: [
    {
      id: 'cz-sf-nicolae', type: 'day_centre', name: 'Centrul de zi „Sf. Nicolae”', shortName: 'CZ Sf. Nicolae', licensed: true,
      providers: ['DAS'], tracks: ['prevention', 'reintegration'], activities: dayCentreActivities,
      groups: [
        { id: 'g1', name: 'Grupa mică (6–9 ani)', capacity: 20 },
        { id: 'g2', name: 'Grupa mijlocie (10–13 ani)', capacity: 20 },
        { id: 'g3', name: 'Grupa mare (14–17 ani)', capacity: 20 },
      ],
      schedule: { daysOpen: weekdays, sessionTypes: ['individual', 'group', 'family'] },
      capacity: 60, capacityConfirmed: false, projectMinimum: 0, note: capacityNote,
    },
    {
      id: 'cz-kuncz', type: 'day_centre', name: 'Centrul de zi pentru copii Kuncz', shortName: 'CZ Kuncz', licensed: true,
      providers: ['DAS'], tracks: ['prevention', 'reintegration'], activities: dayCentreActivities,
      groups: [
        { id: 'g1', name: 'Grupa mică (6–9 ani)', capacity: 20 },
        { id: 'g2', name: 'Grupa mijlocie (10–13 ani)', capacity: 20 },
        { id: 'g3', name: 'Grupa mare (14–17 ani)', capacity: 20 },
      ],
      schedule: { daysOpen: weekdays, sessionTypes: ['individual', 'group', 'family'] },
      capacity: 60, capacityConfirmed: false, projectMinimum: 0, note: capacityNote,
    },
    {
      id: 'cr-podu-lung', type: 'recovery_centre', name: 'Centrul de zi pentru copii cu dizabilități „Podu Lung”', shortName: 'CR Podu Lung', licensed: true,
      providers: ['DAS'], tracks: ['prevention', 'reintegration'],
      activities: [
        ...counselling,
        { code: 'health_education', label: 'Educație pentru sănătate' },
        { code: 'educational_socialising', label: 'Activități educative și de socializare' },
        { code: 'recreation_sustainable', label: 'Activități recreative și consum sustenabil' },
        { code: 'kinetotherapy', label: 'Kinetoterapie (recuperare-reabilitare, după nevoile individuale; din bugetul DAS)' },
      ],
      groups: [
        { id: 'g1', name: 'Grupa de recuperare 1', capacity: 30 },
        { id: 'g2', name: 'Grupa de recuperare 2', capacity: 30 },
      ],
      schedule: { daysOpen: weekdays, sessionTypes: ['individual', 'group', 'family'] },
      capacity: 60, capacityConfirmed: false, projectMinimum: 60, note: capacityNote,
    },
    {
      id: 'int-a', type: 'intervention', name: 'Intervenția A — prevenirea separării în medii abuzive', shortName: 'Intervenția A', licensed: false,
      providers: ['DAS', 'GAL'], tracks: ['prevention'],
      activities: [
        { code: 'information_campaign', label: 'Campanii de informare' },
        { code: 'social_counselling', label: 'Consiliere socială individuală și de grup' },
        { code: 'psychological_counselling', label: 'Consiliere psihologică individuală și de grup' },
        { code: 'vocational_orientation', label: 'Orientare vocațională și vizite la potențiali angajatori' },
        { code: 'legal_counselling', label: 'Consiliere și educație juridică' },
        { code: 'educational_visit', label: 'Vizite educaționale în instituții de corecție / reeducare' },
      ],
      groups: [
        { id: 'das', name: 'Grupa DAS Timișoara', capacity: 45 },
        { id: 'gal', name: 'Grupa GAL Colinele Recaș', capacity: 30 },
      ],
      schedule: { daysOpen: [1, 2, 3, 4, 5, 6], sessionTypes: ['individual', 'group', 'family'] },
      capacity: 75, capacityConfirmed: false, projectMinimum: 75,
      note: 'Copii cu comportament delincvent, părăsire repetată a domiciliului, consum de alcool sau droguri, tentativă de suicid, abandon școlar — și familiile lor.',
    },
    {
      id: 'int-b', type: 'intervention', name: 'Intervenția B — reintegrarea în familie a copiilor din sistemul de protecție specială', shortName: 'Intervenția B', licensed: false,
      providers: ['DGASPC', 'GAL'], tracks: ['reintegration'],
      activities: [
        { code: 'family_child_preparation', label: 'Pregătirea familiei și a copilului pentru reintegrare' },
        { code: 'social_counselling', label: 'Consiliere socială individuală și de grup' },
        { code: 'psychological_counselling', label: 'Consiliere psihologică individuală și de grup' },
        { code: 'reintegration_assessment', label: 'Evaluarea, pregătirea și monitorizarea reintegrării' },
        { code: 'parent_counselling', label: 'Consilierea părinților în vederea reintegrării (obligatorie)', parentSession: true },
        { code: 'parenting_skills', label: 'Dezvoltarea abilităților parentale (obligatorie)', parentSession: true },
      ],
      groups: [{ id: 'g1', name: 'Grupa de reintegrare', capacity: 14 }],
      schedule: { daysOpen: [1, 2, 3, 4, 5, 6], sessionTypes: ['individual', 'group', 'family'] },
      capacity: 14, capacityConfirmed: false, projectMinimum: 14,
      note: 'Părinții participă obligatoriu la ședințe de consiliere și de dezvoltare a abilităților parentale.',
    },
  ],
  targets: [
    { id: 'day-centres', label: 'Centrele de zi „Sf. Nicolae” și Kuncz', services: ['cz-sf-nicolae', 'cz-kuncz'], minChildren: 117, minRoma: 27, source: `${seed} (activitatea 2)` },
    { id: 'podu-lung', label: 'Centrul de recuperare „Podu Lung”', services: ['cr-podu-lung'], minChildren: 60, minRoma: 0, source: `${seed} (activitatea 3)` },
    { id: 'int-a', label: 'Intervenția A', services: ['int-a'], minChildren: 75, minRoma: 0, source: `${seed} (activitatea 4)` },
    { id: 'int-b', label: 'Intervenția B', services: ['int-b'], minChildren: 14, minRoma: 0, source: `${seed} (activitatea 5)` },
  ],
});

export const serviceCatalogue: readonly Service[] = catalogue.services;
export const serviceTargets: readonly ServiceTarget[] = catalogue.targets;

export function getService(id: string): Service | undefined {
  return serviceCatalogue.find((s) => s.id === id);
}

export const servicesOfType = (type: ServiceType): Service[] => serviceCatalogue.filter((s) => s.type === type);

export const targetOfService = (id: string): ServiceTarget | undefined => serviceTargets.find((t) => t.services.includes(id));

/** Does the service offer this activity code? */
export const hasActivity = (service: Service, code: string): boolean => service.activities.some((a) => a.code === code);

/** Validate a catalogue given as data (the checks the unit test runs on the catalogue above); used by tests and by admin tools. */
export const parseServiceCatalogue = (data: unknown) => catalogueSchema.parse(data);
