import type { TestProject } from 'vitest/node';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamo.js';
import { tmpdir } from 'node:os';
import { freePort, SHARED_DYNAMO_ENV, START_S, startRuntimeProcess, type RuntimeProcess, type RuntimeUrls } from './runtime.js';

declare module 'vitest' {
  export interface ProvidedContext {
    urls: RuntimeUrls;
    dataDir: string;
  }
}

let rt: RuntimeProcess | undefined;
let shared: LocalDynamo | undefined;

export async function setup(project: TestProject) {
  // One DynamoDB Local for every ephemeral test runtime (each its own access key and database), started by the first
  // project's setup; the test workers inherit its address (decision 018, Session 9).
  if (!process.env[SHARED_DYNAMO_ENV]) {
    // as long a wait for Java as each runtime's own JVM had (test/support/runtime.ts): a loaded machine starts it slowly
    process.env.VATRA_DDB_START_MS ??= String(Math.max(60_000, (START_S * 1000) / 2));
    shared = await startLocalDynamo({ port: await freePort(), dataDir: tmpdir(), inMemory: true, perAccessKey: true });
    process.env[SHARED_DYNAMO_ENV] = shared.endpoint;
  }
  rt = await startRuntimeProcess();
  project.provide('urls', rt.urls);
  project.provide('dataDir', rt.dataDir);
}

export async function teardown() {
  await rt?.stop();
  await shared?.stop();
}
