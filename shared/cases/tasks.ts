/**
 * Human tasks of the pathway: opened by the workflow (with its callback token), worked by staff through the API,
 * and resumed: a submitted form is validated, applied to the case in ONE transaction with its history entry and the
 * task's completion, then the token is sent back to Step Functions. If sending fails the task stays `resume: pending`
 * and `resumePending` retries it; a second SendTaskSuccess for the same token is refused by Step Functions.
 */
import type { Principal } from '../platform/auth/principal.js';
import { grantingRole } from '../manifest/policy.js';
import { stageOfTask, trackConfig } from './config.js';
import { taskFormSchema, type CaseRecord } from './model.js';
import { conflict, forbidden, notFound, invalid, zodFields } from '../platform/errors.js';
import { canTransition } from './rules/transitions.js';
import { CaseConflictError, systemActor, TransactionConflictError, type Actor, type TransactItem } from './store.js';
import type { TaskRecord } from './task-store.js';
import { requireStaff } from './staff.js';
import { logger } from '../platform/log.js';
import { earlierTaskIdFor, newTask, resumeWorkflow, taskSeed, type OpenTaskInput } from './task-record.js';
import { applyTaskForm } from './apply.js';
import { cohortPlaces, CohortPlacesMovedError } from './cohorts.js';
import { CohortPlacesStore } from './cohort-places-store.js';
import { actorOf, authorizeCase, caseFacts, type RequestInfo } from './access.js';
import type { PathwayDeps } from './deps.js';
import { outboxItem, deliverOutbox } from './outbox.js';
import type { OutboxRecord } from './outbox-store.js';
import { taskView } from './field-policy.js';
import { settleDeliveredTasks } from './workflow.js';
import { draftProblems } from './drafts.js';

export { newTask, resumePending, resumeWorkflow, taskIdFor, type OpenTaskInput } from './task-record.js';

/** Called by the workflow (waitForTaskToken): create the task, move the case to the task's stage, notify. Idempotent. */
export async function openTask(d: PathwayDeps, input: OpenTaskInput): Promise<{ taskId: string; created: boolean }> {
  const now = d.now();
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await d.cases.get(input.caseId);
    if (!c) throw new Error(`case ${input.caseId} not found`);
    const task = newTask(c, input, now);
    const earlier = earlierTaskIdFor(taskSeed(c, input));
    // the task and its id under the earlier scheme, in one consistent read
    const found = await d.tasks.getMany(earlier ? [task.taskId, earlier] : [task.taskId]);
    const existing = found.get(task.taskId) ?? (earlier ? found.get(earlier) : undefined);
    if (existing) return { taskId: existing.taskId, created: false };
    // the execution waits on one human task at a time: another open task of it had its answer sent outside Vatra
    if (input.executionArn && (await settleDeliveredTasks(d, c.caseId, { executionArn: input.executionArn, exceptTaskId: task.taskId })).closed > 0) continue;
    const stage = input.kind === 'observator_registration' ? c.stage : stageOfTask[input.kind];
    if (stage !== c.stage && !canTransition(c.track, c.stage, stage)) {
      throw Object.assign(new Error(`transition ${c.stage} -> ${stage} not allowed on ${c.track}`), { name: 'Vatra.TransitionNotAllowed' });
    }
    const after: CaseRecord = { ...c, stage, pendingTaskId: input.kind === 'observator_registration' ? c.pendingTaskId : task.taskId, updatedAt: now.toISOString() };
    const mail = outboxItem(d.db, { kind: 'task_assigned', task, now, planType: c.plan?.type ?? trackConfig[c.track].planType });
    try {
      await d.cases.update(c, after, { at: now.toISOString(), actorId: systemActor.userId, actorName: systemActor.displayName, action: 'task.open', summary: `Sarcină nouă: ${task.title}`, detail: { taskId: task.taskId, kind: task.kind, dueAt: task.dueAt } }, [d.tasks.createItem(task), mail.item]);
    } catch (e) {
      if (e instanceof CaseConflictError || e instanceof TransactionConflictError) continue; // re-read and retry (or find the task created by a concurrent retry)
      throw e;
    }
    await deliverOutbox(d, mail.record).catch((err: unknown) => logger.warn('mail delivery deferred', { outboxId: mail.id, error: (err as Error).message }));
    return { taskId: task.taskId, created: true };
  }
  throw new Error(`could not open task on case ${input.caseId}: too many concurrent changes`);
}

