/**
 * Consistency of the shared definitions, checked before anything is built: every name one list uses must exist in
 * the list that defines it. Synth stops with all problems listed instead of producing a stack that fails at deploy
 * time (or, worse, a schedule that silently targets nothing).
 */
import type { FunctionDef } from '../shared/manifest/functions.js';
import type { RouteDef } from '../shared/manifest/routes.js';
import type { ScheduleDef } from '../shared/manifest/schedules.js';
import type { SubstitutionRef, WorkflowDef } from '../shared/manifest/workflows.js';

export interface Definitions {
  readonly functions: readonly FunctionDef[];
  readonly routes: readonly RouteDef[];
  readonly workflows: readonly WorkflowDef[];
  readonly schedules: readonly ScheduleDef[];
}

export type DefinitionProblemCode =
  | 'DUPLICATE_FUNCTION'
  | 'DUPLICATE_WORKFLOW'
  | 'DUPLICATE_SCHEDULE'
  | 'DUPLICATE_ROUTE'
  | 'INVALID_NAME'
  | 'ROUTE_FUNCTION_UNKNOWN'
  | 'WORKFLOW_REF_UNKNOWN'
  | 'START_TARGET_UNKNOWN'
  | 'SCHEDULE_TARGET_UNKNOWN';

export interface DefinitionProblem {
  readonly code: DefinitionProblemCode;
  readonly message: string;
}

export class DefinitionError extends Error {
  readonly code = 'INCONSISTENT_DEFINITIONS';
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`Definițiile din shared/ nu se potrivesc (INCONSISTENT_DEFINITIONS):\n${problems.map((p) => `- [${p.code}] ${p.message}`).join('\n')}`);
    this.name = 'DefinitionError';
  }
}

/** Names become part of physical names (`${stage}-vatra-${name}`, max 64 characters for functions). */
const NAME = /^[a-z][a-z0-9-]{0,39}$/;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** All problems of the definitions (empty when consistent). */
export function definitionProblems(d: Definitions): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const fnNames = new Set(d.functions.map((f) => f.name));
  const wfNames = new Set(d.workflows.map((w) => w.name));

  for (const n of duplicates(d.functions.map((f) => f.name))) problems.push({ code: 'DUPLICATE_FUNCTION', message: `Funcția „${n}” este definită de mai multe ori.` });
  for (const n of duplicates(d.workflows.map((w) => w.name))) problems.push({ code: 'DUPLICATE_WORKFLOW', message: `Fluxul „${n}” este definit de mai multe ori.` });
  for (const n of duplicates(d.schedules.map((s) => s.name))) problems.push({ code: 'DUPLICATE_SCHEDULE', message: `Programarea „${n}” este definită de mai multe ori.` });
  for (const k of duplicates(d.routes.map((r) => `${r.method} ${r.path}`))) problems.push({ code: 'DUPLICATE_ROUTE', message: `Ruta „${k}” este definită de mai multe ori.` });

  for (const [kind, names] of [['funcție', d.functions], ['flux', d.workflows], ['programare', d.schedules]] as const) {
    for (const { name } of names) {
      if (!NAME.test(name)) problems.push({ code: 'INVALID_NAME', message: `Numele de ${kind} „${name}” trebuie să fie litere mici, cifre și cratime (max. 40).` });
    }
  }

  for (const r of d.routes) {
    if (!fnNames.has(r.function)) {
      problems.push({ code: 'ROUTE_FUNCTION_UNKNOWN', message: `Ruta ${r.method} ${r.path} trimite la funcția „${r.function}”, care nu există în shared/manifest/functions.ts.` });
    }
  }

  for (const w of d.workflows) {
    for (const [key, ref] of Object.entries(w.substitutions) as [string, SubstitutionRef][]) {
      if ('function' in ref && !fnNames.has(ref.function)) {
        problems.push({ code: 'WORKFLOW_REF_UNKNOWN', message: `Fluxul „${w.name}” (${key}) cheamă funcția „${ref.function}”, care nu există în shared/manifest/functions.ts.` });
      }
      if ('stateMachine' in ref && !wfNames.has(ref.stateMachine)) {
        problems.push({ code: 'WORKFLOW_REF_UNKNOWN', message: `Fluxul „${w.name}” (${key}) pornește fluxul „${ref.stateMachine}”, care nu există în shared/manifest/workflows.ts.` });
      }
    }
  }

  for (const f of d.functions) {
    for (const sm of f.access.startStateMachines ?? []) {
      if (!wfNames.has(sm)) {
        problems.push({ code: 'START_TARGET_UNKNOWN', message: `Funcția „${f.name}” are voie să pornească fluxul „${sm}”, care nu există în shared/manifest/workflows.ts.` });
      }
    }
  }

  for (const s of d.schedules) {
    const known = s.target.kind === 'function' ? fnNames.has(s.target.name) : wfNames.has(s.target.name);
    if (!known) {
      const where = s.target.kind === 'function' ? 'funcția' : 'fluxul';
      const file = s.target.kind === 'function' ? 'shared/manifest/functions.ts' : 'shared/manifest/workflows.ts';
      problems.push({ code: 'SCHEDULE_TARGET_UNKNOWN', message: `Programarea „${s.name}” țintește ${where} „${s.target.name}”, care nu există în ${file}.` });
    }
  }
  return problems;
}

/** Throws DefinitionError when the definitions are inconsistent. */
export function assertConsistentDefinitions(d: Definitions): void {
  const problems = definitionProblems(d);
  if (problems.length) throw new DefinitionError(problems);
}
