/**
 * When a monthly run can be decided, and what the coordinator is told when it cannot. Pure: the API (and its
 * concurrency guard in the store) call it with the run as read.
 */
import { formatDateTimeRo } from '../../platform/calendar.js';

export interface DecisionFacts {
  status: string;
  progress: { evaluated: number; total: number };
  approval?: { decision: 'approved' | 'rejected'; byName: string; at: string } | undefined;
}

export interface Refusal {
  code: 'RUN_ALREADY_DECIDED' | 'RUN_NOTHING_EVALUATED';
  message: string;
  details?: Record<string, unknown>;
}

/** The decision already taken, said so that a second caller knows who decided and when. */
export function alreadyDecided(approval: NonNullable<DecisionFacts['approval']>): Refusal {
  const verb = approval.decision === 'approved' ? 'aprobată' : 'respinsă';
  return {
    code: 'RUN_ALREADY_DECIDED',
    message: `Rularea a fost deja ${verb} de ${approval.byName} la ${formatDateTimeRo(new Date(approval.at))}.`,
    details: { decision: approval.decision, decidedBy: approval.byName, decidedAt: approval.at },
  };
}

/** Why the run cannot be approved (undefined when it can, as far as its content goes). */
export function approvalRefusal(run: DecisionFacts): Refusal | undefined {
  if (run.approval) return alreadyDecided(run.approval);
  if (run.progress.evaluated === 0) {
    return {
      code: 'RUN_NOTHING_EVALUATED',
      message: run.progress.total === 0
        ? 'Rularea nu a găsit niciun copil cu participare în lună (nicio fișă lunară): nu există nimic de aprobat. Verificați înscrierile și registrele lunii, apoi respingeți rularea și porniți una nouă.'
        : 'Rularea nu a evaluat niciun copil: nu există nimic de aprobat. Respingeți rularea și porniți una nouă.',
      details: { evaluated: run.progress.evaluated, total: run.progress.total },
    };
  }
  return undefined;
}

/** Why the run cannot be rejected (undefined when it can). */
export function rejectionRefusal(run: DecisionFacts): Refusal | undefined {
  return run.approval ? alreadyDecided(run.approval) : undefined;
}
