import { describe, expect, it } from 'vitest';
import { countRo, nouns, partOf, pluralCategory } from './plural.js';

describe('Romanian plural forms', () => {
  it('uses the three Romanian categories', () => {
    expect([0, 1, 2, 19, 20, 100, 101, 119, 120].map(pluralCategory)).toEqual(['few', 'one', 'few', 'few', 'other', 'other', 'few', 'few', 'other']);
  });

  it('writes counts as a Romanian reader expects', () => {
    expect(countRo(1, nouns.objective)).toBe('1 obiectiv');
    expect(countRo(2, nouns.service)).toBe('2 servicii');
    expect(countRo(0, nouns.case)).toBe('0 cazuri');
    expect(countRo(20, nouns.child)).toBe('20 de copii');
    expect(countRo(101, nouns.child)).toBe('101 copii');
    expect(countRo(266, nouns.child)).toBe('266 de copii');
    expect(countRo(12_345, nouns.month)).toBe('12.345 de luni');
  });

  it('writes exactly one in words when asked', () => {
    expect(countRo(1, nouns.case, { words: true })).toBe('un caz');
    expect(countRo(1, nouns.task, { words: true })).toBe('o sarcină');
    expect(countRo(3, nouns.task, { words: true })).toBe('3 sarcini');
  });

  it('writes a part of a whole with the noun agreeing with the whole', () => {
    expect(partOf(3, 20, { one: 'copil marcat', many: 'copii marcați' })).toBe('3 din 20 de copii marcați');
    expect(partOf(1, 1, nouns.child)).toBe('1 din 1 copil');
    expect(partOf(0, 7, nouns.payment)).toBe('0 din 7 plăți');
  });
});
