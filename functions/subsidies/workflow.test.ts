import { describe, expect, it } from 'vitest';
import { handler } from './workflow.js';

describe('wf-subsidy', () => {
  it('fails a malformed payload with a named error instead of guessing', async () => {
    await expect(handler({ action: 'evaluateBatch', state: { runId: '2025-05-1', month: '2025-05' } })).rejects.toMatchObject({ name: 'Vatra.InvalidPayload' });
    await expect(handler({ action: 'claim', executionName: 'x', input: { trigger: 'schedule', scheduledTime: 'yesterday' } })).rejects.toMatchObject({ name: 'Vatra.InvalidPayload' });
    await expect(handler({ action: 'drop-table' })).rejects.toMatchObject({ name: 'Vatra.InvalidPayload' });
  });
});
