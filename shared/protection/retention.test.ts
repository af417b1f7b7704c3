import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { retentionConfig, retentionPolicy, type RetentionPolicy } from './config.js';
import { REDACTED, anonymisationDueAt, anonymiseCase, initials, isDueForAnonymisation, retentionRunDetail, retentionRunsView, retentionStatus } from './retention.js';
import { fakeCase, identifyingStrings } from './test-fixtures.js';

const fiveYears: RetentionPolicy = { closedCaseYears: 5, closedCaseDays: null, notBefore: null };

describe('retention period', () => {
  it('comes from configuration with its legal basis, marked unconfirmed, and can be shortened through the environment', () => {
    expect(retentionConfig.closedCaseYears.confirmed).toBe(false);
    expect(retentionConfig.closedCaseYears.source).toMatch(/Legea 16\/1996/);
    expect(retentionConfig.keepProjectRecordsUntil.source).toMatch(/2021\/1060/);
    expect(retentionPolicy({})).toEqual({ closedCaseYears: retentionConfig.closedCaseYears.value, closedCaseDays: null, notBefore: retentionConfig.keepProjectRecordsUntil.value });
    expect(retentionPolicy({ VATRA_RETENTION_DAYS: '2', VATRA_RETENTION_NOT_BEFORE: 'none' })).toMatchObject({ closedCaseDays: 2, notBefore: null });
    expect(retentionPolicy({ VATRA_RETENTION_DAYS: '-1', VATRA_RETENTION_NOT_BEFORE: 'later' }).closedCaseDays).toBeNull();
  });

  it('is due only for closed, not yet anonymised cases after the period', () => {
    const c = fakeCase({ status: 'closed', closedAt: '2026-04-10T10:00:00Z' });
    expect(anonymisationDueAt(c, fiveYears)?.toISOString()).toBe('2031-04-10T10:00:00.000Z');
    expect(isDueForAnonymisation(c, new Date('2031-04-10T09:59:59Z'), fiveYears)).toBe(false);
    expect(isDueForAnonymisation(c, new Date('2031-04-10T10:00:00Z'), fiveYears)).toBe(true);
    expect(isDueForAnonymisation({ ...c, anonymisedAt: '2031-04-11T00:00:00Z' }, new Date('2032-01-01'), fiveYears)).toBe(false);
    expect(isDueForAnonymisation({ ...c, status: 'open' }, new Date('2040-01-01'), fiveYears)).toBe(false);
    expect(isDueForAnonymisation({ ...c, closedAt: undefined }, new Date('2040-01-01'), fiveYears)).toBe(false);
  });

  it('never anonymises before the project-records floor has passed (Bucharest midnight after the floor day)', () => {
    const c = fakeCase({ status: 'closed', closedAt: '2026-04-10T10:00:00Z' });
    const floor: RetentionPolicy = { ...fiveYears, notBefore: '2033-12-31' };
    // 2034-01-01 00:00 in Bucharest (winter, UTC+2) is 2033-12-31 22:00 UTC
    expect(anonymisationDueAt(c, floor)?.toISOString()).toBe('2033-12-31T22:00:00.000Z');
    expect(anonymisationDueAt({ ...c, closedAt: '2030-06-01T00:00:00Z' }, floor)?.toISOString()).toBe('2035-06-01T00:00:00.000Z');
    const days: RetentionPolicy = { closedCaseYears: 5, closedCaseDays: 2, notBefore: null };
    expect(anonymisationDueAt(c, days)?.toISOString()).toBe('2026-04-12T10:00:00.000Z');
  });
});

