/** api-tasks PUT /tasks/{taskId}/draft: Salvează ciorna formularului. */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { saveDraft } from '../../../shared/cases/tasks.js';
import { taskParams, req } from './common.js';

const saveDraftOp = operation({
  path: taskParams,
  body: z.object({ form: z.record(z.string(), z.unknown()) }),
  async handle(ctx) {
    return { body: await saveDraft(deps(), ctx.principal!, ctx.path.taskId, ctx.body.form, req(ctx)) };
  },
});

export default saveDraftOp;
