import { describe, expect, it } from 'vitest';
import { failureOf } from './workflow.js';

describe('a failed workflow step, as the Catch hands it over', () => {
  it('keeps the code and Romanian message of a refusal of the rules', () => {
    const cause = JSON.stringify({ errorType: 'Vatra.StepRefused', errorMessage: 'PLAN_NOT_APPROVED: Înscrierea la servicii se face doar după aprobarea planului.' });
    expect(failureOf('Vatra.StepRefused', cause)).toEqual({ code: 'PLAN_NOT_APPROVED', message: 'Înscrierea la servicii se face doar după aprobarea planului.' });
  });

  it('never passes on the text of a technical failure (it could name anyone, or show internals)', () => {
    for (const [error, cause] of [
      ['Vatra.Transient', JSON.stringify({ errorType: 'Vatra.Transient', errorMessage: 'ProvisionedThroughputExceededException: table vatra-main' })],
      ['Lambda.Unknown', 'not json'],
      ['States.Timeout', undefined],
      ['Vatra.StepRefused', JSON.stringify({ errorMessage: 'no code here' })],
      [undefined, undefined],
    ] as const) {
      const f = failureOf(error, cause);
      expect(f.code).toBe('STEP_FAILED');
      expect(f.message).toMatch(/^Pasul a eșuat din motive tehnice/);
    }
  });
});
