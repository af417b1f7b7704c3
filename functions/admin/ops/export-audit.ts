/** api-admin GET /audit/export: Descarcă jurnalul de audit al instituției pe o lună (CSV). */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { auditCsv, institutionAuditAll } from '../../../shared/protection/audit-view.js';
import { CSV_CONTENT_TYPE } from '../../../shared/platform/files/csv.js';
import { req, institutionOf, auditMonth, auditQuery } from './common.js';

const exportAudit = operation({
  query: auditQuery,
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    const institution = institutionOf(ctx, ctx.query.institution);
    const m = ctx.query.month ?? auditMonth(d.now());
    const all = await institutionAuditAll(d.db, institution, m);
    await d.audit.append({
      actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'export.audit', subjectType: 'export',
      subjectId: `audit:${institution}:${m}:csv`, subjectInstitution: institution, outcome: 'allowed', ...req(ctx), detail: { rows: all.items.length, truncated: all.truncated },
    });
    return { file: { contentType: CSV_CONTENT_TYPE, content: auditCsv(all.items), filename: `jurnal-audit-${institution}-${m}.csv` } };
  },
});

export default exportAudit;
