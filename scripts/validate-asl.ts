/**
 * `npm run validate:asl`: every state machine of shared/manifest/workflows.ts through asl-validator (JSONPath paths and
 * ARNs checked), with its `${…}` substitutions filled as CDK fills them. Exits 1 and names the file on any error.
 * The same check runs in `npm test` (workflows/workflows.test.ts); this is the quick one while editing ASL.
 */
import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { applySubstitutions, workflows } from '../shared/manifest/workflows.js';

let failed = 0;
for (const wf of workflows) {
  const text = readFileSync(wf.file, 'utf8');
  const values = Object.fromEntries(Object.keys(wf.substitutions).map((k) => [k, `arn:aws:lambda:eu-central-1:000000000000:function:${k}`]));
  const r = aslValidator(JSON.parse(applySubstitutions(text, values)), { checkPaths: true, checkArn: true });
  if (r.isValid) console.log(`ok    ${wf.file}`);
  else {
    failed++;
    console.error(`error ${wf.file}\n${r.errorsText('\n')}`);
  }
}
process.exit(failed ? 1 : 0);
