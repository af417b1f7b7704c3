/**
 * What a route is, and how a concrete request finds its route. The list itself is gathered from the areas'
 * manifests in shared/manifest/routes.ts: CDK adds each route to the HTTP API (JWT authorizer unless `auth: 'none'`),
 * the local runtime's HTTP server matches the same list. Every route names the policy action it needs (the areas'
 * policy rows, gathered in shared/manifest/policy.ts): the authorization test walks the list, so a route without a
 * policy cannot land.
 */
import { decodeSegment } from './request.js';

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
        params[t.slice(1, -1)] = decodeSegment(s);
      } else if (t !== s) { ok = false; break; }
    }
    if (ok) return { route, pathParameters: params };
  }
  return undefined;
}
