/**
 * Counting DynamoDB requests per workflow step: a middleware on the subsidy functions' own client adds one to the
 * counter of the step running in the current async context (AsyncLocalStorage), so concurrent invocations in one
 * process (the local runtime) never mix their counts. One count per command sent (a BatchWriteItem of 25 items is 1).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RequestCounter {
  total: number;
  byCommand: Record<string, number>;
}

const store = new AsyncLocalStorage<RequestCounter>();
const instrumented = new WeakSet<object>();

export function newCounter(): RequestCounter {
  return { total: 0, byCommand: {} };
}

/** Run `fn` with its own counter; returns the result and what it sent. */
export async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; requests: RequestCounter }> {
  const counter = newCounter();
  const result = await store.run(counter, fn);
  return { result, requests: counter };
}

/** Add the counting middleware to a client (once). */
export function instrument(client: DynamoDBClient): void {
  if (instrumented.has(client)) return;
  instrumented.add(client);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const c = store.getStore();
      if (c) {
        const name = String((context as { commandName?: string }).commandName ?? 'Unknown').replace(/Command$/, '');
        c.total += 1;
        c.byCommand[name] = (c.byCommand[name] ?? 0) + 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'vatraSubsidyRequestCounter', override: true },
  );
}
