/** The fixture state machines of the local Step Functions tests: `sfn-fixture-<file name>`. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StateMachineSpec } from '../service.js';

const dir = dirname(fileURLToPath(import.meta.url));

export const FIXTURE_MACHINES = [
  'approval',
  'retry',
  'timeouts',
  'execution-timeout',
  'errors',
  'unmapped',
  'chain-parent',
  'chain-child',
  'wait',
  'slow',
  'map',
  'self-complete',
] as const;

export type FixtureMachine = (typeof FIXTURE_MACHINES)[number];

export const fixtureMachineName = (m: FixtureMachine) => `sfn-fixture-${m}`;

export function fixtureMachines(): StateMachineSpec[] {
  return FIXTURE_MACHINES.map((m) => ({ name: fixtureMachineName(m), definition: readFileSync(join(dir, `${m}.asl.json`), 'utf8') }));
}
