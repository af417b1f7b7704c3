/**
 * The cases behind a figure. The project manager sees every partner's cases without names; a coordinator sees the
 * cases of their own institution, with the child's name (they may open those files anyway). Pure.
 */
import type { InstitutionId, Role } from '../platform/auth/principal.js';
import { stageLabels, trackConfig, type Stage, type Track } from '../cases/index.js';
import type { ReportCase } from './model.js';

export interface DrillDownRow {
  caseId: string;
  caseNumber: string;
  institution: InstitutionId;
  track: Track;
  trackLabel: string;
  stage: Stage;
  stageLabel: string;
  status: 'open' | 'closed';
  /** only for coordinators of the case's institution */
  childName?: string;
}

export interface DrillDown {
  rows: DrillDownRow[];
  /** cases of other institutions behind the figure that this reader may not list */
  hiddenOtherInstitutions: number;
}

export interface Viewer {
  roles: readonly Role[];
  institution: InstitutionId;
}

export function drillDown(caseIds: readonly string[], cases: readonly ReportCase[], viewer: Viewer): DrillDown {
  const byId = new Map(cases.map((c) => [c.caseId, c]));
  const allPartners = viewer.roles.includes('project_manager');
  const coordinator = viewer.roles.includes('coordinator');
  const rows: DrillDownRow[] = [];
  let hidden = 0;
  for (const id of caseIds) {
    const c = byId.get(id);
    if (!c) continue;
    const own = c.institution === viewer.institution;
    if (!allPartners && !(coordinator && own)) {
      hidden += 1;
      continue;
    }
    rows.push({
      caseId: c.caseId,
      caseNumber: c.caseNumber,
      institution: c.institution,
      track: c.track,
      trackLabel: trackConfig[c.track].label,
      stage: c.stage,
      stageLabel: stageLabels[c.stage],
      status: c.status,
      ...(coordinator && own ? { childName: c.childName } : {}),
    });
  }
  rows.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
  return { rows, hiddenOtherInstitutions: hidden };
}
