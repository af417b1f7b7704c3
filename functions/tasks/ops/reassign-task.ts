/** api-tasks POST /tasks/{taskId}/reassign: Realocă sarcina. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { reassignTask } from '../../../shared/cases/tasks.js';
import { taskParams, req } from './common.js';

const reassignTaskOp = operation({
  path: taskParams,
  body: z.object({ assigneeId: z.string().min(1).max(128), reason: z.string().trim().min(5, 'Motivul: minimum 5 caractere').max(500) }),
  async handle(ctx) {
    return { body: await reassignTask(deps(), ctx.principal!, ctx.path.taskId, ctx.body.assigneeId, ctx.body.reason, req(ctx)) };
  },
});

export default reassignTaskOp;
