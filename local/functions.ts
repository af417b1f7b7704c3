/**
 * Runs the Lambda handlers of shared/manifest/functions.ts in this process: the same entry modules CDK bundles,
 * called with the same events. Modules load lazily on first invocation, like a cold start.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionDef } from '../shared/manifest/functions.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Lambda runs each concurrent invocation in an environment of its own; here every invocation shares this one process,
 * so N requests at once stretch each one's wall time about N-fold, and the handlers' timeout (middy answers 500 just
 * before `getRemainingTimeInMillis()` runs out) fired on requests Lambda would have served in time. The parallel
 * tests set VATRA_LOCAL_TIMEOUT_FACTOR (e.g. 6) to stretch the deadline the same way; unset, it is Lambda's own.
 */
const TIMEOUT_FACTOR = Math.max(1, Number(process.env.VATRA_LOCAL_TIMEOUT_FACTOR ?? 1) || 1);

/**
 * Set (at build time) when this runtime runs from its esbuild build (local/bundle.ts): the handlers are then the
 * build's modules of the same entries, sharing the runtime's chunks. Unset under tsx: the TypeScript entries.
 */
const BUILD_DIR = process.env.VATRA_RUNTIME_BUILD;

export interface InvocationRecord {
  functionName: string;
  startedAt: number;
  ms: number;
  ok: boolean;
}

export class LocalFunctions {
  private loaded = new Map<string, Promise<Handler>>();
  readonly recent: InvocationRecord[] = [];

  constructor(private readonly root: string, private readonly list: readonly FunctionDef[] = functions) {}

  names(): string[] {
    return this.list.map((f) => f.name);
  }

  /** Accepts a function name or a Lambda ARN (arn:aws:lambda:region:acct:function:name[:qualifier]). */
  resolveName(nameOrArn: string): FunctionDef {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : nameOrArn;
    const def = this.list.find((f) => f.name === name);
    if (!def) {
      const err = new Error(`Funcția ${nameOrArn} nu este definită în shared/manifest/functions.ts`);
      err.name = 'Lambda.ResourceNotFoundException';
      throw err;
    }
    return def;
  }

  private load(def: FunctionDef): Promise<Handler> {
    let p = this.loaded.get(def.name);
    if (!p) {
      const file = BUILD_DIR ? resolve(BUILD_DIR, def.entry.replace(/\.ts$/, '.js')) : resolve(this.root, def.entry);
      p = import(pathToFileURL(file).href).then((m: { handler?: Handler }) => {
        if (typeof m.handler !== 'function') throw new Error(`${def.entry} does not export a handler`);
        return m.handler;
      });
      this.loaded.set(def.name, p);
    }
    return p;
  }

  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const def = this.resolveName(nameOrArn);
    const handler = await this.load(def);
    const started = Date.now();
    const timeoutMs = def.timeoutSeconds * 1000 * TIMEOUT_FACTOR;
    const context = {
      functionName: def.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${def.name}`,
      memoryLimitInMB: String(def.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${def.name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    } as Context;
    let ok = false;
    try {
      // A copy, as Lambda receives a serialized event: handlers can never share objects with the caller.
      const result = await handler(JSON.parse(JSON.stringify(event ?? null)), context);
      ok = true;
      return result === undefined ? null : JSON.parse(JSON.stringify(result));
    } finally {
      this.recent.push({ functionName: def.name, startedAt: started, ms: Date.now() - started, ok });
      if (this.recent.length > 500) this.recent.splice(0, this.recent.length - 500);
    }
  }
}
