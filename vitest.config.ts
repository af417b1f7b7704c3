import { defineConfig } from 'vitest/config';

// Three kinds of tests, fast ones first: unit (pure code, beside it), infra (CDK synth + cdk-nag),
// integration (against a live local runtime started once by the global setup), e2e (browser).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'functions/**/*.test.ts', 'local/**/*.test.ts', 'web/**/*.test.ts', 'workflows/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          // a few unit files start DynamoDB Local (local/sfn): a loaded 2-core machine needs more than the default 10 s
          hookTimeout: 60_000,
        },
      },
      {
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
