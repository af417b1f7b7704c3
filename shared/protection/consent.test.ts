import { addCalendarDays } from '../platform/calendar.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canPaySubsidy, canStartServices, consentStatus } from './rules/consent.js';
import type { Actor } from '../cases/index.js';
import {
  canEnrolOrRecordAttendanceOn, canPaySubsidyOn, consentStateAt, consentView, isProcessingRestricted, recordConsent,
  recordConsentSchema, withdrawConsent, withdrawConsentSchema,
} from './consent.js';
import { fakeCase } from './test-fixtures.js';

const actor: Actor = { userId: 'cm-1', displayName: 'Ana Demo', roles: ['case_manager'], institution: 'DAS' };
const now = new Date('2026-06-15T09:00:00Z');
const openCase = () => fakeCase({ status: 'open', closure: undefined, closedAt: undefined });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('withdrawing consent', () => {
  it('stops the subsidy from the day of withdrawal, not before, and leaves services running', () => {
    const c = openCase();
    const { after, action, detail } = withdrawConsent(c, { purposes: ['subsidy'], date: '2026-05-10' }, actor, now);
    expect(action).toBe('case.consent.withdraw');
    expect(canPaySubsidyOn(after, new Date('2026-05-09T12:00:00Z'))).toBe(true);
    expect(canPaySubsidyOn(after, new Date('2026-05-10T12:00:00Z'))).toBe(false);
    expect(canEnrolOrRecordAttendanceOn(after, now)).toBe(true);
    // the rules the subsidy run and the plan approval use read the same answer from the stored consent
    expect(canPaySubsidy(after.consent, new Date('2026-05-10T12:00:00Z'))).toBe(false);
    expect(canPaySubsidy(after.consent, new Date('2026-05-09T12:00:00Z'))).toBe(true);
    expect(canStartServices(after.consent, now)).toBe(true);
    expect(detail.effects).toEqual([expect.stringContaining('Subvenția')]);
    expect(after.processingRestricted).toBeUndefined();
  });

  it('takes effect at midnight in Bucharest', () => {
    const { after } = withdrawConsent(openCase(), { purposes: ['services'], date: '2026-05-10' }, actor, now);
    // 2026-05-10 00:00 in Bucharest (UTC+3) is 2026-05-09 21:00 UTC
    expect(after.consentWithdrawals![0]!.effectiveAt).toBe('2026-05-09T21:00:00.000Z');
    expect(consentStateAt(after, 'services', new Date('2026-05-09T20:59:59Z'))).toBe('valid');
    expect(consentStateAt(after, 'services', new Date('2026-05-09T21:00:00Z'))).toBe('withdrawn');
  });

  it('stops enrolments and attendance when services are withdrawn', () => {
    const { after } = withdrawConsent(openCase(), { purposes: ['services'], date: '2026-06-01' }, actor, now);
    expect(canEnrolOrRecordAttendanceOn(after, now)).toBe(false);
    expect(canStartServices(after.consent, now)).toBe(false);
    expect(canPaySubsidyOn(after, now)).toBe(true);
  });

  it('flags the case for restricted processing when data processing is withdrawn', () => {
    const c = openCase();
    expect(isProcessingRestricted(c)).toBe(false);
    const { after } = withdrawConsent(c, { purposes: ['data_processing'], date: '2026-06-01', note: 'Cerere scrisă a mamei' }, actor, now);
    expect(after.processingRestricted).toMatchObject({ reason: 'consent_withdrawn', recordedBy: 'cm-1' });
    expect(isProcessingRestricted(after)).toBe(true);
    expect(isProcessingRestricted(after, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });

  it('keeps each withdrawal with its own date', () => {
    const first = withdrawConsent(openCase(), { purposes: ['subsidy'], date: '2026-03-01' }, actor, now).after;
    const second = withdrawConsent(first, { purposes: ['services'], date: '2026-05-01' }, actor, now).after;
    const april = new Date('2026-04-15T12:00:00Z');
    expect(consentStateAt(second, 'subsidy', april)).toBe('withdrawn');
    expect(consentStateAt(second, 'services', april)).toBe('valid');
    expect(consentStateAt(second, 'services', now)).toBe('withdrawn');
    // the legacy fields are never more permissive than the log
    expect(second.consent!.withdrawnAt).toBe(first.consent!.withdrawnAt);
    expect(second.consent!.withdrawnPurposes!.sort()).toEqual(['services', 'subsidy']);
  });

  it('refuses what cannot be withdrawn', () => {
    const c = openCase();
    expect(code(() => withdrawConsent({ ...c, consent: undefined }, { purposes: ['subsidy'], date: '2026-06-01' }, actor, now))).toBe('NO_CONSENT');
    expect(code(() => withdrawConsent(c, { purposes: ['subsidy'], date: '2026-06-16' }, actor, now))).toBe('WITHDRAWAL_DATE_FUTURE');
    expect(code(() => withdrawConsent(c, { purposes: ['subsidy'], date: '2026-01-01' }, actor, now))).toBe('WITHDRAWAL_BEFORE_CONSENT');
    const once = withdrawConsent(c, { purposes: ['subsidy'], date: '2026-06-01' }, actor, now).after;
    expect(code(() => withdrawConsent(once, { purposes: ['subsidy'], date: '2026-06-02' }, actor, now))).toBe('CONSENT_NOT_ACTIVE');
    const partial = { ...c, consent: { ...c.consent!, purposes: ['case_management'] } };
    expect(code(() => withdrawConsent(partial, { purposes: ['subsidy'], date: '2026-06-01' }, actor, now))).toBe('CONSENT_NOT_ACTIVE');
    expect(code(() => withdrawConsent({ ...c, anonymisedAt: '2031-01-01T00:00:00Z' }, { purposes: ['subsidy'], date: '2026-06-01' }, actor, now))).toBe('CASE_ANONYMISED');
  });

  it('is never more permissive in the legacy fields than in the log, whatever the order of withdrawals (property)', () => {
    const purpose = fc.constantFrom('case_management', 'services', 'subsidy', 'data_processing' as const);
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.subarray(['case_management', 'services', 'subsidy', 'data_processing'] as const, { minLength: 1 }), fc.integer({ min: 0, max: 150 })), { maxLength: 4 }),
      purpose, fc.integer({ min: 0, max: 200 }),
      (steps, p, probeDay) => {
        let c = openCase();
        for (const [purposes, offset] of steps) {
          const date = addCalendarDays('2026-01-08', offset);
          const live = purposes.filter((x) => consentStateAt(c, x, now) === 'valid');
          if (live.length === 0) continue;
          c = withdrawConsent(c, { purposes: live, date }, actor, now).after;
        }
        const on = new Date(Date.UTC(2026, 0, 8 + probeDay, 12));
        if (consentStateAt(c, p, on) !== 'valid') expect(consentStatus(c.consent, p, on)).not.toBe('valid');
      },
    ), { numRuns: 300 });
  });
});

