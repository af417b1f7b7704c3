/**
 * Every API route meant for people has a page that calls it: the table in route-pages.ts against the route
 * definitions of shared/manifest, and each named file against its source (the call's method and every literal segment
 * of the route's path, in one `api.<method>(…)` call or a path variable built in the same file).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeKey, routes } from '../../shared/manifest/routes.js';
import { routePages } from './route-pages.js';
import { pages } from './routes.js';

const src = resolve(fileURLToPath(import.meta.url), '..');
const peopleRoutes = routes.filter((r) => r.auth === 'jwt');
const methodCall: Record<string, RegExp> = {
  GET: /api\s*\.\s*(get|download)\b/,
  POST: /api\s*\.\s*post\b/,
  PUT: /api\s*\.\s*put\b/,
  PATCH: /api\s*\.\s*patch\b/,
  DELETE: /api\s*\.\s*delete\b/,
};

/** Does `source` call the route: its method, and each literal path segment as `/segment` followed by a path end. */
function callsRoute(source: string, method: string, path: string): boolean {
  if (!methodCall[method]?.test(source)) return false;
  const literals = path.split('/').filter((s) => s && !s.startsWith('{'));
  return literals.every((seg) => new RegExp(`/${seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[/?'"\`$]|$)`, 'm').test(source));
}

describe('every API route meant for people has a page', () => {
  it('has a row for every route with a token, and no row for a route that does not exist', () => {
    const keys = new Set(peopleRoutes.map(routeKey));
    const missing = [...keys].filter((k) => !routePages[k]);
    const stale = Object.keys(routePages).filter((k) => !keys.has(k));
    expect(missing, `routes without a page (add the page, then its row in web/src/route-pages.ts):\n${missing.join('\n')}`).toEqual([]);
    expect(stale, 'rows for routes that no longer exist').toEqual([]);
  });

  it('names pages of the page table, and files that call the route', () => {
    const problems: string[] = [];
    for (const r of peopleRoutes) {
      const row = routePages[routeKey(r)];
      if (!row) continue;
      if (row.page !== 'shell' && !pages.some((p) => p.key === row.page)) problems.push(`${routeKey(r)}: no page "${row.page}" in routes.tsx`);
      let source = '';
      try {
        source = readFileSync(join(src, row.file), 'utf8');
      } catch {
        problems.push(`${routeKey(r)}: ${row.file} does not exist`);
        continue;
      }
      if (!callsRoute(source, r.method, r.path)) problems.push(`${routeKey(r)}: ${row.file} does not call it`);
    }
    expect(problems).toEqual([]);
  });

  it('recognises a call, and refuses a file that does not make it', () => {
    expect(callsRoute("api.post(`/months/${m}/close`, {})", 'POST', '/months/{month}/close')).toBe(true);
    expect(callsRoute("api.get(`/months/${m}/corrections`)", 'POST', '/months/{month}/close')).toBe(false);
    expect(callsRoute("api.get('/roma-plan')", 'GET', '/roma-plan/{year}/export')).toBe(false);
    expect(callsRoute("api.download(`/audit/export?month=${month}`)", 'GET', '/audit/export')).toBe(true);
  });
});
