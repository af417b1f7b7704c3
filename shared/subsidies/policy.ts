import type { ActionPolicy } from '../platform/auth/policy.js';

/**
 * Policy rows of the subsidies area. Runs belong to the project lead (DAS): its coordinators start, review and
 * approve them; the project manager follows them; finance takes the payment file. The handler also requires the
 * caller's institution to be the project lead (shared/subsidies/api.ts `requireLead`). None of these is about one case.
 */
export const subsidiesPolicy = {
  'subsidy.run.start': { description: 'Pornirea rulării lunare a subvenției (coordonatorul DAS)', caseScoped: false, grants: { coordinator: 'any' } },
  'subsidy.run.read': { description: 'Rulările lunare: stare, totaluri, buget', caseScoped: false, grants: { coordinator: 'any', project_manager: 'any', finance: 'any' } },
  'subsidy.run.lines.read': { description: 'Liniile unei rulări (număr de caz, reprezentant legal, motive) — citire auditată', caseScoped: false, grants: { coordinator: 'any', project_manager: 'any', finance: 'any' } },
  'subsidy.run.decide': { description: 'Includere / excludere motivată, aprobarea sau respingerea rulării (coordonatorul DAS)', caseScoped: false, grants: { coordinator: 'any' } },
  'subsidy.payment_file': { description: 'Descărcarea fișierului de plată al unei rulări aprobate (auditată)', caseScoped: false, grants: { finance: 'any', coordinator: 'any', project_manager: 'any' } },
} satisfies Record<string, ActionPolicy>;
