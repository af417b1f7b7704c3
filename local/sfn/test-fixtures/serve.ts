/**
 * Runs the local Step Functions service with fixture machines in its own process, for the kill -9 tests:
 *   node --import tsx local/sfn/test-fixtures/serve.ts <dataDir> <callLogFile> [machine,machine,...]
 * (all fixture machines when none are listed; each costs ~0.1 s of asl-validator at start).
 * Prints `READY <url>` on stdout once it listens.
 */
import { startLocalSfn } from '../service.js';
import { createFixtureFunctions } from './functions.js';
import { FIXTURE_MACHINES, fixtureMachineName, fixtureMachines, type FixtureMachine } from './machines.js';

const [dataDir, logFile, only] = process.argv.slice(2);
if (!dataDir || !logFile) {
  process.stderr.write('usage: serve.ts <dataDir> <callLogFile> [machine,machine,...]\n');
  process.exit(2);
}
const isFixture = (m: string): m is FixtureMachine => (FIXTURE_MACHINES as readonly string[]).includes(m);
const listed = only?.split(',') ?? [];
const unknown = listed.filter((m) => !isFixture(m));
if (unknown.length > 0) {
  process.stderr.write(`unknown fixture machines: ${unknown.join(', ')}\n`);
  process.exit(2);
}
const wanted = only ? new Set(listed.filter(isFixture).map(fixtureMachineName)) : undefined;
const stateMachines = fixtureMachines().filter((m) => !wanted || wanted.has(m.name));

let url = '';
const functions = createFixtureFunctions({ logFile, sfnEndpoint: () => url });
const sfn = await startLocalSfn({ port: 0, dataDir, stateMachines, invokeFunction: functions.invoke });
url = sfn.url;
process.stdout.write(`READY ${sfn.url}\n`);

const stop = () => void sfn.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
