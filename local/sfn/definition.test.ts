import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyResource,
  injectToken,
  MAX_TIMER_SECONDS,
  parseAndValidate,
  prepareDefinition,
  resourceParts,
  segmentDefinition,
  TOKEN_PLACEHOLDER,
  WAIT_RESOURCE,
  type Definition,
} from './definition.js';
import { isValidName } from './executor.js';

const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

const machine = (): Definition => ({
  StartAt: 'Ask',
  TimeoutSeconds: 3600,
  States: {
    Ask: {
      Type: 'Task',
      Resource: CALLBACK,
      TimeoutSeconds: 30,
      HeartbeatSeconds: 10,
      Parameters: {
        FunctionName: 'f',
        Payload: {
          'token.$': '$$.Task.Token',
          'state.$': '$$.State.Name',
          'input.$': '$$.Execution.Input.caseId',
          'label.$': "States.Format('{} / {}', $$.State.Name, $$.Task.Token)",
          literal: '$$.Execution.Input',
        },
      },
      Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'Plain',
    },
    Plain: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'g' }, Next: 'Pause' },
    Pause: { Type: 'Wait', SecondsPath: '$.delay', OutputPath: '$.kept', Next: 'Choose' },
    Choose: {
      Type: 'Choice',
      Choices: [{ Variable: '$$.Execution.StartTime', IsPresent: true, Next: 'Each' }],
      Default: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Inner',
        States: { Inner: { Type: 'Task', Resource: CALLBACK, TimeoutSeconds: 5, Parameters: { FunctionName: 'h', 'Payload.$': '$$.State.Name' }, End: true } },
      },
      End: true,
    },
  },
});

