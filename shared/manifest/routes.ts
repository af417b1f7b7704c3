/**
 * The one list of HTTP API routes. CDK adds each to the HTTP API (JWT authorizer unless `auth: 'none'`) and
 * integrates it with its function; the local runtime's HTTP server matches the same list and calls the same function
 * with an API Gateway v2 event. Every route names the policy action it needs (shared/platform/auth/policy.ts):
 * the authorization test walks this list, so a route without a policy cannot land.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. /cases/{caseId} */
  readonly path: string;
  readonly function: string;
  readonly operation: string;
  readonly auth: 'jwt' | 'none';
  /** policy action checked by the handler; 'public' only for auth: 'none' */
  readonly action: string;
  readonly summary: string;
}

import { coreRoutes } from '../cases/manifest.routes.js';
import { servicesRoutes } from '../services/manifest.routes.js';
import { subsidiesRoutes } from '../subsidies/manifest.routes.js';
import { reportsRoutes } from '../reports/manifest.routes.js';
import { importsRoutes } from '../imports/manifest.routes.js';
import { adminRoutes } from '../protection/manifest.routes.js';

/** All routes; each area keeps its own list in shared/config/areas/<area>.routes.ts. */
export const routes: readonly RouteDef[] = [...coreRoutes, ...servicesRoutes, ...subsidiesRoutes, ...reportsRoutes, ...importsRoutes, ...adminRoutes];

export function routeKey(r: Pick<RouteDef, 'method' | 'path'>): string {
  return `${r.method} ${r.path}`;
}

/** Match a concrete path against the route templates; returns the route and its path parameters. */
export function matchRoute(
  list: readonly RouteDef[],
  method: string,
  path: string,
): { route: RouteDef; pathParameters: Record<string, string> } | undefined {
  const segs = path.replace(/\/+$/, '').split('/');
  for (const route of list) {
    if (route.method !== method) continue;
    const tpl = route.path.split('/');
    if (tpl.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < tpl.length; i++) {
      const t = tpl[i]!;
      const s = segs[i]!;
      if (t.startsWith('{') && t.endsWith('}')) {
        if (!s) { ok = false; break; }
        params[t.slice(1, -1)] = decodeURIComponent(s);
      } else if (t !== s) { ok = false; break; }
    }
    if (ok) return { route, pathParameters: params };
  }
  return undefined;
}
