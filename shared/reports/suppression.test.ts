import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suppressCount, suppressSmallCounts } from './suppression.js';

describe('small-count suppression of ethnicity figures', () => {
  it('hides counts below 5 that involve ethnicity and shows everything else', () => {
    expect(suppressCount(4, true)).toEqual({ value: null, suppressed: true, display: '<5' });
    expect(suppressCount(0, true).suppressed).toBe(true);
    expect(suppressCount(5, true)).toEqual({ value: 5, suppressed: false, display: '5' });
    expect(suppressCount(3, false)).toEqual({ value: 3, suppressed: false, display: '3' });
  });

  it('hides a second part when one hidden part could be worked out from the total', () => {
    const r = suppressSmallCounts(27, { DAS: 20, DGASPC: 3, GAL: 4 }, true);
    expect(r.total.display).toBe('27');
    expect(r.parts.DGASPC.suppressed && r.parts.GAL.suppressed).toBe(true);
    expect(r.parts.DAS.display).toBe('20');
    const one = suppressSmallCounts(30, { DAS: 20, DGASPC: 2, GAL: 8 }, true);
    expect(one.parts.DGASPC.suppressed).toBe(true);
    expect(one.parts.GAL.suppressed).toBe(true); // the smallest shown part goes with it
    expect(one.parts.DAS.suppressed).toBe(false);
  });

  it('leaves figures that are not about ethnicity alone', () => {
    const r = suppressSmallCounts(3, { DAS: 1, DGASPC: 2, GAL: 0 }, false);
    expect([r.total.value, r.parts.DAS.value, r.parts.DGASPC.value, r.parts.GAL.value]).toEqual([3, 1, 2, 0]);
  });

  it('never shows a small count and never leaves exactly one hidden part under a shown total (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 6 }), (vals) => {
      const parts = Object.fromEntries(vals.map((v, i) => [`p${i}`, v]));
      const total = vals.reduce((a, b) => a + b, 0);
      const r = suppressSmallCounts(total, parts, true);
      const cells = [r.total, ...Object.values(r.parts)];
      for (const c of cells) if (!c.suppressed) expect(c.value).toBeGreaterThanOrEqual(5);
      const hidden = Object.values(r.parts).filter((c) => c.suppressed).length;
      if (!r.total.suppressed && vals.length > 1) expect(hidden).not.toBe(1);
      // shown values are the true values
      Object.entries(r.parts).forEach(([k, c]) => { if (!c.suppressed) expect(c.value).toBe(parts[k]); });
    }));
  });
});
