import { describe, expect, it } from 'vitest';
import { childWithAge } from './child-label.js';
import { casesSummary } from './cases.js';

describe('children and counts in the lists', () => {
  it('names the child with the age in Romanian plural forms', () => {
    expect(childWithAge('Ana Demoescu', 11)).toBe('Ana Demoescu, 11 ani');
    expect(childWithAge('A. D.', 1)).toBe('A. D., 1 an');
    expect(childWithAge('A. D.', 20)).toBe('A. D., 20 de ani');
    expect(childWithAge('A. D.', null)).toBe('A. D.');
  });

  it('counts the cases with the right agreement', () => {
    expect(casesSummary(1, false)).toBe('Un caz alocat mie.');
    expect(casesSummary(1, true)).toBe('Un caz al instituției.');
    expect(casesSummary(2, false)).toBe('2 cazuri alocate mie.');
    expect(casesSummary(30, true)).toBe('30 de cazuri ale instituției.');
    expect(casesSummary(0, true)).toBe('Niciun caz nu corespunde filtrelor.');
  });
});
