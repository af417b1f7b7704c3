/** api-reports GET /reports/indicators: Indicatorii proiectului la o dată (tablou de bord, grafice). */
import { operation } from '../../../shared/manifest/api.js';
import { audienceOf } from '../../../shared/reports/present.js';
import { auditReport, currentIndicators, dashboardFor, resolveAsOf } from '../../../shared/reports/service.js';
import { ctx, meta, asOfQuery } from './common.js';

const getIndicators = operation({
  query: asOfQuery,
  async handle(c) {
    const x = ctx();
    const p = c.principal!;
    const asOf = resolveAsOf(c.query.asOf, x.now());
    const set = await currentIndicators(x, asOf);
    const audience = audienceOf(p.roles);
    await auditReport(x, p, 'report.indicators.read', `indicators:${asOf}`, meta(c), { asOf, audience });
    return { body: dashboardFor(set, audience, x.now()) };
  },
});

export default getIndicators;
