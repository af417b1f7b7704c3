/**
 * The first bulk load of the existing caseload from the partners' spreadsheets, from a command line, through the same
 * code as the API (shared/imports): the same checks, the same per-case transactions, the same workflows.
 *
 *   npx tsx scripts/import-caseload.ts template [out.xlsx]
 *   npx tsx scripts/import-caseload.ts check  <file.xlsx> --by <operator> [--report report.csv] [--institution DAS]
 *   npx tsx scripts/import-caseload.ts import <file.xlsx> --by <operator> [--report report.csv] [--institution DAS] [--concurrency 6]
 *
 * `check` is the dry run (nothing written); `import` writes the accepted cases; running it again with the same file
 * writes nothing. `--by` names the operator (recorded as the origin of every imported record and in the audit log).
 * `--institution` limits the import to the cases that institution owns (as a coordinator's import through the UI);
 * without it the operator loads every institution's cases.
 *
 * Environment — the same variables the Lambda functions get (see docs/decisions/011-import.md):
 *   AWS:   AWS_REGION, AWS credentials of the operator, VATRA_MAIN_TABLE, VATRA_AUDIT_TABLE,
 *          VATRA_SM_CASE_INTAKE, VATRA_SM_REVIEW_CYCLE (state machine ARNs), VATRA_FIELD_KEY_ID, VATRA_IDENTITY_MAC_KEY_ID
 *   local: add `--local` while `npm start` runs (default ports; VATRA_DATA_DIR, VATRA_DDB_PORT, VATRA_SFN_PORT as for
 *          `npm start`): it points the clients at DynamoDB Local and the local Step Functions service.
 * Exit code: 0 when every child was imported (or already was), 1 when rows were rejected, 2 on a usage or file error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { institutionIds, type InstitutionId } from '../shared/platform/auth/principal.js';
import { stateMachineEnvVar } from '../shared/platform/env.js';
import { workflows } from '../shared/manifest/workflows.js';
import type { ImportReport } from '../shared/imports/model.js';
import { reportCsv } from '../shared/imports/report.js';
import { dryRunImport, runImport, type Importer } from '../shared/imports/service.js';
import { buildTemplate, TEMPLATE_FILE_NAME } from '../shared/imports/template.js';
import { makeDeps } from '../shared/cases/deps.js';
import { tableEnvVar, tables } from '../shared/platform/db/tables.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

function usage(message?: string): never {
  if (message) console.error(`Eroare: ${message}\n`);
  console.error([
    'Utilizare:',
    '  npx tsx scripts/import-caseload.ts template [fisier.xlsx]',
    '  npx tsx scripts/import-caseload.ts check  <fisier.xlsx> --by <operator> [--report raport.csv] [--institution DAS|DGASPC|GAL] [--local]',
    '  npx tsx scripts/import-caseload.ts import <fisier.xlsx> --by <operator> [--report raport.csv] [--institution DAS|DGASPC|GAL] [--concurrency 6] [--local]',
  ].join('\n'));
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('--')) {
      const next = rest[i + 1];
      if (next !== undefined && !next.startsWith('--') && a !== '--local') { flags[a.slice(2)] = next; i++; } else flags[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { command, flags, positional };
}

/** Point the shared clients at a running local runtime (`npm start`), with the names and ARNs it uses. */
function useLocalRuntime() {
  const env = process.env;
  const host = env.VATRA_HOST ?? '127.0.0.1';
  env.AWS_REGION ??= 'eu-central-1';
  env.AWS_ACCESS_KEY_ID ??= 'local';
  env.AWS_SECRET_ACCESS_KEY ??= 'local';
  env.VATRA_ENDPOINT_DYNAMODB ??= `http://${host}:${env.VATRA_DDB_PORT ?? 8000}`;
  env.VATRA_ENDPOINT_SFN ??= `http://${host}:${env.VATRA_SFN_PORT ?? 8083}`;
  env.VATRA_FIELD_KEY_FILE ??= resolve(ROOT, env.VATRA_DATA_DIR ?? '.data', 'identity', 'field-key');
  for (const t of tables) env[tableEnvVar[t.logicalName]] ??= t.logicalName;
  for (const wf of workflows) env[stateMachineEnvVar(wf.name)] ??= `arn:aws:states:${env.AWS_REGION}:000000000000:stateMachine:${wf.name}`;
}

