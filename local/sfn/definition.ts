/**
 * ASL definitions for the local Step Functions service: validation with asl-validator, classification of Task
 * resources, and the engine copy that aws-local-stepfunctions actually runs. The copy differs from the ASL file
 * only where the engine would otherwise behave unlike AWS:
 *  - every Task gets an explicit TimeoutSeconds (the engine's default is 60 s; AWS has none), and the timeouts of
 *    top-level callback tasks are enforced by the service, which stores their deadlines;
 *  - Wait states become Tasks of an internal resource, so the service can park the execution durably instead of
 *    sleeping inside the engine; the Parameters carry the evaluated duration;
 *  - context paths the engine does not provide are rewritten: `$$.State.Name` and `$$.Task.Token` become literals
 *    (the token placeholder is replaced by the real token when the task runs), and `$$.Execution.Input` /
 *    `$$.Execution.StartTime` point at copies the service puts in the context (the engine overwrites those two
 *    with the input and start of each engine run);
 *  - the top-level TimeoutSeconds is removed (the service keeps one deadline for the whole execution).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
type AslValidator = (
  definition: unknown,
  opts?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText(separator?: string): string };
const VALIDATOR_OPTIONS = { checkPaths: true, checkArn: true } as const;

/**
 * Definitions asl-validator already found valid, one empty file per definition, named by a hash of the installed
 * packages (package-lock.json: the validator, its JSON schemas, ajv, the path checkers), the validator's options and
 * the definition's text: the validator compiles its JSON schemas anew on every call (~0.8 s of CPU per runtime start on
 * the 2-core machine, decision 018 "Session 9"), and the same files are created at every start. Only a valid definition
 * is remembered; anything else is validated, and refused, every time.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VALID_CACHE = resolve(ROOT, 'node_modules', '.cache', 'vatra', 'valid-asl');

let installed: string | undefined;
function validAslKey(text: string): string {
  installed ??= (() => {
    try {
      return createHash('sha256').update(readFileSync(resolve(ROOT, 'package-lock.json'))).digest('hex');
    } catch {
      return `asl-validator ${(require('asl-validator/package.json') as { version: string }).version}`;
    }
  })();
  return createHash('sha256').update(`${installed}\n${JSON.stringify(VALIDATOR_OPTIONS)}\n${text}`).digest('hex');
}

function rememberValid(dir: string, key: string) {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, key), '');
  } catch {
    // a read-only checkout: validate again next time
  }
}

export type StateDef = { Type: string; [field: string]: unknown };
export interface Definition {
  StartAt: string;
  States: Record<string, StateDef>;
  TimeoutSeconds?: number;
  [field: string]: unknown;
}

export type TaskKind = 'invoke' | 'callback' | 'startExecution' | 'lambda' | 'wait' | 'unmapped';

export interface TaskInfo {
  name: string;
  kind: TaskKind;
  resource: string;
  /** directly in the machine's States (not inside a Map or Parallel) */
  topLevel: boolean;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
  heartbeatSeconds?: number;
  heartbeatSecondsPath?: string;
}

export interface PreparedDefinition {
  original: Definition;
  engine: Definition;
  /** Task and Wait states, by name, at every depth (ASL state names are unique in a whole machine) */
  tasks: Map<string, TaskInfo>;
  /** the original Type of every state, at every depth */
  stateTypes: Map<string, string>;
  topLevel: Set<string>;
  timeoutSeconds?: number;
}

/** Longest delay Node's setTimeout honours (2^31 - 1 ms); longer ones fire at once. */
export const MAX_TIMER_SECONDS = 2_147_483;
/** Resource of the Task that stands in for a Wait state in the engine copy. */
export const WAIT_RESOURCE = 'arn:aws:states:::vatra:wait';
/** Literal put where the ASL reads `$$.Task.Token`; replaced by the minted token before the function is called. */
export const TOKEN_PLACEHOLDER = 'vatra-local-task-token-placeholder';

