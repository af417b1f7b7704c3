import { describe, expect, it } from 'vitest';
import { conflict, invalid, notFound } from '../../shared/platform/errors.js';
import { unprocessable } from '../../shared/platform/http/errors.js';
import { stepError } from './step-error.js';

describe('a failed workflow step as Step Functions sees it', () => {
  it('hands a refusal of the rules on as Vatra.StepRefused with its code and Romanian message (not retried)', () => {
    const e = stepError(invalid('PLAN_NOT_APPROVED', 'Înscrierea la servicii se face doar după aprobarea planului.'));
    expect(e.name).toBe('Vatra.StepRefused');
    expect(e.message).toBe('PLAN_NOT_APPROVED: Înscrierea la servicii se face doar după aprobarea planului.');
    expect(stepError(notFound('Cazul nu a fost găsit.', 'CASE_NOT_FOUND')).name).toBe('Vatra.StepRefused');
    // an HTTP error of older code is the same answer
    expect(stepError(unprocessable('UNKNOWN_SERVICE', 'Serviciul nu există în catalog.')).name).toBe('Vatra.StepRefused');
  });

  it('retries a conflict (someone else wrote at the same moment) and anything technical', () => {
    expect(stepError(conflict('VERSION_CONFLICT', 'Cazul a fost modificat între timp.')).name).toBe('Vatra.Transient');
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(stepError(throttled)).toMatchObject({ name: 'Vatra.Transient', message: 'Rate exceeded' });
    expect(stepError('text').name).toBe('Vatra.Transient');
  });
});
