import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canPaySubsidy,
  canStartServices,
  consentCheck,
  consentPurposeLabels,
  consentPurposes,
  consentRecordSchema,
  consentStatus,
  toConsentRecord,
  type ConsentRecord,
} from './consent.js';

const full: ConsentRecord = {
  purposes: ['case_management', 'services', 'subsidy', 'data_processing'],
  givenAt: '2026-01-10T09:00:00Z',
  givenBy: { relation: 'parent' },
};
const now = new Date('2026-02-01T10:00:00Z');

describe('consentStatus', () => {
  it('is valid for a given purpose after it was given, missing before or for other purposes', () => {
    expect(consentStatus(full, 'services', now)).toBe('valid');
    expect(consentStatus(full, 'photo', now)).toBe('missing');
    expect(consentStatus(full, 'services', '2026-01-10T08:59:59Z')).toBe('missing');
    expect(consentStatus(undefined, 'services', now)).toBe('missing');
    expect(consentStatus(null, 'services', now)).toBe('missing');
  });

  it('is withdrawn from the withdrawal on, for all purposes or only the listed ones', () => {
    const all = { ...full, withdrawnAt: '2026-01-20T10:00:00Z' };
    expect(consentStatus(all, 'services', '2026-01-20T09:59:59Z')).toBe('valid');
    expect(consentStatus(all, 'services', '2026-01-20T10:00:00Z')).toBe('withdrawn');
    const some: ConsentRecord = { ...all, withdrawnPurposes: ['subsidy'] };
    expect(consentStatus(some, 'subsidy', now)).toBe('withdrawn');
    expect(consentStatus(some, 'services', now)).toBe('valid');
  });

  it('expires at the instant given, or after the whole day given as a date (Bucharest)', () => {
    expect(consentStatus({ ...full, expiresAt: '2026-01-31T00:00:00Z' }, 'services', now)).toBe('expired');
    const byDate = { ...full, expiresAt: '2026-01-31' };
    expect(consentStatus(byDate, 'services', '2026-01-31T21:59:59Z')).toBe('valid'); // 23:59:59 in Bucharest
    expect(consentStatus(byDate, 'services', '2026-01-31T22:00:00Z')).toBe('expired');
  });

  it('counts a consent given on a date from the start of that Bucharest day', () => {
    const byDate = { ...full, givenAt: '2026-07-01' };
    expect(consentStatus(byDate, 'services', '2026-06-30T20:59:59Z')).toBe('missing');
    expect(consentStatus(byDate, 'services', '2026-06-30T21:00:00Z')).toBe('valid');
    expect(consentStatus(byDate, 'services', '2026-07-01')).toBe('valid');
  });

  it('treats an unreadable date conservatively', () => {
    expect(consentStatus({ ...full, givenAt: 'ieri' }, 'services', now)).toBe('missing');
    expect(consentStatus({ ...full, withdrawnAt: 'ieri' }, 'services', now)).toBe('withdrawn');
    expect(consentStatus({ ...full, expiresAt: 'cândva' }, 'services', now)).toBe('expired');
    expect(() => consentStatus(full, 'services', 'acum')).toThrow(RangeError);
  });

  it('puts missing before withdrawn before expired', () => {
    const c = { ...full, withdrawnAt: '2026-01-15T00:00:00Z', expiresAt: '2026-01-16T00:00:00Z' };
    expect(consentStatus(c, 'services', now)).toBe('withdrawn');
    expect(consentStatus(c, 'photo', now)).toBe('missing');
  });
});