async function loadTaskAndCase(d: PathwayDeps, taskId: string) {
  const task = await d.tasks.get(taskId);
  if (!task) throw notFound('Sarcina nu a fost găsită.');
  const c = await d.cases.get(task.caseId);
  if (!c) throw notFound('Cazul sarcinii nu a fost găsit.');
  return { task, c };
}

function taskAccessFacts(c: CaseRecord, task: TaskRecord) {
  const facts = caseFacts(c, task.assigneeId ? [task.assigneeId] : []);
  // a transfer waits on the receiving institution's coordinators
  return { ...facts, institution: task.institution as CaseRecord['institution'], sharedWith: [c.institution, ...c.sharedWith] };
}

export async function getTask(d: PathwayDeps, p: Principal, taskId: string, req: RequestInfo) {
  const { task, c } = await loadTaskAndCase(d, taskId);
  await authorizeCase(d.audit, p, 'task.work', { ...c, ...taskAccessFacts(c, task) } as CaseRecord, req, { extraAssignees: task.assigneeId ? [task.assigneeId] : [], auditAction: 'task.read', detail: { taskId } });
  return { task: taskView(task), case: c };
}

export interface SubmitResult {
  task: Omit<TaskRecord, 'taskToken'>;
  case: CaseRecord;
}

/** How many times an approval counts the cohort places again when other approvals took places meanwhile. */
const PLACES_RETRIES = 10;

export async function submitTask(d: PathwayDeps, p: Principal, taskId: string, expectedVersion: number, rawForm: unknown, req: RequestInfo): Promise<SubmitResult> {
  // A workflow step (opening the next task, recording an execution) may write the case between our read and our write;
  // that bumps the storage version only. Re-read and apply again while the person's edit version still holds.
  let conflicts = 0;
  let placesMoved = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitOnce(d, p, taskId, expectedVersion, rawForm, req, attempt === 0);
    } catch (e) {
      if (e instanceof CaseConflictError && ++conflicts <= 4) continue;
      if (e instanceof CaseConflictError) throw conflict('VERSION_CONFLICT', 'Cazul a fost modificat de altcineva între timp. Reîncărcați datele și reluați modificarea.');
      // another approval took a cohort place since this one counted them: count again (nothing was written), after a
      // pause that grows and differs between the approvals that met, so that they do not meet again
      if (e instanceof CohortPlacesMovedError && ++placesMoved <= PLACES_RETRIES) {
        await new Promise((r) => setTimeout(r, Math.random() * 25 * placesMoved));
        continue;
      }
      if (e instanceof CohortPlacesMovedError) throw conflict('COHORT_PLACES_BUSY', 'Alte planuri au fost aprobate în același timp și locurile din cohorte s-au schimbat. Reluați aprobarea.');
      throw e;
    }
  }
}