describe('recording consent', () => {
  it('replaces the consent in force, clears the withdrawals and lifts the restriction when data processing is given again', () => {
    const withdrawn = withdrawConsent(openCase(), { purposes: ['data_processing', 'subsidy'], date: '2026-06-01' }, actor, now).after;
    const { after, detail, summary } = recordConsent(withdrawn, { given: true, givenByRelation: 'legal_representative', date: '2026-06-15', purposes: ['case_management', 'services', 'data_processing'] }, actor, now);
    expect(after.consent).toEqual({ given: true, givenByRelation: 'legal_representative', date: '2026-06-15', purposes: ['case_management', 'services', 'data_processing'] });
    expect(after.consentWithdrawals).toEqual([]);
    expect(after.processingRestricted).toBeUndefined();
    expect(canPaySubsidyOn(after, now)).toBe(false);
    expect(canEnrolOrRecordAttendanceOn(after, now)).toBe(true);
    expect(detail.replaced).toMatchObject({ date: '2026-01-08', withdrawnPurposes: ['data_processing', 'subsidy'] });
    expect(JSON.stringify(detail)).not.toContain('Testescu');
    expect(summary).toContain('Managementul cazului');
  });

  it('refuses a future date and closed or anonymised cases', () => {
    const form = { given: true as const, givenByRelation: 'parent' as const, date: '2026-06-15', purposes: ['services' as const] };
    expect(code(() => recordConsent(openCase(), { ...form, date: '2026-06-16' }, actor, now))).toBe('CONSENT_DATE_FUTURE');
    expect(code(() => recordConsent(fakeCase({ status: 'closed' }), form, actor, now))).toBe('CASE_CLOSED');
    expect(code(() => recordConsent(openCase(), { ...form, date: '2026-06-15' }, actor, new Date('2026-06-14T22:30:00Z')))).toBeUndefined();
  });

  it('validates the forms strictly', () => {
    const ok = { expectedVersion: 3, given: true, givenByRelation: 'parent', date: '2026-06-01', purposes: ['services'] };
    expect(recordConsentSchema.safeParse(ok).success).toBe(true);
    expect(recordConsentSchema.safeParse({ ...ok, given: false }).success).toBe(false);
    expect(recordConsentSchema.safeParse({ ...ok, purposes: ['services', 'services'] }).success).toBe(false);
    expect(recordConsentSchema.safeParse({ ...ok, purposes: [] }).success).toBe(false);
    expect(recordConsentSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
    expect(recordConsentSchema.safeParse({ ...ok, givenByName: 'Robert); DROP' }).success).toBe(false);
    expect(withdrawConsentSchema.safeParse({ expectedVersion: 1, purposes: ['subsidy'], date: '2026-02-30' }).success).toBe(false);
    expect(withdrawConsentSchema.safeParse({ expectedVersion: '1', purposes: ['subsidy'], date: '2026-02-03' }).success).toBe(false);
  });

  it('shows staff each purpose with its state and what a withdrawal stops', () => {
    const after = withdrawConsent(openCase(), { purposes: ['subsidy'], date: '2026-06-01' }, actor, now).after;
    const v = consentView(after, now);
    expect(v.purposes.map((p) => [p.purpose, p.state])).toEqual([['case_management', 'valid'], ['services', 'valid'], ['subsidy', 'withdrawn'], ['data_processing', 'valid']]);
    expect(v.purposes.every((p) => p.withdrawalStops.length > 10)).toBe(true);
    expect(v.withdrawals).toHaveLength(1);
  });
});
