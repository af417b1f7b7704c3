/**
 * Working settings of the monthly run (technical, not legal). Each value says where it comes from.
 */
import { project } from '../project/project.js';
import type { InstitutionId } from '../platform/auth/principal.js';

export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
}

export interface RunSettings {
  /** summaries read per EvaluateBatch invocation */
  readonly pageSize: Sourced<number>;
  /** corrections evaluated per invocation */
  readonly correctionsPageSize: Sourced<number>;
  /** lines written to the ledger per MarkPaid invocation */
  readonly markPageSize: Sourced<number>;
  /** children read and decided at the same time inside one invocation */
  readonly concurrency: Sourced<number>;
  /** the institution whose coordinators start and approve runs and whose finance office pays */
  readonly leadInstitution: Sourced<InstitutionId>;
}

const lead = project.partners.find((p) => p.role === 'lead');

/** Operations (and the crash tests) may shrink a page through the environment; anything not a positive integer is ignored. */
function fromEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 && v <= 1000 ? v : fallback;
}
if (!lead) throw new Error('Proiectul nu are un partener lider');

export const runSettings: RunSettings = {
  pageSize: {
    value: fromEnv('VATRA_SUBSIDY_PAGE_SIZE', 1000),
    source: 'Vatra: 100.000 de copii = 100 de iterații × 7 evenimente, mult sub limita de 25.000 de evenimente a unei execuții Step Functions; o invocare durează câteva secunde (docs/monthly-run-at-scale.md)',
  },
  correctionsPageSize: { value: 100, source: 'Vatra: o corecție cere câteva citiri (cazul, înscrierile, registrul de plăți, linia lunii corectate)' },
  markPageSize: { value: fromEnv('VATRA_SUBSIDY_MARK_PAGE_SIZE', 1000), source: 'Vatra: o tranzacție la 25 de linii (intrarea condiționată în registrul de plăți și contorul copilului; starea plății liniei se citește din registru); câteva secunde pe invocare (docs/monthly-run-at-scale.md)' },
  concurrency: { value: 16, source: 'Vatra: cereri DynamoDB simultane într-o invocare (sub limitele de conexiuni ale clientului AWS SDK, 50 implicit)' },
  leadInstitution: { value: lead.id, source: 'shared/project/project.ts — partenerul lider al proiectului 328741 (DAS Timișoara) aprobă rularea și plătește' },
};
