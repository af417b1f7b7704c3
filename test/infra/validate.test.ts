/** Synth refuses shared definitions that name something that does not exist. */
import { TIME_ZONE } from '../../shared/platform/calendar.js';
import { describe, expect, it } from 'vitest';
import { buildVatra, sharedDefinitions } from '../../infra/synth.js';
import { DefinitionError, definitionProblems, type Definitions } from '../../infra/validate.js';
import type { FunctionDef } from '../../shared/manifest/functions.js';
import type { RouteDef } from '../../shared/manifest/routes.js';
import type { ScheduleDef } from '../../shared/manifest/schedules.js';
import type { WorkflowDef } from '../../shared/manifest/workflows.js';

const fn = (name: string, access: FunctionDef['access'] = {}): FunctionDef => ({ name, entry: `functions/${name}/index.ts`, description: name, memoryMb: 256, timeoutSeconds: 10, access });
const route = (path: string, fnName: string): RouteDef => ({ method: 'GET', path, function: fnName, operation: path, auth: 'jwt', action: 'x', summary: 'x' });
const wf = (name: string, substitutions: WorkflowDef['substitutions']): WorkflowDef => ({ name, file: `workflows/${name}/definition.asl.json`, description: name, substitutions });
const schedule = (name: string, target: ScheduleDef['target']): ScheduleDef => ({
  name,
  description: name,
  cron: '0 7 * * ? *',
  timeZone: TIME_ZONE,
  target,
  input: {},
  overrideEnv: 'X',
});
const ok: Definitions = {
  functions: [fn('api'), fn('worker', { startStateMachines: ['flow'] })],
  routes: [route('/a', 'api')],
  workflows: [wf('flow', { Step: { function: 'worker' }, Next: { stateMachine: 'flow' } })],
  schedules: [schedule('nightly', { kind: 'function', name: 'worker' }), schedule('weekly', { kind: 'stateMachine', name: 'flow' })],
};
const codes = (d: Definitions) => definitionProblems(d).map((p) => p.code);

describe('definition consistency', () => {
  it('accepts consistent definitions, including the shared ones and empty workflow lists', () => {
    expect(definitionProblems(ok)).toEqual([]);
    expect(definitionProblems(sharedDefinitions)).toEqual([]);
    expect(definitionProblems({ ...ok, workflows: [], functions: [fn('api'), fn('worker')], schedules: [] })).toEqual([]);
  });

  it('refuses a schedule whose target function or state machine does not exist', () => {
    const d = { ...ok, schedules: [schedule('daily-reminders', { kind: 'function', name: 'notifier' }), schedule('monthly', { kind: 'stateMachine', name: 'monthly-run' })] };
    const problems = definitionProblems(d);
    expect(problems.map((p) => p.code)).toEqual(['SCHEDULE_TARGET_UNKNOWN', 'SCHEDULE_TARGET_UNKNOWN']);
    expect(problems[0]!.message).toContain('„notifier”');
    expect(problems[1]!.message).toContain('„monthly-run”');
  });

  it('refuses routes, workflow references and start permissions that name unknown things', () => {
    expect(codes({ ...ok, routes: [route('/a', 'missing')] })).toEqual(['ROUTE_FUNCTION_UNKNOWN']);
    expect(codes({ ...ok, workflows: [wf('flow', { A: { function: 'gone' }, B: { stateMachine: 'nowhere' } })] })).toEqual(['WORKFLOW_REF_UNKNOWN', 'WORKFLOW_REF_UNKNOWN']);
    expect(codes({ ...ok, functions: [fn('api'), fn('worker', { startStateMachines: ['other'] })] })).toEqual(['START_TARGET_UNKNOWN']);
  });

  it('refuses duplicates and names that cannot become physical names', () => {
    expect(codes({ ...ok, functions: [...ok.functions, fn('api')] })).toEqual(['DUPLICATE_FUNCTION']);
    expect(codes({ ...ok, routes: [route('/a', 'api'), route('/a', 'api')] })).toEqual(['DUPLICATE_ROUTE']);
    expect(codes({ ...ok, functions: [...ok.functions, fn('Bad_Name')] })).toEqual(['INVALID_NAME']);
  });

  it('makes synth throw with the list of problems', () => {
    const d = { ...sharedDefinitions, schedules: [schedule('daily-reminders', { kind: 'function', name: 'no-such-function' })] };
    expect(() => buildVatra({ definitions: d, readCdkJson: true, nag: 'off', context: { 'vatra:stubCode': true } })).toThrow(DefinitionError);
    expect(() => buildVatra({ definitions: d, readCdkJson: true, nag: 'off', context: { 'vatra:stubCode': true } })).toThrow(/SCHEDULE_TARGET_UNKNOWN.*no-such-function/);
  });
});
