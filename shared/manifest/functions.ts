/**
 * The one list of Lambda functions, gathered from every area's manifest (shared/<area>/manifest.ts). CDK builds one
 * NodejsFunction per entry; the local runtime imports the same entry module and calls its `handler` with the same event.
 * The types live in the platform (shared/platform/functions.ts).
 */
import type { FunctionDef } from '../platform/functions.js';
import * as cases from '../cases/manifest.js';
import * as services from '../services/manifest.js';
import * as subsidies from '../subsidies/manifest.js';
import * as reports from '../reports/manifest.js';
import * as imports from '../imports/manifest.js';
import * as protection from '../protection/manifest.js';

export type { FunctionAccess, FunctionDef } from '../platform/functions.js';

/** All functions, area by area. */
export const functions: readonly FunctionDef[] = [
  ...cases.functions,
  ...services.functions,
  ...subsidies.functions,
  ...reports.functions,
  ...imports.functions,
  ...protection.functions,
];

export function functionByName(name: string): FunctionDef {
  const f = functions.find((x) => x.name === name);
  if (!f) throw new Error(`Unknown function: ${name}`);
  return f;
}
