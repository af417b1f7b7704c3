import type { TestProject } from 'vitest/node';
import { startRuntimeProcess, type RuntimeProcess, type RuntimeUrls } from './runtime.js';

declare module 'vitest' {
  export interface ProvidedContext {
    urls: RuntimeUrls;
    dataDir: string;
  }
}

let rt: RuntimeProcess | undefined;

export async function setup(project: TestProject) {
  rt = await startRuntimeProcess();
  project.provide('urls', rt.urls);
  project.provide('dataDir', rt.dataDir);
}

export async function teardown() {
  await rt?.stop();
}
