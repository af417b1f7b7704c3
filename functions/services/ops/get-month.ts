/** api-services GET /months/{month}: Luna pentru registre: închisă sau nu (cine, când) și registrele incomplete ale centrelor. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { monthStatus } from '../../../shared/services/months.js';
import { serviceCatalogue } from '../../../shared/services/catalogue.js';
import { monthParams } from './common.js';

/** The month-close page: closed or not, and the incomplete registers of the centres the caller's institution runs. */
const getMonth = operation({
  path: monthParams,
  async handle(ctx) {
    const p = ctx.principal!;
    const services = p.roles.includes('project_manager') ? 'all' : serviceCatalogue.filter((s) => (s.providers as readonly string[]).includes(p.institution)).map((s) => s.id);
    return { body: await monthStatus(deps().db, ctx.path.month, services) };
  },
});

export default getMonth;
