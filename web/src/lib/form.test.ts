import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { fieldId, getAt, nextObjectiveId, prune, serverErrors, setAt, validate, zodErrors } from './form.js';

describe('form paths', () => {
  it('reads and writes nested objects and arrays by dotted path without mutating the original', () => {
    const before = { child: { firstName: 'Ana' }, objectives: [{ id: 'O1', text: 'a' }] };
    const after = setAt(before, 'objectives.0.text', 'b');
    expect(getAt(after, 'objectives.0.text')).toBe('b');
    expect(before.objectives[0]!.text).toBe('a');
    expect(after.child).toBe(before.child); // untouched branches are shared
    expect(Array.isArray(after.objectives)).toBe(true);
  });

  it('creates missing branches (arrays for numeric segments)', () => {
    const v = setAt<Record<string, unknown>>({}, 'needs.1', 'x');
    expect(Array.isArray(v.needs)).toBe(true);
    expect(getAt(v, 'needs.1')).toBe('x');
    expect(getAt(v, 'needs.0.deep')).toBeUndefined();
  });

  it('setAt then getAt returns the value for any path, and leaves other paths alone (property)', () => {
    const seg = fc.oneof(fc.constantFrom('a', 'b', 'child', 'form'), fc.nat(3).map(String));
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 4 }), fc.string(), (segs, value) => {
        const path = segs.join('.');
        const base = { other: { keep: 1 } };
        const next = setAt(base, path, value);
        expect(getAt(next, path)).toBe(value);
        if (segs[0] !== 'other') expect(getAt(next, 'other.keep')).toBe(1);
        expect(base).toEqual({ other: { keep: 1 } });
      }),
    );
  });

  it('turns a path into a DOM id', () => {
    expect(fieldId('objectives.0.text')).toBe('f-objectives-0-text');
    expect(fieldId('child.birthDate')).toBe('f-child-birthDate');
  });
});

describe('prune', () => {
  it('drops empty strings from objects but keeps array positions, booleans and numbers', () => {
    expect(prune({ a: '', b: ' ', c: 'x', d: false, e: 0, f: ['', 'y'], g: { h: '' } })).toEqual({ c: 'x', d: false, e: 0, f: [undefined, 'y'], g: {} });
  });
});

describe('errors', () => {
  const schema = z.object({ name: z.string().min(3, 'Prea scurt'), items: z.array(z.string().min(1, 'Gol')).min(1, 'Cel puțin unul') });

  it('keeps the first message per path', () => {
    const r = schema.safeParse({ name: 'a', items: [] });
    expect(r.success).toBe(false);
    expect(zodErrors(r.error!)).toEqual({ name: 'Prea scurt', items: 'Cel puțin unul' });
  });

  it('validates pruned values: an empty optional field is accepted, an empty required one is not', () => {
    const s = z.object({ a: z.string().min(1), b: z.string().regex(/^\d{13}$/).optional() });
    expect(validate(s, { a: 'x', b: '' })).toEqual({ ok: true, data: { a: 'x' } });
    const r = validate(s, { a: '', b: '' });
    expect(r.ok).toBe(false);
    expect(Object.keys((r as { errors: object }).errors)).toEqual(['a']);
  });

  it('maps API field paths to form paths, removing the task prefix', () => {
    expect(serverErrors([{ path: 'form.objectives.0.text', message: 'm1' }, { path: 'form.reviewDate', message: 'm2' }, { path: 'expectedVersion', message: 'm3' }], 'form')).toEqual({
      'objectives.0.text': 'm1',
      reviewDate: 'm2',
      expectedVersion: 'm3',
    });
    expect(serverErrors([{ path: 'child.birthDate', message: 'm' }])).toEqual({ 'child.birthDate': 'm' });
    expect(serverErrors(undefined)).toEqual({});
  });
});

describe('nextObjectiveId', () => {
  it('gives the lowest free O<n>', () => {
    expect(nextObjectiveId([])).toBe('O1');
    expect(nextObjectiveId(['O1', 'O2'])).toBe('O3');
    expect(nextObjectiveId(['O2', 'O3'])).toBe('O1');
  });

  it('never repeats an id in use (property)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 30 }).map((n) => `O${n}`)), (used) => {
      expect(used).not.toContain(nextObjectiveId(used));
    }));
  });
});
