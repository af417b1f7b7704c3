/**
 * The monthly-run state machine keeps the properties the design relies on: no Map over children (the local engine runs
 * only inline Map and a Map's history would not fit), a bounded loop per page, the approval as a callback, every
 * step after the claim sent to RecordFailure on error, and the history of a 100,000-child run under the limit.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSettings } from './settings.js';
import { FREEZE_PAGE_SIZE, serviceCatalogue } from '../services/index.js';

const root = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const def = JSON.parse(readFileSync(resolve(root, 'workflows/monthly-run/definition.asl.json'), 'utf8')) as { StartAt: string; States: Record<string, any> };
const states = def.States;

describe('monthly-run definition', () => {
  it('evaluates the children in ONE inline Map of segments with bounded concurrency, and has no other Map or Parallel', () => {
    expect(Object.entries(states).filter(([, s]) => s.Type === 'Map' || s.Type === 'Parallel').map(([n]) => n)).toEqual(['EvaluateChildren']);
    const map = states.EvaluateChildren;
    expect(map).toMatchObject({ ItemsPath: '$.segments', ResultPath: null, Next: 'EvaluateBatch' });
    expect(map.MaxConcurrency).toBeGreaterThan(1);
    expect(map.MaxConcurrency).toBeLessThanOrEqual(10);
    // inline: the local engine runs it, and so does AWS from the same definition
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'INLINE' });
    const inner = Object.values(map.ItemProcessor.States) as any[];
    expect(inner).toHaveLength(1);
    expect(inner[0]).toMatchObject({ Type: 'Task', End: true, Parameters: { Payload: { action: 'evaluateSegment', 'segment.$': '$' } } });
    expect(states.MoreToFreeze.Default).toBe('EvaluateChildren');
  });

  it('loops one page at a time through a Choice on `done`', () => {
    expect(states.Freeze.Next).toBe('MoreToFreeze');
    expect(states.MoreToFreeze.Choices[0]).toMatchObject({ Variable: '$.freeze.done', BooleanEquals: false, Next: 'Freeze' });
    expect(states.EvaluateBatch.Next).toBe('MoreToEvaluate');
    expect(states.MoreToEvaluate.Choices[0]).toMatchObject({ Variable: '$.loop.done', BooleanEquals: false, Next: 'EvaluateBatch' });
    expect(states.MarkPaid.Next).toBe('MoreToMark');
    expect(states.MoreToMark.Choices[0]).toMatchObject({ Variable: '$.pay.done', BooleanEquals: false, Next: 'MarkPaid' });
  });

  it('waits for the coordinator through a task token', () => {
    expect(states.WaitForApproval.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(states.WaitForApproval.Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
    expect(states.IsApproved.Choices[0]).toMatchObject({ Variable: '$.approval.decision', StringEquals: 'approved', Next: 'StartMarking' });
  });

  it('marks the run failed when any step after the claim fails', () => {
    for (const name of ['Freeze', 'EvaluateChildren', 'EvaluateBatch', 'Summarize', 'WaitForApproval', 'Rejected', 'MarkPaid', 'NotifyFinance']) {
      expect(states[name].Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }]);
    }
    expect(states.RecordFailure.Next).toBe('Failed');
  });

  it('stays well under 25,000 history events for 100,000 children', () => {
    // events a state writes each time it runs: a Lambda task 5 (entered, scheduled, started, succeeded, exited),
    // a Choice or Pass 2 (entered, exited)
    const eventsOf = (name: string) => (states[name].Type === 'Task' ? 5 : 2);
    /** the states of the loop that starts at `head` and comes back to it, read from the definition */
    const loop = (head: string): string[] => {
      const seen: string[] = [];
      let at: string | undefined = head;
      while (at && !seen.includes(at)) {
        seen.push(at);
        const st: any = states[at];
        at = st.Type === 'Choice' ? st.Choices.map((c: { Next: string }) => c.Next).find((n: string) => n === head || !seen.includes(n)) : st.Next;
      }
      expect(at, `${head} loops back to itself`).toBe(head);
      return seen;
    };
    const freeze = loop('Freeze');
    const evaluate = loop('EvaluateBatch');
    const mark = loop('MarkPaid');
    expect(freeze).toContain('MoreToFreeze');
    expect(evaluate).toContain('MoreToEvaluate');
    expect(mark).toContain('MoreToMark');
    const events = (names: string[]) => names.reduce((n, name) => n + eventsOf(name), 0);
    // every child frozen (a page per service and 1,000 children, five services), evaluated (a Map iteration per segment:
    // iteration started + succeeded around the task's 5; the corrections loop once) and (at worst) paid
    const freezePages = Math.ceil(100_000 / FREEZE_PAGE_SIZE) + serviceCatalogue.length;
    const total = freezePages * events(freeze)
      + 4 + Math.ceil(100_000 / runSettings.pageSize.value) * (2 + 5) + events(evaluate)
      + Math.ceil(100_000 / runSettings.markPageSize.value) * events(mark);
    expect(total).toBeLessThan(25_000 / 2);
  });
});
