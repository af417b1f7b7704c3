/** api-admin GET /retention/runs: Rulările anonimizării: când, câte cazuri anonimizate și câte chei de identificare șterse (doar numere). */
import { z } from 'zod';
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { RETENTION_RUN_SUBJECT, retentionRunsView } from '../../../shared/protection/retention.js';
import { limit } from './common.js';

/** The retention job's runs (one audit entry each, counts only), newest first. */
const listRetentionRuns = operation({
  query: z.object({ limit: limit.default(30) }),
  async handle(ctx) {
    const d = deps();
    const entries = await d.audit.forSubject(RETENTION_RUN_SUBJECT.type, RETENTION_RUN_SUBJECT.id, ctx.query.limit);
    return { body: { items: retentionRunsView(entries) } };
  },
});

export default listRetentionRuns;
