/**
 * The local Step Functions service. It speaks the AWS JSON 1.0 protocol of Step Functions, so the real
 * `@aws-sdk/client-sfn` works against it unchanged, and runs the ASL files with the `aws-local-stepfunctions` engine.
 *
 * What the engine lacks, this adds: task tokens and callbacks, durable execution records, resumption after a crash.
 * An execution runs in SEGMENTS. A segment is one engine run from a given state with that state's raw input; it ends
 * when the execution ends, or when it reaches a `.waitForTaskToken` task: the function receives a fresh token, the
 * record stores {state, token, input} on disk and the engine run is aborted. SendTaskSuccess/Failure starts a new
 * segment at the same state whose handler returns the callback result at once, so ResultSelector/ResultPath/Catch
 * apply exactly as in AWS. A restart reloads the records: waiting executions keep waiting on the same token (the
 * function is not invoked again), and an execution that was inside another state re-runs that state (at-least-once,
 * like a Lambda retry). Any Task resource other than Lambda / Step Functions integrations fails with
 * `Vatra.UnmappedResource`: nothing ever reaches AWS.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import aslValidator from 'asl-validator';
import { ExecutionStore, type ExecutionRecord } from './store.js';

export interface StateMachineSpec { name: string; definition: string }

export interface LocalSfnOptions {
  host?: string;
  port: number;
  dataDir: string;
  region?: string;
  stateMachines: StateMachineSpec[];
  invokeFunction(functionName: string, payload: unknown): Promise<unknown>;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface LocalSfn { url: string; port: number; close(): Promise<void>; idle(): Promise<void> }

const ACCOUNT = '000000000000';
const TOKEN_PLACEHOLDER = '__vatra_task_token__';

export function stateMachineArn(name: string, region = 'eu-central-1'): string {
  return `arn:aws:states:${region}:${ACCOUNT}:stateMachine:${name}`;
}

class SfnError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

type Definition = { StartAt: string; States: Record<string, { Type: string; Resource?: string; Seconds?: number; [k: string]: unknown }>; [k: string]: unknown };
type Resume = { ok: true; value: unknown } | { ok: false; error: string; cause: string };

function replaceDeep(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v === from ? to : v;
  if (Array.isArray(v)) return v.map((x) => replaceDeep(x, from, to));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceDeep(x, from, to)]));
  return v;
}

function namedError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

export async function startLocalSfn(opts: LocalSfnOptions): Promise<LocalSfn> {
  const region = opts.region ?? 'eu-central-1';
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const store = new ExecutionStore(opts.dataDir);

  const machines = new Map<string, { name: string; arn: string; definition: Definition; text: string; createdAt: number }>();
  for (const spec of opts.stateMachines) {
    const definition = JSON.parse(spec.definition) as Definition;
    const { isValid, errorsText } = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true }); // the validator annotates its input: give it a copy
    if (!isValid) throw new Error(`ASL invalid for ${spec.name}: ${errorsText('\n')}`);
    machines.set(stateMachineArn(spec.name, region), { name: spec.name, arn: stateMachineArn(spec.name, region), definition, text: spec.definition, createdAt: Date.now() / 1000 });
  }

  const executions = new Map<string, ExecutionRecord>();
  const tokens = new Map<string, string>(); // token -> executionArn
  const running = new Map<string, Promise<void>>(); // executionArn -> active segment
  const queuedResume = new Map<string, Resume>(); // executionArn -> callback that arrived while its segment was still suspending
  const aborters = new Map<string, () => void>();

  const save = (rec: ExecutionRecord) => store.save(rec);
  const event = (rec: ExecutionRecord, type: string, state?: string, detail?: Record<string, unknown>) => {
    rec.history.push({ id: rec.history.length + 1, timestamp: Date.now(), type, ...(state ? { state } : {}), ...(detail ? { detail } : {}) });
  };

  function machineOf(rec: ExecutionRecord) {
    const m = machines.get(stateMachineArn(rec.stateMachineName, region));
    if (!m) throw new Error(`state machine ${rec.stateMachineName} not loaded`);
    return m;
  }

  function startSegment(rec: ExecutionRecord, startState: string, stateInput: unknown, resume?: Resume) {
    const p = runSegment(rec, startState, stateInput, resume)
      .catch((e: unknown) => log('segment crashed', { execution: rec.name, error: (e as Error).message }))
      .finally(() => {
        running.delete(rec.executionArn);
        const q = queuedResume.get(rec.executionArn);
        if (q && rec.status === 'RUNNING' && rec.waiting?.invoked) {
          queuedResume.delete(rec.executionArn);
          const w = rec.waiting;
          rec.waiting = undefined;
          save(rec);
          startSegment(rec, w.state, w.input, q);
        }
      });
    running.set(rec.executionArn, p);
  }

  async function runSegment(rec: ExecutionRecord, startState: string, stateInput: unknown, resume?: Resume): Promise<void> {
    const m = machineOf(rec);
    const def: Definition = startState === m.definition.StartAt ? m.definition : { ...m.definition, StartAt: startState };
    const engine = new StateMachine(def as never, startState === m.definition.StartAt ? { validationOptions: { checkPaths: false, checkArn: false } } : { validationOptions: { noValidate: true } });
    let suspended = false;
    let resumePending = resume;
    let abort: () => void = () => undefined;

    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, st] of Object.entries(def.States)) {
      if (st.Type !== 'Task') continue;
      const resource = String(st.Resource ?? '');
      handlers[stateName] = async (params: unknown) => {
        if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
          if (resumePending && stateName === startState) {
            const r = resumePending;
            resumePending = undefined;
            if (r.ok) return r.value;
            throw namedError(r.error, r.cause);
          }
          // the engine emits StateEntered before calling us; let the event-log reader catch up so `position` is this state's entry
          for (let i = 0; i < 100 && rec.position?.state !== stateName; i++) await new Promise((r) => setImmediate(r));
          if (rec.position?.state !== stateName) throw namedError('Vatra.LocalServiceError', `no StateEntered seen for ${stateName}`);
          const p = params as { FunctionName?: string; Payload?: unknown };
          const token = rec.waiting && rec.waiting.state === stateName && !rec.waiting.invoked ? rec.waiting.token : `${randomUUID()}.${randomBytes(24).toString('base64url')}`;
          rec.waiting = { state: stateName, token, input: rec.position.input, since: Date.now(), invoked: false };
          tokens.set(token, rec.executionArn);
          event(rec, 'TaskSubmitted', stateName, { resource, functionName: p.FunctionName });
          save(rec);
          try {
            await opts.invokeFunction(String(p.FunctionName), replaceDeep(p.Payload, TOKEN_PLACEHOLDER, token));
          } catch (e) {
            tokens.delete(token);
            rec.waiting = undefined;
            save(rec);
            throw e;
          }
          rec.waiting.invoked = true;
          suspended = true;
          save(rec);
          abort();
          return new Promise(() => undefined); // the engine run is aborted; a callback starts the next segment
        }
        if (resource === 'arn:aws:states:::lambda:invoke') {
          const p = params as { FunctionName?: string; Payload?: unknown };
          const out = await opts.invokeFunction(String(p.FunctionName), p.Payload);
          return { Payload: out, StatusCode: 200, ExecutedVersion: '$LATEST' };
        }
        if (resource.startsWith('arn:aws:lambda:')) return opts.invokeFunction(resource, params);
        if (resource === 'arn:aws:states:::states:startExecution') {
          const p = params as { StateMachineArn: string; Name?: string; Input?: unknown };
          const r = startExecution(p.StateMachineArn, p.Name, typeof p.Input === 'string' ? p.Input : JSON.stringify(p.Input ?? {}));
          return { ExecutionArn: r.executionArn, StartDate: new Date(r.startDate * 1000).toISOString() };
        }
        throw namedError('Vatra.UnmappedResource', `Resursa ${resource} nu are un echivalent local (starea ${stateName}); nu se apelează AWS.`);
      };
    }

    const waitTimeOverrides: Record<string, number> = {};
    const startDef = def.States[startState];
    if (startDef?.Type === 'Wait' && typeof startDef.Seconds === 'number' && rec.position?.state === startState) {
      waitTimeOverrides[startState] = Math.max(0, rec.position.enteredAt + startDef.Seconds * 1000 - Date.now());
    }

    const run = engine.run(stateInput as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, waitTimeOverrides },
      noThrowOnAbort: true,
      context: {
        Execution: { Id: rec.executionArn, Name: rec.name, Input: JSON.parse(rec.input), StartTime: new Date(rec.startDate * 1000).toISOString(), RoleArn: `arn:aws:iam::${ACCOUNT}:role/local` },
        StateMachine: { Id: m.arn, Name: m.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    abort = run.abort;
    aborters.set(rec.executionArn, run.abort);
    const logs = (async () => {
      for await (const e of run.eventLogs as AsyncIterable<{ type: string; state?: { name: string; type: string; input: unknown }; Error?: string; Cause?: string }>) {
        if (e.type === 'StateEntered' && e.state) {
          rec.position = { state: e.state.name, input: e.state.input, enteredAt: Date.now() };
          event(rec, 'StateEntered', e.state.name);
          save(rec);
        } else if (e.type === 'StateExited' && e.state) {
          event(rec, 'StateExited', e.state.name);
        } else if (e.type === 'StateFailed' && e.state) {
          event(rec, 'StateFailed', e.state.name, { error: e.Error, cause: e.Cause });
        }
      }
    })().catch(() => undefined);

    try {
      const result = await run.result;
      if (suspended) return;
      if (rec.status !== 'RUNNING') return; // stopped meanwhile
      rec.status = 'SUCCEEDED';
      rec.output = JSON.stringify(result ?? null);
      rec.stopDate = Date.now() / 1000;
      rec.waiting = undefined;
      event(rec, 'ExecutionSucceeded');
    } catch (e) {
      if (suspended || rec.status !== 'RUNNING') return;
      const cause = (e as { cause?: { name?: string; message?: string } }).cause;
      rec.status = 'FAILED';
      rec.error = cause?.name ?? (e as Error).name ?? 'States.Runtime';
      rec.cause = cause?.message ?? (e as Error).message;
      rec.stopDate = Date.now() / 1000;
      rec.waiting = undefined;
      event(rec, 'ExecutionFailed', undefined, { error: rec.error, cause: rec.cause });
      log('execution failed', { execution: rec.name, error: rec.error, cause: rec.cause });
    } finally {
      aborters.delete(rec.executionArn);
      await logs;
      save(rec);
    }
  }

  function startExecution(smArn: string, name: string | undefined, input: string): ExecutionRecord {
    const m = machines.get(smArn);
    if (!m) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${smArn}'`);
    try {
      JSON.parse(input);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
    }
    const execName = name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(execName)) throw new SfnError('InvalidName', `Invalid Name: '${execName}'`);
    const arn = `${smArn.replace(':stateMachine:', ':execution:')}:${execName}`;
    const existing = executions.get(arn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const rec: ExecutionRecord = { executionArn: arn, stateMachineName: m.name, name: execName, input, status: 'RUNNING', startDate: Date.now() / 1000, usedTokens: [], history: [] };
    event(rec, 'ExecutionStarted', undefined, { input });
    executions.set(arn, rec);
    save(rec);
    startSegment(rec, m.definition.StartAt, JSON.parse(input));
    return rec;
  }

  function callback(token: string, resume: Resume) {
    const arn = tokens.get(token);
    if (!arn) {
      for (const rec of executions.values()) if (rec.usedTokens.includes(token)) throw new SfnError('TaskTimedOut', 'Task Timed Out: the task token has already been used');
      throw new SfnError('TaskDoesNotExist', 'Task does not exist anymore');
    }
    const rec = executions.get(arn)!;
    tokens.delete(token);
    rec.usedTokens.push(token);
    if (rec.status !== 'RUNNING' || rec.waiting?.token !== token) throw new SfnError('TaskTimedOut', 'Task Timed Out');
    event(rec, resume.ok ? 'TaskSucceeded' : 'TaskFailed', rec.waiting.state);
    save(rec);
    if (running.has(arn)) {
      queuedResume.set(arn, resume); // the segment is still suspending; it resumes when it ends
      return;
    }
    const w = rec.waiting;
    rec.waiting = undefined;
    save(rec);
    startSegment(rec, w.state, w.input, resume);
  }

  const describe = (rec: ExecutionRecord) => ({
    executionArn: rec.executionArn,
    stateMachineArn: stateMachineArn(rec.stateMachineName, region),
    name: rec.name,
    status: rec.status,
    startDate: rec.startDate,
    ...(rec.stopDate ? { stopDate: rec.stopDate } : {}),
    input: rec.input,
    ...(rec.output !== undefined ? { output: rec.output } : {}),
    ...(rec.error ? { error: rec.error, cause: rec.cause } : {}),
  });

  const actions: Record<string, (b: Record<string, any>) => unknown> = {
    StartExecution: (b) => {
      const r = startExecution(b.stateMachineArn, b.name, b.input ?? '{}');
      return { executionArn: r.executionArn, startDate: r.startDate };
    },
    DescribeExecution: (b) => {
      const rec = executions.get(b.executionArn);
      if (!rec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${b.executionArn}'`);
      return describe(rec);
    },
    StopExecution: (b) => {
      const rec = executions.get(b.executionArn);
      if (!rec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${b.executionArn}'`);
      if (rec.status === 'RUNNING') {
        rec.status = 'ABORTED';
        rec.stopDate = Date.now() / 1000;
        if (b.error) rec.error = b.error;
        if (b.cause) rec.cause = b.cause;
        if (rec.waiting) tokens.delete(rec.waiting.token);
        rec.waiting = undefined;
        event(rec, 'ExecutionAborted');
        save(rec);
        aborters.get(rec.executionArn)?.();
      }
      return { stopDate: rec.stopDate };
    },
    SendTaskSuccess: (b) => {
      try {
        JSON.parse(b.output);
      } catch {
        throw new SfnError('InvalidOutput', 'Invalid Task Output');
      }
      callback(String(b.taskToken), { ok: true, value: JSON.parse(b.output) });
      return {};
    },
    SendTaskFailure: (b) => {
      callback(String(b.taskToken), { ok: false, error: b.error ?? 'States.TaskFailed', cause: b.cause ?? '' });
      return {};
    },
    SendTaskHeartbeat: (b) => {
      if (!tokens.has(String(b.taskToken))) throw new SfnError('TaskDoesNotExist', 'Task does not exist anymore');
      return {};
    },
    ListExecutions: (b) => {
      const list = [...executions.values()]
        .filter((r) => stateMachineArn(r.stateMachineName, region) === b.stateMachineArn && (!b.statusFilter || r.status === b.statusFilter))
        .sort((a, c) => c.startDate - a.startDate)
        .map((r) => ({ executionArn: r.executionArn, stateMachineArn: b.stateMachineArn, name: r.name, status: r.status, startDate: r.startDate, ...(r.stopDate ? { stopDate: r.stopDate } : {}) }));
      return { executions: list };
    },
    ListStateMachines: () => ({ stateMachines: [...machines.values()].map((m) => ({ stateMachineArn: m.arn, name: m.name, type: 'STANDARD', creationDate: m.createdAt })) }),
    DescribeStateMachine: (b) => {
      const m = machines.get(b.stateMachineArn);
      if (!m) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${b.stateMachineArn}'`);
      return { stateMachineArn: m.arn, name: m.name, status: 'ACTIVE', definition: m.text, roleArn: `arn:aws:iam::${ACCOUNT}:role/local`, type: 'STANDARD', creationDate: m.createdAt };
    },
    GetExecutionHistory: (b) => {
      const rec = executions.get(b.executionArn);
      if (!rec) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${b.executionArn}'`);
      return { events: rec.history.map((h) => ({ id: h.id, timestamp: h.timestamp / 1000, type: h.type, ...(h.state ? { stateEnteredEventDetails: { name: h.state } } : {}) })) };
    },
  };

  // Reload: waiting executions keep their token; the others carry on from the last state entered.
  for (const rec of store.loadAll()) {
    executions.set(rec.executionArn, rec);
    if (rec.status !== 'RUNNING') continue;
    if (!machines.has(stateMachineArn(rec.stateMachineName, region))) continue;
    if (rec.waiting?.invoked) {
      tokens.set(rec.waiting.token, rec.executionArn);
    } else if (rec.waiting) {
      // crashed while the function that receives the token ran: run the state again with the SAME token (idempotent by token)
      tokens.set(rec.waiting.token, rec.executionArn);
      event(rec, 'ExecutionResumed', rec.waiting.state);
      startSegment(rec, rec.waiting.state, rec.waiting.input);
    } else if (rec.position) {
      event(rec, 'ExecutionResumed', rec.position.state);
      startSegment(rec, rec.position.state, rec.position.input);
    } else {
      startSegment(rec, machineOf(rec).definition.StartAt, JSON.parse(rec.input));
    }
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.replace(/^AWSStepFunctions\./, '');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(body));
    };
    const fn = actions[action];
    if (!fn) return reply(400, { __type: 'UnknownOperationException', message: `Operation ${action} is not supported by the local service` });
    try {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      reply(200, fn(body));
    } catch (e) {
      if (e instanceof SfnError) return reply(400, { __type: e.type, message: e.message });
      log('sfn service error', { action, error: (e as Error).message });
      reply(500, { __type: 'InternalFailure', message: (e as Error).message });
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolveListen());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${host}:${port}`,
    port,
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
