import type { TestProject } from 'vitest/node';
import { buildRuntime, DEFAULT_RUNTIME_DIR } from '../../local/bundle.js';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamo.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, RUNTIME_BUILD_ENV, SHARED_DYNAMO_ENV, START_S, startRuntimeProcess, type RuntimeProcess, type RuntimeUrls } from './runtime.js';

declare module 'vitest' {
  export interface ProvidedContext {
    urls: RuntimeUrls;
    dataDir: string;
  }
}

/**
 * What the run's global setups started, in the main vitest process. vitest sets up one project after the other and may
 * load this file once per project, so the state lives on globalThis: the first setup starts the shared DynamoDB Local
 * and then the runtime of EVERY running project that uses this file, side by side (one start at a time cost the whole
 * run a runtime's start before its first test). Each project's setup awaits its own; the first teardown (all tests
 * have ended by then) stops them all and the JVM.
 */
interface Started {
  build?: string;
  dynamo?: Promise<LocalDynamo>;
  runtimes: Map<string, Promise<RuntimeProcess>>;
  stopped?: Promise<void>;
}
const BUILDS = `${DEFAULT_RUNTIME_DIR}-builds`;
const KEY = Symbol.for('vatra.test.global-setup');
const holder = globalThis as { [KEY]?: Started };
holder[KEY] ??= { runtimes: new Map() };
const state = holder[KEY];

const usesThisSetup = (p: TestProject) => [p.config.globalSetup].flat().some((f) => typeof f === 'string' && /test\/support\/global-setup\.ts$/.test(f));

export async function setup(project: TestProject) {
  // The runtime built once for the whole run (local/bundle.ts), in a folder of this run's own inside the checkout (its
  // npm packages are found from there); the workers inherit where it is (test/support/runtime.ts entryArgs).
  if (!state.build && !process.env[RUNTIME_BUILD_ENV]) {
    mkdirSync(BUILDS, { recursive: true });
    state.build = mkdtempSync(join(BUILDS, 'test-'));
    await buildRuntime(state.build);
    process.env[RUNTIME_BUILD_ENV] = state.build;
  }
  // One DynamoDB Local for every ephemeral test runtime (each its own access key and database), started by the first
  // project's setup; the test workers and the runtimes inherit its address (decision 018, Session 9).
  if (!state.dynamo && !process.env[SHARED_DYNAMO_ENV]) {
    // as long a wait for Java as each runtime's own JVM had (test/support/runtime.ts): a loaded machine starts it slowly
    process.env.VATRA_DDB_START_MS ??= String(Math.max(60_000, (START_S * 1000) / 2));
    state.dynamo = (async () => startLocalDynamo({ port: await freePort(), dataDir: tmpdir(), inMemory: true, perAccessKey: true, jit: 'quick' }))();
    process.env[SHARED_DYNAMO_ENV] = (await state.dynamo).endpoint;
  }
  const names = new Set([project.name, ...project.vitest.projects.filter(usesThisSetup).map((p) => p.name)]);
  for (const name of names) {
    if (!state.runtimes.has(name)) {
      const started = startRuntimeProcess();
      started.catch(() => {}); // awaited (and reported) by its project's setup
      state.runtimes.set(name, started);
    }
  }
  const rt = await state.runtimes.get(project.name)!;
  project.provide('urls', rt.urls);
  project.provide('dataDir', rt.dataDir);
}

export async function teardown() {
  state.stopped ??= (async () => {
    const runtimes = await Promise.allSettled(state.runtimes.values());
    await Promise.all(runtimes.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    if (state.dynamo) await (await state.dynamo).stop();
    if (state.build) rmSync(state.build, { recursive: true, force: true });
  })();
  await state.stopped;
}