describe('actions that need consent', () => {
  it('starts services only with case management + services + data processing valid', () => {
    expect(canStartServices(full, now)).toBe(true);
    for (const drop of ['case_management', 'services', 'data_processing'] as const) {
      expect(canStartServices({ ...full, purposes: full.purposes.filter((p) => p !== drop) }, now)).toBe(false);
    }
    expect(canStartServices({ ...full, purposes: ['case_management', 'services', 'data_processing'] }, now)).toBe(true);
  });

  it('pays the subsidy only with the subsidy consent valid', () => {
    expect(canPaySubsidy(full, now)).toBe(true);
    expect(canPaySubsidy({ ...full, withdrawnAt: '2026-01-20T10:00:00Z', withdrawnPurposes: ['subsidy'] }, now)).toBe(false);
    expect(canStartServices({ ...full, withdrawnAt: '2026-01-20T10:00:00Z', withdrawnPurposes: ['subsidy'] }, now)).toBe(true);
    expect(canPaySubsidy({ ...full, purposes: ['case_management'] }, now)).toBe(false);
  });

  it('explains in Romanian what is missing', () => {
    const r = consentCheck({ ...full, purposes: ['case_management'], withdrawnAt: '2026-01-20T10:00:00Z' }, ['case_management', 'services'], now);
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      { purpose: 'case_management', status: 'withdrawn', code: 'CONSENT_WITHDRAWN', message: 'Acordul pentru „Managementul cazului” a fost retras.' },
      { purpose: 'services', status: 'missing', code: 'CONSENT_MISSING', message: 'Lipsește acordul pentru „Participarea la serviciile proiectului”.' },
    ]);
  });

  it('property: once withdrawn, nothing that needs the purpose is allowed at any later moment', () => {
    const t0 = Date.parse('2026-01-10T09:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), fc.integer({ min: 0, max: 400 * 86_400_000 }), (w, later) => {
        const c = { ...full, withdrawnAt: new Date(t0 + w).toISOString() };
        const at = new Date(t0 + w + later);
        expect(canStartServices(c, at)).toBe(false);
        expect(canPaySubsidy(c, at)).toBe(false);
        expect(canPaySubsidy(c, new Date(t0 + w - 1))).toBe(w > 0);
      }),
    );
  });
});

describe('stored consents (case records)', () => {
  it('reads the shape the evaluation form stores', () => {
    const stored = { given: true, givenByRelation: 'parent', givenByName: 'Părinte Fictiv', date: '2026-01-10', purposes: ['case_management', 'services', 'subsidy', 'data_processing'] };
    expect(toConsentRecord(stored)).toEqual({ purposes: stored.purposes, givenAt: '2026-01-10', givenBy: { relation: 'parent', name: 'Părinte Fictiv' } });
    expect(canStartServices(stored, now)).toBe(true);
    expect(canPaySubsidy({ ...stored, withdrawnAt: '2026-01-20T10:00:00Z', withdrawnPurposes: ['subsidy'] }, now)).toBe(false);
    expect(canStartServices({ ...stored, given: false }, now)).toBe(false);
    expect(toConsentRecord({ ...stored, purposes: ['services', 'unknown'], givenByRelation: 'uncle' })).toMatchObject({ purposes: ['services'], givenBy: { relation: 'legal_representative' } });
  });
});

describe('catalogue and schema', () => {
  it('labels every purpose in Romanian', () => {
    for (const p of consentPurposes) expect(consentPurposeLabels[p].length).toBeGreaterThan(3);
    expect(consentPurposes).toEqual(expect.arrayContaining(['case_management', 'services', 'subsidy', 'data_processing', 'photo']));
  });

  it('validates a consent record', () => {
    expect(consentRecordSchema.safeParse(full).success).toBe(true);
    expect(consentRecordSchema.safeParse({ ...full, givenAt: '2026-13-01' }).success).toBe(false);
    expect(consentRecordSchema.safeParse({ ...full, purposes: [] }).success).toBe(false);
    expect(consentRecordSchema.safeParse({ ...full, purposes: ['marketing'] }).success).toBe(false);
    expect(consentRecordSchema.safeParse({ ...full, givenBy: { relation: 'neighbour' } }).success).toBe(false);
  });
});
