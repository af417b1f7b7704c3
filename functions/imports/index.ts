/**
 * api-imports: the import template, the dry run of a workbook (a report per row, nothing written) and the import
 * itself (each accepted case written whole, its workflow started; the same file again changes nothing).
 * The workbook travels as base64 in JSON ({fileName, contentBase64}), which API Gateway and the local server accept.
 */
import { z } from 'zod';
import { apiHandler, operation } from '../../shared/manifest/api.js';
import { unprocessable } from '../../shared/platform/http/errors.js';
import { deps } from '../../shared/cases/deps.js';
import { buildTemplate, dryRunImport, importLimits, runImport, TEMPLATE_FILE_NAME, XLSX_CONTENT_TYPE, type Importer } from '../../shared/imports/index.js';
import type { Principal } from '../../shared/platform/auth/principal.js';

/** An API import stops starting new cases after this long and answers `complete: false` (API Gateway waits 30 s). */
const API_BUDGET_MS = 20_000;

const uploadSchema = z.object({
  fileName: z.string().trim().min(1, 'Numele fișierului lipsește').max(200, 'Numele fișierului are cel mult 200 de caractere')
    .regex(/\.xlsx$/i, 'Încărcați un fișier Excel .xlsx (șablonul de import)'),
  contentBase64: z.string().min(1, 'Fișierul este gol')
    .max(importLimits.maxUploadBase64Chars, `Fișierul depășește ${(importLimits.maxUploadBase64Chars * 3 / 4 / 1024 / 1024).toFixed(2).replace('.', ',')} MB; împărțiți-l în mai multe fișiere`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Conținutul fișierului nu este base64 valid'),
});

const req = (ctx: { sourceIp: string; userAgent: string; requestId: string }) => ({ sourceIp: ctx.sourceIp, userAgent: ctx.userAgent, requestId: ctx.requestId });

const importerOf = (p: Principal): Importer => ({ userId: p.userId, displayName: p.displayName, roles: p.roles, institution: p.institution });

function fileOf(body: z.infer<typeof uploadSchema>) {
  const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
  if (bytes.length === 0) throw unprocessable('FILE_EMPTY', 'Fișierul este gol.', [{ path: 'contentBase64', message: 'Fișierul este gol', code: 'FILE_EMPTY' }]);
  return { fileName: body.fileName, bytes };
}

const getTemplate = operation({
  async handle() {
    return { file: { contentType: XLSX_CONTENT_TYPE, content: await buildTemplate(deps().now()), filename: TEMPLATE_FILE_NAME } };
  },
});

const dryRun = operation({
  body: uploadSchema,
  async handle(ctx) {
    return { body: await dryRunImport(deps(), importerOf(ctx.principal!), fileOf(ctx.body), req(ctx)) };
  },
});

const runImportOp = operation({
  body: uploadSchema,
  async handle(ctx) {
    const report = await runImport(deps(), importerOf(ctx.principal!), fileOf(ctx.body), { budgetMs: API_BUDGET_MS }, req(ctx));
    return { status: report.summary.children.imported > 0 ? 201 : 200, body: report };
  },
});

export const operations = { getTemplate, dryRun, runImport: runImportOp };
export const handler = apiHandler('api-imports', operations);
