/**
 * Project 328741 as configuration: identity, period, partners, target-group numbers and budget
 * (source: comunicatul de presă de lansare, seeds/project-press-release.ro.txt; BRIEF "Budget" — display and reporting only).
 * Plain module of named exports; the schemas check the tables in the unit test (project.test.ts), so a typo in a number
 * fails the build, not a report — they are not parsed at every cold start (docs/decisions/018-performance.md).
 */
import { z } from 'zod';
import { institutionIds } from '../platform/auth/principal.js';
import { institutions } from './institutions.js';

const monthKey = /* @__PURE__ */ z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const source = 'Comunicat de presă de lansare a proiectului 328741 (DAS Timișoara, DGASPC Timiș, GAL Colinele Recaș)';

export const projectSchema = /* @__PURE__ */ z
  .object({
    id: z.literal(328741),
    smisCode: z.string(),
    callCode: z.string(),
    title: z.string().min(10),
    programme: z.string(),
    fund: z.string(),
    period: z.object({ start: monthKey, end: monthKey, months: z.number().int().positive() }),
    partners: z.array(z.object({ id: z.enum(institutionIds), name: z.string(), role: z.enum(['lead', 'partner']) })).length(3),
    targetGroupCounts: z.object({
      children: z.number().int().positive(),
      prevention: z.number().int().nonnegative(),
      reintegration: z.number().int().nonnegative(),
      roma: z.number().int().nonnegative(),
    }),
    source: z.string(),
  })
  .superRefine((p, ctx) => {
    const [sy, sm] = p.period.start.split('-').map(Number) as [number, number];
    const [ey, em] = p.period.end.split('-').map(Number) as [number, number];
    if ((ey - sy) * 12 + (em - sm) + 1 !== p.period.months) ctx.addIssue({ code: 'custom', path: ['period'], message: 'Perioada proiectului nu are numărul de luni declarat' });
    const t = p.targetGroupCounts;
    if (t.prevention + t.reintegration !== t.children) ctx.addIssue({ code: 'custom', path: ['targetGroupCounts'], message: 'Prevenire + reintegrare ≠ total grup țintă' });
    if (t.roma > t.children) ctx.addIssue({ code: 'custom', path: ['targetGroupCounts', 'roma'], message: 'Mai mulți copii romi decât total' });
  });

export const project: z.output<typeof projectSchema> = ({
  id: 328741,
  smisCode: 'MYSMIS2021+COD_328741',
  callCode: 'PIDS/395/PIDS_P5/OP4/ESO4.11/PIDS_A23',
  title: 'Servicii inovative pentru prevenirea separării copiilor de familie în Timișoara',
  programme: 'Programul Incluziune și Demnitate Socială 2021–2027',
  fund: 'Fondul Social European Plus (FSE+)',
  period: { start: '2025-03', end: '2028-02', months: 36 },
  partners: institutions.map((i) => ({ id: i.id, name: i.name, role: i.role })),
  targetGroupCounts: { children: 266, prevention: 252, reintegration: 14, roma: 27 },
  source,
});
export type Project = typeof project;

const lei = /* @__PURE__ */ z.number().nonnegative().multipleOf(0.01);
const bani = (x: number) => Math.round(x * 100);

export const budgetSchema = /* @__PURE__ */ z
  .object({
    currency: z.literal('RON'),
    totalLei: lei,
    byPartner: z.array(
      z.object({
        institution: z.enum(institutionIds),
        totalLei: lei,
        sources: z.array(z.object({ kind: z.enum(['eu', 'state', 'local']), label: z.string(), lei, percent: z.number().min(0).max(100) })),
      }),
    ).length(3),
    purpose: z.literal('display_and_reporting'),
    source: z.string(),
  })
  .superRefine((b, ctx) => {
    const partners = b.byPartner.reduce((s, p) => s + bani(p.totalLei), 0);
    if (partners !== bani(b.totalLei)) ctx.addIssue({ code: 'custom', message: 'Suma bugetelor partenerilor diferă de bugetul total' });
    for (const [i, p] of b.byPartner.entries()) {
      if (p.sources.length === 0) continue;
      const sum = p.sources.reduce((s, x) => s + bani(x.lei), 0);
      if (sum !== bani(p.totalLei)) ctx.addIssue({ code: 'custom', path: ['byPartner', i], message: `Sursele de finanțare ${p.institution} nu însumează bugetul` });
    }
  });

/** Budget of the whole project (display and reporting only; the subsidy line is in shared/subsidies/config.ts). */
export const budget: z.output<typeof budgetSchema> = ({
  currency: 'RON',
  totalLei: 9_951_785.17,
  byPartner: [
    {
      institution: 'DAS',
      totalLei: 7_443_710.32,
      sources: [
        { kind: 'eu', label: 'Uniunea Europeană (FSE+)', lei: 6_327_153.77, percent: 85 },
        { kind: 'state', label: 'Bugetul de stat', lei: 967_682.34, percent: 13 },
        { kind: 'local', label: 'Contribuție proprie — bugetul local al Municipiului Timișoara', lei: 148_874.21, percent: 2 },
      ],
    },
    { institution: 'DGASPC', totalLei: 168_548.21, sources: [] },
    { institution: 'GAL', totalLei: 2_339_526.64, sources: [] },
  ],
  purpose: 'display_and_reporting',
  source,
});
export type Budget = typeof budget;
