import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { href, matchPath, parseHash } from './router.js';

const patterns = [
  { key: 'home', pattern: '/' },
  { key: 'tasks', pattern: '/sarcini' },
  { key: 'task', pattern: '/sarcini/:taskId' },
  { key: 'case', pattern: '/cazuri/:caseId' },
] as const;

describe('hash router', () => {
  it('parses route hashes and ignores in-page anchors', () => {
    expect(parseHash('')?.path).toBe('/');
    expect(parseHash('#/')?.path).toBe('/');
    expect(parseHash('#/cazuri/01ABC/')?.path).toBe('/cazuri/01ABC');
    const q = parseHash('#/cazuri?vedere=institutie&etapa=planning')!;
    expect(q.path).toBe('/cazuri');
    expect(q.query.get('etapa')).toBe('planning');
    expect(parseHash('#continut')).toBeUndefined();
  });

  it('matches the addresses e-mails link to', () => {
    expect(matchPath(patterns, '/cazuri/01M82XFG7SPEXSDQWKASV12YW7')).toEqual({ key: 'case', params: { caseId: '01M82XFG7SPEXSDQWKASV12YW7' } });
    expect(matchPath(patterns, '/sarcini/T0123')).toEqual({ key: 'task', params: { taskId: 'T0123' } });
    expect(matchPath(patterns, '/sarcini')?.key).toBe('tasks');
    expect(matchPath(patterns, '/')?.key).toBe('home');
    expect(matchPath(patterns, '/subventii/R1')).toBeUndefined();
    expect(matchPath(patterns, '/cazuri/%E0%A4%A')).toBeUndefined(); // malformed escape: no match, no exception
  });

  it('href and matchPath round-trip any parameter value (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), (id) => {
      const h = href('/cazuri/:caseId', { caseId: id });
      const parsed = parseHash(h)!;
      expect(matchPath(patterns, parsed.path)).toEqual({ key: 'case', params: { caseId: id } });
    }));
  });

  it('adds only the query parameters that have a value', () => {
    expect(href('/cazuri', {}, { vedere: 'institutie', etapa: undefined, stare: '' })).toBe('#/cazuri?vedere=institutie');
    expect(href('/sarcini')).toBe('#/sarcini');
  });
});
