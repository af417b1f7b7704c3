/** api-admin GET /audit: Jurnalul de audit al instituției pe o lună. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { institutionAudit } from '../../../shared/protection/audit-view.js';
import { cursor, limit, req, institutionOf, auditMonth, auditQuery } from './common.js';

const listAudit = operation({
  query: auditQuery.extend({ limit, cursor: cursor.optional() }),
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    const institution = institutionOf(ctx, ctx.query.institution);
    const m = ctx.query.month ?? auditMonth(d.now());
    const page = await institutionAudit(d.db, institution, m, ctx.query.limit, ctx.query.cursor);
    // reading the audit log is itself audited
    await d.audit.append({
      actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'audit.read', subjectType: 'export',
      subjectId: `audit:${institution}:${m}`, subjectInstitution: institution, outcome: 'allowed', ...req(ctx), detail: { rows: page.items.length },
    });
    return { body: { institution, month: m, ...page } };
  },
});

export default listAudit;