const LAMBDA_INTEGRATION = /^arn:aws:states:[a-z0-9-]*:(\d{12})?:lambda:invoke$/;
const LAMBDA_CALLBACK = /^arn:aws:states:[a-z0-9-]*:(\d{12})?:lambda:invoke\.waitForTaskToken$/;
const SFN_START = /^arn:aws:states:[a-z0-9-]*:(\d{12})?:states:startExecution$/;
const LAMBDA_ARN = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

export function classifyResource(resource: string): Exclude<TaskKind, 'wait'> {
  if (LAMBDA_INTEGRATION.test(resource)) return 'invoke';
  if (LAMBDA_CALLBACK.test(resource)) return 'callback';
  if (SFN_START.test(resource)) return 'startExecution';
  if (LAMBDA_ARN.test(resource)) return 'lambda';
  return 'unmapped';
}

/** resourceType / resource as GetExecutionHistory shows them (`arn:aws:states:::lambda:invoke` → lambda / invoke). */
export function resourceParts(resource: string): { resourceType: string; resource: string } {
  const m = /^arn:aws:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(resource);
  if (m) return { resourceType: m[1]!, resource: m[2]! };
  if (resource.startsWith('arn:aws:lambda:')) return { resourceType: 'lambda', resource };
  return { resourceType: 'unknown', resource };
}

/** Parses and validates an ASL text; throws an Error naming the machine and every problem found. */
/** `cacheDir: null` validates every time (the validator's own tests). */
export function parseAndValidate(name: string, text: string, opts: { cacheDir?: string | null } = {}): Definition {
  const cacheDir = opts.cacheDir === undefined ? VALID_CACHE : opts.cacheDir;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`Definiția ASL a mașinii de stări „${name}” nu este JSON valid: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Definiția ASL a mașinii de stări „${name}” trebuie să fie un obiect JSON.`);
  }
  const key = cacheDir ? validAslKey(text) : '';
  if (!cacheDir || !existsSync(join(cacheDir, key))) {
    const aslValidator = require('asl-validator') as AslValidator;
    // asl-validator annotates the object it checks (QueryLanguage on every state): give it a copy.
    const result = aslValidator(structuredClone(parsed), VALIDATOR_OPTIONS);
    if (!result.isValid) {
      throw new Error(`Definiția ASL a mașinii de stări „${name}” nu este validă: ${result.errorsText('; ')}`);
    }
    if (cacheDir) rememberValid(cacheDir, key);
  }
  const def = parsed as Definition;
  if (def.QueryLanguage === 'JSONata' || containsJsonata(def.States)) {
    throw new Error(`Mașina de stări „${name}” folosește JSONata; serviciul local execută doar JSONPath.`);
  }
  return def;
}

function containsJsonata(states: Record<string, StateDef>): boolean {
  return Object.values(states).some(
    (s) =>
      s.QueryLanguage === 'JSONata' ||
      subMachines(s).some((m) => m.QueryLanguage === 'JSONata' || containsJsonata(m.States)),
  );
}

function subMachines(state: StateDef): Array<{ States: Record<string, StateDef>; StartAt: string; [k: string]: unknown }> {
  const out: Array<{ States: Record<string, StateDef>; StartAt: string }> = [];
  for (const key of ['Iterator', 'ItemProcessor'] as const) {
    const m = state[key];
    if (m && typeof m === 'object') out.push(m as { States: Record<string, StateDef>; StartAt: string });
  }
  if (Array.isArray(state.Branches)) out.push(...(state.Branches as Array<{ States: Record<string, StateDef>; StartAt: string }>));
  return out;
}

/** Builds the engine copy and the indexes the service needs. The original is left untouched. */
export function prepareDefinition(original: Definition): PreparedDefinition {
  const tasks = new Map<string, TaskInfo>();
  const stateTypes = new Map<string, string>();
  const engine = structuredClone(original);
  delete engine.TimeoutSeconds;
  engine.States = prepareStates(engine.States, true, tasks, stateTypes);
  return {
    original,
    engine,
    tasks,
    stateTypes,
    topLevel: new Set(Object.keys(original.States)),
    ...(typeof original.TimeoutSeconds === 'number' ? { timeoutSeconds: original.TimeoutSeconds } : {}),
  };
}

