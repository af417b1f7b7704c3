/**
 * The project's three institutions as data (source: comunicatul de presă al proiectului 328741, seeds/project-press-release).
 * Ids are the ones used everywhere else (`institutionIds` in shared/platform/auth/principal.ts); the schema keeps the two in step
 * (checked by the unit test, not parsed at every cold start: docs/decisions/018-performance.md).
 */
import { z } from 'zod';
import { institutionIds, type InstitutionId } from '../platform/auth/principal.js';

export const institutionKinds = ['local_public_service', 'county_public_service', 'association'] as const;
export type InstitutionKind = (typeof institutionKinds)[number];

export const institutionKindLabels: Record<InstitutionKind, string> = {
  local_public_service: 'Serviciu public de interes local',
  county_public_service: 'Instituție publică județeană',
  association: 'Asociație (parteneriat public-privat)',
};

export const projectRoles = ['lead', 'partner'] as const;
export type ProjectRole = (typeof projectRoles)[number];

export const projectRoleLabels: Record<ProjectRole, string> = {
  lead: 'Lider de proiect',
  partner: 'Partener',
};

export const institutionSchema = /* @__PURE__ */ z.object({
  id: z.enum(institutionIds),
  name: z.string().min(5),
  shortName: z.string().min(2),
  kind: z.enum(institutionKinds),
  role: z.enum(projectRoles),
  /** what the institution does in the project (BRIEF "Who uses it", "The pathway of one child") */
  responsibilities: z.array(z.string().min(5)).min(1),
  authority: z.string().min(5),
  website: z.url(),
});
export type Institution = z.infer<typeof institutionSchema>;

export const institutionsSchema = /* @__PURE__ */ z
  .array(institutionSchema)
  .superRefine((list, ctx) => {
    const ids = list.map((i) => i.id);
    for (const id of institutionIds) if (!ids.includes(id)) ctx.addIssue({ code: 'custom', message: `Instituția ${id} lipsește din configurație` });
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: 'Instituții duplicate în configurație' });
    if (list.filter((i) => i.role === 'lead').length !== 1) ctx.addIssue({ code: 'custom', message: 'Proiectul are exact un lider' });
  });

export const institutions: readonly Institution[] = ([
    {
      id: 'DAS',
      name: 'Direcția de Asistență Socială a Municipiului Timișoara',
      shortName: 'DAS Timișoara',
      kind: 'local_public_service',
      role: 'lead',
      responsibilities: [
        'Recrutează și evaluează cei 252 de copii în risc de separare (traseul de prevenire)',
        'Centrele de zi „Sf. Nicolae” și Kuncz, centrul de recuperare „Podu Lung”',
        'Intervenția A, împreună cu GAL Colinele Recaș',
        'Subvenția lunară: rularea lunară și fișierul de plată',
      ],
      authority: 'Consiliul Local al Municipiului Timișoara (HCLMT nr. 218/2017)',
      website: 'https://socialtm.ro',
    },
    {
      id: 'DGASPC',
      name: 'Direcția Generală de Asistență Socială și Protecția Copilului Timiș',
      shortName: 'DGASPC Timiș',
      kind: 'county_public_service',
      role: 'partner',
      responsibilities: [
        'Recrutează și evaluează cei 14 copii cu măsură de protecție specială (traseul de reintegrare)',
        'Intervenția B — reintegrarea în familie, împreună cu GAL Colinele Recaș',
      ],
      authority: 'Consiliul Județean Timiș',
      website: 'https://www.dgaspctm.ro',
    },
    {
      id: 'GAL',
      name: 'Asociația Grupul de Acțiune Locală Colinele Recaș',
      shortName: 'GAL Colinele Recaș',
      kind: 'association',
      role: 'partner',
      responsibilities: ['Intervenția A, împreună cu DAS Timișoara', 'Intervenția B, împreună cu DGASPC Timiș'],
      authority: 'Parteneriat public-privat (12 UAT-uri: Recaș, Dumbrăvița, Giarmata, Sînandrei, Bucovăț, Mașloc, Fibiș, Bogda, Brestovăț, Remetea Mare, Secaș, Șiștarovăț)',
      website: 'https://www.galcolinelerecas.com',
    },
  ]);

export function getInstitution(id: InstitutionId): Institution {
  const found = institutions.find((i) => i.id === id);
  if (!found) throw new Error(`Unknown institution ${id}`);
  return found;
}

export const leadInstitution = (): Institution => institutions.find((i) => i.role === 'lead')!;