function printSummary(r: ImportReport) {
  const c = r.summary.children;
  console.log(`\nFișier: ${r.fileName} (sha256 ${r.fileSha256.slice(0, 12)}…) — ${r.dryRun ? 'VERIFICARE (nu s-a scris nimic)' : 'IMPORT'}`);
  for (const e of r.fileErrors) console.log(`  EROARE: ${e.message}`);
  for (const w of r.fileWarnings) console.log(`  avertisment: ${w.message}`);
  console.log(`Copii: ${c.total} — ${r.dryRun ? `acceptați ${c.accepted}` : `importați ${c.imported}`}, respinși ${c.rejected}, importați anterior ${c.alreadyImported}${c.pending ? `, neprocesați ${c.pending}` : ''}`);
  console.log(`Luni de subvenție plătite preluate: ${r.summary.paidMonths} (${r.summary.paidLei} lei)`);
  const rejected = r.rows.filter((x) => x.status === 'rejected' && x.reasons.some((i) => i.code !== 'CASE_REJECTED'));
  for (const x of rejected.slice(0, 50)) {
    console.log(`  ${x.sheetName}, rândul ${x.row} (${x.childCode ?? '—'}): ${x.reasons.filter((i) => i.code !== 'CASE_REJECTED').map((i) => `${i.column ? `${i.column}: ` : ''}${i.message}`).join('; ')}`);
  }
  if (rejected.length > 50) console.log(`  … încă ${rejected.length - 50} rânduri respinse (vezi raportul CSV)`);
}

async function main() {
  const { command, flags, positional } = parseArgs(process.argv.slice(2));
  if (command === 'template') {
    const out = positional[0] ?? TEMPLATE_FILE_NAME;
    writeFileSync(out, await buildTemplate());
    console.log(`Șablonul a fost scris în ${out}`);
    return 0;
  }
  if (command !== 'check' && command !== 'import') usage(command ? `comandă necunoscută „${command}”` : undefined);
  const path = positional[0];
  if (!path) usage('lipsește fișierul .xlsx');
  if (typeof flags.by !== 'string' || flags.by.trim().length < 2) usage('indicați operatorul cu --by <nume>');
  const institution = flags.institution;
  if (institution !== undefined && (typeof institution !== 'string' || !(institutionIds as readonly string[]).includes(institution))) usage(`--institution trebuie să fie una dintre ${institutionIds.join(', ')}`);
  if (flags.local) useLocalRuntime();

  const bytes = new Uint8Array(readFileSync(path));
  const d = makeDeps();
  const importer: Importer = { userId: `operator:${flags.by.trim()}`, displayName: `${flags.by.trim()} (import din linia de comandă)`, roles: ['operator'], institution: institution as InstitutionId | undefined };
  const file = { fileName: basename(path), bytes };
  const concurrency = typeof flags.concurrency === 'string' ? Math.max(1, Math.min(20, Number(flags.concurrency) || 6)) : 6;
  const report = command === 'check'
    ? await dryRunImport(d, importer, file, { requestId: 'cli' })
    : await runImport(d, importer, file, { concurrency, onCase: (n, total) => { if (n % 25 === 0 || n === total) process.stderr.write(`  ${n}/${total} cazuri scrise\n`); } }, { requestId: 'cli' });
  printSummary(report);
  if (typeof flags.report === 'string') {
    writeFileSync(flags.report, reportCsv(report));
    console.log(`Raportul pe rânduri: ${flags.report}`);
  }
  if (report.fileErrors.length) return 2;
  return report.summary.children.rejected > 0 || report.summary.children.pending > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(`Importul s-a oprit: ${(e as Error).message}`);
  process.exit(2);
});