async function submitOnce(d: PathwayDeps, p: Principal, taskId: string, expectedVersion: number, rawForm: unknown, req: RequestInfo, audit: boolean): Promise<SubmitResult> {
  const now = d.now();
  const { task, c } = await loadTaskAndCase(d, taskId);
  if (audit) {
    await authorizeCase(d.audit, p, 'task.work', { ...c, ...taskAccessFacts(c, task) } as CaseRecord, req, { extraAssignees: task.assigneeId ? [task.assigneeId] : [], auditAction: 'task.submit', detail: { taskId, kind: task.kind } });
  } else if (!grantingRole(p, 'task.work', taskAccessFacts(c, task))) {
    throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  }
  if (task.assigneeRole === 'coordinator' && !p.roles.includes('coordinator')) throw forbidden('Această sarcină poate fi rezolvată doar de un coordonator.');
  // a coordinator's decision belongs to the institution the task waits on (a transfer: the receiving one, never the sender)
  if (task.assigneeRole === 'coordinator' && p.institution !== task.institution) throw forbidden(`Această decizie aparține coordonatorilor ${task.institution}.`);
  if (task.status !== 'open') throw conflict('TASK_ALREADY_COMPLETED', 'Sarcina a fost deja finalizată de altcineva. Reîncărcați pagina.', { completedBy: task.completedBy, completedAt: task.completedAt });
  if ((c.editVersion ?? 1) !== expectedVersion) throw conflict('VERSION_CONFLICT', 'Cazul a fost modificat de altcineva între timp. Reîncărcați datele și reluați modificarea.', { currentVersion: c.editVersion ?? 1 });
  const parsed = taskFormSchema(task.kind).safeParse(rawForm);
  if (!parsed.success) throw invalid('VALIDATION_FAILED', 'Formularul conține erori. Verificați câmpurile marcate.', zodFields(parsed.error, 'form'));
  const actor = actorOf(p);
  if (task.kind === 'transfer_acceptance' && (parsed.data as { decision?: string }).decision === 'accepted') {
    await requireStaff(d.db, (parsed.data as { caseManagerId: string }).caseManagerId, 'case_manager', task.institution, 'form.caseManagerId', 'CASE_MANAGER_NOT_ELIGIBLE');
  }
  const approvesCohort = task.kind === 'plan_approval' && (parsed.data as { decision?: string }).decision === 'approved' && c.plan?.cohort && c.cohort !== c.plan.cohort;
  const places = approvesCohort ? await cohortPlaces(d, c.caseId) : undefined;
  const applied = applyTaskForm(c, task.kind, parsed.data, actor, now, places ? { cohortCounts: places.counts } : {});
  const doneTask: TaskRecord = {
    ...task,
    status: 'completed',
    completedAt: now.toISOString(),
    completedBy: p.userId,
    output: applied.output,
    resume: task.taskToken ? 'pending' : 'none',
    draft: undefined,
  };
  const after: CaseRecord = { ...applied.after, editVersion: (c.editVersion ?? 1) + 1, pendingTaskId: c.pendingTaskId === task.taskId ? undefined : c.pendingTaskId };
  // the transaction: [case, history, task, (the cohort places' version), (Observatorul task, its mail)]
  const extra: TransactItem[] = [d.tasks.replaceItem(task, doneTask)];
  let placesAt: number | undefined;
  if (places) {
    placesAt = 2 + extra.length;
    extra.push(new CohortPlacesStore(d.db).takeItem(places, { caseId: c.caseId, cohort: applied.after.cohort!, at: now.toISOString() }));
  }
  let observatorMail: OutboxRecord | undefined;
  if (applied.openObservatorTask && !after.plan?.observator) {
    const observator: TaskRecord = { ...newTask(after, { caseId: c.caseId, kind: 'observator_registration' }, now), context: { planType: after.plan?.type ?? 'PS' } };
    extra.push(d.tasks.createItem(observator));
    const mail = outboxItem(d.db, { kind: 'task_assigned', task: observator, now });
    extra.push(mail.item);
    observatorMail = mail.record;
  }
  let stored: CaseRecord;
  try {
    stored = await d.cases.update(c, after, { at: now.toISOString(), actorId: actor.userId, actorName: actor.displayName, action: `task.submit.${task.kind}`, summary: applied.summary, detail: { taskId, output: applied.output } }, extra);
  } catch (e) {
    // refused on the places item: another approval took a place since this one counted (or wrote it at the same time)
    if (e instanceof TransactionConflictError && placesAt !== undefined && ['ConditionalCheckFailed', 'TransactionConflict'].includes(e.reasons[placesAt] ?? '')) throw new CohortPlacesMovedError();
    if (e instanceof TransactionConflictError) throw conflict('TASK_ALREADY_COMPLETED', 'Sarcina a fost deja finalizată de altcineva. Reîncărcați pagina.');
    throw e;
  }
  if (observatorMail) {
    const { outboxId } = observatorMail;
    await deliverOutbox(d, observatorMail).catch((err: unknown) => logger.warn('mail delivery deferred', { outboxId, error: (err as Error).message }));
  }
  if (doneTask.taskToken) await resumeWorkflow(d, { ...doneTask, version: task.version + 1 });
  return { task: taskView({ ...doneTask, version: task.version + 1 }), case: stored };
}

