/** api-imports POST /imports: Importă cazurile acceptate dintr-un fișier (fiecare caz complet sau deloc; reimportul nu schimbă nimic). */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { runImport } from '../../../shared/imports/index.js';
import { uploadSchema, req, importerOf, fileOf } from './common.js';

/** An API import stops starting new cases after this long and answers `complete: false` (API Gateway waits 30 s). */
const API_BUDGET_MS = 20_000;

const runImportOp = operation({
  body: uploadSchema,
  async handle(ctx) {
    const report = await runImport(deps(), importerOf(ctx.principal!), fileOf(ctx.body), { budgetMs: API_BUDGET_MS }, req(ctx));
    return { status: report.summary.children.imported > 0 ? 201 : 200, body: report };
  },
});

export default runImportOp;
