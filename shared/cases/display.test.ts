import { describe, expect, it } from 'vitest';
import type { Principal } from '../platform/auth/principal.js';
import type { CaseRecord } from './model.js';
import { ageLabel, childLabelFor, childLabelPolicy, nameFor } from './display.js';

const principal = (over: Partial<Principal>): Principal => ({ userId: 'u-x', username: 'x', displayName: 'X', roles: ['case_manager'], institution: 'DAS', services: [], ...over });
const aCase = {
  caseId: 'C1', caseNumber: 'VT-2026-00019', institution: 'DAS', sharedWith: [], caseManagerId: 'u-cm', services: ['cz-kuncz'],
  child: { firstName: 'Ana-Maria', lastName: 'Demoescu', birthDate: '2014-12-07' },
} as unknown as CaseRecord;

describe('child label in lists', () => {
  it('names the child in full for the case manager and the institution, in initials for service staff', () => {
    expect(nameFor(aCase.child, ['assigned'])).toBe('Ana-Maria Demoescu');
    expect(nameFor(aCase.child, ['same_institution'])).toBe('Ana-Maria Demoescu');
    expect(nameFor(aCase.child, ['enrolled_in_my_service'])).toBe('A.-M. D.');
    expect(nameFor(aCase.child, ['none'])).toBeUndefined();
  });

  it('follows the configured policy (initials for the institution when so configured)', () => {
    const strict = { ...childLabelPolicy, byRelation: { assigned: 'full' as const, same_institution: 'initials' as const } };
    expect(nameFor(aCase.child, ['same_institution'], strict)).toBe('A.-M. D.');
    expect(nameFor(aCase.child, ['assigned', 'same_institution'], strict)).toBe('Ana-Maria Demoescu');
    expect(nameFor(aCase.child, ['enrolled_in_my_service'], strict)).toBeUndefined();
  });

  it('computes the age in whole years on the Bucharest day given', () => {
    expect(ageLabel('2014-12-07', '2026-12-06')).toBe(11);
    expect(ageLabel('2014-12-07', '2026-12-07')).toBe(12);
    expect(ageLabel(undefined, '2026-12-07')).toBeNull();
    expect(ageLabel('2030-01-01', '2026-12-07')).toBeNull();
  });

  it('gives a label only to viewers the policy lets read the case', () => {
    expect(childLabelFor(principal({ userId: 'u-cm' }), aCase, '2026-12-06')).toEqual({ childLabel: 'Ana-Maria Demoescu', childAge: 11 });
    expect(childLabelFor(principal({ roles: ['coordinator'] }), aCase, '2026-12-06')?.childLabel).toBe('Ana-Maria Demoescu');
    expect(childLabelFor(principal({ roles: ['coordinator'], institution: 'DGASPC' }), aCase, '2026-12-06')).toBeUndefined();
    expect(childLabelFor(principal({ roles: ['centre_staff'], services: ['cz-kuncz'] }), aCase, '2026-12-06')?.childLabel).toBe('A.-M. D.');
    expect(childLabelFor(principal({ roles: ['centre_staff'], services: ['cz-sf-nicolae'] }), aCase, '2026-12-06')).toBeUndefined();
    expect(childLabelFor(principal({ roles: ['finance'] }), aCase, '2026-12-06')).toBeUndefined();
    // a DGASPC case manager assigned a task on a DAS case (transfer) sees it through the task's assignment
    expect(childLabelFor(principal({ userId: 'u-t', institution: 'DGASPC' }), aCase, '2026-12-06', ['u-t'])?.childLabel).toBe('Ana-Maria Demoescu');
  });
});
