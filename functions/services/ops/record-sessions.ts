/** api-services POST /services/{serviceId}/sessions: Înregistrează o ședință (individuală, de grup sau cu familia). */
import { z } from 'zod';
import { sessionKinds } from '../../../shared/services/catalogue.js';
import { isoDateSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { registerPolicy } from '../../../shared/services/config.js';
import { recordSessions } from '../../../shared/services/sessions.js';
import { req, id, caseId, correctionReason } from './common.js';

const recordSessionsOp = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  body: z.object({
    date: isoDateSchema,
    kind: z.enum(sessionKinds, { error: 'Alegeți tipul ședinței (individuală, de grup, cu familia)' }),
    activityType: z.string().min(1, 'Alegeți activitatea'),
    durationMinutes: z.number().int('Durata se dă în minute întregi').min(5, 'Durata minimă este 5 minute').max(480, 'Durata maximă este 480 de minute'),
    professional: z.string().min(1).max(64).optional(),
    groupId: id('Grupa').optional(),
    note: z.string().trim().max(300, 'Observația: maximum 300 de caractere').optional(),
    participants: z.array(z.object({ caseId, childPresent: z.boolean(), parentPresent: z.boolean() })).min(1, 'Alegeți cel puțin un copil').max(registerPolicy.maxRowsPerSave.value, `Cel mult ${registerPolicy.maxRowsPerSave.value} de participanți`),
    clientRequestId: z.uuid('Identificator de cerere invalid').optional(),
    correctionReason,
  }),
  async handle(ctx) {
    const r = await recordSessions(deps(), ctx.principal!, ctx.path.serviceId, ctx.body, req(ctx));
    return { status: r.duplicate ? 200 : 201, body: r };
  },
});

export default recordSessionsOp;
