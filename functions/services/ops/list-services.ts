/** api-services GET /services: Catalogul serviciilor: locuri ocupate, libere și în așteptare, țintele proiectului. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { servicesOverview } from '../../../shared/services/views.js';

const listServices = operation({
  async handle(ctx) {
    return { body: await servicesOverview(deps(), ctx.principal!) };
  },
});

export default listServices;
