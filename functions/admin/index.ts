/** api-admin: parental consent and its withdrawal, the audit log (a case, an institution's month, CSV), retention status and runs. */
import { z } from 'zod';
import { institutionIds } from '../../shared/platform/auth/principal.js';
import { apiHandler, operation, type OperationContext } from '../../shared/manifest/api.js';
import { forbidden } from '../../shared/platform/http/errors.js';
import { monthKey } from '../../shared/platform/calendar.js';
import { authorizeCase } from '../../shared/cases/access.js';
import { deps } from '../../shared/cases/deps.js';
import { auditCsv, caseAudit, institutionAudit, institutionAuditAll } from '../../shared/protection/audit-view.js';
import { retentionPolicy } from '../../shared/protection/config.js';
import { consentView, recordConsentSchema, withdrawConsentSchema } from '../../shared/protection/consent.js';
import { changeConsent, loadCase } from '../../shared/protection/consent-service.js';
import { closedCases } from '../../shared/protection/retention-job.js';
import { RETENTION_RUN_SUBJECT, retentionRunsView, retentionStatus } from '../../shared/protection/retention.js';
import { CSV_CONTENT_TYPE } from '../../shared/platform/files/csv.js';

const caseParams = z.object({ caseId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Identificator de caz invalid') });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Luna trebuie să aibă forma AAAA-LL');
const cursor = z.string().max(2000, 'Cursor prea lung').regex(/^[A-Za-z0-9_-]+$/, 'Cursor invalid');
const limit = z.coerce.number({ error: 'Numărul de rânduri trebuie să fie un număr' }).int().min(1, 'Minimum 1 rând').max(200, 'Maximum 200 de rânduri').default(50);

type Ctx = Pick<OperationContext<unknown, unknown, unknown>, 'sourceIp' | 'userAgent' | 'requestId'>;
const req = (c: Ctx) => ({ sourceIp: c.sourceIp, userAgent: c.userAgent, requestId: c.requestId });

const getConsent = operation({
  path: caseParams,
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(d, ctx.path.caseId);
    await authorizeCase(d.audit, ctx.principal!, 'case.consent.read', c, req(ctx));
    return { body: consentView(c, d.now()) };
  },
});

const recordConsentOp = operation({
  path: caseParams,
  body: recordConsentSchema,
  async handle(ctx) {
    const d = deps();
    const after = await changeConsent(d, ctx.principal!, ctx.path.caseId, { kind: 'record', form: ctx.body }, req(ctx));
    return { body: consentView(after, d.now()) };
  },
});

const withdrawConsentOp = operation({
  path: caseParams,
  body: withdrawConsentSchema,
  async handle(ctx) {
    const d = deps();
    const after = await changeConsent(d, ctx.principal!, ctx.path.caseId, { kind: 'withdraw', form: ctx.body }, req(ctx));
    return { status: 201, body: consentView(after, d.now()) };
  },
});

const getCaseAudit = operation({
  path: caseParams,
  query: z.object({ limit, cursor: cursor.optional() }),
  async handle(ctx) {
    const d = deps();
    const c = await loadCase(d, ctx.path.caseId);
    await authorizeCase(d.audit, ctx.principal!, 'case.audit.read', c, req(ctx));
    return { body: await caseAudit(d.db, c.caseId, ctx.query.limit, ctx.query.cursor) };
  },
});

/** Coordinators read their own institution's log; asking for another one is refused, not silently narrowed. */
function institutionOf(ctx: { principal?: { institution: string } | undefined }, asked: string | undefined): string {
  const own = ctx.principal!.institution;
  if (asked && asked !== own) throw forbidden('Puteți consulta doar jurnalul de audit al instituției dumneavoastră.');
  return own;
}

/** The audit table's institution index is partitioned by the Bucharest month of each entry (shared/protection/audit-store.ts). */
const auditMonth = (now: Date) => monthKey(now);

const auditQuery = z.object({ month: month.optional(), institution: z.enum(institutionIds).optional() });

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

const getRetention = operation({
  async handle(ctx) {
    const d = deps();
    const p = ctx.principal!;
    const seesAll = p.roles.includes('admin') || p.roles.includes('project_manager');
    const cases = (await closedCases(d)).filter((c) => seesAll || c.institution === p.institution);
    return { body: retentionStatus(cases, d.now(), retentionPolicy()) };
  },
});

/** The retention job's runs (one audit entry each, counts only), newest first. */
const listRetentionRuns = operation({
  query: z.object({ limit: limit.default(30) }),
  async handle(ctx) {
    const d = deps();
    const entries = await d.audit.forSubject(RETENTION_RUN_SUBJECT.type, RETENTION_RUN_SUBJECT.id, ctx.query.limit);
    return { body: { items: retentionRunsView(entries) } };
  },
});

export const operations = {
  getConsent, recordConsent: recordConsentOp, withdrawConsent: withdrawConsentOp,
  getCaseAudit, listAudit, exportAudit, getRetention, listRetentionRuns,
};
export const handler = apiHandler('api-admin', operations);
