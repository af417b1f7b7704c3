/** api-cases: referral intake, case files, history, tasks of a case, the Observatorul export. */
import { z } from 'zod';
import { apiHandler, operation } from '../../shared/manifest/api.js';
import { referralFormSchema } from '../../shared/cases/model.js';
import { stages } from '../../shared/cases/config.js';
import { notFound } from '../../shared/platform/http/errors.js';
import { deps } from '../../shared/cases/deps.js';
import { createReferral } from '../../shared/cases/referral.js';
import { authorizeCase } from '../../shared/cases/access.js';
import { caseSummary, caseView } from '../../shared/cases/views.js';
import { taskView, viewKindOf, withoutWorkflowInternals } from '../../shared/cases/field-policy.js';
import { observatorExport } from '../../shared/cases/observator.js';
import { childLabelFor } from '../../shared/cases/display.js';
import { localDate } from '../../shared/platform/calendar.js';
import { CSV_CONTENT_TYPE } from '../../shared/platform/files/csv.js';

const caseParams = z.object({ caseId: z.string().min(10).max(40) });
const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });

async function load(caseId: string) {
  const c = await deps().cases.get(caseId);
  if (!c) throw notFound('Cazul nu a fost găsit sau nu aveți acces la el.');
  return c;
}

const createReferralOp = operation({
  body: referralFormSchema,
  async handle(ctx) {
    const r = await createReferral(deps(), ctx.principal!, ctx.body, req(ctx));
    return { status: r.created ? 201 : 200, body: { case: caseView(r.case, 'case_manager'), created: r.created } };
  },
});

const listCases = operation({
  query: z.object({ scope: z.enum(['mine', 'institution']).default('mine'), status: z.enum(['open', 'closed']).optional(), stage: z.enum(stages).optional() }),
  async handle(ctx) {
    const p = ctx.principal!;
    const d = deps();
    const scope = p.roles.includes('coordinator') ? ctx.query.scope : ctx.query.scope === 'institution' && p.roles.includes('case_manager') ? 'institution' : 'mine';
    const list = scope === 'institution'
      ? await d.cases.listByInstitution(p.institution, { ...(ctx.query.status ? { status: ctx.query.status } : {}), ...(ctx.query.stage ? { stage: ctx.query.stage } : {}) })
      : (await d.cases.listByCaseManager(p.userId, ctx.query.status)).filter((c) => !ctx.query.stage || c.stage === ctx.query.stage);
    await d.audit.append({ actorId: p.userId, actorRoles: p.roles, actorInstitution: p.institution, action: 'case.list', subjectType: 'case', subjectId: `list:${scope}`, subjectInstitution: p.institution, outcome: 'allowed', sourceIp: ctx.sourceIp, requestId: ctx.requestId, detail: { count: list.length } });
    const today = localDate(d.now());
    return { body: { items: list.map((c) => caseSummary(c, childLabelFor(p, c, today))), scope } };
  },
});

const getCase = operation({
  path: caseParams,
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    const role = await authorizeCase(deps().audit, ctx.principal!, 'case.read', c, req(ctx));
    return { body: { case: caseView(c, role) } };
  },
});

const getCaseHistory = operation({
  path: caseParams,
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    await authorizeCase(deps().audit, ctx.principal!, 'case.history.read', c, req(ctx));
    return { body: { items: withoutWorkflowInternals(await deps().cases.history(c.caseId)) } };
  },
});

const getCaseTasks = operation({
  path: caseParams,
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    const role = await authorizeCase(deps().audit, ctx.principal!, 'case.read', c, req(ctx), { auditAction: 'case.tasks.read' });
    const tasks = await deps().tasks.forCase(c.caseId);
    return { body: { items: tasks.map((t) => taskView(t, viewKindOf(role))), view: viewKindOf(role) } };
  },
});

const getObservatorExport = operation({
  path: caseParams,
  query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
  async handle(ctx) {
    const c = await load(ctx.path.caseId);
    await authorizeCase(deps().audit, ctx.principal!, 'case.observator.export', c, req(ctx), { auditAction: 'export.personal.observator' });
    const exp = observatorExport(c);
    if (ctx.query.format === 'csv') return { file: { contentType: CSV_CONTENT_TYPE, content: exp.csv, filename: `observator-${c.caseNumber}.csv` } };
    return { body: exp.fields };
  },
});

export const operations = { createReferral: createReferralOp, listCases, getCase, getCaseHistory, getCaseTasks, getObservatorExport };
export const handler = apiHandler('api-cases', operations);