export async function saveDraft(d: PathwayDeps, p: Principal, taskId: string, form: unknown, req: RequestInfo) {
  const { task, c } = await loadTaskAndCase(d, taskId);
  await authorizeCase(d.audit, p, 'task.work', { ...c, ...taskAccessFacts(c, task) } as CaseRecord, req, { extraAssignees: task.assigneeId ? [task.assigneeId] : [], auditAction: 'task.draft', detail: { taskId } });
  if (task.status !== 'open') throw conflict('TASK_ALREADY_COMPLETED', 'Sarcina a fost deja finalizată.');
  const problems = draftProblems(taskFormSchema(task.kind), form);
  if (problems.length) throw invalid('DRAFT_INVALID', 'Ciorna conține date pe care formularul nu le poate primi. Verificați câmpurile marcate.', problems);
  const next: TaskRecord = { ...task, draft: { form, savedAt: d.now().toISOString(), savedBy: p.userId } };
  try {
    await d.tasks.replace(task, next);
  } catch {
    throw conflict('VERSION_CONFLICT', 'Sarcina a fost modificată între timp. Reîncărcați pagina.');
  }
  return { savedAt: next.draft!.savedAt, version: task.version + 1 };
}

export async function reassignTask(d: PathwayDeps, p: Principal, taskId: string, assigneeId: string, reason: string, req: RequestInfo) {
  const now = d.now();
  const { task, c } = await loadTaskAndCase(d, taskId);
  const facts = taskAccessFacts(c, task);
  await authorizeCase(d.audit, p, 'task.reassign', { ...c, ...facts } as CaseRecord, req, { auditAction: 'task.reassign', detail: { taskId, assigneeId } });
  if (!grantingRole(p, 'task.reassign', facts)) throw forbidden();
  if (task.status !== 'open') throw conflict('TASK_ALREADY_COMPLETED', 'Sarcina a fost deja finalizată.');
  // the new assignee must be a known staff member holding the task's role in the task's institution:
  // a reassignment must never hand a child's case to someone outside the team (or to an unknown id)
  await requireStaff(d.db, assigneeId, task.assigneeRole, task.institution, 'assigneeId');
  const moved: TaskRecord = { ...task, assigneeId };
  const edited = { ...c, editVersion: (c.editVersion ?? 1) + 1, updatedAt: now.toISOString() };
  const after: CaseRecord = task.assigneeRole === 'case_manager' ? { ...edited, caseManagerId: assigneeId } : edited;
  const mail = outboxItem(d.db, { kind: 'task_assigned', task: moved, now });
  try {
    await d.cases.update(c, after, { at: now.toISOString(), actorId: p.userId, actorName: p.displayName, action: 'task.reassign', summary: `Sarcina „${task.title}” a fost realocată. Motiv: ${reason}`, detail: { taskId, from: task.assigneeId ?? null, to: assigneeId } }, [d.tasks.replaceItem(task, moved), mail.item]);
  } catch (e) {
    if (e instanceof CaseConflictError || e instanceof TransactionConflictError) throw conflict('VERSION_CONFLICT', 'Cazul sau sarcina au fost modificate între timp. Reîncărcați pagina.');
    throw e;
  }
  await deliverOutbox(d, mail.record).catch(() => undefined);
  return { taskId, assigneeId };
}

export function actorSystem(): Actor {
  return systemActor;
}
