/** api-imports POST /imports/dry-run: Verifică un fișier de import: raport pe rând, nu scrie nimic. */
import { operation } from '../../../shared/manifest/api.js';
import { deps } from '../../../shared/cases/deps.js';
import { dryRunImport } from '../../../shared/imports/index.js';
import { uploadSchema, req, importerOf, fileOf } from './common.js';

const dryRun = operation({
  body: uploadSchema,
  async handle(ctx) {
    return { body: await dryRunImport(deps(), importerOf(ctx.principal!), fileOf(ctx.body), req(ctx)) };
  },
});

export default dryRun;
