/**
 * The HTTP adapter (shared/platform/http/api.ts) bound to the gathered routes and policy: what every API function's
 * `handler` is built with, on AWS and in the local runtime alike.
 *
 * An API function's operation table maps each operation to its module loader, `() => import('./ops/x.js')` (the
 * module's default export is the operation): the handler module holds the router and the loaders, so a cold start
 * compiles the adapter and, on its first request, only the route it serves (bundles split at every `import()`,
 * docs/decisions/018-performance.md). A loaded operation is kept for the container's later requests. An operation
 * given as is (not a loader) is used as is.
 */
import { type AnyOperation, apiAdapter, type ApiEvent, type ApiResult } from '../platform/http/api.js';
import { routeKey, routes } from './routes.js';
import { hasRoleFor } from './policy.js';

export { operation, type AnyOperation, type Operation, type OperationContext, type OperationResult } from '../platform/http/api.js';

/** Loads an operation's module (its default export is the operation). */
export type OperationLoader = () => Promise<{ default: AnyOperation }>;
export type OperationTable = Readonly<Record<string, AnyOperation | OperationLoader>>;

const adapter = apiAdapter({ routes, hasRoleFor });

/**
 * The handler of API function `functionName`. Before the adapter sees a request, the module of the route's operation
 * is loaded (once; a failed load is tried again by the next request, and this one answers the adapter's 500); the
 * adapter then validates, authorizes and runs it exactly as an operation given as is. An unknown route loads nothing.
 */
export function apiHandler(functionName: string, table: OperationTable) {
  const loaded = new Map<string, AnyOperation>();
  const loading = new Map<string, Promise<void>>();
  const failures = new Map<string, unknown>();
  const ready = (name: string): AnyOperation => {
    const op = loaded.get(name);
    if (!op) throw failures.get(name) ?? new Error(`operation ${name} of ${functionName} is not loaded`);
    return op;
  };
  const operations: Record<string, AnyOperation> = {};
  for (const [name, entry] of Object.entries(table)) {
    if (typeof entry !== 'function') {
      loaded.set(name, entry);
      operations[name] = entry;
      continue;
    }
    // what the adapter reads of an operation (its schemas, then handle) comes from the loaded module
    operations[name] = {
      get path() { return ready(name).path; },
      get query() { return ready(name).query; },
      get body() { return ready(name).body; },
      handle: (ctx) => ready(name).handle(ctx),
    };
  }
  const inner = adapter(functionName, operations);
  const operationOf = new Map(routes.filter((r) => r.function === functionName).map((r) => [routeKey(r), r.operation]));
  const load = (name: string): Promise<void> => {
    let p = loading.get(name);
    if (!p) {
      const loader = table[name] as OperationLoader;
      p = loader().then(
        (m) => { loaded.set(name, m.default); failures.delete(name); },
        (err: unknown) => { failures.set(name, err); loading.delete(name); },
      );
      loading.set(name, p);
    }
    return p;
  };
  return async (event: ApiEvent, context: Parameters<typeof inner>[1]): Promise<ApiResult> => {
    const name = operationOf.get(event?.routeKey);
    if (name !== undefined && !loaded.has(name)) await load(name);
    return inner(event, context);
  };
}

/** Every operation of a table, loaded (the OpenAPI document reads their schemas). */
export async function loadOperations(table: OperationTable): Promise<Record<string, AnyOperation>> {
  const entries = await Promise.all(Object.entries(table).map(async ([name, entry]) => [name, typeof entry === 'function' ? (await entry()).default : entry] as const));
  return Object.fromEntries(entries);
}
