/**
 * Agreement, CDK half: what the synthesized CloudFormation provides — tables, functions, state machines, routes,
 * schedules — equals what the shared modules declare. (The local-runtime half compares the local runtime with the
 * same `describeDeclared*` descriptions.)
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeCdkFunctions,
  describeCdkRoutes,
  describeCdkSchedules,
  describeCdkStateMachines,
  describeCdkTables,
  describeDeclaredFunctions,
  describeDeclaredRoutes,
  describeDeclaredSchedules,
  describeDeclaredStateMachines,
  describeDeclaredTables,
} from '../../infra/describe.js';
import { synthVatra, type VatraSynth } from '../../infra/synth.js';
import { stateMachineEnvVar } from '../../shared/platform/env.js';
import { functions } from '../../shared/manifest/functions.js';
import { routes } from '../../shared/manifest/routes.js';
import { schedules } from '../../shared/manifest/schedules.js';
import { workflows } from '../../shared/manifest/workflows.js';
import { tables } from '../../shared/platform/db/tables.js';

const STAGE = 'agree';
let cdk: VatraSynth;

beforeAll(() => {
  cdk = synthVatra({ stage: STAGE, stubCode: true, nag: 'off' });
});
afterAll(() => {
  if (cdk) rmSync(cdk.outdir, { recursive: true, force: true });
});

describe('CDK and the shared definitions agree', () => {
  it('on the tables (keys, attributes, indexes, TTL, billing)', () => {
    const got = describeCdkTables(cdk.allTemplates, STAGE);
    expect(got).toHaveLength(tables.length);
    expect(got).toEqual(describeDeclaredTables(tables));
  });

  it('on the functions (names, memory, timeout, state machines they start)', () => {
    expect(describeCdkFunctions(cdk.allTemplates, STAGE)).toEqual(describeDeclaredFunctions(functions, stateMachineEnvVar));
  });

  it('on the state machines and what their substitutions point at', () => {
    expect(describeCdkStateMachines(cdk.allTemplates, STAGE)).toEqual(describeDeclaredStateMachines(workflows));
  });

  it('on the routes (method, path, function, authorization)', () => {
    const got = describeCdkRoutes(cdk.allTemplates, STAGE);
    expect(got).toHaveLength(routes.length);
    expect(got).toEqual(describeDeclaredRoutes(routes));
  });

  it('on the schedules (cron, time zone, target, payload)', () => {
    expect(describeCdkSchedules(cdk.allTemplates, STAGE)).toEqual(describeDeclaredSchedules(schedules));
  });

  it('would notice a difference: a changed declaration no longer matches the template', () => {
    const [first, ...rest] = describeDeclaredFunctions(functions, stateMachineEnvVar);
    expect(describeCdkFunctions(cdk.allTemplates, STAGE)).not.toEqual([{ ...first!, memoryMb: first!.memoryMb + 1 }, ...rest]);
    const routesChanged = describeDeclaredRoutes(routes).map((r, i) => (i === 0 ? { ...r, auth: r.auth === 'jwt' ? ('none' as const) : ('jwt' as const) } : r));
    expect(describeCdkRoutes(cdk.allTemplates, STAGE)).not.toEqual(routesChanged);
  });
});
