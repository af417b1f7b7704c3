/**
 * The one field policy for case data read through the API: which fields each view shows, per relation to the case.
 * Every read route that returns a case or its tasks builds its answer through here, and a test generated from this
 * table (test/integration/field-policy.test.ts) calls each such route as each relation and compares field sets.
 *
 * - full: the case's managers and coordinators (the case file as they work it), minus what never leaves the API;
 * - limited: centre and intervention staff, who see a child enrolled in their service only to do their own work —
 *   no decisions, reasons, plan type (it reveals the track), case manager or workflow details.
 * Workflow internals (task tokens, execution ARNs, state names) and identity lookup keys never leave the API.
 */
import type { Role } from '../platform/auth/principal.js';
import type { TaskRecord } from './task-store.js';

export type ViewKind = 'full' | 'limited';

export const viewKindOf = (role: Role): ViewKind => (role === 'centre_staff' || role === 'intervention_staff' ? 'limited' : 'full');

export const fieldPolicy = {
  case: {
    limited: ['caseId', 'caseNumber', 'child', 'services', 'stage', 'status', 'view'],
    limitedChild: ['firstName'],
    /** fields of the stored case that no view shows (and, inside `workflow` and history details, `executionArn`) */
    never: ['identityKeys'],
  },
  /** keys removed at any depth of a case read answer: workflow internals */
  workflowInternals: ['taskToken', 'executionArn', 'stateName'],
  task: {
    limited: ['taskId', 'caseId', 'kind', 'title', 'status', 'dueAt', 'createdAt', 'completedAt'],
    never: ['taskToken', 'executionArn', 'stateName'],
  },
} as const;

export function pick<T extends object>(o: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o && (o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  return out as Partial<T>;
}

export function omit<T extends object>(o: T, keys: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = { ...(o as Record<string, unknown>) };
  for (const k of keys) delete out[k];
  return out as Partial<T>;
}

export type FullTaskView = Omit<TaskRecord, 'taskToken' | 'executionArn' | 'stateName'>;

/** A copy without workflow internals at any depth (history details, the case's workflow pointer). */
export function withoutWorkflowInternals<T>(v: T): T {
  if (Array.isArray(v)) return v.map(withoutWorkflowInternals) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (!(fieldPolicy.workflowInternals as readonly string[]).includes(k)) out[k] = withoutWorkflowInternals(x);
    }
    return out as T;
  }
  return v;
}

/** A task as the given view shows it. */
export function taskView(t: TaskRecord): FullTaskView;
export function taskView(t: TaskRecord, kind: ViewKind): FullTaskView | Partial<TaskRecord>;
export function taskView(t: TaskRecord, kind: ViewKind = 'full'): FullTaskView | Partial<TaskRecord> {
  return kind === 'limited' ? pick(t, fieldPolicy.task.limited) : (omit(t, fieldPolicy.task.never) as FullTaskView);
}
