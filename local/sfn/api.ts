/**
 * The Step Functions API actions the local service answers, with AWS's request checks, response shapes
 * (dates as epoch seconds) and exception names, so `@aws-sdk/client-sfn` raises the same named errors.
 */
import { type Executor, type Machine, SfnError, isValidName } from './executor.js';
import type { ExecutionRecord, ExecutionStatus } from './store.js';

type Body = Record<string, unknown>;
export type Action = (body: Body) => unknown;

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT'];
const MAX_PAYLOAD = 262_144;
const MACHINE_ARN = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/;
const EXECUTION_ARN = /^arn:aws:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/;

const seconds = (ms: number) => ms / 1000;

function invalid(field: string, constraint: string): SfnError {
  return new SfnError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`);
}

function optString(b: Body, field: string, max?: number): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(field, 'Member must be a string');
  if (max !== undefined && v.length > max) throw invalid(field, `Member must have length less than or equal to ${max}`);
  return v;
}

function reqString(b: Body, field: string, max?: number): string {
  const v = optString(b, field, max);
  if (v === undefined) throw invalid(field, 'Member must not be null');
  if (v.length === 0) throw invalid(field, 'Member must have length greater than or equal to 1');
  return v;
}

function pageSize(b: Body): number {
  const v = b.maxResults;
  if (v === undefined || v === null || v === 0) return 100;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1000) throw invalid('maxResults', 'Member must have value between 0 and 1000');
  return v;
}

function pageStart(b: Body): number {
  const t = optString(b, 'nextToken', 1024);
  if (t === undefined) return 0;
  const m = /^p(\d+)$/.exec(Buffer.from(t, 'base64url').toString('utf8'));
  if (!m) throw new SfnError('InvalidToken', 'Invalid Token: the nextToken is not valid');
  return Number(m[1]);
}

function page<T>(items: T[], b: Body): { items: T[]; nextToken?: string } {
  const start = pageStart(b);
  const size = pageSize(b);
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(`p${start + size}`).toString('base64url') : undefined;
  return next ? { items: slice, nextToken: next } : { items: slice };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function summary(r: ExecutionRecord) {
  return {
    executionArn: r.executionArn,
    stateMachineArn: r.stateMachineArn,
    name: r.name,
    status: r.status,
    startDate: seconds(r.startDate),
    ...(r.stopDate !== undefined ? { stopDate: seconds(r.stopDate) } : {}),
  };
}

export function makeActions(executor: Executor, machines: Map<string, Machine>): Record<string, Action> {
  const machineOf = (b: Body): Machine => {
    const arn = reqString(b, 'stateMachineArn', 2048);
    if (!MACHINE_ARN.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    const m = machines.get(arn);
    if (!m) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return m;
  };
  const executionOf = (b: Body): ExecutionRecord => {
    const arn = reqString(b, 'executionArn', 2048);
    if (!EXECUTION_ARN.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
    const r = executor.get(arn);
    if (!r) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return r;
  };
  const token = (b: Body) => reqString(b, 'taskToken', 2048);

  return {
    StartExecution(b) {
      const machine = machineOf(b);
      const name = optString(b, 'name');
      if (name !== undefined && !isValidName(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
      const input = optString(b, 'input') ?? '{}';
      if (input.length > MAX_PAYLOAD) throw invalid('input', `Member must have length less than or equal to ${MAX_PAYLOAD}`);
      if (!isJson(input)) throw new SfnError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON');
      const r = executor.start(machine, name, input);
      return { executionArn: r.executionArn, startDate: seconds(r.startDate) };
    },

    DescribeExecution(b) {
      const r = executionOf(b);
      return {
        ...summary(r),
        input: r.input,
        inputDetails: { included: true },
        ...(r.output !== undefined ? { output: r.output, outputDetails: { included: true } } : {}),
        ...(r.error !== undefined ? { error: r.error } : {}),
        ...(r.cause !== undefined ? { cause: r.cause } : {}),
      };
    },

    DescribeStateMachineForExecution(b) {
      const r = executionOf(b);
      const m = machines.get(r.stateMachineArn)!;
      return { stateMachineArn: m.arn, name: m.name, definition: m.definitionText, roleArn: executor.roleArn(), updateDate: seconds(m.createdAt) };
    },

    StopExecution(b) {
      const arn = reqString(b, 'executionArn', 2048);
      if (!EXECUTION_ARN.test(arn)) throw new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);
      const r = executor.stop(arn, optString(b, 'error', 256), optString(b, 'cause', 32_768));
      return { stopDate: seconds(r.stopDate ?? Date.now()) };
    },

    SendTaskSuccess(b) {
      const t = token(b);
      const output = reqString(b, 'output', MAX_PAYLOAD);
      if (!isJson(output)) throw new SfnError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
      executor.sendOutcome(t, { kind: 'success', output: JSON.parse(output) });
      return {};
    },

    SendTaskFailure(b) {
      const t = token(b);
      const error = optString(b, 'error', 256) ?? '';
      const cause = optString(b, 'cause', 32_768) ?? '';
      executor.sendOutcome(t, { kind: 'failure', error, cause });
      return {};
    },

    SendTaskHeartbeat(b) {
      executor.heartbeat(token(b));
      return {};
    },

    ListExecutions(b) {
      const machine = machineOf(b);
      const status = optString(b, 'statusFilter');
      if (status !== undefined && !STATUSES.includes(status as ExecutionStatus)) {
        throw invalid('statusFilter', `Member must satisfy enum value set: [${STATUSES.join(', ')}]`);
      }
      const all = executor
        .list(machine.arn)
        .filter((r) => status === undefined || r.status === status)
        .sort((a, b2) => b2.startDate - a.startDate || b2.executionArn.localeCompare(a.executionArn));
      const p = page(all, b);
      return { executions: p.items.map(summary), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },

    ListStateMachines(b) {
      const all = [...machines.values()].sort((a, c) => a.name.localeCompare(c.name));
      const p = page(all, b);
      return {
        stateMachines: p.items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: 'STANDARD', creationDate: seconds(m.createdAt) })),
        ...(p.nextToken ? { nextToken: p.nextToken } : {}),
      };
    },

    DescribeStateMachine(b) {
      const m = machineOf(b);
      return {
        stateMachineArn: m.arn,
        name: m.name,
        status: 'ACTIVE',
        definition: m.definitionText,
        roleArn: executor.roleArn(),
        type: 'STANDARD',
        creationDate: seconds(m.createdAt),
        loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      };
    },

    GetExecutionHistory(b) {
      const r = executionOf(b);
      const withData = b.includeExecutionData !== false;
      const ordered = b.reverseOrder === true ? [...r.history].reverse() : r.history;
      const p = page(ordered, b);
      const events = p.items.map((e) => {
        const out: Record<string, unknown> = { ...e, timestamp: seconds(e.timestamp) };
        if (!withData) {
          for (const [k, v] of Object.entries(out)) {
            if (k.endsWith('EventDetails') && v && typeof v === 'object') {
              const { input: _i, output: _o, parameters: _p, ...rest } = v as Record<string, unknown>;
              out[k] = rest;
            }
          }
        }
        return out;
      });
      return { events, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
    },
  };
}