describe('classifyResource', () => {
  it('maps the supported integrations and refuses everything else', () => {
    expect(classifyResource('arn:aws:states:::lambda:invoke')).toBe('invoke');
    expect(classifyResource(CALLBACK)).toBe('callback');
    expect(classifyResource('arn:aws:states:::states:startExecution')).toBe('startExecution');
    expect(classifyResource('arn:aws:lambda:eu-central-1:000000000000:function:vatra-cases')).toBe('lambda');
    expect(classifyResource('arn:aws:lambda:eu-central-1:000000000000:function:vatra-cases:live')).toBe('lambda');
    for (const r of [
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::lambda:invoke.sync',
      'arn:aws:states:eu-central-1:000000000000:activity:approve',
      'arn:aws:states:::sns:publish',
    ]) {
      expect(classifyResource(r)).toBe('unmapped');
    }
  });

  it('splits resources as the execution history shows them', () => {
    expect(resourceParts(CALLBACK)).toEqual({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    expect(resourceParts('arn:aws:states:::states:startExecution')).toEqual({ resourceType: 'states', resource: 'startExecution' });
  });
});

describe('parseAndValidate', () => {
  const broken = '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}';

  it('accepts a valid machine and names the machine when it is not valid', () => {
    expect(parseAndValidate('ok', JSON.stringify(machine()), { cacheDir: null }).StartAt).toBe('Ask');
    expect(() => parseAndValidate('broken', broken, { cacheDir: null })).toThrow(/„broken”.*nu este validă/);
    expect(() => parseAndValidate('text', 'not json', { cacheDir: null })).toThrow(/„text” nu este JSON valid/);
  });

  it('remembers a definition found valid, and only that one: anything else is validated, and refused, every time', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'vatra-valid-asl-'));
    const valid = JSON.stringify(machine());
    expect(parseAndValidate('ok', valid, { cacheDir }).StartAt).toBe('Ask');
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(parseAndValidate('ok', valid, { cacheDir }).StartAt).toBe('Ask');
    for (let i = 0; i < 2; i++) expect(() => parseAndValidate('broken', broken, { cacheDir })).toThrow(/„broken”.*nu este validă/);
    // the remembered text with one state pointing nowhere is another definition
    const changed = valid.replace('"Next":"Pause"', '"Next":"Nowhere"');
    expect(changed).not.toBe(valid);
    expect(() => parseAndValidate('changed', changed, { cacheDir })).toThrow(/„changed”.*nu este validă/);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('leaves the parsed definition as written (asl-validator annotates a copy)', () => {
    const def = parseAndValidate('ok', JSON.stringify(machine()));
    expect(def.States.Ask).not.toHaveProperty('QueryLanguage');
  });
});

describe('prepareDefinition', () => {
  const p = prepareDefinition(machine());

  it('never leaves a Task to the engine 60 s default, and lets the service time top-level callbacks', () => {
    expect(p.engine.States.Ask).toMatchObject({ TimeoutSeconds: MAX_TIMER_SECONDS });
    expect(p.engine.States.Ask).not.toHaveProperty('HeartbeatSeconds');
    expect(p.engine.States.Plain).toMatchObject({ TimeoutSeconds: MAX_TIMER_SECONDS });
    expect(p.tasks.get('Ask')).toMatchObject({ kind: 'callback', topLevel: true, timeoutSeconds: 30, heartbeatSeconds: 10 });
    // inside a Map the engine keeps the ASL timeout (the task waits inside the engine run)
    const inner = (p.engine.States.Each!.ItemProcessor as Definition).States.Inner!;
    expect(inner.TimeoutSeconds).toBe(5);
    expect(p.tasks.get('Inner')).toMatchObject({ kind: 'callback', topLevel: false });
    expect(p.engine).not.toHaveProperty('TimeoutSeconds');
    expect(p.timeoutSeconds).toBe(3600);
  });

  it('turns a Wait state into an internal Task that carries the evaluated duration', () => {
    expect(p.engine.States.Pause).toEqual({
      Type: 'Task',
      Resource: WAIT_RESOURCE,
      Parameters: { 'input.$': '$', 'seconds.$': '$.delay' },
      TimeoutSeconds: MAX_TIMER_SECONDS,
      OutputPath: '$.kept',
      Next: 'Choose',
    });
    expect(p.stateTypes.get('Pause')).toBe('Wait');
    expect(p.tasks.get('Pause')).toMatchObject({ kind: 'wait', topLevel: true });
  });

  it('rewrites the context paths the engine lacks, and only evaluated fields', () => {
    const payload = (p.engine.States.Ask!.Parameters as { Payload: Record<string, unknown> }).Payload;
    expect(payload).toEqual({
      token: TOKEN_PLACEHOLDER,
      state: 'Ask',
      'input.$': '$$.Execution.VatraInput.caseId',
      'label.$': `States.Format('{} / {}', 'Ask', '${TOKEN_PLACEHOLDER}')`,
      literal: '$$.Execution.Input',
    });
    const rule = (p.engine.States.Choose!.Choices as Array<{ Variable: string }>)[0]!;
    expect(rule.Variable).toBe('$$.Execution.VatraStartTime');
    const inner = (p.engine.States.Each!.ItemProcessor as Definition).States.Inner!;
    expect(inner.Parameters).toEqual({ FunctionName: 'h', Payload: 'Inner' });
    // the original is untouched
    expect((machine().States.Ask!.Parameters as { Payload: Record<string, unknown> }).Payload['token.$']).toBe('$$.Task.Token');
  });

  it('quotes state names inside intrinsic functions', () => {
    const def: Definition = {
      StartAt: "It's {odd}",
      States: { "It's {odd}": { Type: 'Pass', Parameters: { 'x.$': "States.Format('{}', $$.State.Name)" }, End: true } },
    };
    const state = prepareDefinition(def).engine.States["It's {odd}"]!;
    expect((state.Parameters as Record<string, string>)['x.$']).toBe("States.Format('{}', 'It\\'s \\{odd\\}')");
  });
});

describe('segmentDefinition', () => {
  const p = prepareDefinition(machine());

  it('starts at the given state and takes spent retries off MaxAttempts, continuing the backoff', () => {
    const seg = segmentDefinition(p.engine, 'Ask', { retries: [2] });
    expect(seg.StartAt).toBe('Ask');
    expect(seg.States.Ask!.Retry).toEqual([{ ErrorEquals: ['Transient'], IntervalSeconds: 8, MaxAttempts: 1, BackoffRate: 2 }]);
    expect(p.engine.States.Ask!.Retry).toEqual(machine().States.Ask!.Retry);
  });

  it('can make the engine raise States.Timeout for the start state', () => {
    expect(segmentDefinition(p.engine, 'Ask', { timeOutStartState: true }).States.Ask!.TimeoutSeconds).toBe(0.001);
    expect(() => segmentDefinition(p.engine, 'Nope')).toThrow(/Nope/);
  });
});

describe('injectToken', () => {
  it('replaces the placeholder everywhere and changes nothing else', () => {
    const token = 'tok_123-abc';
    const arbitrary = fc.jsonValue().filter((v) => !JSON.stringify(v).includes(TOKEN_PLACEHOLDER));
    fc.assert(
      fc.property(arbitrary, arbitrary, (a, b) => {
        expect(injectToken(a, token)).toEqual(a);
        const withPlaceholders = { a, nested: [TOKEN_PLACEHOLDER, { t: `x ${TOKEN_PLACEHOLDER} y` }], b };
        const out = injectToken(withPlaceholders, token);
        expect(JSON.stringify(out)).not.toContain(TOKEN_PLACEHOLDER);
        expect(out).toEqual({ a, nested: [token, { t: `x ${token} y` }], b });
      }),
    );
  });
});

describe('isValidName', () => {
  it('follows the AWS rules for execution names', () => {
    expect(isValidName('case-2026-00017_review-3')).toBe(true);
    expect(isValidName('x'.repeat(80))).toBe(true);
    for (const bad of ['', 'x'.repeat(81), 'has space', 'a/b', 'a:b', 'a*b', 'tab\there', 'a{b}']) expect(isValidName(bad)).toBe(false);
  });
});
