/**
 * The data folder of a local runtime (`VATRA_DATA_DIR`). A durable runtime (`npm start`) keeps everything in it across
 * restarts: DynamoDB Local's database under `dynamodb/`, the executions of the local Step Functions under `sfn/`, the
 * identity keys under `identity/`. An ephemeral one (`VATRA_EPHEMERAL=1`, the test runtimes) keeps its database in
 * memory, so its executions must never meet another database:
 *  - it refuses a folder that holds a kept database (it would resume that folder's workflows against empty tables);
 *  - it starts without executions and leaves a marker, so that a durable runtime started later on the same folder
 *    drops the executions whose database ended with the ephemeral one.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const MARKER = 'ephemeral';

export function prepareDataDir(dataDir: string, ephemeral: boolean): void {
  mkdirSync(dataDir, { recursive: true });
  const marker = resolve(dataDir, MARKER);
  const executions = resolve(dataDir, 'sfn');
  if (ephemeral) {
    if (existsSync(resolve(dataDir, 'dynamodb'))) {
      throw new Error(
        `Dosarul ${dataDir} păstrează datele între porniri; VATRA_EPHEMERAL=1 nu pornește pe el (ar relua fluxurile lui fără baza lor de date). Alegeți alt VATRA_DATA_DIR.`,
      );
    }
    rmSync(executions, { recursive: true, force: true });
    writeFileSync(marker, '');
  } else if (existsSync(marker)) {
    rmSync(executions, { recursive: true, force: true });
    rmSync(marker, { force: true });
  }
}
