/**
 * api-subsidies: the monthly subsidy runs — start one for a month, follow its progress, review the lines with their
 * reasons, include / exclude a child, approve or reject, download the payment file; the subsidy budget.
 * Parses and answers; the work is in shared/subsidies/api.ts.
 */
import { z } from 'zod';
import { apiHandler, operation, type OperationContext } from '../../shared/manifest/api.js';
import {
  approveRun, budget, getRunView, listLines, listRuns, overrideLine, paymentFile, rejectRun, runView, startRun,
} from '../../shared/subsidies/api.js';
import { subsidyDeps } from '../../shared/subsidies/deps.js';
import { approveSchema, caseIdSchema, listLinesQuery, monthSchema, overrideSchema, rejectSchema, runIdSchema, startRunSchema } from '../../shared/subsidies/model.js';

const req = (c: Pick<OperationContext<unknown, unknown, unknown>, 'sourceIp' | 'userAgent' | 'requestId'>) => ({ sourceIp: c.sourceIp, userAgent: c.userAgent, requestId: c.requestId });
const runPath = z.object({ runId: runIdSchema });

const startRunOp = operation({
  body: startRunSchema,
  async handle(c) {
    const d = subsidyDeps();
    const r = await startRun(d, c.principal!, c.body.month, req(c));
    return { status: r.created ? 202 : 200, body: { run: runView(r.run), created: r.created } };
  },
});

const listRunsOp = operation({
  query: z.object({ month: monthSchema.optional() }),
  async handle(c) {
    return { body: await listRuns(subsidyDeps(), c.principal!, c.query.month) };
  },
});

const getRunOp = operation({
  path: runPath,
  async handle(c) {
    return { body: { run: await getRunView(subsidyDeps(), c.principal!, c.path.runId) } };
  },
});

const listRunLinesOp = operation({
  path: runPath,
  query: listLinesQuery,
  async handle(c) {
    return { body: await listLines(subsidyDeps(), c.principal!, c.path.runId, c.query, req(c)) };
  },
});

const overrideRunLineOp = operation({
  path: runPath.extend({ caseId: caseIdSchema }),
  body: overrideSchema,
  async handle(c) {
    return { body: await overrideLine(subsidyDeps(), c.principal!, c.path.runId, c.path.caseId, c.body, req(c)) };
  },
});

const approveRunOp = operation({
  path: runPath,
  body: approveSchema,
  async handle(c) {
    return { body: { run: await approveRun(subsidyDeps(), c.principal!, c.path.runId, c.body.expectedVersion, req(c)) } };
  },
});

const rejectRunOp = operation({
  path: runPath,
  body: rejectSchema,
  async handle(c) {
    return { body: { run: await rejectRun(subsidyDeps(), c.principal!, c.path.runId, c.body.reason, req(c)) } };
  },
});

const getPaymentFileOp = operation({
  path: runPath,
  query: z.object({ format: z.enum(['csv', 'xlsx', 'html'], { error: 'Formatul poate fi csv, xlsx sau html' }).default('csv') }),
  async handle(c) {
    const f = await paymentFile(subsidyDeps(), c.principal!, c.path.runId, c.query.format, req(c));
    return { file: { contentType: f.contentType, content: f.content, ...(f.filename ? { filename: f.filename } : {}) } };
  },
});

const getSubsidyBudgetOp = operation({
  async handle(c) {
    return { body: await budget(subsidyDeps(), c.principal!) };
  },
});

export const operations = {
  startRun: startRunOp,
  listRuns: listRunsOp,
  getRun: getRunOp,
  listRunLines: listRunLinesOp,
  overrideRunLine: overrideRunLineOp,
  approveRun: approveRunOp,
  rejectRun: rejectRunOp,
  getPaymentFile: getPaymentFileOp,
  getSubsidyBudget: getSubsidyBudgetOp,
};
export const handler = apiHandler('api-subsidies', operations);
