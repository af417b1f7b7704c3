/**
 * Structured logs: one JSON line per entry — level, message, timestamp, service, function, requestId, then the
 * entry's own fields. Personal data never goes to logs: callers log ids and codes only, and the redaction below
 * strips known personal fields (names, CNP, IBAN, …) and CNP-like numbers from anything that slips through.
 *
 * Hand-written rather than `@aws-lambda-powertools/logger`: the project used its JSON line and nothing else
 * (info/warn/error with an object), and it cost ~23 KB and several ms of every cold start
 * (docs/decisions/018-performance.md). Which request and function a line belongs to is carried by `withLogContext`
 * (AsyncLocalStorage: the local runtime runs every function in one process, requests interleaved).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const PERSONAL_KEYS = /^(cnp|firstName|lastName|name|fullName|childName|parentName|ethnicity|roma|health|disability|iban|address|phone|birthDate|email)$/i;
const CNP_LIKE = /\b[1-9]\d{12}\b/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return value.replace(CNP_LIKE, '[CNP]');
  if (typeof value === 'bigint') return value.toString();
  // an error's class under `type`: `name` is one of the personal keys; a machine code (ConfigurationError's, the
  // SDK's) goes with it
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return redact({ type: value.name, ...(typeof code === 'string' ? { code } : {}), message: value.message, stack: value.stack }, depth);
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = PERSONAL_KEYS.test(k) ? '[redactat]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const RANK: Record<string, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3, CRITICAL: 4, SILENT: 5 };

/** Which invocation a log line belongs to. */
export interface LogContext {
  requestId?: string | undefined;
  function?: string | undefined;
}
const current = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with every log line inside it naming this request and function. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return current.run(ctx, fn);
}

/**
 * A handler run in a log scope of its own, not yet named: a middleware of the handler's middy chain names it
 * (`nameLogContext`) once it has read the event. The scope is opened around the whole chain because a middy
 * middleware cannot wrap the ones after it, and `AsyncLocalStorage.enterWith` in a middleware would leave the
 * context on the caller too (the local runtime's scheduler or HTTP server would log under the last request's id).
 */
export function inLogScope<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
  return (...args) => current.run({}, () => handler(...args));
}

/** Names the invocation of the current log scope (`inLogScope`); outside one it does nothing. */
export function nameLogContext(ctx: LogContext): void {
  const store = current.getStore();
  if (store) Object.assign(store, ctx);
}

/** What a Lambda handler receives as its second argument, as far as logs care. */
interface InvocationContext { awsRequestId?: string; functionName?: string }

/** A Lambda handler whose log lines carry the invocation's request id and function name. */
export function withInvocationLog<E, R>(handler: (event: E, context?: InvocationContext) => Promise<R>): (event: E, context?: InvocationContext) => Promise<R> {
  return (event, context) => withLogContext({ requestId: context?.awsRequestId, function: context?.functionName }, () => handler(event, context));
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  service: string;
  /** entries below this level are dropped (DEBUG, INFO, WARN, ERROR; SILENT drops all); INFO if unknown */
  level?: string | undefined;
  /** where a line goes; stdout (DEBUG, INFO) and stderr (WARN, ERROR) by default */
  write?: (line: string, level: LogLevel) => void;
  now?: () => Date;
}

const defaultWrite = (line: string, level: LogLevel) => (level === 'WARN' || level === 'ERROR' ? process.stderr : process.stdout).write(`${line}\n`);

export function createLogger(o: LoggerOptions): Logger {
  const threshold = RANK[(o.level ?? 'INFO').toUpperCase()] ?? RANK.INFO!;
  const write = o.write ?? defaultWrite;
  const now = o.now ?? (() => new Date());
  const log = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[level]! < threshold) return;
    const ctx = current.getStore();
    const fixed = { level, message: redact(message), timestamp: now().toISOString(), service: o.service };
    const entry = {
      ...fixed,
      function: ctx?.function ?? process.env.AWS_LAMBDA_FUNCTION_NAME,
      requestId: ctx?.requestId,
      // the entry's own fields; a field may name the request when no context does, never change level, message or time
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    if (ctx?.requestId) entry.requestId = ctx.requestId;
    write(JSON.stringify(Object.assign(entry, fixed)), level);
  };
  return { debug: log('DEBUG'), info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}

export const logger: Logger = createLogger({ service: process.env.POWERTOOLS_SERVICE_NAME ?? 'vatra', level: process.env.VATRA_LOG_LEVEL });
