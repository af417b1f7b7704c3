/** api-tasks: the inbox (mine / my team's, overdue first), a task with its form, drafts, submit, reassignment. */
import { z } from 'zod';
import { apiHandler, operation } from '../../shared/manifest/api.js';
import { taskSubmitSchema } from '../../shared/cases/model.js';
import { deps } from '../../shared/cases/deps.js';
import { getTask, reassignTask, saveDraft, submitTask } from '../../shared/cases/tasks.js';
import { caseView } from '../../shared/cases/views.js';
import type { TaskRecord } from '../../shared/cases/task-store.js';
import { childLabelFor } from '../../shared/cases/display.js';
import { localDate } from '../../shared/platform/calendar.js';
import { taskView } from '../../shared/cases/field-policy.js';

const taskParams = z.object({ taskId: z.string().regex(/^T[0-9A-F]{24}$/, 'Identificator de sarcină invalid') });
const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });
const visible = (t: TaskRecord) => taskView(t);

const listTasks = operation({
  query: z.object({ scope: z.enum(['mine', 'team']).default('mine') }),
  async handle(ctx) {
    const p = ctx.principal!;
    const d = deps();
    const now = d.now().toISOString();
    let items: TaskRecord[];
    if (ctx.query.scope === 'team') {
      items = await d.tasks.openForInstitution(p.institution);
    } else {
      items = await d.tasks.openForAssignee(p.userId);
      if (p.roles.includes('coordinator')) {
        const queue = (await d.tasks.openForInstitution(p.institution)).filter((t) => !t.assigneeId && t.assigneeRole === 'coordinator');
        items = [...items, ...queue].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
      }
    }
    // the child's name and age per the viewer's relation to each case (shared/cases/display.ts); the read is audited
    const cases = new Map((await d.cases.getMany(items.map((t) => t.caseId))).map((c) => [c.caseId, c]));
    const today = localDate(now);
    const labelled = items.map((t) => {
      const c = cases.get(t.caseId);
      const label = c ? childLabelFor(p, c, today, t.assigneeId ? [t.assigneeId] : []) : undefined;
      return { ...visible(t), overdue: t.dueAt < now, childName: label?.childLabel ?? null, childAge: label?.childAge ?? null };
    });
    const named = labelled.filter((t) => t.childName !== null).map((t) => t.caseId);
    await d.audit.append({
      actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'task.list', subjectType: 'task', subjectId: `tasks:${ctx.query.scope}`,
      subjectInstitution: p.institution, outcome: 'allowed', sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId,
      // case ids, never names: which children's names this list showed
      detail: { count: items.length, namedCases: [...new Set(named)] },
    });
    return { body: { items: labelled, scope: ctx.query.scope } };
  },
});

const getTaskOp = operation({
  path: taskParams,
  async handle(ctx) {
    const r = await getTask(deps(), ctx.principal!, ctx.path.taskId, req(ctx));
    return { body: { task: r.task, case: caseView(r.case, 'case_manager') } };
  },
});

const saveDraftOp = operation({
  path: taskParams,
  body: z.object({ form: z.record(z.string(), z.unknown()) }),
  async handle(ctx) {
    return { body: await saveDraft(deps(), ctx.principal!, ctx.path.taskId, ctx.body.form, req(ctx)) };
  },
});

const submitTaskOp = operation({
  path: taskParams,
  body: taskSubmitSchema,
  async handle(ctx) {
    const r = await submitTask(deps(), ctx.principal!, ctx.path.taskId, ctx.body.expectedVersion, ctx.body.form, req(ctx));
    return { body: { task: r.task, case: caseView(r.case, 'case_manager') } };
  },
});

const reassignTaskOp = operation({
  path: taskParams,
  body: z.object({ assigneeId: z.string().min(1).max(128), reason: z.string().trim().min(5, 'Motivul: minimum 5 caractere').max(500) }),
  async handle(ctx) {
    return { body: await reassignTask(deps(), ctx.principal!, ctx.path.taskId, ctx.body.assigneeId, ctx.body.reason, req(ctx)) };
  },
});

export const operations = { listTasks, getTask: getTaskOp, saveDraft: saveDraftOp, submitTask: submitTaskOp, reassignTask: reassignTaskOp };
export const handler = apiHandler('api-tasks', operations);
