import { describe, expect, it } from 'vitest';
import { manualOverrideSchema, subsidyDecisionInputSchema } from './decision.js';

const input = {
  month: '2026-02',
  case: { status: 'open', openedAt: '2025-06-01T08:00:00Z' },
  enrolments: [{ serviceId: 'cz-kuncz', from: '2025-06-02' }],
  participation: [{ serviceId: 'cz-kuncz', month: '2026-02', active: true, reasons: [] }],
  consent: 'valid',
  cohort: { id: '18m', monthsPaid: 3 },
  alreadyPaid: false,
};

describe('subsidy decision input', () => {
  it('accepts a complete input, with dates or instants', () => {
    expect(subsidyDecisionInputSchema.safeParse(input).success).toBe(true);
    expect(subsidyDecisionInputSchema.safeParse({ ...input, case: { status: 'open', openedAt: '2025-06-01' } }).success).toBe(true);
  });

  it('a closed case needs its closing date; months and cohorts are checked', () => {
    expect(subsidyDecisionInputSchema.safeParse({ ...input, case: { status: 'closed', openedAt: '2025-06-01' } }).success).toBe(false);
    expect(subsidyDecisionInputSchema.safeParse({ ...input, month: '2026-13' }).success).toBe(false);
    expect(subsidyDecisionInputSchema.safeParse({ ...input, cohort: { id: '24m', monthsPaid: 0 } }).success).toBe(false);
  });

  it('a manual override needs a real reason', () => {
    const o = { decision: 'grant', reason: 'scurt', by: 'u1', at: '2026-03-02T10:00:00Z' };
    const r = manualOverrideSchema.safeParse(o);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/Motivați/);
    expect(manualOverrideSchema.safeParse({ ...o, reason: 'Spitalizare documentată, 10–25 februarie' }).success).toBe(true);
  });
});
