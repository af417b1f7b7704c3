/** api-tasks POST /tasks/{taskId}/submit: Trimite formularul și reia fluxul de lucru. */
import { operation } from '../../../shared/manifest/api.js';
import { taskSubmitSchema } from '../../../shared/cases/model.js';
import { deps } from '../../../shared/cases/deps.js';
import { submitTask } from '../../../shared/cases/tasks.js';
import { caseView } from '../../../shared/cases/views.js';
import { taskParams, req } from './common.js';

const submitTaskOp = operation({
  path: taskParams,
  body: taskSubmitSchema,
  async handle(ctx) {
    const r = await submitTask(deps(), ctx.principal!, ctx.path.taskId, ctx.body.expectedVersion, ctx.body.form, req(ctx));
    return { body: { task: r.task, case: caseView(r.case, 'case_manager') } };
  },
});

export default submitTaskOp;
