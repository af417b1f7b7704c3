/** api-tasks GET /tasks/{taskId}: O sarcină cu formularul ei. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { getTask } from '../../../shared/cases/tasks.js';
import { caseView } from '../../../shared/cases/views.js';
import { taskParams, req } from './common.js';

const getTaskOp = operation({
  path: taskParams,
  async handle(ctx) {
    const r = await getTask(deps(), ctx.principal!, ctx.path.taskId, req(ctx));
    return { body: { task: r.task, case: caseView(r.case, 'case_manager') } };
  },
});

export default getTaskOp;
