/** api-services POST /enrolments/{caseId}/{enrolmentId}/start: Corectează data de început a unei înscrieri. */
import { z } from 'zod';
import { isoDateSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { actorOf } from '../../../shared/cases/access.js';
import { changeEnrolmentStart } from '../../../shared/services/enrolments.js';
import { enrolmentView } from '../../../shared/services/views.js';
import { reasonText, enrolmentParams, authorizeEnrolment } from './common.js';

const changeEnrolmentStartOp = operation({
  path: enrolmentParams,
  body: z.object({ from: isoDateSchema, reason: reasonText('Motivul corecturii') }),
  async handle(ctx) {
    const { d } = await authorizeEnrolment(ctx);
    const r = await changeEnrolmentStart(d, ctx.path.caseId, ctx.path.enrolmentId, ctx.body, actorOf(ctx.principal!));
    return { body: { enrolment: enrolmentView(r.enrolment), services: r.case.services } };
  },
});

export default changeEnrolmentStartOp;
