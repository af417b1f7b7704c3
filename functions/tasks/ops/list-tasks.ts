/** api-tasks GET /tasks: Sarcinile mele / ale echipei, cele întârziate primele. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import type { TaskRecord } from '../../../shared/cases/task-store.js';
import { childLabelFor } from '../../../shared/cases/display.js';
import { localDate } from '../../../shared/platform/calendar.js';
import { taskView } from '../../../shared/cases/field-policy.js';

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

export default listTasks;
