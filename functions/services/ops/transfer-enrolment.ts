/** api-services POST /enrolments/{caseId}/{enrolmentId}/transfer: Transferă copilul la alt serviciu sau altă grupă. */
import { z } from 'zod';
import { isoDateSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { actorOf } from '../../../shared/cases/access.js';
import { transferEnrolment } from '../../../shared/services/enrolments.js';
import { enrolmentView } from '../../../shared/services/views.js';
import { id, correctionReason, enrolmentParams, authorizeEnrolment } from './common.js';

const transferEnrolmentOp = operation({
  path: enrolmentParams,
  body: z.object({
    serviceId: id('Serviciul'),
    groupId: id('Grupa').optional(),
    date: isoDateSchema.optional(),
    note: z.string().trim().max(500, 'Observația: maximum 500 de caractere').optional(),
    correctionReason,
  }),
  async handle(ctx) {
    const { d } = await authorizeEnrolment(ctx, [ctx.body.serviceId]);
    const r = await transferEnrolment(d, ctx.path.caseId, ctx.path.enrolmentId, ctx.body, actorOf(ctx.principal!));
    return { body: { ended: enrolmentView(r.ended), started: enrolmentView(r.started), services: r.case.services, promoted: r.promoted } };
  },
});

export default transferEnrolmentOp;
