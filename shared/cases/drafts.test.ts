import { describe, expect, it } from 'vitest';
import { draftLimits, draftProblems } from './drafts.js';
import { taskFormSchema } from './model.js';

const evaluation = taskFormSchema('evaluation');

describe('task drafts', () => {
  it('accepts work in progress: empty, partial, incomplete fields', () => {
    expect(draftProblems(evaluation, {})).toEqual([]);
    expect(draftProblems(evaluation, { familySituation: 'Familie monoparentală (date fictive).', riskLevel: 'medium' })).toEqual([]);
    expect(draftProblems(evaluation, { familySituation: 'Fam' })).toEqual([]); // too short yet
    expect(draftProblems(evaluation, { familySituation: '', riskLevel: '' })).toEqual([]); // empty inputs
  });

  it('refuses what the form could never hold', () => {
    expect(draftProblems(evaluation, { $where: 'x' })[0]?.code).toBe('unrecognized_keys');
    expect(draftProblems(evaluation, JSON.parse('{"__proto__":{"admin":true}}'))[0]?.code).toBe('unrecognized_keys');
    expect(draftProblems(evaluation, { unknownField: 'x' }).length).toBeGreaterThan(0);
    expect(draftProblems(evaluation, { familySituation: 'a\u0000b' })[0]).toMatchObject({ path: 'familySituation', code: 'invalid_string' });
    expect(draftProblems(evaluation, { familySituation: 'a\uD800b' })[0]?.message).toMatch(/Unicode/);
    expect(draftProblems(evaluation, { needs: Array(10_000).fill('x') })[0]).toMatchObject({ path: 'needs', code: 'too_big' });
    expect(draftProblems(evaluation, { familySituation: 42 })[0]?.code).toBe('invalid_type');
    expect(draftProblems(evaluation, { riskLevel: 'apocalyptic' }).length).toBeGreaterThan(0);
    expect(draftProblems(evaluation, { familySituation: 'ș'.repeat(40_000) })[0]?.code).toBe('too_big');
    const deep = JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`);
    expect(draftProblems(evaluation, { consent: deep }).length).toBeGreaterThan(0);
    expect(draftProblems(evaluation, 'text').length).toBeGreaterThan(0);
    expect(draftLimits.maxBytes).toBe(65_536);
  });

  it('keeps a Romanian message per field', () => {
    const [p] = draftProblems(evaluation, { familySituation: 'a\u0000' });
    expect(p?.message).toBe('Textul conține caractere de control nepermise');
  });
});