describe('anonymisation', () => {
  it('removes everything that identifies the family and keeps what the statistics need', () => {
    const c = fakeCase({ status: 'closed', closedAt: '2026-04-10T10:00:00Z', sharedWith: ['GAL'] });
    const a = anonymiseCase(c, new Date('2031-05-01T00:00:00Z'));
    const text = JSON.stringify(a);
    for (const s of identifyingStrings(c)) expect(text).not.toContain(s);
    expect(a.child).toEqual({ firstName: 'F.', lastName: 'T.', birthDate: '2015-04-01', sex: 'F', residenceCity: 'Timișoara', ethnicity: 'roma', disability: true, inSpecialProtection: false });
    expect(a.legalRepresentative).toEqual({ firstName: 'M.', lastName: 'T.', relation: 'mother' });
    expect(a.identityKeys).toEqual([]);
    expect(a.anonymisedAt).toBe('2031-05-01T00:00:00.000Z');
    // statistics
    for (const k of ['caseId', 'caseNumber', 'track', 'stage', 'status', 'institution', 'sharedWith', 'services', 'cohort', 'openedAt', 'closedAt', 'version', 'editVersion'] as const) expect(a[k]).toEqual(c[k]);
    expect(a.referral.riskFactors).toEqual(c.referral.riskFactors);
    expect(a.evaluation!.riskLevel).toBe('high');
    expect(a.evaluation!.needs).toEqual([REDACTED]);
    expect(a.plan!.objectives).toEqual([{ id: 'O1', text: REDACTED, indicator: REDACTED }]);
    expect(a.reviews.map((r) => r.decision)).toEqual(['close']);
    expect(a.closure!.reason).toBe('objectives_met');
  });

  it('is idempotent and leaves no identifying string whatever the names (property)', () => {
    const name = fc.stringMatching(/^[A-ZĂÂÎȘȚ][a-zăâîșț]{2,12}( [A-Z][a-z]{2,8})?$/);
    fc.assert(fc.property(name, name, fc.stringMatching(/^\+40 7\d{2} \d{3} \d{3}$/), (first, last, phone) => {
      const c = fakeCase({ status: 'closed', closedAt: '2026-04-10T10:00:00Z' });
      c.child = { ...c.child, firstName: first, lastName: last };
      c.legalRepresentative = { ...c.legalRepresentative, firstName: `${first}a`, lastName: last, phone };
      const once = anonymiseCase(c, new Date('2031-05-01T00:00:00Z'));
      const twice = anonymiseCase(once, new Date('2031-06-01T00:00:00Z'));
      expect(twice).toEqual({ ...once, updatedAt: '2031-06-01T00:00:00.000Z' });
      const text = JSON.stringify(once);
      for (const s of [first, last, phone, c.child.cnp!, c.legalRepresentative.iban!]) expect(text).not.toContain(s);
    }), { numRuns: 200 });
  });

  it('reduces names to initials', () => {
    expect(initials('Ana-Maria')).toBe('A.-M.');
    expect(initials('ștefan  ionuț')).toBe('Ș. I.');
    expect(initials('   ')).toBe('—');
  });
});

describe('retention status', () => {
  it('counts closed, anonymised and due cases per institution, without any case detail', () => {
    const now = new Date('2031-05-01T00:00:00Z');
    const cases = [
      fakeCase({ status: 'closed', closedAt: '2026-01-01T00:00:00Z' }),
      fakeCase({ status: 'closed', closedAt: '2026-05-20T00:00:00Z' }),
      fakeCase({ status: 'closed', closedAt: '2026-01-01T00:00:00Z', anonymisedAt: '2031-01-02T00:00:00Z' }),
      fakeCase({ status: 'closed', closedAt: '2027-01-01T00:00:00Z', institution: 'DGASPC' }),
      fakeCase({ status: 'open' }),
    ];
    const s = retentionStatus(cases, now, fiveYears);
    expect(s.institutions).toEqual([
      { institution: 'DAS', closed: 3, anonymised: 1, dueNow: 1, dueWithin30Days: 1 },
      { institution: 'DGASPC', closed: 1, anonymised: 0, dueNow: 0, dueWithin30Days: 0 },
    ]);
    expect(s.legalBasis).toHaveLength(2);
    expect(JSON.stringify(s)).not.toContain('Testescu');
  });
});

describe('retention runs (counts only)', () => {
  it('counts per institution what was due, anonymised, failed and the identity keys erased', () => {
    const d = retentionRunDetail(7, [
      { institution: 'GAL', anonymised: true, failed: false, identityKeys: 2 },
      { institution: 'DAS', anonymised: true, failed: false, identityKeys: 1 },
      { institution: 'DAS', anonymised: false, failed: true, identityKeys: 0 },
    ]);
    expect(d).toEqual({
      closedCases: 7, due: 3, anonymised: 2, failed: 1, identityKeysErased: 3,
      institutions: [{ institution: 'DAS', due: 2, anonymised: 1, failed: 1 }, { institution: 'GAL', due: 1, anonymised: 1, failed: 0 }],
    });
    expect(retentionRunDetail(4, [])).toMatchObject({ closedCases: 4, due: 0, anonymised: 0, institutions: [] });
  });

  it('reads runs back newest first, field by field: nothing but counts leaves, other entries are ignored', () => {
    const runs = retentionRunsView([
      { at: '2026-12-01T02:00:00.000Z', action: 'retention.run', detail: { closedCases: 3, due: 1, anonymised: 1, failed: 0, identityKeysErased: 2, institutions: [{ institution: 'DAS', due: 1, anonymised: 1, failed: 0, caseId: '01SECRET' }], caseIds: ['01SECRET'] } },
      { at: '2026-12-03T02:00:00.000Z', action: 'retention.run', detail: { closedCases: 3, due: 0, anonymised: 0, failed: 0 } },
      { at: '2026-12-02T02:00:00.000Z', action: 'retention.anonymise', detail: { closedAt: 'x' } },
      { at: '2026-12-02T02:00:00.000Z', action: 'retention.run', detail: { closedCases: -1, due: 'many' } },
    ]);
    expect(runs.map((r) => r.at)).toEqual(['2026-12-03T02:00:00.000Z', '2026-12-02T02:00:00.000Z', '2026-12-01T02:00:00.000Z']);
    expect(runs[1]).toMatchObject({ closedCases: 0, due: 0, identityKeysErased: 0, institutions: [] });
    expect(runs[2]!.institutions).toEqual([{ institution: 'DAS', due: 1, anonymised: 1, failed: 0 }]);
    expect(JSON.stringify(runs)).not.toContain('01SECRET');
  });
});
