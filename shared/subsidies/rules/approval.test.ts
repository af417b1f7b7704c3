import { describe, expect, it } from 'vitest';
import { alreadyDecided, approvalRefusal, rejectionRefusal } from './approval.js';

const awaiting = { status: 'awaiting_approval', progress: { evaluated: 12, total: 12 } };

describe('deciding a monthly run', () => {
  it('lets a run with evaluated children be approved or rejected once', () => {
    expect(approvalRefusal(awaiting)).toBeUndefined();
    expect(rejectionRefusal(awaiting)).toBeUndefined();
  });

  it('refuses an approval when no child was evaluated, saying why', () => {
    const none = approvalRefusal({ ...awaiting, progress: { evaluated: 0, total: 0 } });
    expect(none?.code).toBe('RUN_NOTHING_EVALUATED');
    expect(none?.message).toMatch(/niciun copil/);
    expect(approvalRefusal({ ...awaiting, progress: { evaluated: 0, total: 7 } })?.message).toMatch(/nu a evaluat niciun copil/);
    // a run with nothing to pay can still be rejected (and a new one started)
    expect(rejectionRefusal({ ...awaiting, progress: { evaluated: 0, total: 0 } })).toBeUndefined();
  });

  it('tells a second caller who decided and when (Bucharest time)', () => {
    const approval = { decision: 'approved' as const, byName: 'Ana Popescu', at: '2025-06-03T07:15:00.000Z' };
    const r = approvalRefusal({ ...awaiting, status: 'approved', approval });
    expect(r).toEqual(alreadyDecided(approval));
    expect(r?.code).toBe('RUN_ALREADY_DECIDED');
    expect(r?.message).toBe('Rularea a fost deja aprobată de Ana Popescu la 03.06.2025, 10:15.');
    expect(r?.details).toEqual({ decision: 'approved', decidedBy: 'Ana Popescu', decidedAt: '2025-06-03T07:15:00.000Z' });
    expect(rejectionRefusal({ ...awaiting, approval: { ...approval, decision: 'rejected' } })?.message).toMatch(/deja respinsă de Ana Popescu/);
  });
});
