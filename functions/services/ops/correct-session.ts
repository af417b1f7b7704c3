/** api-services PUT /cases/{caseId}/sessions/{sessionId}: Corectează sau anulează ședința unui copil. */
import { z } from 'zod';
import { sessionKinds } from '../../../shared/services/catalogue.js';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { correctSession } from '../../../shared/services/sessions.js';
import { req, id, caseId, correctionReason } from './common.js';

const correctSessionOp = operation({
  path: z.object({ caseId, sessionId: id('Ședința') }),
  body: z.object({
    kind: z.enum(sessionKinds, { error: 'Tip de ședință necunoscut' }).optional(),
    activityType: z.string().min(1).optional(),
    durationMinutes: z.number().int('Durata se dă în minute întregi').min(5, 'Durata minimă este 5 minute').max(480, 'Durata maximă este 480 de minute').optional(),
    childPresent: z.boolean().optional(),
    parentPresent: z.boolean().optional(),
    note: z.string().trim().max(300, 'Observația: maximum 300 de caractere').optional(),
    cancelled: z.boolean().optional(),
    correctionReason,
  }),
  async handle(ctx) {
    return { body: await correctSession(deps(), ctx.principal!, ctx.path.caseId, ctx.path.sessionId, ctx.body, req(ctx)) };
  },
});

export default correctSessionOp;
