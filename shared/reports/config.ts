/**
 * Reporting as configuration: who counts as the project team, the small-count rule for ethnicity, and how closure
 * reasons map to the project's outcome indicators. Each entry cites its source and how sure we are of it.
 */
import type { Role } from '../platform/auth/principal.js';
import type { closureReasons } from '../cases/index.js';

type ClosureReason = (typeof closureReasons)[number];

export interface Sourced<T> {
  readonly value: T;
  readonly source: string;
  /** 'stated': written in a source document; 'project_decision': chosen by Vatra, to be confirmed by the project */
  readonly confidence: 'stated' | 'project_decision';
}

export interface ReportingConfig {
  /** ethnicity figures below this count are suppressed in outputs that leave the project team */
  readonly suppressionThreshold: Sourced<number>;
  /** roles whose on-screen views are inside the project team (files are always suppressed) */
  readonly projectTeamRoles: Sourced<readonly Role[]>;
  /** how the shown text of a suppressed figure reads */
  readonly suppressedLabel: string;
  /** closure reasons that count as "separation prevented" */
  readonly separationPrevented: Sourced<readonly ClosureReason[]>;
  /** closure reasons that count as "separated from the family" */
  readonly separated: Sourced<readonly ClosureReason[]>;
  /** closure reason that counts as "reintegration sustained through monitoring" */
  readonly reintegrationSustained: Sourced<readonly ClosureReason[]>;
  /** closure reasons that take a child out of the target group altogether (never a participant) */
  readonly notInTargetGroup: Sourced<readonly ClosureReason[]>;
}

export const reportingConfig: ReportingConfig = {
  suppressionThreshold: {
    value: 5,
    source: 'Brief Vatra, „Data protection”: etnia iese din sistem doar agregat, cu numerele mici suprimate; GDPR art. 9 (categorie specială); pragul 5 din cerința de raportare (issue 9)',
    confidence: 'project_decision',
  },
  projectTeamRoles: {
    value: ['project_manager', 'coordinator'],
    source: 'Brief Vatra, „Who uses it”: managerul de proiect vede toți indicatorii, coordonatorii urmăresc proiectul la partenerul lor',
    confidence: 'project_decision',
  },
  suppressedLabel: '<5',
  separationPrevented: {
    value: ['objectives_met', 'moved_away', 'turned_18', 'project_ended'],
    source: 'Issue 9: cazuri închise cu separare prevenită (objectives_met / moved_away / turned_18 / project_ended) față de „separated”',
    confidence: 'stated',
  },
  separated: { value: ['separated'], source: 'Issue 9', confidence: 'stated' },
  reintegrationSustained: { value: ['reintegrated_monitored'], source: 'Issue 9: reintegrări menținute prin monitorizare', confidence: 'stated' },
  notInTargetGroup: {
    value: ['not_eligible'],
    source: 'Motivul de închidere „Nu face parte din grupul țintă” (shared/cases/config.ts)',
    confidence: 'project_decision',
  },
};
