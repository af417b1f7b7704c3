/** The project's service catalogue as data (BRIEF "Services"); validated at load. */
import { z } from 'zod';

const serviceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: z.enum(['day_centre', 'recovery_centre', 'intervention']),
  name: z.string().min(2),
  providers: z.array(z.enum(['DAS', 'DGASPC', 'GAL'])).min(1),
  tracks: z.array(z.enum(['prevention', 'reintegration'])).min(1),
  activities: z.array(z.object({ code: z.string(), label: z.string(), parentSession: z.boolean().optional() })).min(1),
  groups: z.array(z.object({ id: z.string(), name: z.string(), capacity: z.number().int().positive() })).min(1),
  schedule: z.object({ daysOpen: z.array(z.number().int().min(1).max(7)), sessionTypes: z.array(z.enum(['individual', 'group', 'family'])) }),
  capacity: z.number().int().positive(),
});
export type Service = z.infer<typeof serviceSchema>;

const common = [
  { code: 'social_counselling', label: 'Consiliere socială' },
  { code: 'psychological_counselling', label: 'Consiliere psihologică' },
];

export const serviceCatalogue: readonly Service[] = z.array(serviceSchema).parse([
  {
    id: 'cz-sf-nicolae', type: 'day_centre', name: 'Centrul de zi „Sf. Nicolae”', providers: ['DAS'], tracks: ['prevention', 'reintegration'],
    activities: [...common, { code: 'independent_living', label: 'Educație pentru viață independentă' }, { code: 'health_education', label: 'Educație pentru sănătate' }, { code: 'educational', label: 'Activități educative și de socializare' }, { code: 'stem_robotics', label: 'Ateliere STEM și robotică' }, { code: 'financial_education', label: 'Educație financiară' }, { code: 'recreation', label: 'Recreere și consum sustenabil' }],
    groups: [{ id: 'g1', name: 'Grupa 1 (6–10 ani)', capacity: 30 }, { id: 'g2', name: 'Grupa 2 (11–17 ani)', capacity: 30 }],
    schedule: { daysOpen: [1, 2, 3, 4, 5], sessionTypes: ['individual', 'group'] }, capacity: 60,
  },
  {
    id: 'cz-kuncz', type: 'day_centre', name: 'Centrul de zi Kuncz', providers: ['DAS'], tracks: ['prevention', 'reintegration'],
    activities: [...common, { code: 'independent_living', label: 'Educație pentru viață independentă' }, { code: 'health_education', label: 'Educație pentru sănătate' }, { code: 'educational', label: 'Activități educative și de socializare' }, { code: 'stem_robotics', label: 'Ateliere STEM și robotică' }, { code: 'financial_education', label: 'Educație financiară' }, { code: 'recreation', label: 'Recreere și consum sustenabil' }],
    groups: [{ id: 'g1', name: 'Grupa 1 (6–10 ani)', capacity: 30 }, { id: 'g2', name: 'Grupa 2 (11–17 ani)', capacity: 30 }],
    schedule: { daysOpen: [1, 2, 3, 4, 5], sessionTypes: ['individual', 'group'] }, capacity: 60,
  },
  {
    id: 'cr-podu-lung', type: 'recovery_centre', name: 'Centrul de zi de recuperare „Podu Lung”', providers: ['DAS'], tracks: ['prevention', 'reintegration'],
    activities: [...common, { code: 'health_education', label: 'Educație pentru sănătate' }, { code: 'educational', label: 'Activități educative și de socializare' }, { code: 'recreation', label: 'Recreere' }, { code: 'kinetotherapy', label: 'Kinetoterapie' }],
    groups: [{ id: 'g1', name: 'Grupa de recuperare', capacity: 60 }],
    schedule: { daysOpen: [1, 2, 3, 4, 5], sessionTypes: ['individual', 'group'] }, capacity: 60,
  },
  {
    id: 'int-a', type: 'intervention', name: 'Intervenția A — prevenirea separării în medii abuzive', providers: ['DAS', 'GAL'], tracks: ['prevention'],
    activities: [...common, { code: 'information_campaign', label: 'Campanii de informare' }, { code: 'vocational_orientation', label: 'Orientare vocațională și vizite la angajatori' }, { code: 'legal_counselling', label: 'Consiliere și educație juridică' }, { code: 'educational_visit', label: 'Vizite educative la instituții de corecție / reeducare' }],
    groups: [{ id: 'g1', name: 'Grupa A', capacity: 75 }],
    schedule: { daysOpen: [1, 2, 3, 4, 5, 6], sessionTypes: ['individual', 'group', 'family'] }, capacity: 75,
  },
  {
    id: 'int-b', type: 'intervention', name: 'Intervenția B — reintegrarea în familie', providers: ['DGASPC', 'GAL'], tracks: ['reintegration'],
    activities: [...common, { code: 'family_preparation', label: 'Pregătirea familiei și a copilului' }, { code: 'reintegration_monitoring', label: 'Evaluarea, pregătirea și monitorizarea reintegrării' }, { code: 'parent_counselling', label: 'Consilierea părinților', parentSession: true }, { code: 'parenting_skills', label: 'Abilități parentale', parentSession: true }],
    groups: [{ id: 'g1', name: 'Grupa B', capacity: 14 }],
    schedule: { daysOpen: [1, 2, 3, 4, 5, 6], sessionTypes: ['individual', 'group', 'family'] }, capacity: 14,
  },
]);

export const serviceTargets = [
  { id: 'day-centres', label: 'Centrele de zi „Sf. Nicolae” și Kuncz', services: ['cz-sf-nicolae', 'cz-kuncz'], minChildren: 117, minRoma: 27 },
  { id: 'podu-lung', label: 'Centrul de recuperare „Podu Lung”', services: ['cr-podu-lung'], minChildren: 60, minRoma: 0 },
  { id: 'int-a', label: 'Intervenția A', services: ['int-a'], minChildren: 75, minRoma: 0 },
  { id: 'int-b', label: 'Intervenția B', services: ['int-b'], minChildren: 14, minRoma: 0 },
] as const;

export function getService(id: string): Service | undefined {
  return serviceCatalogue.find((s) => s.id === id);
}
