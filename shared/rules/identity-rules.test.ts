/** CNP, IBAN, duplicate keys, target group, consent — the identity and eligibility rules the forms rely on. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDigit, isValidCnp, parseCnp, syntheticCnp } from './cnp.js';
import { syntheticRoIban, validateRoIban } from './iban.js';
import { identityKeys, normaliseName } from './duplicates.js';
import { ageOn, checkTargetGroup } from './target-group.js';
import { canPaySubsidy, canStartServices, consentStatus } from './consent.js';
import { addMonthsBucharest, dueDate } from './deadlines.js';

const birthDates = fc.date({ min: new Date('1950-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('CNP', () => {
  it('accepts every synthetic CNP and gives back its birth date and sex', () => {
    fc.assert(fc.property(birthDates, fc.constantFrom('M' as const, 'F' as const), fc.integer({ min: 1, max: 999 }), (bd, sex, serial) => {
      const r = parseCnp(syntheticCnp(bd, sex, serial));
      expect(r).toMatchObject({ ok: true, birthDate: bd, sex });
    }));
  });

  it('rejects any single-digit change of the check digit', () => {
    fc.assert(fc.property(birthDates, fc.integer({ min: 1, max: 9 }), (bd, delta) => {
      const cnp = syntheticCnp(bd, 'F', 7);
      const changed = `${cnp.slice(0, 12)}${(Number(cnp[12]) + delta) % 10}`;
      expect(isValidCnp(changed)).toBe(false);
    }));
  });

  it('computes the check digit with the official weights (remainder 10 becomes 1)', () => {
    expect(checkDigit('196050135001')).toBe(Number(syntheticCnp('1996-05-01', 'M', 1)[12]));
    expect(parseCnp('123')).toMatchObject({ ok: false, code: 'CNP_FORMAT' });
    expect(parseCnp(`5150230350010`)).toMatchObject({ ok: false, code: 'CNP_DATE' }); // 30 February
  });
});

describe('IBAN', () => {
  it('accepts synthetic Romanian IBANs in any spacing and refuses others', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
      const iban = syntheticRoIban(seed);
      expect(validateRoIban(iban.replace(/(.{4})/g, '$1 ').toLowerCase())).toEqual({ ok: true, iban });
    }));
    expect(validateRoIban('RO00DEMO0000000000000001')).toMatchObject({ ok: false, code: 'IBAN_INVALID' });
    expect(validateRoIban('DE89370400440532013000')).toMatchObject({ ok: false, code: 'IBAN_NOT_RO' });
  });
});

describe('one open case per child', () => {
  it('finds the same child whatever the diacritics (comma or cedilla) and case', () => {
    const a = identityKeys({ firstName: 'Ștefan', lastName: 'Țurcanu', birthDate: '2014-03-03' });
    const b = identityKeys({ firstName: 'stefan', lastName: 'TURCANU', birthDate: '2014-03-03' });
    const c = identityKeys({ firstName: 'Şerban', lastName: 'Ţurcanu', birthDate: '2014-03-03' });
    expect(a).toEqual(b);
    expect(normaliseName('Şerban Ţ')).toBe(normaliseName('Șerban Ț'));
    expect(c).not.toEqual(a);
  });

  it('adds the CNP key only for a valid CNP', () => {
    expect(identityKeys({ cnp: syntheticCnp('2014-03-03', 'M', 4), firstName: 'A', lastName: 'B', birthDate: '2014-03-03' })).toHaveLength(2);
    expect(identityKeys({ cnp: '1234567890123', firstName: 'A', lastName: 'B', birthDate: '2014-03-03' })).toHaveLength(1);
  });
});

describe('target group', () => {
  const base = { birthDate: '2012-06-15', referralDate: '2026-03-01', track: 'prevention' as const, residenceCity: 'Timisoara', inSpecialProtection: false, riskFactors: ['poverty'] };
  it('admits a child under 18 living in Timișoara with a risk factor', () => {
    expect(checkTargetGroup(base).eligible).toBe(true);
  });
  it('refuses at 18, outside Timișoara on prevention, without risk factor, or reintegration without special protection', () => {
    expect(checkTargetGroup({ ...base, birthDate: '2008-03-01' }).reasons.map((r) => r.code)).toContain('AGE_LIMIT');
    expect(checkTargetGroup({ ...base, residenceCity: 'Recaș' }).reasons.map((r) => r.code)).toContain('RESIDENCE');
    expect(checkTargetGroup({ ...base, riskFactors: [] }).reasons.map((r) => r.code)).toContain('NO_RISK_FACTOR');
    expect(checkTargetGroup({ ...base, track: 'reintegration', residenceCity: 'Lugoj' }).reasons.map((r) => r.code)).toEqual(['NOT_IN_SPECIAL_PROTECTION']);
  });
  it('counts age in whole years on the referral date', () => {
    expect(ageOn('2008-03-02', '2026-03-01')).toBe(17);
    expect(ageOn('2008-03-01', '2026-03-01')).toBe(18);
  });
});

describe('consent', () => {
  const given = { given: true, purposes: ['case_management', 'services', 'subsidy', 'data_processing'], date: '2026-01-10' };
  it('allows services and subsidy with valid consent, stops them after withdrawal', () => {
    const now = new Date('2026-02-01T10:00:00Z');
    expect(canStartServices(given, now)).toBe(true);
    expect(canPaySubsidy(given, now)).toBe(true);
    const withdrawn = { ...given, withdrawnAt: '2026-01-20T10:00:00Z', withdrawnPurposes: ['subsidy'] };
    expect(canPaySubsidy(withdrawn, now)).toBe(false);
    expect(canStartServices(withdrawn, now)).toBe(true);
    expect(consentStatus(undefined, 'services', now)).toBe('missing');
    expect(consentStatus({ ...given, expiresAt: '2026-01-31T00:00:00Z' }, 'services', now)).toBe('expired');
  });
});

describe('deadlines', () => {
  it('adds calendar months in Bucharest time, clamping to the month end', () => {
    expect(addMonthsBucharest(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    // across the spring DST change the wall-clock hour is kept
    expect(addMonthsBucharest(new Date('2026-03-01T10:00:00Z'), 1).toISOString()).toBe('2026-04-01T09:00:00.000Z');
  });
  it('never falls before the event that starts it, for every kind', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2025-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }), fc.constantFrom('homeVisit', 'initialEvaluation', 'planDrawUp', 'planApproval', 'review', 'postReintegrationMonitoring', 'closingEvaluation', 'observatorRegistration' as const), fc.constantFrom('PS' as const, 'PIP' as const), (d, kind, plan) => {
      const r = dueDate(kind as 'review', d.toISOString(), undefined, plan);
      expect(Date.parse(r.due)).toBeGreaterThan(d.getTime());
      expect(r.source.length).toBeGreaterThan(5);
    }));
  });
});
