/**
 * A task's record and its way back to the workflow: the new task of a case (deterministic id, assignee, due date) and
 * the callback that resumes the waiting execution. Apart from tasks.ts (which applies submitted forms) so that other
 * areas can open and resume tasks without loading the form rules.
 */
import { createHash } from 'node:crypto';
import { taskAssignee, taskKindLabels, type TaskKind } from './config.js';
import type { CaseRecord } from './model.js';
import type { TaskRecord } from './task-store.js';
import { logger } from '../platform/log.js';
import { taskDue } from './due.js';
import type { PathwayDeps } from './deps.js';

export interface OpenTaskInput {
  caseId: string;
  kind: TaskKind;
  taskToken?: string;
  executionArn?: string;
  stateName?: string;
}

/** What identifies a new task: the workflow's callback token, else the case, the kind and the plan version. */
export function taskSeed(c: CaseRecord, input: OpenTaskInput): string {
  return input.taskToken ?? `${c.caseId}#${input.kind}#${c.plan?.planId ?? ''}#${c.plan?.version ?? 0}`;
}

const hexTaskId = (seed: string) => `T${createHash('sha256').update(seed).digest('hex').slice(0, 24).toUpperCase()}`;

/**
 * Deterministic id: a retried invocation for the same callback (same token) finds the task it already created.
 * `T` + 24 hex digits, except that a run of 13 or more decimal digits has every 8th digit of the run turned into a
 * letter: the mail guard (shared/notifications/guard.ts) takes 13 digits in a row for a CNP and refuses the mail, and
 * 1.2 % of hex ids held such a run — their task e-mails and the digests that listed them were never sent.
 */
export function taskIdFor(seed: string): string {
  return hexTaskId(seed).replace(/\d{13,}/g, (run) => [...run].map((ch, i) => (i % 8 === 7 ? 'ABCDEF'[Number(ch) % 6]! : ch)).join(''));
}

/** The id versions before the change above gave `seed`, where it differs (a task opened by them is found by it). */
export function earlierTaskIdFor(seed: string): string | undefined {
  const hex = hexTaskId(seed);
  return hex === taskIdFor(seed) ? undefined : hex;
}

function assigneeFor(c: CaseRecord, kind: TaskKind): Pick<TaskRecord, 'assigneeId' | 'assigneeRole' | 'institution'> {
  const role = taskAssignee[kind];
  const institution = kind === 'transfer_acceptance' && c.transfer ? c.transfer.to : c.institution;
  return { assigneeRole: role, assigneeId: role === 'case_manager' ? c.caseManagerId : undefined, institution };
}

export function newTask(c: CaseRecord, input: OpenTaskInput, now: Date): TaskRecord {
  const at = now.toISOString();
  const due = taskDue(input.kind, c, now);
  return {
    taskId: taskIdFor(taskSeed(c, input)),
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    kind: input.kind,
    title: `${taskKindLabels[input.kind]} — ${c.caseNumber}`,
    status: 'open',
    ...assigneeFor(c, input.kind),
    dueAt: due.dueAt,
    dueRule: due.rule,
    createdAt: at,
    taskToken: input.taskToken,
    executionArn: input.executionArn,
    stateName: input.stateName,
    resume: 'none',
    version: 1,
  };
}

/** Send the decision back to the waiting execution; tolerant of a token that was already used (idempotent). */
export async function resumeWorkflow(d: PathwayDeps, task: TaskRecord): Promise<boolean> {
  if (!task.taskToken || task.resume !== 'pending') return false;
  try {
    await d.sfn.sendTaskSuccess({ taskToken: task.taskToken, output: JSON.stringify(task.output ?? {}) });
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name !== 'TaskTimedOut' && name !== 'InvalidToken' && name !== 'TaskDoesNotExist') {
      logger.warn('workflow resume deferred', { taskId: task.taskId, error: name });
      return false;
    }
    logger.warn('workflow token no longer valid', { taskId: task.taskId, error: name });
  }
  await d.tasks.markResumed(task.taskId);
  return true;
}

/** Retry resuming workflows whose tasks were completed but whose callback did not get through (crash, network). */
export async function resumePending(d: PathwayDeps, tasks: TaskRecord[]): Promise<number> {
  let n = 0;
  for (const t of tasks) if (t.resume === 'pending' && (await resumeWorkflow(d, t))) n++;
  return n;
}
