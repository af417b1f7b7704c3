/** api-services POST /enrolments/{caseId}/{enrolmentId}/end: Încheie o înscriere (cu motiv); locul eliberat trece la lista de așteptare. */
import { z } from 'zod';
import { isoDateSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { actorOf } from '../../../shared/cases/access.js';
import { endReasons } from '../../../shared/services/config.js';
import { endEnrolment } from '../../../shared/services/enrolments.js';
import { enrolmentView } from '../../../shared/services/views.js';
import { correctionReason, enrolmentParams, authorizeEnrolment } from './common.js';

const endEnrolmentOp = operation({
  path: enrolmentParams,
  body: z.object({
    reason: z.enum(endReasons, { error: 'Alegeți motivul încheierii' }),
    note: z.string().trim().max(500, 'Observația: maximum 500 de caractere').optional(),
    date: isoDateSchema.optional(),
    correctionReason,
  }),
  async handle(ctx) {
    const { d } = await authorizeEnrolment(ctx);
    const r = await endEnrolment(d, ctx.path.caseId, ctx.path.enrolmentId, ctx.body, actorOf(ctx.principal!));
    return { body: { enrolment: enrolmentView(r.enrolment), services: r.case.services, promoted: r.promoted } };
  },
});

export default endEnrolmentOp;
