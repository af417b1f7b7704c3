/**
 * What the subsidy routes share: runs belong to the project lead, every route's reading or change is audited, and a
 * run is loaded or 404. The API's work is one module per route beside this one (docs/decisions/018-performance.md,
 * session 8): a route's first request loads its own code, not every route's.
 */
import type { Principal } from '../../platform/auth/principal.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { RequestInfo } from '../../cases/index.js';
import type { SubsidyDeps } from '../deps.js';
import type { RunRecord } from '../model.js';
import { runSettings } from '../settings.js';

export const lead = () => runSettings.leadInstitution.value;

/** Subsidy runs belong to the project lead: its coordinators, project manager and finance office. */
export function requireLead(p: Principal): void {
  if (p.institution !== lead()) throw forbidden('Rulările subvenției sunt gestionate de instituția care conduce proiectul.');
}

export async function auditRun(d: SubsidyDeps, p: Principal, action: string, subjectType: 'run' | 'case' | 'export', subjectId: string, req: RequestInfo, detail?: Record<string, unknown>, subjectInstitution: string = lead()) {
  await d.audit.append({
    actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action, subjectType, subjectId, subjectInstitution,
    outcome: 'allowed', sourceIp: req.sourceIp, userAgent: req.userAgent, requestId: req.requestId, ...(detail ? { detail } : {}), at: d.now().toISOString(),
  });
}

export async function loadRun(d: SubsidyDeps, runId: string): Promise<RunRecord> {
  const run = await d.store.getRun(runId);
  if (!run) throw notFound('Rularea nu a fost găsită.');
  return run;
}
