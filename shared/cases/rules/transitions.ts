/** Allowed stage transitions and decisions per track (pure; the graph is configuration in shared/cases/config.ts). */
import { trackConfig, type Stage, type TaskKind, type Track } from '../config.js';

export function allowedNext(track: Track, from: Stage): readonly Stage[] {
  return trackConfig[track].transitions[from] ?? [];
}

export function canTransition(track: Track, from: Stage, to: Stage): boolean {
  return allowedNext(track, from).includes(to);
}

export type DecisionTask = 'evaluation' | 'review' | 'monitoring_review' | 'reintegration';

export function allowedDecisions(track: Track, kind: DecisionTask): readonly string[] {
  return trackConfig[track].decisions[kind];
}

export function isDecisionAllowed(track: Track, kind: TaskKind, decision: string): boolean {
  if (kind === 'evaluation' || kind === 'review' || kind === 'monitoring_review' || kind === 'reintegration') {
    return allowedDecisions(track, kind).includes(decision);
  }
  return true;
}

/** The stage a decision leads to (what the workflow will open next), used to validate before resuming. */
export function stageAfterDecision(kind: TaskKind, decision: string, current: Stage): Stage {
  switch (`${kind}:${decision}`) {
    case 'evaluation:proceed': return 'planning';
    case 'evaluation:close': return 'closing';
    case 'plan_approval:approved': return current === 'monitoring' ? 'monitoring' : 'services';
    case 'plan_approval:rejected': return 'planning';
    case 'review:continue': return 'services';
    case 'monitoring_review:continue': return 'monitoring';
    case 'review:change_plan':
    case 'monitoring_review:change_plan': return 'planning';
    case 'review:close':
    case 'monitoring_review:close': return 'closing';
    case 'review:transfer':
    case 'monitoring_review:transfer': return 'transfer';
    case 'review:reintegrate': return 'reintegration';
    case 'reintegration:reintegrated': return 'monitoring';
    case 'reintegration:postponed': return 'services';
    default: return current;
  }
}
