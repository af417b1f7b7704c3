import type { TestProject } from 'vitest/node';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamo.js';
import { freePort, SHARED_DYNAMO_ENV, startRuntimeProcess, tempDataDir, type RuntimeProcess, type RuntimeUrls } from './runtime.js';

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
    shared = await startLocalDynamo({ port: await freePort(), dataDir: tempDataDir('shared-ddb'), inMemory: true, perAccessKey: true });
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
