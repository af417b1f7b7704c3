import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { barLength, formatNumber, niceMax, percentOf, rowSentence, scaleMax, ticks } from './bar-chart.js';

describe('bar chart scale', () => {
  it('ends the scale on a round number at or above the largest value', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(-3)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(117)).toBe(200);
    expect(niceMax(187)).toBe(200);
    expect(niceMax(27)).toBe(50);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(1_725_600)).toBe(2_000_000);
    expect(niceMax(0.3)).toBe(0.5);
    fc.assert(fc.property(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), (n) => {
      const m = niceMax(n);
      expect(m).toBeGreaterThanOrEqual(n * (1 - 1e-9));
      expect(m).toBeLessThanOrEqual(n * 2.5 + 1e-9);
    }));
  });

  it('fits every value and every target, ignoring suppressed values', () => {
    expect(scaleMax([{ value: 12, target: 117 }, { value: 130, target: 60 }])).toBe(200);
    expect(scaleMax([{ value: null, target: 27 }])).toBe(50);
    expect(scaleMax([{ value: null, target: null }])).toBe(1);
    expect(scaleMax([])).toBe(1);
  });

  it('draws bars proportional to the value and never outside the plot', () => {
    expect(barLength(50, 200, 400)).toBe(100);
    expect(barLength(0, 200, 400)).toBe(0);
    expect(barLength(null, 200, 400)).toBe(0);
    expect(barLength(500, 200, 400)).toBe(400);
    expect(barLength(-5, 200, 400)).toBe(0);
    expect(barLength(5, 0, 400)).toBe(0);
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), (v, max) => {
      const l = barLength(v, max, 500);
      expect(l).toBeGreaterThanOrEqual(0);
      expect(l).toBeLessThanOrEqual(500);
    }));
  });

  it('puts the ticks at equal steps from 0 to the end of the scale', () => {
    expect(ticks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(ticks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(0.5)).toEqual([0, 0.125, 0.25, 0.375, 0.5]);
    for (const n of [1, 2, 3, 7, 27, 117, 187, 4314, 1_725_600]) for (const t of ticks(niceMax(n))) expect(Number.isInteger(t)).toBe(true);
    expect(ticks(2_000_000, 2)).toEqual([0, 1_000_000, 2_000_000]);
  });

  it('formats figures and the screen-reader sentence in Romanian', () => {
    expect(formatNumber(1_725_600)).toBe('1.725.600');
    expect(percentOf(12, 117)).toBe(10);
    expect(percentOf(null, 27)).toBeNull();
    expect(percentOf(3, 0)).toBeNull();
    expect(rowSentence({ key: 'a', label: 'Centre de zi', value: 12, display: '12', target: 117, targetDisplay: '117' }, 'copii')).toBe('Centre de zi: 12 copii din ținta 117 (10%)');
    expect(rowSentence({ key: 'b', label: 'din care copii romi', value: null, display: '<5', target: 27 }, 'copii')).toBe('din care copii romi: <5 copii din ținta 27');
    expect(rowSentence({ key: 'c', label: 'Echipa DAS', value: 3, display: '3' }, '')).toBe('Echipa DAS: 3');
  });
});
