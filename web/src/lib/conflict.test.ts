import { describe, expect, it } from 'vitest';
import { caseDiff, changedFields, consentDiff, differingPaths } from './conflict.js';

const base = {
  caseId: 'C1', version: 3, storageVersion: 9, updatedAt: '2026-12-01T10:00:00Z', stageLabel: 'Planificare',
  child: { firstName: 'Ana', lastName: 'Pop', birthDate: '2015-03-02', sex: 'F' },
  plan: { version: 1, objectives: [{ id: 'O1', text: 'Școală' }], services: ['cz-1'] },
  consent: { given: true, purposes: ['services'] },
  workflow: { seq: 4 },
};

describe('what someone else changed (409)', () => {
  it('lists the differing leaf paths, arrays element by element', () => {
    expect(differingPaths(base, base)).toEqual([]);
    expect(differingPaths({ a: [1, 2] }, { a: [1, 3, 4] })).toEqual(['a.1', 'a.2']);
    expect(differingPaths({ a: { b: 1 } }, { a: null })).toEqual(['a']);
    expect(differingPaths({}, { x: 1 })).toEqual(['x']);
  });

  it('names each change by its closest label, in the labels’ order, ignoring versions and timestamps', () => {
    const after = {
      ...base, version: 4, storageVersion: 12, updatedAt: '2026-12-01T11:00:00Z', stageLabel: 'Monitorizare', workflow: { seq: 5 },
      child: { ...base.child, firstName: 'Ana-Maria', sex: 'F' },
      plan: { ...base.plan, objectives: [{ id: 'O1', text: 'Școală și sport' }] },
    };
    expect(changedFields(base, after, caseDiff)).toEqual(['prenumele copilului', 'planul de servicii']);
  });

  it('names an unlabelled change, or a conflict with nothing visible changed, as the fallback', () => {
    expect(changedFields(base, { ...base, somethingNew: 1 }, caseDiff)).toEqual(['alte date ale cazului']);
    expect(changedFields(base, { ...base, version: 4, updatedAt: 'later' }, caseDiff)).toEqual(['alte date ale cazului']);
    expect(changedFields(base, { ...base, child: { ...base.child, sex: 'M' } }, caseDiff)).toEqual(['datele copilului']);
    expect(changedFields({ a: 1 }, { a: 2 }, { labels: {} })).toEqual([]);
  });

  it('reads the consent section: a withdrawal someone else recorded', () => {
    const before = { version: 2, consent: { given: true }, purposes: [{ purpose: 'services', state: 'valid' }], withdrawals: [] };
    const after = { version: 3, consent: { given: true }, purposes: [{ purpose: 'services', state: 'withdrawn' }], withdrawals: [{ date: '2026-12-01', purposes: ['services'] }] };
    expect(changedFields(before, after, consentDiff)).toEqual(['scopurile acordului', 'retragerile acordului']);
  });
});
