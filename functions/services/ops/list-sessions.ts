/** api-services GET /services/{serviceId}/sessions: Ședințele unui serviciu într-o zi. */
import { z } from 'zod';
import { isoDateSchema } from '../../../shared/services/model.js';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { sessionsOfDay } from '../../../shared/services/sessions.js';
import { req, id } from './common.js';

const listSessions = operation({
  path: z.object({ serviceId: id('Serviciul') }),
  query: z.object({ date: isoDateSchema }),
  async handle(ctx) {
    return { body: { serviceId: ctx.path.serviceId, date: ctx.query.date, items: await sessionsOfDay(deps(), ctx.principal!, ctx.path.serviceId, ctx.query.date, req(ctx)) } };
  },
});

export default listSessions;