function prepareStates(
  states: Record<string, StateDef>,
  topLevel: boolean,
  tasks: Map<string, TaskInfo>,
  stateTypes: Map<string, string>,
): Record<string, StateDef> {
  const out: Record<string, StateDef> = {};
  for (const [name, raw] of Object.entries(states)) {
    stateTypes.set(name, raw.Type);
    let state = rewriteContextRefs(raw, name) as StateDef;
    for (const key of ['Iterator', 'ItemProcessor'] as const) {
      const m = state[key] as { States: Record<string, StateDef> } | undefined;
      if (m) state[key] = { ...m, States: prepareStates(m.States, false, tasks, stateTypes) };
    }
    if (Array.isArray(state.Branches)) {
      state.Branches = (state.Branches as Array<{ States: Record<string, StateDef> }>).map((b) => ({
        ...b,
        States: prepareStates(b.States, false, tasks, stateTypes),
      }));
    }
    if (state.Type === 'Task') state = prepareTask(name, state, topLevel, tasks);
    else if (state.Type === 'Wait') state = waitAsTask(name, state, topLevel, tasks);
    out[name] = state;
  }
  return out;
}

function prepareTask(name: string, state: StateDef, topLevel: boolean, tasks: Map<string, TaskInfo>): StateDef {
  const resource = String(state.Resource);
  const kind = classifyResource(resource);
  const info: TaskInfo = { name, kind, resource, topLevel };
  if (typeof state.TimeoutSeconds === 'number') info.timeoutSeconds = state.TimeoutSeconds;
  if (typeof state.TimeoutSecondsPath === 'string') info.timeoutSecondsPath = state.TimeoutSecondsPath;
  if (typeof state.HeartbeatSeconds === 'number') info.heartbeatSeconds = state.HeartbeatSeconds;
  if (typeof state.HeartbeatSecondsPath === 'string') info.heartbeatSecondsPath = state.HeartbeatSecondsPath;
  tasks.set(name, info);

  const copy: StateDef = { ...state };
  delete copy.HeartbeatSeconds;
  delete copy.HeartbeatSecondsPath;
  const serviceTimesIt = kind === 'callback' && topLevel;
  if (serviceTimesIt || (copy.TimeoutSeconds === undefined && copy.TimeoutSecondsPath === undefined)) {
    delete copy.TimeoutSecondsPath;
    copy.TimeoutSeconds = MAX_TIMER_SECONDS;
  }
  return copy;
}

function waitAsTask(name: string, state: StateDef, topLevel: boolean, tasks: Map<string, TaskInfo>): StateDef {
  tasks.set(name, { name, kind: 'wait', resource: WAIT_RESOURCE, topLevel });
  const parameters: Record<string, unknown> = { 'input.$': '$' };
  if (state.Seconds !== undefined) parameters.seconds = state.Seconds;
  else if (state.SecondsPath !== undefined) parameters['seconds.$'] = state.SecondsPath;
  else if (state.Timestamp !== undefined) parameters.timestamp = state.Timestamp;
  else parameters['timestamp.$'] = state.TimestampPath;
  const task: StateDef = { Type: 'Task', Resource: WAIT_RESOURCE, Parameters: parameters, TimeoutSeconds: MAX_TIMER_SECONDS };
  for (const key of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) if (key in state) task[key] = state[key];
  return task;
}

const PATH_FIELDS = new Set(['InputPath', 'OutputPath', 'ItemsPath', 'Variable', 'ErrorPath', 'CausePath']);
const SKIPPED_FIELDS = new Set(['Comment', 'Result', 'Iterator', 'ItemProcessor', 'Branches', 'Retry', 'Catch', 'Resource']);

