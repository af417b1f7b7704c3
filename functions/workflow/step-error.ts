/** How a workflow step's failure is handed to Step Functions (its Retry and Catch choose by the error name). */
import { asAppError } from '../../shared/platform/http/errors.js';
import { logger } from '../../shared/platform/log.js';

/**
 * How a failed step reaches the workflow: a refusal of the rules (the same answer every time) as `Vatra.StepRefused`
 * with "CODE: message" (not retried: the Catch flags the case at once); anything else as `Vatra.Transient` (retried
 * with backoff, then flagged too).
 */
export function stepError(err: unknown): Error {
  // a refusal (or an HTTP error of older code) is the rules' answer, except a conflict: someone else's write at the
  // same moment, worth another attempt
  const refused = asAppError(err);
  if (refused && refused.status !== 409) {
    const e = new Error(`${refused.code}: ${refused.message}`);
    e.name = 'Vatra.StepRefused';
    return e;
  }
  const e = new Error((err as Error)?.message ?? String(err));
  e.name = 'Vatra.Transient';
  logger.warn('workflow step failed, to be retried', { error: (err as Error)?.name, message: (err as Error)?.message });
  return e;
}
