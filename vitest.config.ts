import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/sequencer.js';

// Four kinds of tests: unit (pure code, beside it), infra (CDK synth + cdk-nag), integration (against a live local
// runtime started once by the global setup), e2e (browser).
//
// Workers (issue #21, decision 018): vitest's default is cores − 1, i.e. ONE worker on the 2-core build machine, and
// projects with `fileParallelism: false` went into one serial queue after everything else — so `npm test` ran one
// file at a time. Now unit, infra and integration run together in group 0 on WORKERS workers: an integration file
// spends most of its time waiting for the runtime (its workflows, DynamoDB Local), which is when a unit or infra file
// uses the CPU. Integration files run in parallel on the one shared runtime, each in its own data (its own cases,
// months, services or groups); a file that needs global state of its own (whole-table comparisons, a whole-caseload
// monthly run, the daily reminders over every task, a restart) starts a runtime of its own. e2e comes after (group 1):
// each file drives its own chromium, which needs the cores more than anything else does; two files at a time (the
// headless shell is light enough: the e2e project 135 -> 112 s alone, decision 018 Session 9).
// Unit files share their workers (`isolate: false`): a fresh module graph per file cost the unit project more than half
// its time (62 -> 25 s). So a unit test mocks no module and restores what it changes globally (process.env, zod's
// configuration: test/support/unit-setup.ts resets the web forms' customError after every file).
const WORKERS = Number(process.env.VATRA_TEST_WORKERS ?? 3);

// V8's code cache on disk for every Node process of the run (the workers, each runtime a test starts, the import CLI):
// the same SDK and Vatra modules are compiled by some fifty processes, and a cached compile is skipped. Keyed by the
// source's hash, so a changed file is compiled again. Measured: npm test 403 -> 371 s (decision 018, Session 10).
process.env.NODE_COMPILE_CACHE ??= fileURLToPath(new URL('./node_modules/.cache/vatra/v8', import.meta.url));

export default defineConfig({
  test: {
    // every project's transformed modules kept on disk (node_modules/.experimental-vitest-cache), keyed by content and
    // configuration: the four projects share shared/ and test/support/, and .ci/run's shifted-clock runs fill the cache
    // that npm test reads (decision 018, Session 12)
    experimental: { fsModuleCache: true },
    // the longest integration files start first (test/support/sequencer.ts)
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'functions/**/*.test.ts', 'local/**/*.test.ts', 'web/**/*.test.ts', 'workflows/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          // a few unit files start DynamoDB Local (local/sfn): a loaded 2-core machine needs more than the default 10 s
          hookTimeout: 60_000,
          maxWorkers: WORKERS,
          isolate: false,
          setupFiles: ['test/support/unit-setup.ts'],
          globalSetup: ['test/support/temp-dir.ts'],
        },
      },
      {
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], globalSetup: ['test/support/temp-dir.ts'], testTimeout: 300_000, hookTimeout: 300_000, maxWorkers: WORKERS, isolate: false },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/temp-dir.ts', 'test/support/global-setup.ts'],
          testTimeout: 120_000,
          // a file with a runtime of its own starts it in beforeAll (VATRA_START_TIMEOUT_S, 240 s by default)
          hookTimeout: 300_000,
          maxWorkers: WORKERS,
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/temp-dir.ts', 'test/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
