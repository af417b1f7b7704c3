/** `npm run reset`: deletes the local data folder (DynamoDB Local files, executions, identity). The next start re-seeds. */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const dir = resolve(root, process.env.VATRA_DATA_DIR ?? '.data');
const looksLikeVatraData = existsSync(join(dir, 'dynamodb')) || existsSync(join(dir, 'identity'));
if (!existsSync(dir)) {
  console.log(`Nu există date locale (${dir}).`);
} else if (!dir.startsWith(`${root}/`) && !looksLikeVatraData) {
  console.error(`Refuz să șterg ${dir}: nu pare un dosar de date Vatra.`);
  process.exit(1);
} else {
  rmSync(dir, { recursive: true, force: true });
  console.log(`Datele locale au fost șterse (${dir}). Următorul „npm start” încarcă din nou datele demo.`);
}