/** A field whose string value is evaluated (a path or an intrinsic function), rather than taken literally. */
function isEvaluated(key: string): boolean {
  return key.endsWith('.$') || PATH_FIELDS.has(key) || (key.endsWith('Path') && key !== 'ResultPath');
}

function quoteIntrinsic(literal: string): string {
  return `'${literal.replace(/[\\'{}]/g, (c) => `\\${c}`)}'`;
}

function rewriteExpression(expr: string, stateName: string): string {
  let out = expr.replace(/\$\$\.Execution\.(Input|StartTime)(?![A-Za-z0-9_])/g, (_m, field: string) => `$$.Execution.Vatra${field}`);
  if (out.startsWith('States.')) {
    out = out
      .replace(/\$\$\.State\.Name(?![A-Za-z0-9_])/g, quoteIntrinsic(stateName))
      .replace(/\$\$\.Task\.Token(?![A-Za-z0-9_])/g, quoteIntrinsic(TOKEN_PLACEHOLDER));
  }
  return out;
}

/** Rewrites the context references of one state (not of its sub-machines, which are handled with their own names). */
function rewriteContextRefs(value: unknown, stateName: string, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteContextRefs(v, stateName, key));
  if (!value || typeof value !== 'object') {
    return typeof value === 'string' && isEvaluated(key) ? rewriteExpression(value, stateName) : value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SKIPPED_FIELDS.has(k) && key === '') {
      out[k] = v;
    } else if (k.endsWith('.$') && v === '$$.State.Name') {
      out[k.slice(0, -2)] = stateName;
    } else if (k.endsWith('.$') && v === '$$.Task.Token') {
      out[k.slice(0, -2)] = TOKEN_PLACEHOLDER;
    } else {
      out[k] = rewriteContextRefs(v, stateName, k);
    }
  }
  return out;
}

/** Puts the real task token wherever the placeholder ended up (whole values or inside formatted strings). */
export function injectToken(value: unknown, token: string): unknown {
  if (typeof value === 'string') return value.includes(TOKEN_PLACEHOLDER) ? value.split(TOKEN_PLACEHOLDER).join(token) : value;
  if (Array.isArray(value)) return value.map((v) => injectToken(v, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, injectToken(v, token)]));
  }
  return value;
}

export interface SegmentAdjustments {
  /** retries already spent by the start state, per retrier */
  retries?: number[];
  /** make the engine raise its own States.Timeout for the start state at once */
  timeOutStartState?: boolean;
}

/**
 * The engine copy started at `startAt` (a top-level state). States before it become unreachable, which is why
 * such a copy is run without validation (the original was validated once at start-up). Retry counts already spent
 * are taken off MaxAttempts, and the backoff goes on from where it was.
 */
export function segmentDefinition(engine: Definition, startAt: string, adj: SegmentAdjustments = {}): Definition {
  const start = engine.States[startAt];
  if (!start) throw new Error(`Starea „${startAt}” nu există în definiție.`);
  let state: StateDef = start;
  const spent = adj.retries ?? [];
  if (Array.isArray(start.Retry) && spent.some((n) => n > 0)) {
    state = {
      ...state,
      Retry: (start.Retry as Array<Record<string, unknown>>).map((r, i) => {
        const used = spent[i] ?? 0;
        if (used === 0) return r;
        const max = typeof r.MaxAttempts === 'number' ? r.MaxAttempts : 3;
        const interval = typeof r.IntervalSeconds === 'number' ? r.IntervalSeconds : 1;
        const backoff = typeof r.BackoffRate === 'number' ? r.BackoffRate : 2;
        return { ...r, MaxAttempts: Math.max(0, max - used), IntervalSeconds: interval * backoff ** used };
      }),
    };
  }
  if (adj.timeOutStartState) {
    state = { ...state, TimeoutSeconds: 0.001 };
    delete state.TimeoutSecondsPath;
  }
  return { ...engine, StartAt: startAt, States: { ...engine.States, [startAt]: state } };
}
